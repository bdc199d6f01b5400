package org.hiremarket.core.internal.rest;

import java.net.URI;
import java.util.List;

import javax.ws.rs.Consumes;
import javax.ws.rs.GET;
import javax.ws.rs.PATCH;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.UriInfo;

import org.hiremarket.core.internal.candidate.ApplicationService;
import org.hiremarket.core.internal.candidate.CandidateService;
import org.hiremarket.core.internal.candidate.CandidateViews.ApplicationView;
import org.hiremarket.core.internal.candidate.CandidateViews.AttachmentIn;
import org.hiremarket.core.internal.candidate.CandidateViews.AttachmentView;
import org.hiremarket.core.internal.candidate.CandidateViews.CandidateIn;
import org.hiremarket.core.internal.candidate.CandidateViews.CandidateUpdate;
import org.hiremarket.core.internal.candidate.CandidateViews.CandidateView;
import org.hiremarket.core.internal.common.Page;
import org.hiremarket.core.internal.identity.Caller;
import org.hiremarket.core.internal.identity.Scope;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;

/** The candidates of the caller's company and their attachments. */
@Path("/candidates")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class CandidateResource {

    private final CandidateService candidates;
    private final ApplicationService applications;

    CandidateResource(CandidateService candidates, ApplicationService applications) {
        this.candidates = candidates;
        this.applications = applications;
    }

    @POST
    @Requires(Scope.CANDIDATES_MANAGE)
    @ApiResponse(responseCode = "201", description = "The candidate, created", content = @Content(schema = @Schema(implementation = CandidateView.class)))
    public Response create(@Context Caller caller, @Context UriInfo uri, CandidateIn body) {
        CandidateView c = candidates.create(caller, Params.body(body));
        return Response.created(URI.create(uri.getAbsolutePath() + "/" + c.id())).entity(c).build();
    }

    @GET
    @Requires(Scope.CANDIDATES_READ)
    public Page<CandidateView> list(@Context Caller caller, @QueryParam("q") String q,
            @QueryParam("email") String email, @QueryParam("offset") String offset, @QueryParam("limit") String limit) {
        return candidates.list(caller, q, email, Params.page(offset, limit));
    }

    @GET
    @Path("/{id}")
    @Requires(Scope.CANDIDATES_READ)
    public CandidateView get(@Context Caller caller, @PathParam("id") String id) {
        return candidates.get(caller, id);
    }

    @PATCH
    @Path("/{id}")
    @Consumes({ MediaType.APPLICATION_JSON, "application/merge-patch+json" })
    @Requires(Scope.CANDIDATES_MANAGE)
    public CandidateView update(@Context Caller caller, @PathParam("id") String id, CandidateUpdate body) {
        return candidates.update(caller, id, Params.body(body));
    }

    @GET
    @Path("/{id}/applications")
    @Requires(Scope.CANDIDATES_READ)
    public Page<ApplicationView> applications(@Context Caller caller, @PathParam("id") String id,
            @QueryParam("offset") String offset, @QueryParam("limit") String limit) {
        candidates.get(caller, id);
        return applications.list(caller, new ApplicationService.ApplicationFilter(null, id, null, null),
                Params.page(offset, limit));
    }

    @POST
    @Path("/{id}/attachments")
    @Requires(Scope.CANDIDATES_MANAGE)
    @ApiResponse(responseCode = "201", description = "The attachment, stored", content = @Content(schema = @Schema(implementation = AttachmentView.class)))
    public Response attach(@Context Caller caller, @Context UriInfo uri, @PathParam("id") String id, AttachmentIn body) {
        AttachmentView a = candidates.addAttachment(caller, id, Params.body(body));
        return Response.created(URI.create(uri.getAbsolutePath() + "/" + a.id())).entity(a).build();
    }

    @GET
    @Path("/{id}/attachments")
    @Requires(Scope.CANDIDATES_READ)
    public List<AttachmentView> attachments(@Context Caller caller, @PathParam("id") String id) {
        return candidates.attachments(caller, id);
    }

    @GET
    @Path("/{id}/attachments/{attachmentId}")
    @Produces(MediaType.WILDCARD)
    @Requires(Scope.CANDIDATES_READ)
    @ApiResponse(responseCode = "200", description = "The file as it was stored, with its content type and a"
            + " Content-Disposition naming it", content = @Content(mediaType = "*/*",
                    schema = @Schema(type = "string", format = "binary")))
    public Response download(@Context Caller caller, @PathParam("id") String id,
            @PathParam("attachmentId") String attachmentId) {
        CandidateService.File f = candidates.attachment(caller, id, attachmentId);
        String safe = f.meta().name().replaceAll("[^A-Za-z0-9._ -]", "_");
        return Response.ok(f.content(), f.meta().contentType())
                .header("Content-Disposition", "attachment; filename=\"" + safe + "\"")
                .header("X-Content-Type-Options", "nosniff").build();
    }
}
