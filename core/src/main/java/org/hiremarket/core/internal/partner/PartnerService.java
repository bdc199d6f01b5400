package org.hiremarket.core.internal.partner;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import javax.persistence.EntityManager;

import org.hiremarket.core.internal.common.ApiException;
import org.hiremarket.core.internal.common.FieldError;
import org.hiremarket.core.internal.common.Hashes;
import org.hiremarket.core.internal.common.Text;
import org.hiremarket.core.internal.company.CompanyEntity;
import org.hiremarket.core.internal.identity.PartnerAccountEntity;
import org.hiremarket.core.internal.identity.PartnerAuthService;
import org.hiremarket.core.internal.identity.PartnerCaller;
import org.hiremarket.core.internal.identity.ReferenceData;
import org.hiremarket.core.internal.marketplace.ConnectionEntity;
import org.hiremarket.core.internal.marketplace.Views.AddressView;
import org.hiremarket.core.internal.marketplace.Views.PartnerProfileView;
import org.hiremarket.core.internal.partner.PartnerViews.CompanyProfileView;
import org.hiremarket.core.internal.partner.PartnerViews.ImageView;
import org.hiremarket.core.internal.partner.PartnerViews.PartnerAccountView;
import org.hiremarket.core.internal.partner.PartnerViews.PartnerConnectionView;
import org.hiremarket.core.internal.partner.PartnerViews.PersonalIn;
import org.hiremarket.core.internal.partner.PartnerViews.ProfileIn;
import org.hiremarket.core.internal.partner.PartnerViews.VendorTypeIn;
import org.hiremarket.core.internal.persistence.Database;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * A partner's own data: its vendor type, personal details, company profile with logo and photo,
 * and the connections customers made to its integrations. Every method is scoped to the calling
 * partner; changes need a signed-in person (a Marketplace API token reads only).
 */
@Component(service = PartnerService.class)
public class PartnerService {

    static final String LOGO = "LOGO";
    static final String PHOTO = "PHOTO";
    private static final int ABOUT_MIN = 10;
    private static final int ABOUT_MAX = 300;

    private final Database db;

    @Activate
    public PartnerService(@Reference Database db) {
        this.db = db;
    }

    // ------------------------------------------------------------------------------ account

    public PartnerAccountView account(PartnerCaller caller, URI base) {
        return db.tx(em -> accountView(em, caller.partnerId(), base));
    }

    /** Chooses the vendor type; it cannot change while the partner has offers of a kind the new type does not allow. */
    public PartnerAccountView chooseVendorType(PartnerCaller caller, VendorTypeIn in, URI base) {
        PartnerAuthService.requireSession(caller, "choose the vendor type");
        List<FieldError> errors = new ArrayList<>();
        VendorType type = enumOf(errors, "vendorType", in == null ? null : in.vendorType(), VendorType.class, true);
        AssessmentCategory category = enumOf(errors, "assessmentCategory", in == null ? null : in.assessmentCategory(),
                AssessmentCategory.class, type == VendorType.ASSESSMENT);
        if (type != null && type != VendorType.ASSESSMENT && category != null) {
            errors.add(new FieldError("assessmentCategory", "is only for the vendor type ASSESSMENT"));
        }
        if (!errors.isEmpty()) {
            throw ApiException.validation(errors);
        }
        return db.tx(em -> {
            PartnerEntity p = partner(em, caller.partnerId());
            List<OfferEntity> offers = em.createNamedQuery("Offer.ofPartner", OfferEntity.class)
                    .setParameter("partnerId", caller.partnerId()).getResultList();
            List<String> stranded = offers.stream().filter(o -> !type.offerKinds().contains(o.getKind()))
                    .map(o -> o.getKind().name()).distinct().toList();
            if (!stranded.isEmpty()) {
                throw ApiException.conflict("vendor-type-in-use", "Vendor type in use", "you have offers of the kind "
                        + String.join(", ", stranded) + ", which a " + type + " cannot make; delete or withdraw them first");
            }
            p.vendorType(type, category, System.currentTimeMillis());
            return accountView(em, caller.partnerId(), base);
        });
    }

    /** Changes the personal details sent; an empty text removes an optional one. */
    public PartnerAccountView updatePersonal(PartnerCaller caller, PersonalIn in, URI base) {
        PartnerAuthService.requireSession(caller, "change your personal details");
        if (in == null) {
            throw ApiException.badRequest("a JSON body with the details to change is required");
        }
        List<FieldError> errors = new ArrayList<>();
        String name = in.name() == null ? null : Text.required(errors, "name", in.name(), 100);
        String contactEmail = in.contactEmail() == null || in.contactEmail().isBlank() ? null
                : email(errors, "contactEmail", in.contactEmail());
        String phone = in.phone() == null ? null : phone(errors, in.phone());
        String jobTitle = in.jobTitle() == null ? null : Text.optional(errors, "jobTitle", in.jobTitle(), 100);
        String about = in.about() == null ? null : about(errors, in.about());
        if (!errors.isEmpty()) {
            throw ApiException.validation(errors);
        }
        return db.tx(em -> {
            long now = System.currentTimeMillis();
            PartnerEntity p = partner(em, caller.partnerId());
            if (name != null) {
                em.find(PartnerAccountEntity.class, caller.partnerId()).rename(name, now);
            }
            p.personal(in.contactEmail() == null ? p.getContactEmail() : contactEmail,
                    in.phone() == null ? p.getPhone() : blankToNull(phone),
                    in.jobTitle() == null ? p.getJobTitle() : jobTitle,
                    in.about() == null ? p.getAbout() : blankToNull(about), now);
            return accountView(em, caller.partnerId(), base);
        });
    }

    // ------------------------------------------------------------------------------ company profile

    /** @return the company profile; 404 {@code profile-not-saved} until it is saved once */
    public CompanyProfileView profile(PartnerCaller caller, URI base) {
        return db.tx(em -> {
            PartnerEntity p = em.find(PartnerEntity.class, caller.partnerId());
            if (p == null || p.getProfileSavedAt() == null) {
                throw new ApiException(404, "profile-not-saved", "No company profile",
                        "the company profile has not been saved yet (PUT /partner/profile)", null);
            }
            return profileView(p, base);
        });
    }

    /** Saves the whole company profile. */
    public CompanyProfileView saveProfile(PartnerCaller caller, ProfileIn in, URI base) {
        PartnerAuthService.requireSession(caller, "change the company profile");
        if (in == null) {
            throw ApiException.badRequest("a JSON body with the company profile is required");
        }
        List<FieldError> errors = new ArrayList<>();
        String name = Text.required(errors, "name", in.name(), 100);
        String website = website(errors, in.website());
        String description = in.description() == null || in.description().isBlank()
                ? missing(errors, "description") : Text.multiline(errors, "description", in.description(), 4000);
        String street = null;
        String city = null;
        String postal = null;
        String region = null;
        String country = null;
        if (in.address() == null) {
            errors.add(new FieldError("address", "is required"));
        } else {
            street = Text.optional(errors, "address.street", in.address().street(), 200);
            city = Text.required(errors, "address.city", in.address().city(), 100);
            postal = Text.optional(errors, "address.postalCode", in.address().postalCode(), 20);
            region = Text.optional(errors, "address.region", in.address().region(), 100);
            country = country(errors, "address.countryCode", in.address().countryCode(), true);
        }
        if (!errors.isEmpty()) {
            throw ApiException.validation(errors);
        }
        String[] a = { street, city, postal, region, country };
        return db.tx(em -> {
            PartnerEntity p = partner(em, caller.partnerId());
            p.profile(name, a[0], a[1], a[2], a[3], a[4], website, description, System.currentTimeMillis());
            return profileView(p, base);
        });
    }

    /** Stores the logo (checked by {@link ImageCheck#logo}); only once the profile has been saved. */
    public ImageView uploadLogo(PartnerCaller caller, byte[] bytes, URI base) {
        PartnerAuthService.requireSession(caller, "change the logo");
        boolean saved = db.tx(em -> {
            PartnerEntity p = em.find(PartnerEntity.class, caller.partnerId());
            return p != null && p.getProfileSavedAt() != null;
        });
        if (!saved) {
            throw ApiException.conflict("profile-not-saved", "Save the profile first",
                    "the logo can only be added once the company profile has been saved (PUT /partner/profile)");
        }
        ImageCheck.Checked checked = ImageCheck.logo(bytes);
        return store(caller.partnerId(), LOGO, bytes, checked, base, PartnerEntity::logo);
    }

    /** Stores the personal photo (checked by {@link ImageCheck#photo}). */
    public ImageView uploadPhoto(PartnerCaller caller, byte[] bytes, URI base) {
        PartnerAuthService.requireSession(caller, "change your photo");
        ImageCheck.Checked checked = ImageCheck.photo(bytes);
        return store(caller.partnerId(), PHOTO, bytes, checked, base, PartnerEntity::photo);
    }

    private interface ImageSetter {
        void set(PartnerEntity p, String hash, long now);
    }

    private ImageView store(String partnerId, String kind, byte[] bytes, ImageCheck.Checked checked, URI base,
            ImageSetter setter) {
        String hash = Hashes.sha256Hex(bytes);
        return db.tx(em -> {
            long now = System.currentTimeMillis();
            PartnerEntity p = partner(em, partnerId);
            String id = PartnerImageEntity.idOf(partnerId, kind);
            PartnerImageEntity image = em.find(PartnerImageEntity.class, id);
            String type = checked.format().mediaType();
            if (image == null) {
                em.persist(new PartnerImageEntity(id, type, checked.width(), checked.height(), bytes, hash, now));
            } else {
                image.replace(type, checked.width(), checked.height(), bytes, hash, now);
            }
            setter.set(p, hash, now);
            return new ImageView(imageUrl(base, partnerId, kind, hash), type, checked.width(), checked.height(),
                    checked.warnings());
        });
    }

    /** Removes the logo or photo; nothing to remove is no error. */
    public void deleteImage(PartnerCaller caller, String kind) {
        PartnerAuthService.requireSession(caller, "remove an image");
        db.tx(em -> {
            PartnerImageEntity image = em.find(PartnerImageEntity.class, PartnerImageEntity.idOf(caller.partnerId(), kind));
            if (image != null) {
                em.remove(image);
            }
            PartnerEntity p = em.find(PartnerEntity.class, caller.partnerId());
            if (p != null) {
                if (LOGO.equals(kind)) {
                    p.logo(null, System.currentTimeMillis());
                } else {
                    p.photo(null, System.currentTimeMillis());
                }
            }
            return null;
        });
    }

    /** An image as served: bytes, media type and checksum (the ETag). */
    public record StoredImage(byte[] bytes, String mediaType, String hash) {
    }

    /** @return the caller's own logo or photo */
    public StoredImage ownImage(PartnerCaller caller, String kind) {
        return image(caller.partnerId(), kind).orElseThrow(() -> ApiException.notFound(kind.toLowerCase(Locale.ROOT),
                "of this partner"));
    }

    /**
     * @return a partner's logo for anyone: only of a partner customers can see (one with an offer
     *         approved and not withdrawn), as its offers are
     */
    public StoredImage publicLogo(String partnerId) {
        Optional<StoredImage> logo = partnerId == null ? Optional.empty() : db.tx(em -> {
            boolean listed = !em.createQuery("SELECT o.id FROM OfferEntity o WHERE o.partnerId = :p"
                    + " AND o.approvedIntegrationId IS NOT NULL", String.class).setParameter("p", partnerId)
                    .setMaxResults(1).getResultList().isEmpty();
            PartnerAccountEntity account = em.find(PartnerAccountEntity.class, partnerId);
            return listed && account != null && account.isVerified() ? image(em, partnerId, LOGO)
                    : Optional.<StoredImage>empty();
        });
        return logo.orElseThrow(() -> ApiException.notFound("partner logo", partnerId));
    }

    private Optional<StoredImage> image(String partnerId, String kind) {
        return db.tx(em -> image(em, partnerId, kind));
    }

    private static Optional<StoredImage> image(EntityManager em, String partnerId, String kind) {
        PartnerImageEntity i = em.find(PartnerImageEntity.class, PartnerImageEntity.idOf(partnerId, kind));
        return i == null ? Optional.empty() : Optional.of(new StoredImage(i.getBytes(), i.getMediaType(), i.getHash()));
    }

    // ------------------------------------------------------------------------------ connections

    /**
     * The connections customers made to the integrations the partner's visible (approved) offers
     * name: the company's name, the status and since when; nothing else of the customer.
     */
    public List<PartnerConnectionView> connections(PartnerCaller caller) {
        return db.tx(em -> {
            Set<String> ids = OfferService.listedIntegrations(em, caller.partnerId());
            if (ids.isEmpty()) {
                return List.<PartnerConnectionView>of();
            }
            return em.createQuery("SELECT c FROM ConnectionEntity c WHERE c.integrationId IN :ids"
                    + " ORDER BY c.createdAt DESC, c.id", ConnectionEntity.class).setParameter("ids", ids)
                    .getResultList().stream().map(c -> {
                        CompanyEntity company = em.find(CompanyEntity.class, c.getCompanyId());
                        return new PartnerConnectionView(c.getId(), c.getIntegrationId(),
                                company == null ? "?" : company.getName(), c.getState().name(),
                                Instant.ofEpochMilli(c.getCreatedAt()));
                    }).toList();
        });
    }

    // ------------------------------------------------------------------------------ agencies

    /**
     * The platform admin activates a recruiter's agency account (the seed's "activated within 48
     * hours"): from then on customers can send it jobs. Only a verified RECRUITER with a saved
     * company profile can be activated.
     */
    public PartnerAccountView activateAgency(String partnerId) {
        return db.tx(em -> {
            PartnerAccountEntity a = partnerId == null ? null : em.find(PartnerAccountEntity.class, partnerId);
            if (a == null) {
                throw ApiException.notFound("partner", partnerId);
            }
            PartnerEntity p = partner(em, partnerId);
            if (p.getVendorType() != VendorType.RECRUITER) {
                throw ApiException.conflict("not-a-recruiter", "Not a recruiter", "partner " + partnerId
                        + " has not joined as a recruiter (vendor type " + p.getVendorType() + "); only recruiters"
                        + " receive assignments");
            }
            if (p.getProfileSavedAt() == null) {
                throw ApiException.conflict("profile-required", "Company profile missing", "partner " + partnerId
                        + " has not saved its company profile yet; customers choose agencies by it");
            }
            p.agencyActivated(System.currentTimeMillis());
            return accountView(em, partnerId, null);
        });
    }

    // ------------------------------------------------------------------------------ views

    public static PartnerProfileView publicProfile(EntityManager em, String partnerId, URI base) {
        PartnerEntity p = em.find(PartnerEntity.class, partnerId);
        PartnerAccountEntity a = em.find(PartnerAccountEntity.class, partnerId);
        if (a == null) {
            return null;
        }
        if (p == null || p.getProfileSavedAt() == null) {
            return new PartnerProfileView(partnerId, a.getCompanyName(), null, null, null, null);
        }
        return new PartnerProfileView(partnerId, p.getProfileName(), p.getWebsite(), p.getDescription(), address(p),
                p.getLogoHash() == null ? null : publicLogoUrl(base, partnerId, p.getLogoHash()));
    }

    private PartnerAccountView accountView(EntityManager em, String partnerId, URI base) {
        PartnerAccountEntity a = em.find(PartnerAccountEntity.class, partnerId);
        if (a == null) {
            throw ApiException.notFound("partner", partnerId);
        }
        PartnerEntity p = em.find(PartnerEntity.class, partnerId);
        VendorType type = p == null ? null : p.getVendorType();
        return new PartnerAccountView(a.getId(), a.getName(), a.getEmail(), a.getCompanyName(), a.isVerified(), type,
                p == null ? null : p.getAssessmentCategory(),
                type == null ? List.of() : type.offerKinds().stream().sorted().toList(),
                p == null ? null : p.getContactEmail(), p == null ? null : p.getPhone(),
                p == null ? null : p.getJobTitle(), p == null ? null : p.getAbout(),
                p == null || p.getPhotoHash() == null ? null : imageUrl(base, partnerId, PHOTO, p.getPhotoHash()),
                Instant.ofEpochMilli(a.getCreatedAt()),
                Instant.ofEpochMilli(Math.max(a.getUpdatedAt(), p == null ? 0 : p.getUpdatedAt())));
    }

    private static CompanyProfileView profileView(PartnerEntity p, URI base) {
        return new CompanyProfileView(p.getProfileName(), address(p), p.getWebsite(), p.getDescription(),
                p.getLogoHash() == null ? null : imageUrl(base, p.getId(), LOGO, p.getLogoHash()),
                Instant.ofEpochMilli(p.getProfileSavedAt()));
    }

    private static AddressView address(PartnerEntity p) {
        return new AddressView(p.getStreet(), p.getCity(), p.getPostalCode(), p.getRegion(), p.getCountryCode());
    }

    /** The partner's own copy of its logo or photo (partner API). */
    private static String imageUrl(URI base, String partnerId, String kind, String hash) {
        String path = LOGO.equals(kind) ? "partner/profile/logo" : "partner/account/photo";
        return resolve(base, path + "?v=" + hash.substring(0, 12));
    }

    /** The logo as customers get it: anonymous, cacheable, its checksum in the URL. */
    static String publicLogoUrl(URI base, String partnerId, String hash) {
        return resolve(base, "public/partners/" + partnerId + "/logo?v=" + hash.substring(0, 12));
    }

    private static String resolve(URI base, String path) {
        if (base == null) {
            return "/api/v1/" + path;
        }
        String b = base.toString();
        return (b.endsWith("/") ? b : b + "/") + path;
    }

    static PartnerEntity partner(EntityManager em, String partnerId) {
        PartnerEntity p = em.find(PartnerEntity.class, partnerId);
        if (p == null) {
            if (em.find(PartnerAccountEntity.class, partnerId) == null) {
                throw ApiException.notFound("partner", partnerId);
            }
            p = new PartnerEntity(partnerId, System.currentTimeMillis());
            em.persist(p);
        }
        return p;
    }

    // ------------------------------------------------------------------------------ validation

    static <E extends Enum<E>> E enumOf(List<FieldError> errors, String field, String raw, Class<E> type,
            boolean required) {
        if (raw == null || raw.isBlank()) {
            if (required) {
                errors.add(new FieldError(field, "is required"));
            }
            return null;
        }
        try {
            return Enum.valueOf(type, raw.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError(field, "must be one of " + String.join(", ",
                    java.util.Arrays.stream(type.getEnumConstants()).map(Enum::name).toList())));
            return null;
        }
    }

    static String country(List<FieldError> errors, String field, String raw, boolean required) {
        if (raw == null || raw.isBlank()) {
            if (required) {
                errors.add(new FieldError(field, "is required"));
            }
            return null;
        }
        String code = raw.trim().toUpperCase(Locale.ROOT);
        if (ReferenceData.countryName(code).isEmpty()) {
            errors.add(new FieldError(field, "is not an ISO 3166 alpha-2 country code: " + raw.trim()));
        }
        return code;
    }

    private static String missing(List<FieldError> errors, String field) {
        errors.add(new FieldError(field, "is required"));
        return null;
    }

    private static final java.util.regex.Pattern EMAIL = java.util.regex.Pattern
            .compile("[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}");
    private static final java.util.regex.Pattern PHONE = java.util.regex.Pattern.compile("\\+?[0-9 ().-]{5,30}");

    public static String email(List<FieldError> errors, String field, String raw) {
        String v = raw.trim();
        if (v.length() > 254 || !EMAIL.matcher(v).matches()) {
            errors.add(new FieldError(field, "is not an email address"));
        }
        return v;
    }

    static String phone(List<FieldError> errors, String raw) {
        String v = raw.trim();
        if (!v.isEmpty() && !PHONE.matcher(v).matches()) {
            errors.add(new FieldError("phone", "is not a phone number (digits, spaces, + ( ) . - ; 5 to 30 characters)"));
        }
        return v;
    }

    static String about(List<FieldError> errors, String raw) {
        String v = raw.strip();
        if (v.isEmpty()) {
            return v;
        }
        if (v.length() < ABOUT_MIN || v.length() > ABOUT_MAX) {
            errors.add(new FieldError("about", "must be one or two sentences of " + ABOUT_MIN + " to " + ABOUT_MAX
                    + " characters; this one has " + v.length()));
        } else if (v.chars().anyMatch(Character::isISOControl)) {
            errors.add(new FieldError("about", "must be one line without control characters"));
        }
        return v;
    }

    static String website(List<FieldError> errors, String raw) {
        if (raw == null || raw.isBlank()) {
            errors.add(new FieldError("website", "is required"));
            return null;
        }
        String v = raw.trim();
        try {
            URI u = new URI(v);
            String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("https") || scheme.equals("http")) || u.getHost() == null || v.length() > 300
                    || u.getUserInfo() != null) {
                errors.add(new FieldError("website", "must be an http or https address of at most 300 characters,"
                        + " such as https://example.com"));
            }
        } catch (java.net.URISyntaxException e) {
            errors.add(new FieldError("website", "is not a web address: " + e.getReason()));
        }
        return v;
    }

    private static String blankToNull(String v) {
        return v == null || v.isBlank() ? null : v;
    }
}
