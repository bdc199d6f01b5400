package org.hiremarket.core.internal.rest;


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

import org.hiremarket.core.internal.candidate.CandidateViews.ApplicationView;
import org.hiremarket.core.internal.common.Page;
import org.hiremarket.core.internal.employee.EmployeeService;
import org.hiremarket.core.internal.employee.EmployeeService.ProfileIn;
import org.hiremarket.core.internal.employee.EmployeeService.ProfileView;
import org.hiremarket.core.internal.identity.Caller;
import org.hiremarket.core.internal.identity.Scope;
import org.hiremarket.core.internal.job.JobViews.JobAdView;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;

/** The employee portal, for people with the EMPLOYEE role signed in with their session. */
@Path("/employee")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Requires(Scope.EMPLOYEE_PORTAL)
public class EmployeeResource {

    private final EmployeeService employees;

    EmployeeResource(EmployeeService employees) {
        this.employees = employees;
    }

    @GET
    @Path("/jobs")
    public Page<JobAdView> jobs(@Context Caller caller, @QueryParam("q") String q, @QueryParam("offset") String offset,
            @QueryParam("limit") String limit) {
        return employees.jobs(caller, q, Params.page(offset, limit));
    }

    @GET
    @Path("/jobs/{id}")
    public JobAdView job(@Context Caller caller, @PathParam("id") String id) {
        return employees.job(caller, id);
    }

    @POST
    @Path("/jobs/{id}/applications")
    @ApiResponse(responseCode = "201", description = "The employee's application, created", content = @Content(schema = @Schema(implementation = ApplicationView.class)))
    public Response apply(@Context Caller caller, @Context UriInfo uri, @PathParam("id") String id) {
        ApplicationView a = employees.apply(caller, id);
        return Response.created(Links.under(uri, "employee", "applications", a.id())).entity(a).build();
    }

    @GET
    @Path("/applications")
    public Page<ApplicationView> applications(@Context Caller caller, @QueryParam("offset") String offset,
            @QueryParam("limit") String limit) {
        return employees.applications(caller, Params.page(offset, limit));
    }

    @GET
    @Path("/profile")
    public ProfileView profile(@Context Caller caller) {
        return employees.profile(caller);
    }

    @PUT
    @Path("/profile")
    public ProfileView updateProfile(@Context Caller caller, ProfileIn body) {
        return employees.updateProfile(caller, Params.body(body));
    }
}
