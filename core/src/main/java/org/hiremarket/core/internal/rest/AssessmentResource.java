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

import org.hiremarket.core.internal.assessment.AssessmentService;
import org.hiremarket.core.internal.assessment.AssessmentViews.OrderView;
import org.hiremarket.core.internal.assessment.OrderStatus;
import org.hiremarket.core.internal.common.Page;
import org.hiremarket.core.internal.identity.Caller;
import org.hiremarket.core.internal.identity.Scope;

/**
 * Assessment orders of the caller's company with their history and results. Orders are placed on
 * an application: {@code POST /applications/{id}/assessments}.
 */
@Path("/assessments")
@Requires(Scope.ASSESSMENTS_READ)
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AssessmentResource {

    private final AssessmentService assessments;

    AssessmentResource(AssessmentService assessments) {
        this.assessments = assessments;
    }

    @GET
    public Page<OrderView> list(@Context Caller caller, @QueryParam("applicationId") String applicationId,
            @QueryParam("candidateId") String candidateId, @QueryParam("connectionId") String connectionId,
            @QueryParam("status") String status, @QueryParam("offset") String offset, @QueryParam("limit") String limit) {
        return assessments.list(caller, new AssessmentService.OrderFilter(blankToNull(applicationId),
                blankToNull(candidateId), blankToNull(connectionId), Params.enumValue("status", status, OrderStatus.class)),
                Params.page(offset, limit));
    }

    @GET
    @Path("/{id}")
    public OrderView get(@Context Caller caller, @PathParam("id") String id) {
        return assessments.get(caller, id);
    }

    @POST
    @Path("/{id}/cancel")
    @CommitsInSteps
    @Requires(Scope.ASSESSMENTS_MANAGE)
    public OrderView cancel(@Context Caller caller, @PathParam("id") String id) {
        return assessments.cancel(caller, id);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
