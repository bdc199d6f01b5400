package org.hiremarket.core.internal.assessment;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.EnumType;
import javax.persistence.Enumerated;
import javax.persistence.Id;
import javax.persistence.Index;
import javax.persistence.NamedQuery;
import javax.persistence.Table;

/** One timestamped step of an order's history. */
@Entity
@Table(name = "HM_ASSESSMENT_ORDER_EVENT", indexes = @Index(name = "HM_ORDER_EVENT_ORDER", columnList = "orderId"))
@NamedQuery(name = "OrderEvent.ofOrder",
        query = "SELECT e FROM AssessmentOrderEventEntity e WHERE e.orderId = :orderId ORDER BY e.occurredAt, e.seq")
public class AssessmentOrderEventEntity {

    @Id
    @Column(length = 36)
    private String id;
    @Column(nullable = false, length = 36)
    private String orderId;
    @Column(nullable = false)
    private long occurredAt;
    @Column(nullable = false)
    private long seq;
    @Enumerated(EnumType.STRING)
    @Column(length = 16)
    private OrderStatus fromStatus;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private OrderStatus toStatus;
    @Column(length = 1000)
    private String detail;

    protected AssessmentOrderEventEntity() {
    }

    AssessmentOrderEventEntity(String id, String orderId, long at, long seq, OrderStatus from, OrderStatus to,
            String detail) {
        this.id = id;
        this.orderId = orderId;
        this.occurredAt = at;
        this.seq = seq;
        this.fromStatus = from;
        this.toStatus = to;
        this.detail = detail;
    }

    public long getOccurredAt() { return occurredAt; }
    public OrderStatus getFromStatus() { return fromStatus; }
    public OrderStatus getToStatus() { return toStatus; }
    public String getDetail() { return detail; }
}
