package org.hiremarket.core.internal.candidate;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.EnumType;
import javax.persistence.Enumerated;
import javax.persistence.Id;
import javax.persistence.Index;
import javax.persistence.NamedQuery;
import javax.persistence.Table;

/** One step of an application's history: created, or moved from one status to another. */
@Entity
@Table(name = "HM_APPLICATION_EVENT", indexes = @Index(name = "HM_APPLICATION_EVENT_APP", columnList = "applicationId"))
@NamedQuery(name = "ApplicationEvent.byApplication",
        query = "SELECT e FROM ApplicationEventEntity e WHERE e.applicationId = :applicationId ORDER BY e.occurredAt, e.seq")
public class ApplicationEventEntity {

    @Id
    @Column(length = 36)
    private String id;

    @Column(nullable = false, length = 36)
    private String applicationId;

    /** Orders events of the same millisecond. */
    @Column(nullable = false)
    private int seq;

    @Enumerated(EnumType.STRING)
    @Column(length = 20)
    private ApplicationStatus fromStatus;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 20)
    private ApplicationStatus toStatus;

    @Column(nullable = false)
    private long occurredAt;

    /** Who made the change: a user id, an API key or OAuth client id. */
    @Column(length = 60)
    private String actor;

    @Column(length = 1000)
    private String note;

    protected ApplicationEventEntity() {
    }

    ApplicationEventEntity(String id, String applicationId, int seq, ApplicationStatus from, ApplicationStatus to,
            long at, String actor, String note) {
        this.id = id;
        this.applicationId = applicationId;
        this.seq = seq;
        this.fromStatus = from;
        this.toStatus = to;
        this.occurredAt = at;
        this.actor = actor;
        this.note = note;
    }

    public ApplicationStatus getFromStatus() { return fromStatus; }
    public ApplicationStatus getToStatus() { return toStatus; }
    public long getOccurredAt() { return occurredAt; }
    public String getActor() { return actor; }
    public String getNote() { return note; }
    public int getSeq() { return seq; }
}
