package org.hiremarket.core.internal.rest;

import java.util.Map;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.UriInfo;

import org.hiremarket.api.integration.IntegrationKind;
import org.hiremarket.core.internal.common.Page;
import org.hiremarket.core.internal.identity.Scope;
import org.hiremarket.core.internal.marketplace.MarketplaceService;
import org.hiremarket.core.internal.marketplace.Views.IntegrationView;
import org.hiremarket.core.internal.marketplace.Views.Listing;
import org.hiremarket.core.internal.partner.OfferService;

/** The marketplace as customers see it: integrations deployed and activated by the platform admin. */
@Path("/integrations")
@Requires(Scope.INTEGRATIONS_MANAGE)
@Produces(MediaType.APPLICATION_JSON)
public class IntegrationResource {

    private final MarketplaceService marketplace;
    private final OfferService offers;

    IntegrationResource(MarketplaceService marketplace, OfferService offers) {
        this.marketplace = marketplace;
        this.offers = offers;
    }

    /** Each integration with the partner behind it and its approved offers (none until an offer naming it is approved). */
    @GET
    public Page<IntegrationView> list(@QueryParam("kind") String kind, @QueryParam("offset") String offset,
            @QueryParam("limit") String limit, @Context UriInfo uri) {
        Page<IntegrationView> page = marketplace.listOffered(Params.enumValue("kind", kind, IntegrationKind.class),
                Params.page(offset, limit));
        Map<String, Listing> listings = offers.listings(page.content().stream().map(IntegrationView::id).toList(),
                Links.base(uri));
        return page.map(v -> v.listed(listings.get(v.id())));
    }

    @GET
    @Path("/{id}")
    public IntegrationView get(@PathParam("id") String id, @Context UriInfo uri) {
        IntegrationView v = marketplace.getOffered(id);
        return v.listed(offers.listing(v.id(), Links.base(uri)).orElse(null));
    }
}
