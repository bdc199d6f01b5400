package org.hiremarket.core.internal.rest;

import java.util.List;

import javax.ws.rs.Consumes;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.PUT;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.UriInfo;

import org.hiremarket.core.internal.agency.AgencyConversations;
import org.hiremarket.core.internal.agency.AgencyConversations.MessageIn;
import org.hiremarket.core.internal.agency.AgencyConversations.MessageView;
import org.hiremarket.core.internal.agency.AgencyConversations.ProposalView;
import org.hiremarket.core.internal.agency.AgencyService;
import org.hiremarket.core.internal.agency.AgencyViews.AgencyView;
import org.hiremarket.core.internal.agency.AgencyViews.AssignmentView;
import org.hiremarket.core.internal.agency.AgencyViews.InvitationIn;
import org.hiremarket.core.internal.agency.AgencyViews.InvitationView;
import org.hiremarket.core.internal.agency.AgencyViews.RatingIn;
import org.hiremarket.core.internal.agency.AssignmentStatus;
import org.hiremarket.core.internal.common.Page;
import org.hiremarket.core.internal.identity.Caller;
import org.hiremarket.core.internal.identity.Scope;

import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

/** Customers and agencies: invitations, the agencies a company can send jobs to, and its assignments. */
@Path("/agencies")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AgencyResource {

    private final AgencyService agencies;
    private final AgencyConversations conversations;

    AgencyResource(AgencyService agencies, AgencyConversations conversations) {
        this.agencies = agencies;
        this.conversations = conversations;
    }

    @GET
    @Requires(Scope.JOBS_READ)
    public List<AgencyView> list(@Context Caller caller, @Context UriInfo uri) {
        return agencies.agencies(caller, Links.base(uri));
    }

    @POST
    @Path("/invitations")
    @Requires(Scope.JOBS_MANAGE)
    @ApiResponse(responseCode = "201", description = "The invitation; the agency is mailed a token",
            content = @Content(schema = @Schema(implementation = InvitationView.class)))
    public Response invite(@Context Caller caller, @Context UriInfo uri, InvitationIn body) {
        InvitationView i = agencies.invite(caller, Params.body(body).email());
        return Response.created(Links.under(uri, "agencies", "invitations")).entity(i).build();
    }

    @GET
    @Path("/invitations")
    @Requires(Scope.JOBS_READ)
    public List<InvitationView> invitations(@Context Caller caller) {
        return agencies.invitations(caller);
    }

    /** The company's assignments to agencies, newest first (a job's own: {@code GET /jobs/{id}/assignments}). */
    @GET
    @Path("/assignments")
    @Requires(Scope.JOBS_READ)
    public Page<AssignmentView> assignments(@Context Caller caller, @QueryParam("status") String status,
            @QueryParam("offset") String offset, @QueryParam("limit") String limit) {
        return agencies.list(caller, Params.enumValue("status", status, AssignmentStatus.class),
                Params.page(offset, limit));
    }

    @GET
    @Path("/assignments/{id}")
    @Requires(Scope.JOBS_READ)
    public AssignmentView assignment(@Context Caller caller, @PathParam("id") String id) {
        return agencies.get(caller, id);
    }

    @POST
    @Path("/assignments/{id}/cancel")
    @Requires(Scope.JOBS_MANAGE)
    public AssignmentView cancel(@Context Caller caller, @PathParam("id") String id) {
        return agencies.cancel(caller, id);
    }

    @PUT
    @Path("/assignments/{id}/submissions/{submissionId}/rating")
    @Requires(Scope.CANDIDATES_MANAGE)
    public AssignmentView rate(@Context Caller caller, @PathParam("id") String id,
            @PathParam("submissionId") String submissionId, RatingIn body) {
        return agencies.rate(caller, id, submissionId, Params.body(body).rating());
    }

    /** Writes to the agency about an assignment, or replies to one of its messages ({@code inReplyTo}). */
    @POST
    @Path("/assignments/{id}/messages")
    @Requires(Scope.JOBS_MANAGE)
    @ApiResponse(responseCode = "201", description = "The message, sent to the agency's feed",
            content = @Content(schema = @Schema(implementation = MessageView.class)))
    public Response message(@Context Caller caller, @Context UriInfo uri, @PathParam("id") String id, MessageIn body) {
        MessageView m = conversations.fromClient(caller, id, Params.body(body));
        return Response.created(Links.under(uri, "agencies", "assignments", id, "messages")).entity(m).build();
    }

    @GET
    @Path("/assignments/{id}/messages")
    @Requires(Scope.JOBS_READ)
    public List<MessageView> messages(@Context Caller caller, @PathParam("id") String id) {
        return conversations.messagesForClient(caller, id);
    }

    @GET
    @Path("/proposals")
    @Requires(Scope.JOBS_READ)
    public List<ProposalView> proposals(@Context Caller caller) {
        return conversations.proposalsToCompany(caller);
    }

    @POST
    @Path("/proposals/{id}/accept")
    @Requires(Scope.JOBS_MANAGE)
    public ProposalView accept(@Context Caller caller, @PathParam("id") String id) {
        return conversations.accept(caller, id);
    }

    @POST
    @Path("/proposals/{id}/decline")
    @Requires(Scope.JOBS_MANAGE)
    public ProposalView decline(@Context Caller caller, @PathParam("id") String id) {
        return conversations.decline(caller, id);
    }
}
