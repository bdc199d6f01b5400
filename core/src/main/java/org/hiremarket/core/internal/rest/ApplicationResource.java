package org.hiremarket.core.internal.rest;

import javax.ws.rs.Consumes;
import javax.ws.rs.POST;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.UriInfo;
import org.hiremarket.core.internal.assessment.AssessmentService;
import org.hiremarket.core.internal.assessment.HiringStepService;
import org.hiremarket.core.internal.assessment.OrderStatus;
import org.hiremarket.core.internal.assessment.AssessmentViews.OrderIn;
import org.hiremarket.core.internal.assessment.AssessmentViews.OrderView;
import org.hiremarket.core.internal.assessment.AssessmentViews.StepMove;
import org.hiremarket.core.internal.assessment.AssessmentViews.StepMoveView;
import javax.ws.rs.GET;
import javax.ws.rs.PUT;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;

import org.hiremarket.core.internal.candidate.ApplicationService;
import org.hiremarket.core.internal.candidate.ApplicationStatus;
import org.hiremarket.core.internal.candidate.CandidateViews.ApplicationView;
import org.hiremarket.core.internal.candidate.CandidateViews.Labels;
import org.hiremarket.core.internal.candidate.CandidateViews.StatusChange;
import org.hiremarket.core.internal.common.Page;
import org.hiremarket.core.internal.identity.Caller;
import org.hiremarket.core.internal.identity.Scope;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;

/** Applications of the caller's company: status flow with history, and labels. */
@Path("/applications")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ApplicationResource {

    private final ApplicationService applications;
    private final AssessmentService assessments;
    private final HiringStepService steps;

    ApplicationResource(ApplicationService applications, AssessmentService assessments, HiringStepService steps) {
        this.applications = applications;
        this.assessments = assessments;
        this.steps = steps;
    }

    @GET
    @Requires(Scope.CANDIDATES_READ)
    public Page<ApplicationView> list(@Context Caller caller, @QueryParam("jobId") String jobId,
            @QueryParam("candidateId") String candidateId, @QueryParam("status") String status,
            @QueryParam("label") String label, @QueryParam("offset") String offset, @QueryParam("limit") String limit) {
        return applications.list(caller, new ApplicationService.ApplicationFilter(blankToNull(jobId),
                blankToNull(candidateId), Params.enumValue("status", status, ApplicationStatus.class), label),
                Params.page(offset, limit));
    }

    @GET
    @Path("/{id}")
    @Requires(Scope.CANDIDATES_READ)
    public ApplicationView get(@Context Caller caller, @PathParam("id") String id) {
        return applications.get(caller, id);
    }

    @PUT
    @Path("/{id}/status")
    @Requires(Scope.CANDIDATES_MANAGE)
    public ApplicationView status(@Context Caller caller, @PathParam("id") String id, StatusChange body) {
        StatusChange b = Params.body(body);
        return applications.changeStatus(caller, id, b.status(), b.note());
    }

    @PUT
    @Path("/{id}/labels")
    @Requires(Scope.CANDIDATES_MANAGE)
    public ApplicationView labels(@Context Caller caller, @PathParam("id") String id, Labels body) {
        return applications.setLabels(caller, id, Params.body(body).labels());
    }

    @POST
    @Path("/{id}/assessments")
    @Requires(Scope.ASSESSMENTS_MANAGE)
    @ApiResponse(responseCode = "201", description = "The order, placed (delivery to the vendor follows)", content = @Content(schema = @Schema(implementation = OrderView.class)))
    public Response order(@Context Caller caller, @Context UriInfo uri, @PathParam("id") String id, OrderIn body) {
        OrderView o = assessments.place(caller, id, Params.body(body));
        return Response.created(Links.under(uri, "assessments", o.id())).entity(o).build();
    }

    @GET
    @Path("/{id}/assessments")
    @Requires(Scope.ASSESSMENTS_READ)
    public Page<OrderView> orders(@Context Caller caller, @PathParam("id") String id,
            @QueryParam("status") String status, @QueryParam("offset") String offset, @QueryParam("limit") String limit) {
        applications.get(caller, id);
        return assessments.list(caller, new AssessmentService.OrderFilter(id, null, null,
                Params.enumValue("status", status, OrderStatus.class)), Params.page(offset, limit));
    }

    @PUT
    @Path("/{id}/hiring-step")
    @Requires(Scope.CANDIDATES_MANAGE)
    public StepMoveView moveToStep(@Context Caller caller, @PathParam("id") String id, StepMove body) {
        return steps.move(caller, id, Params.body(body).stepId());
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
