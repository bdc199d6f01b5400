package org.hiremarket.core.internal.rest;

import javax.ws.rs.Consumes;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;

import org.hiremarket.core.internal.common.Page;
import org.hiremarket.core.internal.identity.Caller;
import org.hiremarket.core.internal.identity.Scope;
import org.hiremarket.core.internal.posting.PostingService;
import org.hiremarket.core.internal.posting.PostingViews.PostingView;

/**
 * Job ads on job boards, of the caller's company. A job is posted on
 * {@code POST /jobs/{id}/postings}; here they are listed, read with their history, and withdrawn.
 */
@Path("/postings")
@Requires(Scope.JOBS_READ)
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class PostingResource {

    private final PostingService postings;

    PostingResource(PostingService postings) {
        this.postings = postings;
    }

    @GET
    public Page<PostingView> list(@Context Caller caller, @QueryParam("connectionId") String connectionId,
            @QueryParam("status") String status, @QueryParam("offset") String offset,
            @QueryParam("limit") String limit) {
        return postings.list(caller, connectionId, status, Params.page(offset, limit));
    }

    @GET
    @Path("/{id}")
    public PostingView get(@Context Caller caller, @PathParam("id") String id) {
        return postings.get(caller, id);
    }

    /** Takes the ad down: shown {@code WITHDRAWN} at once, the board is told. */
    @POST
    @Path("/{id}/withdraw")
    @Requires(Scope.JOBS_MANAGE)
    public PostingView withdraw(@Context Caller caller, @PathParam("id") String id) {
        return postings.withdraw(caller, id);
    }
}
