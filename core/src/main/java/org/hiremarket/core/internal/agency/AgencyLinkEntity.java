package org.hiremarket.core.internal.agency;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Index;
import javax.persistence.NamedQuery;
import javax.persistence.Table;

/** An agency a company works with: it accepted the company's invitation. One per company and agency. */
@Entity
@Table(name = "HM_AGENCY_LINK", indexes = @Index(name = "HM_AGENCY_LINK_COMPANY", columnList = "companyId"))
@NamedQuery(name = "AgencyLink.ofCompany",
        query = "SELECT l FROM AgencyLinkEntity l WHERE l.companyId = :companyId ORDER BY l.since, l.id")
public class AgencyLinkEntity {

    /** {@code <company id>:<partner id>}. */
    @Id
    @Column(length = 80)
    private String id;
    @Column(nullable = false, length = 36)
    private String companyId;
    @Column(nullable = false, length = 36)
    private String partnerId;
    @Column(nullable = false)
    private long since;

    protected AgencyLinkEntity() {
    }

    AgencyLinkEntity(String companyId, String partnerId, long since) {
        this.id = idOf(companyId, partnerId);
        this.companyId = companyId;
        this.partnerId = partnerId;
        this.since = since;
    }

    static String idOf(String companyId, String partnerId) {
        return companyId + ":" + partnerId;
    }

    public String getCompanyId() { return companyId; }
    public String getPartnerId() { return partnerId; }
    public long getSince() { return since; }
}
