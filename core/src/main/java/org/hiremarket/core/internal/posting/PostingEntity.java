package org.hiremarket.core.internal.posting;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.EnumType;
import javax.persistence.Enumerated;
import javax.persistence.Id;
import javax.persistence.Index;
import javax.persistence.Table;
import javax.persistence.Version;

/**
 * A job's ad on one job board (one connection), and its delivery state: the durable mailbox entry
 * for the call the host owes the board ({@link #getAction()}), due at {@link #getNextAttemptAt()}.
 */
@Entity
@Table(name = "HM_POSTING", indexes = {
        @Index(name = "HM_POSTING_NEXT", columnList = "nextAttemptAt"),
        @Index(name = "HM_POSTING_JOB", columnList = "jobId"),
        @Index(name = "HM_POSTING_COMPANY_LIST", columnList = "companyId, createdAt DESC, id"),
        @Index(name = "HM_POSTING_CONNECTION", columnList = "connectionId, boardReference"),
        @Index(name = "HM_POSTING_INTEGRATION", columnList = "integrationId"),
        @Index(name = "HM_POSTING_OPEN", columnList = "openKey", unique = true) })
public class PostingEntity {

    @Id
    @Column(length = 36)
    private String id;
    @Column(nullable = false, length = 36)
    private String companyId;
    @Column(nullable = false, length = 36)
    private String jobId;
    @Column(nullable = false, length = 36)
    private String connectionId;
    @Column(nullable = false, length = 64)
    private String integrationId;
    /** The board's name when posted: the source name of the applications that come through it. */
    @Column(nullable = false, length = 200)
    private String boardName;
    /**
     * Unique: {@code jobId/connectionId} while the posting is not over, so a job has one posting per
     * board; {@code posting/<id>} once it is (Derby's unique indexes treat NULLs as equal).
     */
    @Column(nullable = false, length = 80)
    private String openKey;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private PostingStatus status;
    @Column(length = 80)
    private String statusCode;
    @Column(length = 1000)
    private String reason;

    @Column(length = 200)
    private String boardReference;
    @Column(length = 2000)
    private String url;
    /** The version of the ad the board should show; grows with every change of the job's ad. */
    @Column(nullable = false)
    private int adVersion;
    /** The version the board confirmed, 0 before the first. */
    @Column(nullable = false)
    private int liveVersion;
    @Column(nullable = false)
    private int applications;

    @Column(nullable = false, length = 80)
    private String postedBy;
    @Column(nullable = false)
    private long createdAt;
    @Column(nullable = false)
    private long updatedAt;
    private Long liveAt;
    private Long endedAt;
    private Long expiresAt;

    // delivery (mailbox)
    @Enumerated(EnumType.STRING)
    @Column(length = 16)
    private PostingAction action;
    /** When the action became owed: the delivery time limit counts from here. */
    private Long actionSince;
    /** When the mailbox should act: the owed call, a redelivery, or the expiry of a live ad. */
    private Long nextAttemptAt;
    /** Send the confirmed version again (same idempotency key): the board may have lost it. */
    @Column(nullable = false)
    private boolean redeliver;
    @Column(nullable = false)
    private int deliveryAttempts;
    @Column(length = 1000)
    private String lastError;

    @Version
    private long version;

    protected PostingEntity() {
    }

    PostingEntity(String id, String companyId, String jobId, String connectionId, String integrationId,
            String boardName, String postedBy, long now, long dueAt) {
        this.id = id;
        this.companyId = companyId;
        this.jobId = jobId;
        this.connectionId = connectionId;
        this.integrationId = integrationId;
        this.boardName = boardName;
        this.openKey = openKey(jobId, connectionId);
        this.status = PostingStatus.PENDING;
        this.adVersion = 1;
        this.postedBy = postedBy;
        this.createdAt = now;
        this.updatedAt = now;
        this.action = PostingAction.PUBLISH;
        this.actionSince = now;
        this.nextAttemptAt = dueAt;
    }

    static String openKey(String jobId, String connectionId) {
        return jobId + "/" + connectionId;
    }

    /** The idempotency key of one version of the ad on the board. */
    static String idempotencyKey(String postingId, int version) {
        return "hm-posting-" + postingId + "-v" + version;
    }

    void status(PostingStatus to, long now) {
        this.status = to;
        this.updatedAt = now;
        if (to.ended()) {
            this.openKey = "posting/" + id;
            this.endedAt = now;
        }
    }

    /** Owes the board {@code next} from now on (the newest intent replaces an older one). */
    void owe(PostingAction next, long now, long dueAt) {
        if (this.action != next) {
            this.actionSince = now;
            this.deliveryAttempts = 0;
        }
        this.action = next;
        this.nextAttemptAt = dueAt;
        this.updatedAt = now;
    }

    /** Owes the board nothing; a live ad waits for its expiry. */
    void settled(long now) {
        this.action = null;
        this.actionSince = null;
        this.deliveryAttempts = 0;
        this.redeliver = false;
        this.nextAttemptAt = status.live() ? expiresAt : null;
        this.updatedAt = now;
    }

    void live(String reference, String url, int version, long now, long lifetimeMs) {
        if (this.boardReference == null || reference != null) {
            this.boardReference = reference;
        }
        if (url != null) {
            this.url = url;
        }
        this.liveVersion = version;
        if (this.liveAt == null) {
            this.liveAt = now;
            this.expiresAt = now + lifetimeMs;
        }
        this.lastError = null;
    }

    void attemptFailed(String error, long retryAt, long now) {
        this.deliveryAttempts++;
        this.lastError = error;
        this.nextAttemptAt = retryAt;
        this.updatedAt = now;
    }

    void lastError(String error) {
        this.lastError = error;
    }

    void failed(String code, String reason) {
        this.statusCode = code;
        this.reason = reason;
    }

    void newVersion() {
        this.adVersion++;
    }

    void redeliver(long now) {
        this.redeliver = true;
        this.nextAttemptAt = now;
    }

    void counted() {
        this.applications++;
    }

    public String getId() { return id; }
    public String getCompanyId() { return companyId; }
    public String getJobId() { return jobId; }
    public String getConnectionId() { return connectionId; }
    public String getIntegrationId() { return integrationId; }
    public String getBoardName() { return boardName; }
    public PostingStatus getStatus() { return status; }
    public String getStatusCode() { return statusCode; }
    public String getReason() { return reason; }
    public String getBoardReference() { return boardReference; }
    public String getUrl() { return url; }
    public int getAdVersion() { return adVersion; }
    public int getLiveVersion() { return liveVersion; }
    public int getApplications() { return applications; }
    public String getPostedBy() { return postedBy; }
    public long getCreatedAt() { return createdAt; }
    public long getUpdatedAt() { return updatedAt; }
    public Long getLiveAt() { return liveAt; }
    public Long getEndedAt() { return endedAt; }
    public Long getExpiresAt() { return expiresAt; }
    PostingAction getAction() { return action; }
    Long getActionSince() { return actionSince; }
    public Long getNextAttemptAt() { return nextAttemptAt; }
    public boolean isRedeliver() { return redeliver; }
    public int getDeliveryAttempts() { return deliveryAttempts; }
    public String getLastError() { return lastError; }
}
