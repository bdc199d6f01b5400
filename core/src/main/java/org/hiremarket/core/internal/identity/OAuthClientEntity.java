package org.hiremarket.core.internal.identity;

import org.eclipse.persistence.annotations.Cache;
import org.eclipse.persistence.config.CacheIsolationType;
import org.hiremarket.core.internal.persistence.CacheSettings;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Index;
import javax.persistence.NamedQuery;
import javax.persistence.Table;

/** An OAuth 2.0 client of a company (client credentials grant); only the secret's hash is stored. */
@Entity
@Cache(isolation = CacheIsolationType.SHARED, expiry = CacheSettings.EXPIRY_MS)
@Table(name = "HM_OAUTH_CLIENT", indexes = @Index(name = "HM_OAUTH_CLIENT_COMPANY", columnList = "companyId"))
@NamedQuery(name = "OAuthClient.byCompany",
        query = "SELECT c FROM OAuthClientEntity c WHERE c.companyId = :companyId ORDER BY c.createdAt, c.clientId")
public class OAuthClientEntity {

    /** The public {@code client_id}. */
    @Id
    @Column(length = 40)
    private String clientId;

    @Column(nullable = false, length = 36)
    private String companyId;

    @Column(nullable = false, length = 200)
    private String name;

    /** Space-separated wire names of the scopes the client may ask for. */
    @Column(nullable = false, length = 1000)
    private String scopes;

    @Column(nullable = false, length = 64)
    private String secretHash;

    @Column(nullable = false)
    private long createdAt;

    private Long revokedAt;

    protected OAuthClientEntity() {
    }

    public OAuthClientEntity(String clientId, String companyId, String name, String scopes, String secretHash,
            long createdAt) {
        this.clientId = clientId;
        this.companyId = companyId;
        this.name = name;
        this.scopes = scopes;
        this.secretHash = secretHash;
        this.createdAt = createdAt;
    }

    public String getClientId() {
        return clientId;
    }

    public String getCompanyId() {
        return companyId;
    }

    public String getName() {
        return name;
    }

    public String getScopes() {
        return scopes;
    }

    public String getSecretHash() {
        return secretHash;
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
