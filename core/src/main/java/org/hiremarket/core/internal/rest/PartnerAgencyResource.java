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

import org.hiremarket.core.internal.agency.AgencyService;
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

    PartnerAgencyResource(AgencyService agencies) {
        this.agencies = agencies;
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
}
