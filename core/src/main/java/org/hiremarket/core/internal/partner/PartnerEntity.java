package org.hiremarket.core.internal.partner;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.EnumType;
import javax.persistence.Enumerated;
import javax.persistence.Id;
import javax.persistence.Table;
import javax.persistence.Version;

/**
 * What a partner tells about itself: its vendor type, the contact's personal details and the
 * company profile customers see beside its offers. One row per partner account (same id), made on
 * the first write; the account itself (email, password, verification) is the identity realm's.
 */
@Entity
@Table(name = "HM_PARTNER")
public class PartnerEntity {

    @Id
    @Column(length = 36)
    private String id;
    @Enumerated(EnumType.STRING)
    @Column(length = 20)
    private VendorType vendorType;
    @Enumerated(EnumType.STRING)
    @Column(length = 30)
    private AssessmentCategory assessmentCategory;

    // personal details
    @Column(length = 254)
    private String contactEmail;
    @Column(length = 40)
    private String phone;
    @Column(length = 100)
    private String jobTitle;
    @Column(length = 300)
    private String about;

    // company profile
    @Column(length = 100)
    private String profileName;
    @Column(length = 200)
    private String street;
    @Column(length = 100)
    private String city;
    @Column(length = 20)
    private String postalCode;
    @Column(length = 100)
    private String region;
    @Column(length = 2)
    private String countryCode;
    @Column(length = 300)
    private String website;
    @Column(length = 4000)
    private String description;
    private Long profileSavedAt;

    /** The logo's and photo's checksums (their ETags), {@code null} when there is none. */
    @Column(length = 64)
    private String logoHash;
    @Column(length = 64)
    private String photoHash;

    /** When the platform admin activated the recruiter's agency account (assignments need it). */
    private Long agencyActivatedAt;

    @Column(nullable = false)
    private long updatedAt;
    @Version
    private long version;

    protected PartnerEntity() {
    }

    PartnerEntity(String id, long now) {
        this.id = id;
        this.updatedAt = now;
    }

    public String getId() { return id; }
    public VendorType getVendorType() { return vendorType; }
    public AssessmentCategory getAssessmentCategory() { return assessmentCategory; }
    public String getContactEmail() { return contactEmail; }
    public String getPhone() { return phone; }
    public String getJobTitle() { return jobTitle; }
    public String getAbout() { return about; }
    public String getProfileName() { return profileName; }
    public String getStreet() { return street; }
    public String getCity() { return city; }
    public String getPostalCode() { return postalCode; }
    public String getRegion() { return region; }
    public String getCountryCode() { return countryCode; }
    public String getWebsite() { return website; }
    public String getDescription() { return description; }
    public Long getProfileSavedAt() { return profileSavedAt; }
    public String getLogoHash() { return logoHash; }
    public String getPhotoHash() { return photoHash; }
    public long getUpdatedAt() { return updatedAt; }
    public Long getAgencyActivatedAt() { return agencyActivatedAt; }

    void agencyActivated(long now) {
        if (agencyActivatedAt == null) {
            agencyActivatedAt = now;
            updatedAt = now;
        }
    }

    void vendorType(VendorType type, AssessmentCategory category, long now) {
        this.vendorType = type;
        this.assessmentCategory = category;
        this.updatedAt = now;
    }

    void personal(String contactEmail, String phone, String jobTitle, String about, long now) {
        this.contactEmail = contactEmail;
        this.phone = phone;
        this.jobTitle = jobTitle;
        this.about = about;
        this.updatedAt = now;
    }

    void profile(String name, String street, String city, String postalCode, String region, String countryCode,
            String website, String description, long now) {
        this.profileName = name;
        this.street = street;
        this.city = city;
        this.postalCode = postalCode;
        this.region = region;
        this.countryCode = countryCode;
        this.website = website;
        this.description = description;
        this.profileSavedAt = now;
        this.updatedAt = now;
    }

    void logo(String hash, long now) {
        this.logoHash = hash;
        this.updatedAt = now;
    }

    void photo(String hash, long now) {
        this.photoHash = hash;
        this.updatedAt = now;
    }
}
