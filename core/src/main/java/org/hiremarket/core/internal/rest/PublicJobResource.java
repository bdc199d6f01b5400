package org.hiremarket.core.internal.rest;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.MediaType;

import org.hiremarket.core.internal.common.Page;
import org.hiremarket.core.internal.employee.EmployeeService;
import org.hiremarket.core.internal.job.JobService;
import org.hiremarket.core.internal.job.JobViews.JobAdView;

/**
 * A company's public job list (its career site's feed): anonymous, and only ads published as
 * {@code PUBLIC} of jobs that are sourcing. Internal and Private ads never appear here.
 */
@Path("/public/companies/{companyId}/jobs")
@Produces(MediaType.APPLICATION_JSON)
@Public
public class PublicJobResource {

    private final JobService jobs;

    PublicJobResource(JobService jobs) {
        this.jobs = jobs;
    }

    @GET
    public Page<JobAdView> list(@PathParam("companyId") String companyId, @QueryParam("q") String q,
            @QueryParam("offset") String offset, @QueryParam("limit") String limit) {
        return jobs.listAds(companyId, EmployeeService.PUBLIC_VISIBLE, q, Params.page(offset, limit));
    }

    @GET
    @Path("/{id}")
    public JobAdView get(@PathParam("companyId") String companyId, @PathParam("id") String id) {
        return jobs.getAd(companyId, id, EmployeeService.PUBLIC_VISIBLE);
    }
}
