package org.hiremarket.core.internal.identity;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.EnumType;
import javax.persistence.Enumerated;
import javax.persistence.Id;
import javax.persistence.Index;
import javax.persistence.NamedQuery;
import javax.persistence.Table;

/** A single-use token mailed to a person: set the first password, or reset a forgotten one. */
@Entity
@Table(name = "HM_ONE_TIME_TOKEN", indexes = @Index(name = "HM_OTT_TOKEN_ID", columnList = "tokenId", unique = true))
@NamedQuery(name = "OneTimeToken.byTokenId", query = "SELECT t FROM OneTimeTokenEntity t WHERE t.tokenId = :tokenId")
@NamedQuery(name = "OneTimeToken.endForUser",
        query = "UPDATE OneTimeTokenEntity t SET t.usedAt = :at WHERE t.userId = :userId AND t.usedAt IS NULL")
public class OneTimeTokenEntity {

    /** What the token lets its holder do. */
    public enum Purpose {
        ACTIVATION, PASSWORD_RESET,
        /** A partner account's email verification ({@code userId} holds the partner account's id). */
        PARTNER_VERIFICATION,
        /** A partner's password reset. */
        PARTNER_RESET
    }

    @Id
    @Column(length = 36)
    private String id;

    @Column(nullable = false, length = 16)
    private String tokenId;

    @Column(nullable = false, length = 64)
    private String tokenHash;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 20)
    private Purpose purpose;

    @Column(nullable = false, length = 36)
    private String userId;

    @Column(nullable = false)
    private long expiresAt;

    private Long usedAt;

    protected OneTimeTokenEntity() {
    }

    public OneTimeTokenEntity(String id, String tokenId, String tokenHash, Purpose purpose, String userId,
            long expiresAt) {
        this.id = id;
        this.tokenId = tokenId;
        this.tokenHash = tokenHash;
        this.purpose = purpose;
        this.userId = userId;
        this.expiresAt = expiresAt;
    }

    public String getTokenHash() {
        return tokenHash;
    }

    public Purpose getPurpose() {
        return purpose;
    }

    public String getUserId() {
        return userId;
    }

    public long getExpiresAt() {
        return expiresAt;
    }

    public Long getUsedAt() {
        return usedAt;
    }

    public void use(long at) {
        this.usedAt = at;
    }
}
