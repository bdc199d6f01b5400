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

import java.util.List;

import javax.ws.rs.core.Response;
import javax.ws.rs.core.UriInfo;

import org.hiremarket.core.internal.agency.AgencyConversations;
import org.hiremarket.core.internal.agency.AgencyConversations.MessageIn;
import org.hiremarket.core.internal.agency.AgencyConversations.MessageView;
import org.hiremarket.core.internal.agency.AgencyConversations.ProposalIn;
import org.hiremarket.core.internal.agency.AgencyConversations.ProposalView;
import org.hiremarket.core.internal.agency.AgencyConversations.StoryView;
import org.hiremarket.core.internal.agency.AgencyService;
import org.hiremarket.core.internal.agency.ResumeDrafts;
import org.hiremarket.core.internal.agency.ResumeDrafts.SubmissionDraft;

import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.hiremarket.core.internal.agency.AgencyViews.AcceptIn;
import org.hiremarket.core.internal.agency.AgencyViews.AcceptedView;
import org.hiremarket.core.internal.agency.AgencyViews.AgencyAssignmentRow;
import org.hiremarket.core.internal.agency.AgencyViews.AgencyAssignmentView;
import org.hiremarket.core.internal.agency.AgencyViews.DashboardView;
import org.hiremarket.core.internal.agency.AgencyViews.SubmissionIn;
import org.hiremarket.core.internal.agency.AgencyViews.SubmissionResult;
import org.hiremarket.core.internal.agency.AssignmentStatus;
import org.hiremarket.core.internal.common.Page;
import org.hiremarket.core.internal.identity.PartnerCaller;

/** The recruiter portal: invitations, assignments, candidate submissions and the dashboard of an agency. */
@Path("/partner/agency")
@PartnerApi
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class PartnerAgencyResource {

    private final AgencyService agencies;
    private final AgencyConversations conversations;
    private final ResumeDrafts resumes;

    PartnerAgencyResource(AgencyService agencies, AgencyConversations conversations, ResumeDrafts resumes) {
        this.agencies = agencies;
        this.conversations = conversations;
        this.resumes = resumes;
    }

    /**
     * Parses an uploaded resume (its bytes as the body; the file name in the query, as a hint) into a
     * draft of a submission: check it, complete it, then submit it to the assignment. Nothing is stored.
     */
    @POST
    @Path("/resumes")
    @Consumes({ "application/pdf", "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "application/msword", "application/rtf", "text/rtf", "application/vnd.oasis.opendocument.text", "text/plain",
        MediaType.APPLICATION_OCTET_STREAM })
    @ApiResponse(responseCode = "200", description = "The draft, with what was not found",
            content = @Content(schema = @Schema(implementation = SubmissionDraft.class)))
    @ApiResponse(responseCode = "503", description = "No resume parser runs on this host, or it is busy")
    public SubmissionDraft resume(@Context PartnerCaller caller, @QueryParam("fileName") String fileName,
            byte[] body) {
        return resumes.draft(caller, body, fileName);
    }

    @POST
    @Path("/invitations/accept")
    public AcceptedView accept(@Context PartnerCaller caller, AcceptIn body) {
        return agencies.accept(caller, Params.body(body).token());
    }

    @GET
    @Path("/assignments")
    public Page<AgencyAssignmentRow> assignments(@Context PartnerCaller caller, @QueryParam("status") String status,
            @QueryParam("offset") String offset, @QueryParam("limit") String limit) {
        return agencies.assignments(caller, Params.enumValue("status", status, AssignmentStatus.class),
                Params.page(offset, limit));
    }

    @GET
    @Path("/assignments/{id}")
    public AgencyAssignmentView assignment(@Context PartnerCaller caller, @PathParam("id") String id) {
        return agencies.assignment(caller, id);
    }

    /** Submits a candidate; an agency's own system may call it with its Marketplace API token. */
    @POST
    @Path("/assignments/{id}/candidates")
    public SubmissionResult submit(@Context PartnerCaller caller, @PathParam("id") String id, SubmissionIn body) {
        return agencies.submit(caller, id, Params.body(body));
    }

    @GET
    @Path("/dashboard")
    public DashboardView dashboard(@Context PartnerCaller caller) {
        return agencies.dashboard(caller);
    }

    /** Messages the company's user who assigned the job (their activity feed, and a mail). */
    @POST
    @Path("/assignments/{id}/messages")
    @ApiResponse(responseCode = "201", description = "The message, sent",
            content = @Content(schema = @Schema(implementation = MessageView.class)))
    public Response message(@Context PartnerCaller caller, @Context UriInfo uri, @PathParam("id") String id,
            MessageIn body) {
        MessageView m = conversations.fromAgency(caller, id, Params.body(body));
        return Response.created(Links.under(uri, "partner", "agency", "assignments", id, "messages")).entity(m).build();
    }

    @GET
    @Path("/assignments/{id}/messages")
    public List<MessageView> messages(@Context PartnerCaller caller, @PathParam("id") String id) {
        return conversations.messagesForAgency(caller, id);
    }

    /** The agency's activity feed: proposals sent, accepted and declined, and the clients' messages and replies. */
    @GET
    @Path("/feed")
    public Page<StoryView> feed(@Context PartnerCaller caller, @QueryParam("offset") String offset,
            @QueryParam("limit") String limit) {
        return conversations.agencyFeed(caller, Params.page(offset, limit));
    }

    @POST
    @Path("/proposals")
    @ApiResponse(responseCode = "201", description = "The proposal, PENDING",
            content = @Content(schema = @Schema(implementation = ProposalView.class)))
    public Response propose(@Context PartnerCaller caller, @Context UriInfo uri, ProposalIn body) {
        ProposalView p = conversations.propose(caller, Params.body(body));
        return Response.created(Links.under(uri, "partner", "agency", "proposals")).entity(p).build();
    }

    @GET
    @Path("/proposals")
    public List<ProposalView> proposals(@Context PartnerCaller caller) {
        return conversations.proposalsOfAgency(caller);
    }
}
