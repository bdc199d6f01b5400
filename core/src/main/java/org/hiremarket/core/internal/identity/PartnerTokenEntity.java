package org.hiremarket.core.internal.identity;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Index;
import javax.persistence.NamedQuery;
import javax.persistence.Table;

/**
 * A Marketplace API token: what a partner's own services call the partner API with. Shown once,
 * stored as its SHA-256 only; revoking it ends it at once. It never works on the customer API.
 */
@Entity
@Table(name = "HM_PARTNER_TOKEN", indexes = {
        @Index(name = "HM_PARTNER_TOKEN_ID", columnList = "tokenId", unique = true),
        @Index(name = "HM_PARTNER_TOKEN_PARTNER", columnList = "partnerId") })
@NamedQuery(name = "PartnerToken.byTokenId", query = "SELECT t FROM PartnerTokenEntity t WHERE t.tokenId = :tokenId")
@NamedQuery(name = "PartnerToken.ofPartner",
        query = "SELECT t FROM PartnerTokenEntity t WHERE t.partnerId = :partnerId ORDER BY t.createdAt DESC, t.id")
@NamedQuery(name = "PartnerToken.countLive",
        query = "SELECT COUNT(t) FROM PartnerTokenEntity t WHERE t.partnerId = :partnerId AND t.revokedAt IS NULL")
public class PartnerTokenEntity {

    @Id
    @Column(length = 36)
    private String id;
    @Column(nullable = false, length = 16)
    private String tokenId;
    @Column(nullable = false, length = 64)
    private String tokenHash;
    @Column(nullable = false, length = 36)
    private String partnerId;
    @Column(nullable = false, length = 100)
    private String name;
    @Column(nullable = false)
    private long createdAt;
    private Long lastUsedAt;
    private Long revokedAt;

    protected PartnerTokenEntity() {
    }

    PartnerTokenEntity(String id, String tokenId, String tokenHash, String partnerId, String name, long now) {
        this.id = id;
        this.tokenId = tokenId;
        this.tokenHash = tokenHash;
        this.partnerId = partnerId;
        this.name = name;
        this.createdAt = now;
    }

    public String getId() { return id; }
    public String getTokenId() { return tokenId; }
    String getTokenHash() { return tokenHash; }
    public String getPartnerId() { return partnerId; }
    public String getName() { return name; }
    public long getCreatedAt() { return createdAt; }
    public Long getLastUsedAt() { return lastUsedAt; }
    public Long getRevokedAt() { return revokedAt; }

    void used(long now) {
        lastUsedAt = now;
    }

    void revoke(long now) {
        if (revokedAt == null) {
            revokedAt = now;
        }
    }
}
