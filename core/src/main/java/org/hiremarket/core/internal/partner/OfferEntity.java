package org.hiremarket.core.internal.partner;

import java.math.BigDecimal;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.EnumType;
import javax.persistence.Enumerated;
import javax.persistence.Id;
import javax.persistence.Index;
import javax.persistence.NamedQuery;
import javax.persistence.Table;
import javax.persistence.Version;

/**
 * A partner's product offer. The columns hold the latest version (the one {@code status} is about);
 * {@code approvedContent} holds the version customers see (JSON of {@link OfferContent}), kept while
 * a change of an approved offer waits for approval and cleared when the offer is withdrawn.
 */
@Entity
@Table(name = "HM_OFFER", indexes = { @Index(name = "HM_OFFER_PARTNER", columnList = "partnerId"),
        @Index(name = "HM_OFFER_INTEGRATION", columnList = "approvedIntegrationId"),
        @Index(name = "HM_OFFER_STATUS", columnList = "status") })
@NamedQuery(name = "Offer.ofPartner",
        query = "SELECT o FROM OfferEntity o WHERE o.partnerId = :partnerId ORDER BY o.createdAt DESC, o.id")
@NamedQuery(name = "Offer.visible",
        query = "SELECT o FROM OfferEntity o WHERE o.approvedIntegrationId IS NOT NULL ORDER BY o.approvedAt, o.id")
@NamedQuery(name = "Offer.visibleFor", query = "SELECT o FROM OfferEntity o"
        + " WHERE o.approvedIntegrationId = :integrationId ORDER BY o.approvedAt, o.id")
@NamedQuery(name = "Offer.all", query = "SELECT o FROM OfferEntity o ORDER BY o.updatedAt DESC, o.id")
@NamedQuery(name = "Offer.byStatus",
        query = "SELECT o FROM OfferEntity o WHERE o.status = :status ORDER BY o.updatedAt DESC, o.id")
public class OfferEntity {

    @Id
    @Column(length = 36)
    private String id;
    @Column(nullable = false, length = 36)
    private String partnerId;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 20)
    private OfferKind kind;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 20)
    private OfferStatus status;
    @Column(nullable = false, length = 100)
    private String name;
    @Column(nullable = false, length = 2000)
    private String description;
    @Column(length = 1000)
    private String terms;
    @Column(precision = 12, scale = 2)
    private BigDecimal amount;
    @Column(length = 3)
    private String currency;
    /** ISO codes, comma-separated. */
    @Column(nullable = false, length = 800)
    private String countries;
    @Column(nullable = false, length = 100)
    private String integrationId;
    @Column(length = 1000)
    private String rejectionReason;

    /** The approved version customers see, {@code null} when none is visible. */
    @Column(length = 12000)
    private String approvedContent;
    /** The integration of the visible version ({@code null} when none is): ties the bundle to its partner. */
    @Column(length = 100)
    private String approvedIntegrationId;
    private Long approvedAt;
    private Long submittedAt;
    @Column(nullable = false)
    private long createdAt;
    @Column(nullable = false)
    private long updatedAt;
    @Version
    private long version;

    protected OfferEntity() {
    }

    OfferEntity(String id, String partnerId, OfferKind kind, OfferContent content, long now) {
        this.id = id;
        this.partnerId = partnerId;
        this.kind = kind;
        this.status = OfferStatus.DRAFT;
        this.createdAt = now;
        content(content, now);
    }

    void content(OfferContent c, long now) {
        this.name = c.name();
        this.description = c.description();
        this.terms = c.terms();
        this.amount = c.amount();
        this.currency = c.currency();
        this.countries = String.join(",", c.countries());
        this.integrationId = c.integrationId();
        this.updatedAt = now;
    }

    OfferContent content() {
        return new OfferContent(name, description, terms, amount, currency,
                countries.isEmpty() ? java.util.List.of() : java.util.List.of(countries.split(",")), integrationId);
    }

    void status(OfferStatus to, long now) {
        this.status = to;
        this.updatedAt = now;
        if (to == OfferStatus.PENDING_APPROVAL) {
            this.submittedAt = now;
            this.rejectionReason = null;
        }
    }

    void rejected(String reason, long now) {
        status(OfferStatus.REJECTED, now);
        this.rejectionReason = reason;
    }

    void approved(String contentJson, long now) {
        status(OfferStatus.APPROVED, now);
        this.approvedContent = contentJson;
        this.approvedIntegrationId = integrationId;
        this.approvedAt = now;
        this.rejectionReason = null;
    }

    void hidden(long now) {
        this.approvedContent = null;
        this.approvedIntegrationId = null;
        this.updatedAt = now;
    }

    public String getId() { return id; }
    public String getPartnerId() { return partnerId; }
    public OfferKind getKind() { return kind; }
    public OfferStatus getStatus() { return status; }
    public String getIntegrationId() { return integrationId; }
    public String getRejectionReason() { return rejectionReason; }
    public String getApprovedContent() { return approvedContent; }
    public String getApprovedIntegrationId() { return approvedIntegrationId; }
    public Long getApprovedAt() { return approvedAt; }
    public Long getSubmittedAt() { return submittedAt; }
    public long getCreatedAt() { return createdAt; }
    public long getUpdatedAt() { return updatedAt; }
}
