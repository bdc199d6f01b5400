package org.hiremarket.core.internal.rest;

import java.util.List;

import javax.ws.rs.Consumes;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.UriInfo;

import org.hiremarket.core.internal.agency.AgencyService;
import org.hiremarket.core.internal.agency.AgencyViews.AssignIn;
import org.hiremarket.core.internal.agency.AgencyViews.AssignmentView;
import org.hiremarket.core.internal.identity.Caller;
import org.hiremarket.core.internal.identity.Scope;

import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

/** "Send to agency": a job's assignments to agencies. */
@Path("/jobs/{jobId}/assignments")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class JobAssignmentResource {

    private final AgencyService agencies;

    JobAssignmentResource(AgencyService agencies) {
        this.agencies = agencies;
    }

    @POST
    @Requires(Scope.JOBS_MANAGE)
    @ApiResponse(responseCode = "201", description = "The assignment, NEW",
            content = @Content(schema = @Schema(implementation = AssignmentView.class)))
    public Response assign(@Context Caller caller, @Context UriInfo uri, @PathParam("jobId") String jobId,
            AssignIn body) {
        AssignmentView a = agencies.assign(caller, jobId, Params.body(body));
        return Response.created(Links.under(uri, "agencies", "assignments", a.id())).entity(a).build();
    }

    @GET
    @Requires(Scope.JOBS_READ)
    public List<AssignmentView> list(@Context Caller caller, @PathParam("jobId") String jobId) {
        return agencies.forJob(caller, jobId);
    }
}
