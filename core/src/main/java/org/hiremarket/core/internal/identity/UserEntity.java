package org.hiremarket.core.internal.identity;

import org.eclipse.persistence.annotations.Cache;
import org.eclipse.persistence.config.CacheIsolationType;
import org.hiremarket.core.internal.persistence.CacheSettings;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.EnumType;
import javax.persistence.Enumerated;
import javax.persistence.Id;
import javax.persistence.Index;
import javax.persistence.NamedQuery;
import javax.persistence.Table;
import javax.persistence.Version;

/** A person of a customer company. */
@Entity
@Cache(isolation = CacheIsolationType.SHARED, expiry = CacheSettings.EXPIRY_MS)
@Table(name = "HM_USER", indexes = {
        @Index(name = "HM_USER_COMPANY_EMAIL", columnList = "companyId, emailKey", unique = true),
        @Index(name = "HM_USER_EMAIL_KEY", columnList = "emailKey"),
        @Index(name = "HM_USER_COMPANY", columnList = "companyId") })
@NamedQuery(name = "User.byEmailKey", query = "SELECT u FROM UserEntity u WHERE u.emailKey = :emailKey")
@NamedQuery(name = "User.byCompanyAndEmailKey",
        query = "SELECT u FROM UserEntity u WHERE u.companyId = :companyId AND u.emailKey = :emailKey")
public class UserEntity {

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

    /**
     * Lower-cased email: unique within a company (a person may be a user of several companies). A
     * user without an email (the API's create call does not need one) has {@link #NO_EMAIL} and its
     * id here, which no email address can match, and an empty {@link #email}.
     */
    @Column(nullable = false, length = 254)
    private String emailKey;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 20)
    private SystemRole role;

    @Column(nullable = false, length = 8)
    private String languageCode;

    @Column(nullable = false, length = 2)
    private String countryCode;

    @Column(nullable = false, length = 100)
    private String city;

    @Column(nullable = false)
    private boolean active;

    /** {@link Passwords} hash; {@code null} until the person sets a password from the activation email. */
    @Column(length = 200)
    private String passwordHash;

    @Column(nullable = false)
    private long createdAt;

    @Column(nullable = false)
    private long updatedAt;

    @Version
    private long version;

    protected UserEntity() {
    }

    public UserEntity(String id, String companyId, long now) {
        this.id = id;
        this.companyId = companyId;
        this.active = true;
        this.createdAt = now;
        this.updatedAt = now;
    }

    public String getId() {
        return id;
    }

    public String getCompanyId() {
        return companyId;
    }

    public String getFirstName() {
        return firstName;
    }

    public String getLastName() {
        return lastName;
    }

    /** @return the email address, or {@code null} for a user without one */
    public String getEmail() {
        return hasEmail() ? email : null;
    }

    public SystemRole getRole() {
        return role;
    }

    public String getLanguageCode() {
        return languageCode;
    }

    public String getCountryCode() {
        return countryCode;
    }

    public String getCity() {
        return city;
    }

    public boolean isActive() {
        return active;
    }

    public String getPasswordHash() {
        return passwordHash;
    }

    public long getUpdatedAt() {
        return updatedAt;
    }

    public void setName(String first, String last) {
        this.firstName = first;
        this.lastName = last;
    }

    /** Marks the key of a user without an email; no email address starts with it. */
    static final String NO_EMAIL = "~";

    /** @param email the address, or {@code null} for none (such a user cannot sign in until one is set) */
    public void setEmail(String email) {
        this.email = email == null ? "" : email;
        this.emailKey = email == null ? NO_EMAIL + id : emailKey(email);
    }

    public boolean hasEmail() {
        return email != null && !email.isEmpty();
    }

    public void setRole(SystemRole role) {
        this.role = role;
    }

    public void setLanguageCode(String languageCode) {
        this.languageCode = languageCode;
    }

    public void setLocation(String countryCode, String city) {
        this.countryCode = countryCode;
        this.city = city;
    }

    public void setActive(boolean active) {
        this.active = active;
    }

    public void setPasswordHash(String passwordHash) {
        this.passwordHash = passwordHash;
    }

    public void touch(long now) {
        this.updatedAt = now;
    }

    public static String emailKey(String email) {
        return email.trim().toLowerCase(java.util.Locale.ROOT);
    }
}
