package org.hiremarket.core.internal.marketplace;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.EnumType;
import javax.persistence.Enumerated;
import javax.persistence.Id;
import javax.persistence.Index;
import javax.persistence.NamedQuery;
import javax.persistence.Table;

/** One step in a connection's history: every transition and every failure is recorded. */
@Entity
@Table(name = "HM_CONNECTION_EVENT", indexes = @Index(name = "HM_CONN_EVENT_CONN", columnList = "connectionId"))
@NamedQuery(name = "ConnectionEvent.ofConnection",
        query = "SELECT e FROM ConnectionEventEntity e WHERE e.connectionId = :connectionId ORDER BY e.occurredAt DESC, e.seq DESC")
public class ConnectionEventEntity {

    @Id
    @Column(length = 36)
    private String id;

    @Column(nullable = false, length = 36)
    private String connectionId;

    @Column(nullable = false)
    private long occurredAt;

    /** Orders events of the same millisecond. */
    @Column(nullable = false)
    private long seq;

    @Enumerated(EnumType.STRING)
    @Column(length = 24)
    private ConnectionState fromState;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 24)
    private ConnectionState toState;

    @Column(length = 100)
    private String detail;

    @Column(length = 1000)
    private String description;

    protected ConnectionEventEntity() {
    }

    public ConnectionEventEntity(String id, String connectionId, long at, long seq, ConnectionState from,
            ConnectionState to, String detail, String description) {
        this.id = id;
        this.connectionId = connectionId;
        this.occurredAt = at;
        this.seq = seq;
        this.fromState = from;
        this.toState = to;
        this.detail = detail;
        this.description = description;
    }

    public long getAt() {
        return occurredAt;
    }

    public ConnectionState getFromState() {
        return fromState;
    }

    public ConnectionState getToState() {
        return toState;
    }

    public String getDetail() {
        return detail;
    }

    public String getDescription() {
        return description;
    }
}
