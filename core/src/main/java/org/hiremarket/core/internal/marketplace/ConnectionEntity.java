package org.hiremarket.core.internal.marketplace;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.EnumType;
import javax.persistence.Enumerated;
import javax.persistence.Id;
import javax.persistence.Index;
import javax.persistence.Lob;
import javax.persistence.NamedQuery;
import javax.persistence.Table;
import javax.persistence.Version;

import org.eclipse.persistence.annotations.Cache;
import org.eclipse.persistence.config.CacheIsolationType;
import org.hiremarket.core.internal.persistence.CacheSettings;

/**
 * A company's connection to one integration, with its stored state. Read on every order placed and
 * delivered, so it is kept in the shared cache; whoever must see the state as committed (placing an
 * order against a disconnect) reads the state column with a query.
 */
@Entity
@Cache(isolation = CacheIsolationType.SHARED, expiry = CacheSettings.EXPIRY_MS)
@Table(name = "HM_CONNECTION", indexes = {
        // one connection per company and integration, even under concurrent requests
        @Index(name = "HM_CONNECTION_ONE", columnList = "companyId, integrationId", unique = true),
        @Index(name = "HM_CONNECTION_INTEGRATION", columnList = "integrationId") })
@NamedQuery(name = "Connection.countByIntegration",
        query = "SELECT c.integrationId, COUNT(c) FROM ConnectionEntity c GROUP BY c.integrationId")
@NamedQuery(name = "Connection.openOfCompanyAndIntegration",
        query = "SELECT c FROM ConnectionEntity c WHERE c.companyId = :companyId AND c.integrationId = :integrationId")
@NamedQuery(name = "Connection.byState", query = "SELECT c FROM ConnectionEntity c WHERE c.state = :state")
public class ConnectionEntity {

    @Id
    @Column(length = 36)
    private String id;

    @Column(nullable = false, length = 36)
    private String companyId;

    @Column(nullable = false, length = 64)
    private String integrationId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 24)
    private ConnectionState state;

    /** Space-separated scope ids the customer authorized. */
    @Column(length = 1000)
    private String grantedScopes;

    /** Space-separated reverse scope ids the customer authorized. */
    @Column(length = 1000)
    private String grantedReverseScopes;

    /** JSON object of the partner-account values; secret values are sealed by {@link SecretBox}. */
    @Lob
    private String accountData;

    @Column(length = 100)
    private String statusDetail;

    @Column(length = 1000)
    private String statusDescription;

    @Column(nullable = false)
    private long createdAt;

    @Column(nullable = false)
    private long updatedAt;

    private Long activatedAt;

    private Long disconnectedAt;

    @Version
    private long version;

    protected ConnectionEntity() {
    }

    public ConnectionEntity(String id, String companyId, String integrationId, long now) {
        this.id = id;
        this.companyId = companyId;
        this.integrationId = integrationId;
        this.state = ConnectionState.SCOPE_REVIEW;
        this.createdAt = now;
        this.updatedAt = now;
    }

    public String getId() {
        return id;
    }

    public String getCompanyId() {
        return companyId;
    }

    public String getIntegrationId() {
        return integrationId;
    }

    public ConnectionState getState() {
        return state;
    }

    public Set<String> getGrantedScopes() {
        return split(grantedScopes);
    }

    public Set<String> getGrantedReverseScopes() {
        return split(grantedReverseScopes);
    }

    public String getAccountData() {
        return accountData;
    }

    public String getStatusDetail() {
        return statusDetail;
    }

    public String getStatusDescription() {
        return statusDescription;
    }

    public long getCreatedAt() {
        return createdAt;
    }

    public long getUpdatedAt() {
        return updatedAt;
    }

    public Long getActivatedAt() {
        return activatedAt;
    }

    public Long getDisconnectedAt() {
        return disconnectedAt;
    }

    public void grantScopes(Set<String> scopes) {
        this.grantedScopes = String.join(" ", scopes);
    }

    public void grantReverseScopes(Set<String> scopes) {
        this.grantedReverseScopes = String.join(" ", scopes);
    }

    public void setAccountData(String accountData) {
        this.accountData = accountData;
    }

    /** Moves to {@code to} (the caller has checked the transition) and records why. */
    public void moveTo(ConnectionState to, String detail, String description, long now) {
        this.state = to;
        this.statusDetail = detail;
        this.statusDescription = description;
        this.updatedAt = now;
        if (to == ConnectionState.ACTIVE) {
            this.activatedAt = now;
        } else if (to == ConnectionState.DISCONNECTED) {
            this.disconnectedAt = now;
        }
    }

    private static Set<String> split(String s) {
        return s == null || s.isBlank() ? Set.of() : new LinkedHashSet<>(Arrays.asList(s.trim().split(" +")));
    }
}
