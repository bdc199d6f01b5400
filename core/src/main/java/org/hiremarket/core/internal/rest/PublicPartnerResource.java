package org.hiremarket.core.internal.rest;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.EntityTag;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.Response;

import org.hiremarket.core.internal.partner.PartnerService;

import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

/**
 * Partners' logos as customers' pages show them beside the offers: anonymous (an image tag sends no
 * credential), cacheable, only of partners with an approved offer.
 */
@Path("/public/partners")
@Public
public class PublicPartnerResource {

    private final PartnerService partners;

    PublicPartnerResource(PartnerService partners) {
        this.partners = partners;
    }

    @GET
    @Path("/{partnerId}/logo")
    @Produces({ "image/png", "image/jpeg", "image/gif", "application/json" })
    @ApiResponse(responseCode = "200", description = "The logo (300×120 px)", content = @Content(mediaType = "image/*",
            schema = @Schema(type = "string", format = "binary")), headers = @Header(name = "ETag",
                    schema = @Schema(type = "string")))
    @ApiResponse(responseCode = "304", description = "Not modified (If-None-Match)")
    public Response logo(@PathParam("partnerId") String partnerId, @Context HttpHeaders headers) {
        PartnerService.StoredImage logo = partners.publicLogo(partnerId);
        if (IfNoneMatch.matches(headers.getRequestHeader(IfNoneMatch.HEADER), logo.hash())) {
            return Response.notModified(new EntityTag(logo.hash())).header("Cache-Control", "public, max-age=3600")
                    .build();
        }
        return PartnerResource.image(logo, "public, max-age=3600");
    }
}
