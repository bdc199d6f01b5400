package org.hiremarket.core.internal.identity;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Index;
import javax.persistence.NamedQuery;
import javax.persistence.Table;
import javax.persistence.Version;

/**
 * A partner's (vendor's) account: who signed up, with which email and password. It works only once
 * the email is verified. One account per email across the partner realm; the email says nothing
 * about customer users (another realm).
 */
@Entity
@Table(name = "HM_PARTNER_ACCOUNT", indexes = @Index(name = "HM_PARTNER_EMAIL", columnList = "emailKey", unique = true))
@NamedQuery(name = "PartnerAccount.byEmailKey",
        query = "SELECT p FROM PartnerAccountEntity p WHERE p.emailKey = :emailKey")
@NamedQuery(name = "PartnerAccount.all", query = "SELECT p FROM PartnerAccountEntity p ORDER BY p.createdAt, p.id")
public class PartnerAccountEntity {

    @Id
    @Column(length = 36)
    private String id;
    @Column(nullable = false, length = 100)
    private String name;
    @Column(nullable = false, length = 254)
    private String email;
    @Column(nullable = false, length = 254)
    private String emailKey;
    @Column(nullable = false, length = 200)
    private String companyName;
    @Column(nullable = false, length = 200)
    private String passwordHash;
    private Long verifiedAt;
    @Column(nullable = false)
    private long createdAt;
    @Column(nullable = false)
    private long updatedAt;
    @Version
    private long version;

    protected PartnerAccountEntity() {
    }

    PartnerAccountEntity(String id, String name, String email, String companyName, String passwordHash, long now) {
        this.id = id;
        this.name = name;
        this.email = email;
        this.emailKey = UserEntity.emailKey(email);
        this.companyName = companyName;
        this.passwordHash = passwordHash;
        this.createdAt = now;
        this.updatedAt = now;
    }

    public String getId() { return id; }
    public String getName() { return name; }
    public String getEmail() { return email; }
    public String getCompanyName() { return companyName; }
    String getPasswordHash() { return passwordHash; }
    public Long getVerifiedAt() { return verifiedAt; }
    public boolean isVerified() { return verifiedAt != null; }
    public long getCreatedAt() { return createdAt; }
    public long getUpdatedAt() { return updatedAt; }

    void verified(long now) {
        if (verifiedAt == null) {
            verifiedAt = now;
            updatedAt = now;
        }
    }

    void setPasswordHash(String hash, long now) {
        this.passwordHash = hash;
        this.updatedAt = now;
    }

    public void rename(String name, long now) {
        this.name = name;
        this.updatedAt = now;
    }
}
