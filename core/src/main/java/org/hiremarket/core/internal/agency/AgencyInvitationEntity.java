package org.hiremarket.core.internal.agency;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Index;
import javax.persistence.NamedQuery;
import javax.persistence.Table;

/**
 * A customer's invitation of an agency by email: the mail carries a token, stored here as its
 * SHA-256 only, that a recruiter signed in to the partner portal accepts once.
 */
@Entity
@Table(name = "HM_AGENCY_INVITATION", indexes = {
        @Index(name = "HM_AGENCY_INVITATION_TOKEN", columnList = "tokenId", unique = true),
        @Index(name = "HM_AGENCY_INVITATION_COMPANY", columnList = "companyId") })
@NamedQuery(name = "AgencyInvitation.byTokenId",
        query = "SELECT i FROM AgencyInvitationEntity i WHERE i.tokenId = :tokenId")
@NamedQuery(name = "AgencyInvitation.ofCompany", query = "SELECT i FROM AgencyInvitationEntity i"
        + " WHERE i.companyId = :companyId ORDER BY i.createdAt DESC, i.id")
public class AgencyInvitationEntity {

    @Id
    @Column(length = 36)
    private String id;
    @Column(nullable = false, length = 36)
    private String companyId;
    @Column(nullable = false, length = 254)
    private String email;
    @Column(nullable = false, length = 80)
    private String invitedBy;
    @Column(nullable = false, length = 16)
    private String tokenId;
    @Column(nullable = false, length = 64)
    private String tokenHash;
    @Column(nullable = false)
    private long createdAt;
    @Column(nullable = false)
    private long expiresAt;
    private Long acceptedAt;
    @Column(length = 36)
    private String partnerId;

    protected AgencyInvitationEntity() {
    }

    AgencyInvitationEntity(String id, String companyId, String email, String invitedBy, String tokenId,
            String tokenHash, long now, long expiresAt) {
        this.id = id;
        this.companyId = companyId;
        this.email = email;
        this.invitedBy = invitedBy;
        this.tokenId = tokenId;
        this.tokenHash = tokenHash;
        this.createdAt = now;
        this.expiresAt = expiresAt;
    }

    void accepted(String partnerId, long now) {
        this.partnerId = partnerId;
        this.acceptedAt = now;
    }

    public String getId() { return id; }
    public String getCompanyId() { return companyId; }
    public String getEmail() { return email; }
    public String getInvitedBy() { return invitedBy; }
    String getTokenHash() { return tokenHash; }
    public long getCreatedAt() { return createdAt; }
    public long getExpiresAt() { return expiresAt; }
    public Long getAcceptedAt() { return acceptedAt; }
    public String getPartnerId() { return partnerId; }
}
