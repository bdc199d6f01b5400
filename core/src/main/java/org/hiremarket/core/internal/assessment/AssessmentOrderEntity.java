package org.hiremarket.core.internal.assessment;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.EnumType;
import javax.persistence.Enumerated;
import javax.persistence.Id;
import javax.persistence.Index;
import javax.persistence.Table;
import javax.persistence.Version;

/**
 * An assessment order and its delivery state: the durable mailbox entry the host keeps until the
 * vendor acknowledged it, and the result once reported. What was shared with the vendor (candidate
 * name and email, job title) is kept as sent.
 */
@Entity
// Only the connection's index holds the status (customers list and count a connection's orders by
// status); an order changes status three or four times in its life and each change rewrites the
// index entries that hold it, so the integration's index, read only by the host's rare recovery
// and polling queries, does not.
// The two list indexes end in the list's order (newest first, then id), so a page is read from the
// index instead of sorting every matching order; the connection's also holds the company, so that
// counting a connection's orders by status reads the index alone. (Replaced HM_ORDER_COMPANY and
// HM_ORDER_CONNECTION, which a database of an older version keeps: the schema step adds, never drops.)
@Table(name = "HM_ASSESSMENT_ORDER", indexes = {
        @Index(name = "HM_ORDER_NEXT", columnList = "nextAttemptAt"),
        @Index(name = "HM_ORDER_COMPANY_LIST", columnList = "companyId, placedAt DESC, id"),
        @Index(name = "HM_ORDER_APPLICATION", columnList = "applicationId"),
        @Index(name = "HM_ORDER_INTEGRATION", columnList = "integrationId"),
        @Index(name = "HM_ORDER_CONNECTION_LIST", columnList = "connectionId, status, companyId, placedAt DESC, id"),
        @Index(name = "HM_ORDER_AUTO", columnList = "autoKey", unique = true) })
public class AssessmentOrderEntity {

    @Id
    @Column(length = 36)
    private String id;
    @Column(nullable = false, length = 36)
    private String companyId;
    @Column(nullable = false, length = 36)
    private String connectionId;
    @Column(nullable = false, length = 64)
    private String integrationId;
    @Column(nullable = false, length = 36)
    private String applicationId;
    @Column(nullable = false, length = 36)
    private String candidateId;
    @Column(nullable = false, length = 36)
    private String jobId;
    @Column(nullable = false, length = 100)
    private String packageId;
    @Column(nullable = false, length = 200)
    private String packageName;
    @Column(length = 36)
    private String hiringStepId;
    /**
     * Unique: {@code applicationId/stepId} of an automatic order, so entering a step orders once;
     * {@code order/<id>} for orders placed by hand (Derby's unique indexes treat NULLs as equal).
     */
    @Column(nullable = false, length = 80)
    private String autoKey;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private OrderStatus status;

    @Column(length = 100)
    private String candidateFirstName;
    @Column(length = 100)
    private String candidateLastName;
    @Column(length = 254)
    private String candidateEmail;
    @Column(length = 200)
    private String jobTitle;

    @Column(nullable = false, length = 80)
    private String placedBy;
    @Column(nullable = false)
    private long placedAt;
    @Column(nullable = false)
    private long updatedAt;
    private Long sentAt;
    private Long startedAt;
    private Long finishedAt;

    @Column(length = 200)
    private String vendorReference;
    @Column(length = 2000)
    private String candidateUrl;

    // delivery (mailbox)
    @Column(nullable = false)
    private int deliveryAttempts;
    /** When the dispatcher should (re)deliver: PLACED orders, and open ones flagged for redelivery. */
    private Long nextAttemptAt;
    @Column(nullable = false)
    private boolean redeliver;
    @Column(length = 1000)
    private String lastError;
    /**
     * Delivery calls that got an answer or failed, acknowledged ones included; {@code null} in orders
     * of an earlier version, which counted failed attempts only ({@link #deliveryAttempts}, which the
     * backoff still counts from).
     */
    private Integer attemptsMade;
    /** Machine-readable reason of a failed delivery or a vendor's report (the vendor's code where it gave one). */
    @Column(length = 80)
    private String statusCode;

    // result
    private Double score;
    private Boolean passed;
    @Column(length = 100)
    private String band;
    @Column(length = 4000)
    private String summary;
    @Column(length = 2000)
    private String reportUrl;
    @Column(length = 16000)
    private String detailsJson;
    @Column(length = 16000)
    private String attachmentsJson;
    private Long completedAt;
    @Column(length = 1000)
    private String reason;

    // history: what each standard step said, kept in the row instead of one history row per step
    // (an order takes three or four steps, each of which would cost an insert and two index entries).
    // Orders placed before these columns existed have their steps as history rows only.
    @Column(length = 1000)
    private String placedNote;
    @Column(length = 1000)
    private String sentNote;
    @Column(length = 1000)
    private String startedNote;
    @Column(length = 1000)
    private String finishedNote;

    @Version
    private long version;

    protected AssessmentOrderEntity() {
    }

    AssessmentOrderEntity(String id, String companyId, String connectionId, String integrationId,
            String applicationId, String candidateId, String jobId, String packageId, String packageName,
            String placedBy, long now) {
        this.id = id;
        this.companyId = companyId;
        this.connectionId = connectionId;
        this.integrationId = integrationId;
        this.applicationId = applicationId;
        this.candidateId = candidateId;
        this.jobId = jobId;
        this.packageId = packageId;
        this.packageName = packageName;
        this.placedBy = placedBy;
        this.placedAt = now;
        this.updatedAt = now;
        this.status = OrderStatus.PLACED;
        this.nextAttemptAt = now;
        this.autoKey = "order/" + id;
    }

    /**
     * The order is handed to the mailbox in memory as soon as it is committed; the mailbox's scan
     * needs to find it only if that hand-over was lost (the host stopped in between), from then on.
     */
    void handedOver(long scanFrom) {
        this.nextAttemptAt = scanFrom;
    }

    void shared(String firstName, String lastName, String email, String jobTitle) {
        this.candidateFirstName = firstName;
        this.candidateLastName = lastName;
        this.candidateEmail = email;
        this.jobTitle = jobTitle;
    }

    void step(String hiringStepId, String autoKey) {
        this.hiringStepId = hiringStepId;
        this.autoKey = autoKey;
    }

    public String getId() { return id; }
    public String getCompanyId() { return companyId; }
    public String getConnectionId() { return connectionId; }
    public String getIntegrationId() { return integrationId; }
    public String getApplicationId() { return applicationId; }
    public String getCandidateId() { return candidateId; }
    public String getJobId() { return jobId; }
    public String getPackageId() { return packageId; }
    public String getPackageName() { return packageName; }
    public String getHiringStepId() { return hiringStepId; }
    public OrderStatus getStatus() { return status; }
    public String getCandidateFirstName() { return candidateFirstName; }
    public String getCandidateLastName() { return candidateLastName; }
    public String getCandidateEmail() { return candidateEmail; }
    public String getJobTitle() { return jobTitle; }
    public String getPlacedBy() { return placedBy; }
    public long getPlacedAt() { return placedAt; }
    public long getUpdatedAt() { return updatedAt; }
    public Long getSentAt() { return sentAt; }
    public Long getStartedAt() { return startedAt; }
    public Long getFinishedAt() { return finishedAt; }
    public String getVendorReference() { return vendorReference; }
    public String getCandidateUrl() { return candidateUrl; }
    public int getDeliveryAttempts() { return deliveryAttempts; }
    public Long getNextAttemptAt() { return nextAttemptAt; }
    public boolean isRedeliver() { return redeliver; }
    public String getLastError() { return lastError; }
    public Double getScore() { return score; }
    public Boolean getPassed() { return passed; }
    public String getBand() { return band; }
    public String getSummary() { return summary; }
    public String getReportUrl() { return reportUrl; }
    public String getDetailsJson() { return detailsJson; }
    public String getAttachmentsJson() { return attachmentsJson; }
    public Long getCompletedAt() { return completedAt; }
    public String getReason() { return reason; }
    public String getPlacedNote() { return placedNote; }
    public String getSentNote() { return sentNote; }
    public String getStartedNote() { return startedNote; }
    public String getFinishedNote() { return finishedNote; }

    /** @return whether the standard steps are kept in this row (every order placed by this version) */
    boolean historyInRow() {
        return placedNote != null;
    }

    /** What the step to {@code step} said; the step's time is its timestamp column. */
    void note(OrderStatus step, String detail) {
        String d = detail == null ? "" : detail;
        switch (step) {
            case PLACED -> placedNote = d;
            case SENT -> sentNote = d;
            case IN_PROGRESS -> startedNote = d;
            default -> finishedNote = d;
        }
    }

    /** Moves to {@code to}, stamping the time of the step; delivery stops once the order is final. */
    void moveTo(OrderStatus to, long at) {
        this.status = to;
        this.updatedAt = at;
        switch (to) {
            case SENT -> sentAt = at;
            case IN_PROGRESS -> startedAt = at;
            default -> {
                if (to.isFinal()) {
                    finishedAt = at;
                }
            }
        }
        if (to.isFinal()) {
            nextAttemptAt = null;
            redeliver = false;
        }
    }

    /** @return delivery calls made, acknowledged ones included */
    public int getAttemptsMade() {
        return attemptsMade != null ? attemptsMade : deliveryAttempts + (vendorReference != null ? 1 : 0);
    }

    public String getStatusCode() { return statusCode; }

    void attempted() {
        this.attemptsMade = getAttemptsMade() + 1;
    }

    void statusCode(String code) {
        this.statusCode = code;
    }

    /** Takes the vendor's reference and candidate link: the first ones stay, a redelivery never replaces them. */
    void acknowledged(String vendorReference, String candidateUrl, long at) {
        if (vendorReference != null && this.vendorReference == null) {
            this.vendorReference = vendorReference;
        }
        if (candidateUrl != null && this.candidateUrl == null) {
            this.candidateUrl = candidateUrl;
        }
        this.redeliver = false;
        this.nextAttemptAt = null;
        this.lastError = null;
        this.updatedAt = at;
    }

    void attemptFailed(String error, long nextAt, long at) {
        attempted();
        this.deliveryAttempts++;
        this.lastError = error;
        this.nextAttemptAt = nextAt;
        this.updatedAt = at;
    }

    void result(Double score, Boolean passed, String band, String summary, String reportUrl, String detailsJson,
            String attachmentsJson, long completedAt) {
        this.score = score;
        this.passed = passed;
        this.band = band;
        this.summary = summary;
        this.reportUrl = reportUrl;
        this.detailsJson = detailsJson;
        this.attachmentsJson = attachmentsJson;
        this.completedAt = completedAt;
    }

    void reason(String reason) {
        this.reason = reason;
    }
}
