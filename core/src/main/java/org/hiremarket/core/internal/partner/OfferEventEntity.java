package org.hiremarket.core.internal.partner;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.EnumType;
import javax.persistence.Enumerated;
import javax.persistence.Id;
import javax.persistence.Index;
import javax.persistence.NamedQuery;
import javax.persistence.Table;

/** One step in an offer's history: who moved it where, and why. */
@Entity
@Table(name = "HM_OFFER_EVENT", indexes = @Index(name = "HM_OFFER_EVENT_OFFER", columnList = "offerId"))
@NamedQuery(name = "OfferEvent.ofOffer",
        query = "SELECT e FROM OfferEventEntity e WHERE e.offerId = :offerId ORDER BY e.at, e.seq")
public class OfferEventEntity {

    @Id
    @Column(length = 36)
    private String id;
    @Column(nullable = false, length = 36)
    private String offerId;
    /** Not named AT in the table: that is a reserved word in Derby, where a column of that name cannot be created. */
    @Column(name = "EVENTAT", nullable = false)
    private long at;
    /** Orders events of the same millisecond. */
    @Column(nullable = false)
    private long seq;
    @Enumerated(EnumType.STRING)
    @Column(length = 20)
    private OfferStatus fromStatus;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 20)
    private OfferStatus toStatus;
    /** {@code partner} or {@code admin}. */
    @Column(nullable = false, length = 10)
    private String actor;
    @Column(length = 1000)
    private String note;

    protected OfferEventEntity() {
    }

    OfferEventEntity(String id, String offerId, long at, long seq, OfferStatus from, OfferStatus to, String actor,
            String note) {
        this.id = id;
        this.offerId = offerId;
        this.at = at;
        this.seq = seq;
        this.fromStatus = from;
        this.toStatus = to;
        this.actor = actor;
        this.note = note;
    }

    public long getAt() { return at; }
    public OfferStatus getFromStatus() { return fromStatus; }
    public OfferStatus getToStatus() { return toStatus; }
    public String getActor() { return actor; }
    public String getNote() { return note; }
}
