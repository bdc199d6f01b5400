package org.hiremarket.core.internal.rest;

import java.net.URI;
import java.util.List;
import java.util.Map;

import javax.ws.rs.Consumes;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.UriInfo;

import org.hiremarket.core.internal.assessment.AssessmentService;
import org.hiremarket.core.internal.assessment.AssessmentViews.PackageView;
import org.hiremarket.core.internal.common.Page;
import org.hiremarket.core.internal.identity.Scope;
import org.hiremarket.core.internal.identity.Caller;
import org.hiremarket.core.internal.marketplace.ConnectionService;
import org.hiremarket.core.internal.posting.PostingService;
import org.hiremarket.core.internal.posting.PostingViews.BoardTokenView;
import org.hiremarket.core.internal.marketplace.ConnectionState;
import org.hiremarket.core.internal.marketplace.Views.ConnectionView;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;

/** The connect flow of the caller's company. */
@Path("/connections")
@Requires(Scope.INTEGRATIONS_MANAGE)
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ConnectionResource {

    /** Body of {@code POST /connections}. */
    public record StartRequest(@Schema(required = true) String integrationId) {
    }

    /** Body of {@code POST /connections/{id}/authorize}: every requested scope id. */
    public record AuthorizeRequest(List<String> scopes) {
    }

    /** Body of {@code POST /connections/{id}/account}. */
    public record AccountRequest(Map<String, Object> fields, List<String> reverseScopes) {
    }

    private final ConnectionService connections;
    private final AssessmentService assessments;
    private final PostingService postings;

    ConnectionResource(ConnectionService connections, AssessmentService assessments, PostingService postings) {
        this.connections = connections;
        this.assessments = assessments;
        this.postings = postings;
    }

    /**
     * A new board token for a job-board connection, shown this once: the board's own service sends
     * applications with it ({@code POST /job-boards/applications}). The token before stops working.
     */
    @POST
    @Path("/{id}/board-token")
    @ApiResponse(responseCode = "201", description = "The token, shown this once", content = @Content(schema = @Schema(implementation = BoardTokenView.class)))
    public Response boardToken(@Context Caller caller, @PathParam("id") String id) {
        BoardTokenView t = postings.issueBoardToken(caller, id);
        return Response.status(201).entity(t).header("Cache-Control", "no-store").build();
    }

    /** The packages an assessment vendor offers this connection's account, asked live. */
    @GET
    @Path("/{id}/packages")
    @Requires(Scope.ASSESSMENTS_READ)
    public List<PackageView> packages(@Context Caller caller, @PathParam("id") String id) {
        return assessments.packages(caller, id);
    }

    @POST
    @ApiResponse(responseCode = "201", description = "The connection, started (see its status for the next step)", content = @Content(schema = @Schema(implementation = ConnectionView.class)))
    public Response start(@Context Caller caller, @Context UriInfo uri, StartRequest body) {
        ConnectionView v = connections.start(caller, Params.body(body).integrationId());
        URI location = uri.getAbsolutePathBuilder().path(v.id()).build();
        return Response.created(location).entity(v).build();
    }

    @GET
    public Page<ConnectionView> list(@Context Caller caller, @QueryParam("integrationId") String integrationId,
            @QueryParam("status") String status, @QueryParam("offset") String offset,
            @QueryParam("limit") String limit) {
        return connections.list(caller, integrationId, Params.enumValue("status", status, ConnectionState.class),
                Params.page(offset, limit));
    }

    @GET
    @Path("/{id}")
    public ConnectionView get(@Context Caller caller, @PathParam("id") String id) {
        return connections.get(caller, id);
    }

    @POST
    @Path("/{id}/authorize")
    public ConnectionView authorize(@Context Caller caller, @PathParam("id") String id, AuthorizeRequest body) {
        return connections.authorize(caller, id, Params.body(body).scopes());
    }

    @POST
    @Path("/{id}/account")
    @CommitsInSteps
    public ConnectionView account(@Context Caller caller, @PathParam("id") String id, AccountRequest body) {
        AccountRequest b = Params.body(body);
        return connections.submitAccount(caller, id, b.fields(), b.reverseScopes());
    }

    @POST
    @Path("/{id}/disconnect")
    @CommitsInSteps
    public ConnectionView disconnect(@Context Caller caller, @PathParam("id") String id) {
        return connections.disconnect(caller, id);
    }

    @POST
    @Path("/{id}/reactivate")
    @CommitsInSteps
    public ConnectionView reactivate(@Context Caller caller, @PathParam("id") String id) {
        return connections.reactivate(caller, id);
    }
}
