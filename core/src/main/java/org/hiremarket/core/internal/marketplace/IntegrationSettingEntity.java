package org.hiremarket.core.internal.marketplace;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.NamedQuery;
import javax.persistence.Table;

/**
 * The platform admin's decision on an integration id: offered to customers or not. Kept by id, so it
 * survives the plugin bundle being removed and deployed again.
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

    public void setActive(boolean active, long at) {
        this.active = active;
        this.changedAt = at;
    }
}
