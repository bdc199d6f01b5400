package org.hiremarket.core.internal.company;

import org.eclipse.persistence.annotations.Cache;
import org.eclipse.persistence.config.CacheIsolationType;
import org.hiremarket.core.internal.persistence.CacheSettings;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Index;
import javax.persistence.NamedQuery;
import javax.persistence.QueryHint;
import javax.persistence.Table;

/**
 * A company API key. Only the SHA-256 hash of the key is stored; the key itself is shown once,
 * when it is created.
 */
@Entity
@Cache(isolation = CacheIsolationType.SHARED, expiry = CacheSettings.EXPIRY_MS)
@Table(name = "HM_API_KEY", indexes = @Index(name = "HM_API_KEY_COMPANY", columnList = "companyId"))
@NamedQuery(name = "ApiKey.byKeyId", query = "SELECT k FROM ApiKeyEntity k WHERE k.keyId = :keyId",
        hints = { @QueryHint(name = "eclipselink.query-results-cache", value = "true"),
                @QueryHint(name = "eclipselink.query-results-cache.expiry", value = CacheSettings.EXPIRY_MS_TEXT),
                @QueryHint(name = "eclipselink.read-only", value = "true") })
@NamedQuery(name = "ApiKey.byCompany",
        query = "SELECT k FROM ApiKeyEntity k WHERE k.companyId = :companyId ORDER BY k.createdAt, k.id")
public class ApiKeyEntity {

    @Id
    @Column(length = 36)
    private String id;

    @Column(nullable = false, length = 36)
    private String companyId;

    /** The public part of the key, used to find it; not a secret. */
    @Column(nullable = false, length = 32, unique = true)
    private String keyId;

    /** Hex SHA-256 of the whole key. */
    @Column(nullable = false, length = 64)
    private String keyHash;

    @Column(length = 200)
    private String label;

    @Column(nullable = false)
    private long createdAt;

    private Long revokedAt;

    protected ApiKeyEntity() {
    }

    public ApiKeyEntity(String id, String companyId, String keyId, String keyHash, String label, long createdAt) {
        this.id = id;
        this.companyId = companyId;
        this.keyId = keyId;
        this.keyHash = keyHash;
        this.label = label;
        this.createdAt = createdAt;
    }

    public String getId() {
        return id;
    }

    public String getCompanyId() {
        return companyId;
    }

    public String getKeyId() {
        return keyId;
    }

    public String getKeyHash() {
        return keyHash;
    }

    public String getLabel() {
        return label;
    }

    public long getCreatedAt() {
        return createdAt;
    }

    public Long getRevokedAt() {
        return revokedAt;
    }

    public void revoke(long at) {
        this.revokedAt = at;
    }
}
