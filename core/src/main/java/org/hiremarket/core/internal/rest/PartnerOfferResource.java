package org.hiremarket.core.internal.rest;

import javax.ws.rs.Consumes;
import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.PATCH;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.UriInfo;

import org.hiremarket.core.internal.common.Page;
import org.hiremarket.core.internal.identity.PartnerCaller;
import org.hiremarket.core.internal.partner.OfferService;
import org.hiremarket.core.internal.partner.OfferStatus;
import org.hiremarket.core.internal.partner.PartnerViews.OfferIn;
import org.hiremarket.core.internal.partner.PartnerViews.OfferView;

import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

/** A partner's offers: written, submitted for approval, withdrawn; always with their approval status. */
@Path("/partner/offers")
@PartnerApi
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class PartnerOfferResource {

    private final OfferService offers;

    PartnerOfferResource(OfferService offers) {
        this.offers = offers;
    }

    @GET
    public Page<OfferView> list(@Context PartnerCaller caller, @QueryParam("status") String status,
            @QueryParam("offset") String offset, @QueryParam("limit") String limit) {
        return offers.list(caller, Params.enumValue("status", status, OfferStatus.class), Params.page(offset, limit));
    }

    @POST
    @ApiResponse(responseCode = "201", description = "The offer, a draft",
            content = @Content(schema = @Schema(implementation = OfferView.class)))
    public Response create(@Context PartnerCaller caller, @Context UriInfo uri, OfferIn body) {
        OfferView o = offers.create(caller, Params.body(body));
        return Response.created(Links.under(uri, "partner", "offers", o.id())).entity(o).build();
    }

    @GET
    @Path("/{id}")
    public OfferView get(@Context PartnerCaller caller, @PathParam("id") String id) {
        return offers.get(caller, id);
    }

    @PATCH
    @Path("/{id}")
    @Consumes({ MediaType.APPLICATION_JSON, "application/merge-patch+json" })
    public OfferView update(@Context PartnerCaller caller, @PathParam("id") String id, OfferIn body) {
        return offers.update(caller, id, Params.body(body));
    }

    @POST
    @Path("/{id}/submit")
    public OfferView submit(@Context PartnerCaller caller, @PathParam("id") String id) {
        return offers.submit(caller, id);
    }

    @POST
    @Path("/{id}/withdraw")
    public OfferView withdraw(@Context PartnerCaller caller, @PathParam("id") String id) {
        return offers.withdraw(caller, id);
    }

    @DELETE
    @Path("/{id}")
    public void delete(@Context PartnerCaller caller, @PathParam("id") String id) {
        offers.delete(caller, id);
    }
}
