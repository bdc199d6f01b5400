package org.hiremarket.core.internal.rest;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;

import org.hiremarket.core.internal.agency.AgencyConversations;
import org.hiremarket.core.internal.agency.AgencyConversations.StoryView;
import org.hiremarket.core.internal.common.Page;
import org.hiremarket.core.internal.identity.Caller;
import org.hiremarket.core.internal.identity.Scope;

/** A user's activity feed: agencies' messages about the jobs they sent, proposals to the company. */
@Path("/feed")
@Produces(MediaType.APPLICATION_JSON)
public class FeedResource {

    private final AgencyConversations conversations;

    FeedResource(AgencyConversations conversations) {
        this.conversations = conversations;
    }

    /** Newest first: the caller's own stories (a person) and the company's. */
    @GET
    @Requires(Scope.JOBS_READ)
    public Page<StoryView> feed(@Context Caller caller, @QueryParam("offset") String offset,
            @QueryParam("limit") String limit) {
        return conversations.clientFeed(caller, Params.page(offset, limit));
    }
}
