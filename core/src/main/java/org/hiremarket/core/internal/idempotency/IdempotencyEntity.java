package org.hiremarket.core.internal.idempotency;

import javax.persistence.Basic;
import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.FetchType;
import javax.persistence.Id;
import javax.persistence.Index;
import javax.persistence.Lob;
import javax.persistence.Table;

/**
 * A remembered {@code Idempotency-Key} of a company and the response its first request got. Never
 * holds a secret: a response that carried one is remembered by its status and location only.
 */
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

    /**
     * SHA-256 of who sent the first request (the API key, the OAuth client, or the person behind a
     * session); only they get its answer again. {@code null} in records of an earlier version.
     */
    @Column(length = 64)
    private String credential;

    /**
     * The run of the host (one per start) whose request holds a reservation that is not done yet:
     * a reservation of a run that is not the current one was left by a process that no longer
     * runs. Only requests that commit in several steps leave a reservation committed while they run.
     */
    @Column(length = 36)
    private String owner;

    @Column(nullable = false)
    private boolean done;

    private int status;

    @Column(length = 2000)
    private String location;

    /** The first answer carried a secret, which is not kept: a retry is told so instead of getting it. */
    private Boolean secret;

    @Lob
    @Basic(fetch = FetchType.LAZY)
    private byte[] body;

    @Column(nullable = false)
    private long createdAt;

    protected IdempotencyEntity() {
    }

    IdempotencyEntity(String id, String companyId, String credential, String fingerprint, String owner, long createdAt) {
        this.id = id;
        this.companyId = companyId;
        this.credential = credential;
        this.fingerprint = fingerprint;
        this.owner = owner;
        this.createdAt = createdAt;
    }

    public String getId() { return id; }
    public String getCompanyId() { return companyId; }
    public String getCredential() { return credential; }
    public String getFingerprint() { return fingerprint; }
    public String getOwner() { return owner; }
    public boolean isDone() { return done; }
    public int getStatus() { return status; }
    public String getLocation() { return location; }
    public boolean isSecret() { return Boolean.TRUE.equals(secret); }
    public byte[] getBody() { return body; }
    public long getCreatedAt() { return createdAt; }

    void restart(String credential, String fingerprint, String owner, long at) {
        this.credential = credential;
        this.fingerprint = fingerprint;
        this.owner = owner;
        this.createdAt = at;
        this.done = false;
        this.status = 0;
        this.location = null;
        this.secret = null;
        this.body = null;
    }

    void complete(int status, String location, byte[] body, boolean secret) {
        this.done = true;
        this.owner = null;
        this.status = status;
        this.location = location;
        this.secret = secret ? Boolean.TRUE : null;
        this.body = secret ? null : body;
    }
}
