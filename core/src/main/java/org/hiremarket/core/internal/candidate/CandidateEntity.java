package org.hiremarket.core.internal.candidate;

import java.util.Locale;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Index;
import javax.persistence.Table;
import javax.persistence.Version;

/** A candidate of a company: one per email address and company. */
@Entity
@Table(name = "HM_CANDIDATE", indexes = {
        @Index(name = "HM_CANDIDATE_EMAIL", columnList = "companyId, emailKey", unique = true),
        @Index(name = "HM_CANDIDATE_UPDATED", columnList = "companyId, updatedAt") })
public class CandidateEntity {

    static final int JSON = 30_000;

    @Id
    @Column(length = 36)
    private String id;

    @Column(nullable = false, length = 36)
    private String companyId;

    @Column(nullable = false, length = 100)
    private String firstName;

    @Column(nullable = false, length = 100)
    private String lastName;

    @Column(nullable = false, length = 254)
    private String email;

    @Column(nullable = false, length = 254)
    private String emailKey;

    @Column(length = 40)
    private String phone;

    @Column(length = 2)
    private String countryCode;

    @Column(length = 100)
    private String city;

    /** JSON array of {@link CandidateViews.Experience}. */
    @Column(length = JSON)
    private String experience;

    /** JSON array of {@link CandidateViews.Education}. */
    @Column(length = JSON)
    private String education;

    @Column(nullable = false)
    private long createdAt;

    @Column(nullable = false)
    private long updatedAt;

    @Version
    private long version;

    protected CandidateEntity() {
    }

    CandidateEntity(String id, String companyId, long now) {
        this.id = id;
        this.companyId = companyId;
        this.createdAt = now;
        this.updatedAt = now;
    }

    static String emailKey(String email) {
        return email.trim().toLowerCase(Locale.ROOT);
    }

    public String getId() { return id; }
    public String getCompanyId() { return companyId; }
    public String getFirstName() { return firstName; }
    public String getLastName() { return lastName; }
    void setName(String first, String last) {
        this.firstName = first;
        this.lastName = last;
    }
    public String getEmail() { return email; }
    void setEmail(String email) {
        this.email = email;
        this.emailKey = emailKey(email);
    }
    public String getPhone() { return phone; }
    void setPhone(String phone) { this.phone = phone; }
    public String getCountryCode() { return countryCode; }
    public String getCity() { return city; }
    void setLocation(String countryCode, String city) {
        this.countryCode = countryCode;
        this.city = city;
    }
    public String getExperience() { return experience; }
    void setExperience(String experience) { this.experience = experience; }
    public String getEducation() { return education; }
    void setEducation(String education) { this.education = education; }
    public long getCreatedAt() { return createdAt; }
    public long getUpdatedAt() { return updatedAt; }
    void touch(long at) { this.updatedAt = at; }
}
