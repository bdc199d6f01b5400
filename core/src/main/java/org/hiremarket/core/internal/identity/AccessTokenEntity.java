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
import javax.persistence.QueryHint;
import javax.persistence.Table;

/**
 * A short-lived bearer token: an OAuth access token of a client, or a person's session. Only the
 * hash is stored; revoking the client or logging out revokes it at once.
 */
@Entity
@Cache(isolation = CacheIsolationType.SHARED, expiry = CacheSettings.EXPIRY_MS)
@Table(name = "HM_ACCESS_TOKEN", indexes = {
        @Index(name = "HM_ACCESS_TOKEN_ID", columnList = "tokenId", unique = true),
        @Index(name = "HM_ACCESS_TOKEN_SUBJECT", columnList = "subjectId") })
@NamedQuery(name = "AccessToken.byTokenId", query = "SELECT t FROM AccessTokenEntity t WHERE t.tokenId = :tokenId",
        hints = { @QueryHint(name = "eclipselink.query-results-cache", value = "true"),
                @QueryHint(name = "eclipselink.query-results-cache.expiry", value = CacheSettings.EXPIRY_MS_TEXT),
                @QueryHint(name = "eclipselink.read-only", value = "true") })
@NamedQuery(name = "AccessToken.revokeSubject",
        query = "UPDATE AccessTokenEntity t SET t.revokedAt = :at WHERE t.subjectId = :subjectId AND t.revokedAt IS NULL")
@NamedQuery(name = "AccessToken.deleteExpired", query = "DELETE FROM AccessTokenEntity t WHERE t.expiresAt < :before")
public class AccessTokenEntity {

    /**
     * What a bearer token stands for. {@code PARTNER} is a partner's (vendor's) session: its
     * {@code companyId} holds the partner account's id, the tenant of the partner realm.
     */
    public enum Kind {
        CLIENT, SESSION, PARTNER
    }

    @Id
    @Column(length = 36)
    private String id;

    @Column(nullable = false, length = 16)
    private String tokenId;

    @Column(nullable = false, length = 64)
    private String tokenHash;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 10)
    private Kind kind;

    @Column(nullable = false, length = 36)
    private String companyId;

    /** The client id or the user id. */
    @Column(nullable = false, length = 40)
    private String subjectId;

    /** Space-separated wire names of the scopes (clients only; sessions follow the user's role). */
    @Column(length = 1000)
    private String scopes;

    @Column(nullable = false)
    private long expiresAt;

    private Long revokedAt;

    protected AccessTokenEntity() {
    }

    public AccessTokenEntity(String id, String tokenId, String tokenHash, Kind kind, String companyId, String subjectId,
            String scopes, long expiresAt) {
        this.id = id;
        this.tokenId = tokenId;
        this.tokenHash = tokenHash;
        this.kind = kind;
        this.companyId = companyId;
        this.subjectId = subjectId;
        this.scopes = scopes;
        this.expiresAt = expiresAt;
    }

    public String getId() {
        return id;
    }

    public String getTokenHash() {
        return tokenHash;
    }

    public Kind getKind() {
        return kind;
    }

    public String getCompanyId() {
        return companyId;
    }

    public String getSubjectId() {
        return subjectId;
    }

    public String getScopes() {
        return scopes;
    }

    public long getExpiresAt() {
        return expiresAt;
    }

    public Long getRevokedAt() {
        return revokedAt;
    }

    public void revoke(long at) {
        this.revokedAt = at;
    }
}
