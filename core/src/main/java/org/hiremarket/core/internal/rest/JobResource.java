package org.hiremarket.core.internal.rest;

import java.net.URI;
import java.util.List;
import org.hiremarket.core.internal.assessment.HiringStepService;
import org.hiremarket.core.internal.assessment.AssessmentViews.StepIn;
import org.hiremarket.core.internal.assessment.AssessmentViews.StepView;

import javax.ws.rs.Consumes;
import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.PATCH;
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

import org.hiremarket.core.internal.candidate.ApplicationService;
import org.hiremarket.core.internal.candidate.CandidateViews.ApplicationView;
import org.hiremarket.core.internal.candidate.CandidateViews.ApplyIn;
import org.hiremarket.core.internal.common.Page;
import org.hiremarket.core.internal.identity.Caller;
import org.hiremarket.core.internal.identity.Scope;
import org.hiremarket.core.internal.job.AdVisibility;
import org.hiremarket.core.internal.job.JobService;
import org.hiremarket.core.internal.posting.PostingService;
import org.hiremarket.core.internal.posting.PostingViews.PostingIn;
import org.hiremarket.core.internal.posting.PostingViews.PostingView;
import org.hiremarket.core.internal.job.JobService.JobFilter;
import org.hiremarket.core.internal.job.JobStatus;
import org.hiremarket.core.internal.job.JobViews.CreateJob;
import org.hiremarket.core.internal.job.JobViews.JobView;
import org.hiremarket.core.internal.job.JobViews.Publication;
import org.hiremarket.core.internal.job.JobViews.StatusChange;
import org.hiremarket.core.internal.job.JobViews.UpdateJob;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;

/** The jobs of the caller's company, their status, their ad and their applications. */
@Path("/jobs")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class JobResource {

    private final JobService jobs;
    private final ApplicationService applications;
    private final HiringStepService steps;
    private final PostingService postings;

    JobResource(JobService jobs, ApplicationService applications, HiringStepService steps, PostingService postings) {
        this.jobs = jobs;
        this.applications = applications;
        this.steps = steps;
        this.postings = postings;
    }

    @GET
    @Path("/{id}/postings")
    @Requires(Scope.JOBS_READ)
    public List<PostingView> postings(@Context Caller caller, @PathParam("id") String id) {
        return postings.listForJob(caller, id);
    }

    /** Posts the job's PUBLIC ad to one of the company's active job-board connections. */
    @POST
    @Path("/{id}/postings")
    @Requires(Scope.JOBS_MANAGE)
    @ApiResponse(responseCode = "201", description = "The posting, PENDING until the board confirms it", content = @Content(schema = @Schema(implementation = PostingView.class)))
    public Response post(@Context Caller caller, @Context UriInfo uri, @PathParam("id") String id, PostingIn body) {
        PostingView p = postings.post(caller, id, Params.body(body));
        return Response.created(Links.under(uri, "postings", p.id())).entity(p).build();
    }

    @GET
    @Path("/{id}/hiring-steps")
    @Requires(Scope.JOBS_READ)
    public List<StepView> steps(@Context Caller caller, @PathParam("id") String id) {
        return steps.list(caller, id);
    }

    @POST
    @Path("/{id}/hiring-steps")
    @Requires(Scope.JOBS_MANAGE)
    @ApiResponse(responseCode = "201", description = "The hiring step, added", content = @Content(schema = @Schema(implementation = StepView.class)))
    public Response addStep(@Context Caller caller, @Context UriInfo uri, @PathParam("id") String id, StepIn body) {
        StepView s = steps.add(caller, id, Params.body(body));
        return Response.created(URI.create(uri.getAbsolutePath() + "/" + s.id())).entity(s).build();
    }

    @PATCH
    @Path("/{id}/hiring-steps/{stepId}")
    @Requires(Scope.JOBS_MANAGE)
    public StepView updateStep(@Context Caller caller, @PathParam("id") String id, @PathParam("stepId") String stepId,
            StepIn body) {
        return steps.update(caller, id, stepId, Params.body(body));
    }

    @DELETE
    @Path("/{id}/hiring-steps/{stepId}")
    @Requires(Scope.JOBS_MANAGE)
    @ApiResponse(responseCode = "204", description = "The hiring step was removed")
    public Response deleteStep(@Context Caller caller, @PathParam("id") String id, @PathParam("stepId") String stepId) {
        steps.delete(caller, id, stepId);
        return Response.noContent().build();
    }

    @POST
    @Requires(Scope.JOBS_MANAGE)
    @ApiResponse(responseCode = "201", description = "The job, created", content = @Content(schema = @Schema(implementation = JobView.class)))
    public Response create(@Context Caller caller, @Context UriInfo uri, CreateJob body) {
        JobView j = jobs.create(caller, Params.body(body));
        return Response.created(URI.create(uri.getAbsolutePath() + "/" + j.id())).entity(j).build();
    }

    @GET
    @Requires(Scope.JOBS_READ)
    public Page<JobView> list(@Context Caller caller, @QueryParam("status") String status, @QueryParam("q") String q,
            @QueryParam("countryCode") String countryCode, @QueryParam("department") String department,
            @QueryParam("visibility") String visibility, @QueryParam("offset") String offset,
            @QueryParam("limit") String limit) {
        return jobs.list(caller, new JobFilter(Params.enumValue("status", status, JobStatus.class), q, countryCode,
                department, Params.enumValue("visibility", visibility, AdVisibility.class)), Params.page(offset, limit));
    }

    @GET
    @Path("/{id}")
    @Requires(Scope.JOBS_READ)
    public JobView get(@Context Caller caller, @PathParam("id") String id) {
        return jobs.get(caller, id);
    }

    @PATCH
    @Path("/{id}")
    @Consumes({ MediaType.APPLICATION_JSON, "application/merge-patch+json" })
    @Requires(Scope.JOBS_MANAGE)
    public JobView update(@Context Caller caller, @PathParam("id") String id, UpdateJob body) {
        return jobs.update(caller, id, Params.body(body));
    }

    @PUT
    @Path("/{id}/status")
    @Requires(Scope.JOBS_MANAGE)
    public JobView status(@Context Caller caller, @PathParam("id") String id, StatusChange body) {
        return jobs.changeStatus(caller, id, Params.body(body).status());
    }

    @PUT
    @Path("/{id}/ad")
    @Requires(Scope.JOBS_MANAGE)
    public JobView publish(@Context Caller caller, @PathParam("id") String id, Publication body) {
        return jobs.publish(caller, id, Params.body(body).visibility());
    }

    @DELETE
    @Path("/{id}/ad")
    @Requires(Scope.JOBS_MANAGE)
    public JobView unpublish(@Context Caller caller, @PathParam("id") String id) {
        return jobs.unpublish(caller, id);
    }

    @POST
    @Path("/{id}/applications")
    @Requires(Scope.CANDIDATES_MANAGE)
    @ApiResponse(responseCode = "201", description = "The application, created", content = @Content(schema = @Schema(implementation = ApplicationView.class)))
    public Response apply(@Context Caller caller, @Context UriInfo uri, @PathParam("id") String id, ApplyIn body) {
        ApplicationView a = applications.apply(caller, id, Params.body(body));
        return Response.created(Links.under(uri, "applications", a.id())).entity(a).build();
    }

    @GET
    @Path("/{id}/applications")
    @Requires(Scope.CANDIDATES_READ)
    public Page<ApplicationView> applications(@Context Caller caller, @PathParam("id") String id,
            @QueryParam("status") String status, @QueryParam("label") String label,
            @QueryParam("offset") String offset, @QueryParam("limit") String limit) {
        return applications.list(caller, new ApplicationService.ApplicationFilter(id, null,
                Params.enumValue("status", status, org.hiremarket.core.internal.candidate.ApplicationStatus.class),
                label), Params.page(offset, limit));
    }
}
