package org.hiremarket.core.internal.rest;

import java.util.List;

import javax.ws.rs.Consumes;
import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.PATCH;
import javax.ws.rs.POST;
import javax.ws.rs.PUT;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.UriInfo;

import org.hiremarket.api.assessment.AssessmentCallback;
import org.hiremarket.api.assessment.AssessmentResult;
import org.hiremarket.api.assessment.AssessmentStatus;
import org.hiremarket.api.assessment.AssessmentUpdate;
import org.hiremarket.core.internal.assessment.AssessmentService;
import org.hiremarket.core.internal.common.ApiException;
import org.hiremarket.core.internal.identity.PartnerAuthService;
import org.hiremarket.core.internal.identity.PartnerAuthService.MarketplaceTokenInfo;
import org.hiremarket.core.internal.identity.PartnerCaller;
import org.hiremarket.core.internal.partner.OfferService;
import org.hiremarket.core.internal.partner.PartnerService;
import org.hiremarket.core.internal.partner.PartnerViews.CompanyProfileView;
import org.hiremarket.core.internal.partner.PartnerViews.ImageView;
import org.hiremarket.core.internal.partner.PartnerViews.PartnerAccountView;
import org.hiremarket.core.internal.partner.PartnerViews.PartnerConnectionView;
import org.hiremarket.core.internal.partner.PartnerViews.PersonalIn;
import org.hiremarket.core.internal.partner.PartnerViews.ProfileIn;
import org.hiremarket.core.internal.partner.PartnerViews.VendorTypeIn;

import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

/**
 * The signed-in partner's own data: account and personal details, company profile with logo,
 * Marketplace API tokens, the connections customers made to its integrations, and assessment
 * reports from its own services. A token reads and reports; changes need a session.
 */
@Path("/partner")
@PartnerApi
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class PartnerResource {

    /** The image types the logo and photo may be sent as; the content decides what they are. */
    static final String[] IMAGE_TYPES = { "image/png", "image/jpeg", "image/gif", MediaType.APPLICATION_OCTET_STREAM };

    public record MarketplaceTokenRequest(String name) {
    }

    /** A Marketplace API token just created: {@code token} is shown this once. */
    public record CreatedMarketplaceToken(@Schema(required = true) String id, @Schema(required = true) String name,
            @Schema(required = true) String token, @Schema(required = true) String prefix,
            @Schema(required = true) long createdAt) {
    }

    /** A result of a completed assessment; {@code completedAt} is required. */
    public record PartnerReportResult(Double score, Boolean passed, String band, String summary,
            @Schema(format = "uri") String reportUrl, java.util.Map<String, String> details,
            @Schema(required = true) java.time.Instant completedAt) {
    }

    /** A vendor's report on an order: {@code result} with COMPLETED, {@code reason} with FAILED or EXPIRED. */
    public record PartnerReport(
            @Schema(required = true, allowableValues = { "IN_PROGRESS", "COMPLETED", "FAILED", "EXPIRED" }) String status,
            PartnerReportResult result, String reason, java.time.Instant occurredAt) {
    }

    public record PartnerReportOutcome(@Schema(required = true, allowableValues = { "ACCEPTED", "ALREADY_RECORDED" }) String outcome) {
    }

    private final PartnerAuthService auth;
    private final PartnerService partners;
    private final OfferService offers;
    private final AssessmentService assessments;

    PartnerResource(PartnerAuthService auth, PartnerService partners, OfferService offers, AssessmentService assessments) {
        this.auth = auth;
        this.partners = partners;
        this.offers = offers;
        this.assessments = assessments;
    }

    // ------------------------------------------------------------------------------ account

    @GET
    @Path("/account")
    public PartnerAccountView account(@Context PartnerCaller caller, @Context UriInfo uri) {
        return partners.account(caller, Links.base(uri));
    }

    @PATCH
    @Path("/account")
    @Consumes({ MediaType.APPLICATION_JSON, "application/merge-patch+json" })
    public PartnerAccountView updateAccount(@Context PartnerCaller caller, @Context UriInfo uri, PersonalIn body) {
        return partners.updatePersonal(caller, Params.body(body), Links.base(uri));
    }

    @PUT
    @Path("/account/vendor-type")
    public PartnerAccountView vendorType(@Context PartnerCaller caller, @Context UriInfo uri, VendorTypeIn body) {
        return partners.chooseVendorType(caller, Params.body(body), Links.base(uri));
    }

    @PUT
    @Path("/account/photo")
    @Consumes({ "image/png", "image/jpeg", "image/gif", MediaType.APPLICATION_OCTET_STREAM })
    public ImageView photo(@Context PartnerCaller caller, @Context UriInfo uri, byte[] body) {
        return partners.uploadPhoto(caller, body, Links.base(uri));
    }

    @GET
    @Path("/account/photo")
    @Produces({ "image/png", "image/jpeg", "image/gif", MediaType.APPLICATION_JSON })
    @ApiResponse(responseCode = "200", description = "The photo", content = @Content(mediaType = "image/*",
            schema = @Schema(type = "string", format = "binary")))
    @ApiResponse(responseCode = "404", description = "No photo")
    public Response getPhoto(@Context PartnerCaller caller) {
        return image(partners.ownImage(caller, "PHOTO"), "private, no-cache");
    }

    @DELETE
    @Path("/account/photo")
    public void deletePhoto(@Context PartnerCaller caller) {
        partners.deleteImage(caller, "PHOTO");
    }

    // ------------------------------------------------------------------------------ company profile

    @GET
    @Path("/profile")
    @ApiResponse(responseCode = "200", description = "The company profile",
            content = @Content(schema = @Schema(implementation = CompanyProfileView.class)))
    @ApiResponse(responseCode = "404", description = "Not saved yet (profile-not-saved)")
    public CompanyProfileView profile(@Context PartnerCaller caller, @Context UriInfo uri) {
        return partners.profile(caller, Links.base(uri));
    }

    @PUT
    @Path("/profile")
    public CompanyProfileView saveProfile(@Context PartnerCaller caller, @Context UriInfo uri, ProfileIn body) {
        return partners.saveProfile(caller, Params.body(body), Links.base(uri));
    }

    @PUT
    @Path("/profile/logo")
    @Consumes({ "image/png", "image/jpeg", "image/gif", MediaType.APPLICATION_OCTET_STREAM })
    @ApiResponse(responseCode = "200", description = "The logo, stored; warnings say what displays less well",
            content = @Content(schema = @Schema(implementation = ImageView.class)))
    @ApiResponse(responseCode = "409", description = "The company profile is not saved yet (profile-not-saved)")
    @ApiResponse(responseCode = "413", description = "Larger than 256 KiB (payload-too-large)")
    @ApiResponse(responseCode = "415", description = "Not a PNG, JPEG or GIF by its content (unsupported-image-type)")
    public ImageView logo(@Context PartnerCaller caller, @Context UriInfo uri, byte[] body) {
        return partners.uploadLogo(caller, body, Links.base(uri));
    }

    @GET
    @Path("/profile/logo")
    @Produces({ "image/png", "image/jpeg", "image/gif", MediaType.APPLICATION_JSON })
    @ApiResponse(responseCode = "200", description = "The logo", content = @Content(mediaType = "image/*",
            schema = @Schema(type = "string", format = "binary")))
    @ApiResponse(responseCode = "404", description = "No logo")
    public Response getLogo(@Context PartnerCaller caller) {
        return image(partners.ownImage(caller, "LOGO"), "private, no-cache");
    }

    @DELETE
    @Path("/profile/logo")
    public void deleteLogo(@Context PartnerCaller caller) {
        partners.deleteImage(caller, "LOGO");
    }

    // ------------------------------------------------------------------------------ tokens

    @GET
    @Path("/tokens")
    public List<MarketplaceTokenInfo> tokens(@Context PartnerCaller caller) {
        return auth.tokens(caller);
    }

    @POST
    @Path("/tokens")
    @ApiResponse(responseCode = "201", description = "The token, shown this once",
            content = @Content(schema = @Schema(implementation = CreatedMarketplaceToken.class)))
    public Response createToken(@Context PartnerCaller caller, @Context UriInfo uri, MarketplaceTokenRequest body) {
        PartnerAuthService.CreatedToken t = auth.createToken(caller, body == null ? null : body.name());
        return AuthResource.noStore(Response.created(Links.under(uri, "partner", "tokens", t.info().id()))
                .entity(new CreatedMarketplaceToken(t.info().id(), t.info().name(), t.token(), t.info().prefix(),
                        t.info().createdAt())));
    }

    @DELETE
    @Path("/tokens/{id}")
    public void revokeToken(@Context PartnerCaller caller, @PathParam("id") String id) {
        auth.revokeToken(caller, id);
    }

    // ------------------------------------------------------------------------------ connections and reports

    @GET
    @Path("/connections")
    public List<PartnerConnectionView> connections(@Context PartnerCaller caller) {
        return partners.connections(caller);
    }

    @POST
    @Path("/assessments/{orderId}/reports")
    @ApiResponse(responseCode = "200", description = "ACCEPTED, or ALREADY_RECORDED for a repeat or a finished order",
            content = @Content(schema = @Schema(implementation = PartnerReportOutcome.class)))
    public PartnerReportOutcome report(@Context PartnerCaller caller, @PathParam("orderId") String orderId,
            PartnerReport body) {
        PartnerReport b = Params.body(body);
        AssessmentUpdate update = update(b);
        AssessmentCallback.Outcome outcome = assessments.reportFromVendor(offers.listedIntegrations(caller.partnerId()),
                orderId, update);
        return new PartnerReportOutcome(outcome.name());
    }

    private static AssessmentUpdate update(PartnerReport b) {
        AssessmentStatus status = Params.enumValue("status", b.status(), AssessmentStatus.class);
        if (status == null) {
            throw ApiException.validation("status", "is required: IN_PROGRESS, COMPLETED, FAILED or EXPIRED");
        }
        try {
            AssessmentResult result = b.result() == null ? null : new AssessmentResult(b.result().score(),
                    b.result().passed(), b.result().band(), b.result().summary(), b.result().reportUrl(),
                    b.result().details(), null, b.result().completedAt());
            return new AssessmentUpdate(status, result, b.reason(), b.occurredAt());
        } catch (IllegalArgumentException | NullPointerException e) {
            throw ApiException.validation("result", e.getMessage() == null ? "is incomplete" : e.getMessage());
        }
    }

    static Response image(PartnerService.StoredImage image, String cacheControl) {
        return Response.ok(image.bytes(), image.mediaType()).tag(image.hash()).header("Cache-Control", cacheControl)
                .header("X-Content-Type-Options", "nosniff").build();
    }
}
