package org.hiremarket.core.internal.posting;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.EnumType;
import javax.persistence.Enumerated;
import javax.persistence.Id;
import javax.persistence.Index;
import javax.persistence.Table;

/** One timestamped step of a posting's history. */
@Entity
@Table(name = "HM_POSTING_EVENT", indexes = @Index(name = "HM_POSTING_EVENT_POSTING", columnList = "postingId"))
public class PostingEventEntity {

    @Id
    @Column(length = 36)
    private String id;
    @Column(nullable = false, length = 36)
    private String postingId;
    @Column(nullable = false)
    private long occurredAt;
    @Column(nullable = false)
    private long seq;
    @Enumerated(EnumType.STRING)
    @Column(length = 16)
    private PostingStatus fromStatus;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private PostingStatus toStatus;
    @Column(length = 1000)
    private String detail;

    protected PostingEventEntity() {
    }

    PostingEventEntity(String id, String postingId, long at, long seq, PostingStatus from, PostingStatus to,
            String detail) {
        this.id = id;
        this.postingId = postingId;
        this.occurredAt = at;
        this.seq = seq;
        this.fromStatus = from;
        this.toStatus = to;
        this.detail = detail;
    }

    public long getOccurredAt() { return occurredAt; }
    public long getSeq() { return seq; }
    public PostingStatus getFromStatus() { return fromStatus; }
    public PostingStatus getToStatus() { return toStatus; }
    public String getDetail() { return detail; }
}
