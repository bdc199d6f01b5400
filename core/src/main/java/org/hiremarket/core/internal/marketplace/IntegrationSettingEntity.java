package org.hiremarket.core.internal.marketplace;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.NamedQuery;
import javax.persistence.Table;

/**
 * What the host keeps of an integration id: the platform admin's decision (offered to customers or
 * not) and who the integration was when it was last deployed (name, vendor, kind, version), so
 * both survive the plugin bundle being removed and deployed again.
 */
@Entity
@Table(name = "HM_INTEGRATION_SETTING")
@NamedQuery(name = "IntegrationSetting.all", query = "SELECT s FROM IntegrationSettingEntity s")
public class IntegrationSettingEntity {

    @Id
    @Column(length = 64)
    private String integrationId;

    @Column(nullable = false)
    private boolean active;

    @Column(nullable = false)
    private long changedAt;

    /** The descriptor as last deployed; {@code null} in records of an earlier version until it is deployed again. */
    @Column(length = 200)
    private String name;
    @Column(length = 200)
    private String vendor;
    @Column(length = 32)
    private String kind;
    @Column(length = 64)
    private String version;

    protected IntegrationSettingEntity() {
    }

    public IntegrationSettingEntity(String integrationId, boolean active, long changedAt) {
        this.integrationId = integrationId;
        this.active = active;
        this.changedAt = changedAt;
    }

    public String getIntegrationId() {
        return integrationId;
    }

    public boolean isActive() {
        return active;
    }

    public String getName() { return name; }
    public String getVendor() { return vendor; }
    public String getKind() { return kind; }
    public String getVersion() { return version; }

    /** @return whether this changed what is kept */
    boolean remember(String name, String vendor, String kind, String version) {
        if (java.util.Objects.equals(this.name, name) && java.util.Objects.equals(this.vendor, vendor)
                && java.util.Objects.equals(this.kind, kind) && java.util.Objects.equals(this.version, version)) {
            return false;
        }
        this.name = name;
        this.vendor = vendor;
        this.kind = kind;
        this.version = version;
        return true;
    }

    public void setActive(boolean active, long at) {
        this.active = active;
        this.changedAt = at;
    }
}
