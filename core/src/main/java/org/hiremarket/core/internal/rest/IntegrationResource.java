package org.hiremarket.core.internal.rest;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.MediaType;

import org.hiremarket.api.integration.IntegrationKind;
import org.hiremarket.core.internal.common.Page;
import org.hiremarket.core.internal.identity.Scope;
import org.hiremarket.core.internal.marketplace.MarketplaceService;
import org.hiremarket.core.internal.marketplace.Views.IntegrationView;

/** The marketplace as customers see it: integrations deployed and activated by the platform admin. */
@Path("/integrations")
@Requires(Scope.INTEGRATIONS_MANAGE)
@Produces(MediaType.APPLICATION_JSON)
public class IntegrationResource {

    private final MarketplaceService marketplace;

    IntegrationResource(MarketplaceService marketplace) {
        this.marketplace = marketplace;
    }

    @GET
    public Page<IntegrationView> list(@QueryParam("kind") String kind, @QueryParam("offset") String offset,
            @QueryParam("limit") String limit) {
        return marketplace.listOffered(Params.enumValue("kind", kind, IntegrationKind.class),
                Params.page(offset, limit));
    }

    @GET
    @Path("/{id}")
    public IntegrationView get(@PathParam("id") String id) {
        return marketplace.getOffered(id);
    }
}
