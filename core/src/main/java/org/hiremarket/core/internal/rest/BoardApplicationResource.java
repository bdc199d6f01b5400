package org.hiremarket.core.internal.rest;

import javax.ws.rs.Consumes;
import javax.ws.rs.HeaderParam;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;

import org.hiremarket.core.internal.posting.PostingService;
import org.hiremarket.core.internal.posting.PostingViews.BoardApplicationIn;
import org.hiremarket.core.internal.posting.PostingViews.BoardReceiptView;

import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

/**
 * Where a remote job board's service sends the people who applied on it. It authenticates with the
 * connection's board token ({@code Authorization: Bearer hmb_...}), which works here only: no
 * customer credential is accepted, and a board token is no customer credential anywhere else.
 */
@Path("/job-boards")
@Public
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class BoardApplicationResource {

    private final PostingService postings;

    BoardApplicationResource(PostingService postings) {
        this.postings = postings;
    }

    @POST
    @Path("/applications")
    @ApiResponse(responseCode = "201", description = "The application, created on the posted job",
            content = @Content(schema = @Schema(implementation = BoardReceiptView.class)))
    @ApiResponse(responseCode = "200", description = "The person had applied before: their first application",
            content = @Content(schema = @Schema(implementation = BoardReceiptView.class)))
    public Response apply(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, BoardApplicationIn body) {
        String token = authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                ? authorization.substring(7).trim() : null;
        BoardReceiptView r = postings.receiveFromBoard(token, body);
        return Response.status(r.duplicate() ? 200 : 201).entity(r).build();
    }
}
