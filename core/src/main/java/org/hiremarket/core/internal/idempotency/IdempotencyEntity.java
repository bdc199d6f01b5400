package org.hiremarket.core.internal.idempotency;

import javax.persistence.Basic;
import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.FetchType;
import javax.persistence.Id;
import javax.persistence.Index;
import javax.persistence.Lob;
import javax.persistence.Table;

/** A remembered {@code Idempotency-Key} of a company and the response its first request got. */
@Entity
@Table(name = "HM_IDEMPOTENCY", indexes = @Index(name = "HM_IDEMPOTENCY_CREATED", columnList = "createdAt"))
public class IdempotencyEntity {

    /** SHA-256 of company id and key. */
    @Id
    @Column(length = 64)
    private String id;

    @Column(nullable = false, length = 36)
    private String companyId;

    /** SHA-256 of method, path and body of the first request. */
    @Column(nullable = false, length = 64)
    private String fingerprint;

    @Column(nullable = false)
    private boolean done;

    private int status;

    @Column(length = 2000)
    private String location;

    @Lob
    @Basic(fetch = FetchType.LAZY)
    private byte[] body;

    @Column(nullable = false)
    private long createdAt;

    protected IdempotencyEntity() {
    }

    IdempotencyEntity(String id, String companyId, String fingerprint, long createdAt) {
        this.id = id;
        this.companyId = companyId;
        this.fingerprint = fingerprint;
        this.createdAt = createdAt;
    }

    public String getId() { return id; }
    public String getCompanyId() { return companyId; }
    public String getFingerprint() { return fingerprint; }
    public boolean isDone() { return done; }
    public int getStatus() { return status; }
    public String getLocation() { return location; }
    public byte[] getBody() { return body; }
    public long getCreatedAt() { return createdAt; }

    void restart(String fingerprint, long at) {
        this.fingerprint = fingerprint;
        this.createdAt = at;
        this.done = false;
        this.status = 0;
        this.location = null;
        this.body = null;
    }

    void complete(int status, String location, byte[] body) {
        this.done = true;
        this.status = status;
        this.location = location;
        this.body = body;
    }
}
