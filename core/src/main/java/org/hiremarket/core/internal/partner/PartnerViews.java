package org.hiremarket.core.internal.partner;

import java.time.Instant;
import java.util.List;

import org.hiremarket.core.internal.marketplace.Views.AddressView;
import org.hiremarket.core.internal.marketplace.Views.PriceView;

import io.swagger.v3.oas.annotations.media.Schema;

/** What the partner API shows and takes: plain records, never entities. */
public final class PartnerViews {

    private PartnerViews() {
    }

    /** The signed-in partner: account, vendor type and personal details. */
    public record PartnerAccountView(@Schema(required = true) String id, @Schema(required = true) String name,
            @Schema(required = true) String email, @Schema(required = true) String companyName,
            @Schema(required = true) boolean verified, VendorType vendorType, AssessmentCategory assessmentCategory,
            @Schema(required = true) List<OfferKind> offerKinds, String contactEmail, String phone, String jobTitle,
            String about, String photoUrl, @Schema(required = true) Instant createdAt,
            @Schema(required = true) Instant updatedAt) {
    }

    /** The vendor type, chosen after the email is verified; {@code assessmentCategory} for ASSESSMENT only. */
    public record VendorTypeIn(@Schema(required = true) String vendorType, String assessmentCategory) {
    }

    /**
     * Personal details: a change of what is sent, the rest stays. {@code about} is one or two sentences
     * (10 to 300 characters) about the job site, board or service; an empty text removes an optional field.
     */
    public record PersonalIn(String name, @Schema(format = "email") String contactEmail, String phone, String jobTitle,
            String about) {
    }

    /** The company profile, saved whole; customers see it beside the partner's offers. */
    public record ProfileIn(@Schema(required = true) String name, @Schema(required = true) AddressIn address,
            @Schema(required = true, format = "uri") String website, @Schema(required = true) String description) {
    }

    /** {@code city} and {@code countryCode} (ISO 3166 alpha-2) are required. */
    public record AddressIn(String street, @Schema(required = true) String city, String postalCode, String region,
            @Schema(required = true) String countryCode) {
    }

    public record CompanyProfileView(@Schema(required = true) String name, @Schema(required = true) AddressView address,
            @Schema(required = true) String website, @Schema(required = true) String description, String logoUrl,
            @Schema(required = true) Instant savedAt) {
    }

    /** A stored logo or photo; {@code warnings} say what displays less well (a logo without a transparent background). */
    public record ImageView(@Schema(required = true) String url, @Schema(required = true) String mediaType,
            @Schema(required = true) int width, @Schema(required = true) int height,
            @Schema(required = true) List<String> warnings) {
    }

    /**
     * An offer as written. {@code kind} may be left out when the vendor type allows one kind only;
     * {@code amount} and {@code currency} go together. On a change ({@code PATCH}) what is not sent stays.
     */
    public record OfferIn(String kind, String name, String description, String terms, java.math.BigDecimal amount,
            String currency, List<String> countries, String integrationId) {
    }

    /** One step in an offer's history. */
    public record OfferEventView(@Schema(required = true) Instant at, OfferStatus from,
            @Schema(required = true) OfferStatus to, @Schema(required = true) String actor, String note) {
    }

    /** The version customers see while a later one waits for approval (or was rejected). */
    public record OfferVersionView(@Schema(required = true) String name, String description, String terms,
            PriceView price, List<String> countries, @Schema(required = true) String integrationId,
            @Schema(required = true) Instant approvedAt) {
    }

    /**
     * An offer as its partner sees it: the latest version and its approval status (with the admin's
     * reason when rejected), and {@code live}, the approved version customers see, if any.
     */
    public record OfferView(@Schema(required = true) String id, @Schema(required = true) OfferKind kind,
            @Schema(required = true) OfferStatus status, @Schema(required = true) String name, String description,
            String terms, PriceView price, @Schema(required = true) List<String> countries,
            @Schema(required = true) String integrationId, AssessmentCategory assessmentCategory,
            String rejectionReason, @Schema(required = true) boolean visible, OfferVersionView live,
            @Schema(required = true) Instant createdAt, @Schema(required = true) Instant updatedAt, Instant submittedAt,
            List<OfferEventView> history) {
    }

    /** A customer's connection to one of the partner's integrations: only what the partner may know. */
    public record PartnerConnectionView(@Schema(required = true) String id, @Schema(required = true) String integrationId,
            @Schema(required = true) String companyName, @Schema(required = true) String status,
            @Schema(required = true) Instant since) {
    }

    /** An offer as the platform admin lists it in the console. */
    public record OfferAdminView(String id, String partnerId, String partnerCompany, OfferKind kind, String name,
            String integrationId, OfferStatus status, boolean visible, Instant submittedAt, Instant updatedAt,
            String rejectionReason) {
    }

    /** A partner as the platform admin lists it in the console. */
    public record PartnerAdminView(String id, String email, String name, String companyName, boolean verified,
            VendorType vendorType, boolean profileSaved, boolean logo, long offersApproved, long offersPending,
            long liveTokens, Instant createdAt) {
    }
}
