package org.hiremarket.core.internal.agency;

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
 * A job a company sent to an agency, with the payment terms of a hire. The agency is either a
 * recruiter of the partner portal ({@link #getPartnerId()}) or an agency system connected through a
 * bundle ({@link #getConnectionId()}); for the latter the row is also the durable mailbox entry of
 * the call the host owes the agency ({@link #getCall()}: the assignment or its cancellation), due at
 * {@link #getNextAttemptAt()}, and {@link #getDelivery()} says where its delivery stands.
 */
@Entity
@Table(name = "HM_ASSIGNMENT", indexes = { @Index(name = "HM_ASSIGNMENT_COMPANY", columnList = "companyId"),
        @Index(name = "HM_ASSIGNMENT_PARTNER", columnList = "partnerId"),
        @Index(name = "HM_ASSIGNMENT_JOB", columnList = "jobId"),
        @Index(name = "HM_ASSIGNMENT_NEXT", columnList = "nextAttemptAt"),
        @Index(name = "HM_ASSIGNMENT_CONNECTION", columnList = "connectionId"),
        @Index(name = "HM_ASSIGNMENT_INTEGRATION", columnList = "integrationId") })
@NamedQuery(name = "Assignment.ofPartner",
        query = "SELECT a FROM AssignmentEntity a WHERE a.partnerId = :partnerId ORDER BY a.createdAt DESC, a.id")
@NamedQuery(name = "Assignment.ofJob", query = "SELECT a FROM AssignmentEntity a WHERE a.companyId = :companyId"
        + " AND a.jobId = :jobId ORDER BY a.createdAt DESC, a.id")
@NamedQuery(name = "Assignment.ofCompany",
        query = "SELECT a FROM AssignmentEntity a WHERE a.companyId = :companyId ORDER BY a.createdAt DESC, a.id")
@NamedQuery(name = "Assignment.all", query = "SELECT a FROM AssignmentEntity a ORDER BY a.createdAt DESC, a.id")
public class AssignmentEntity {

    @Id
    @Column(length = 36)
    private String id;
    @Column(nullable = false, length = 36)
    private String companyId;
    @Column(nullable = false, length = 36)
    private String jobId;
    /** The recruiter (partner portal); {@code null} for an agency connected through a bundle. */
    @Column(length = 36)
    private String partnerId;
    /** The company's connection to the agency's integration; {@code null} for a portal recruiter. */
    @Column(length = 36)
    private String connectionId;
    @Column(length = 64)
    private String integrationId;
    /** The connected agency's name when assigned: the source name of the applications it submits. */
    @Column(length = 200)
    private String agencyName;
    /** The agency system's own id of the assignment, from its acknowledgement. */
    @Column(length = 200)
    private String agencyReference;
    /** The user who sent the job (messages go to them); {@code null} when a credential sent it. */
    @Column(length = 36)
    private String assignedByUserId;
    @Column(nullable = false, length = 80)
    private String assignedBy;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 12)
    private PaymentTerms.Type termsType;
    @Column(precision = 5, scale = 2)
    private BigDecimal percentage;
    @Column(precision = 14, scale = 2)
    private BigDecimal firstYearSalary;
    @Column(precision = 14, scale = 2)
    private BigDecimal fee;
    @Column(nullable = false, length = 3)
    private String currency;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 12)
    private AssignmentStatus status;
    @Column(nullable = false)
    private long createdAt;
    @Column(nullable = false)
    private long updatedAt;
    private Long startedAt;
    private Long endedAt;
    @Column(length = 36)
    private String hiredApplicationId;
    @Column(precision = 14, scale = 2)
    private BigDecimal revenue;

    // delivery to a connected agency (mailbox)
    @Enumerated(EnumType.STRING)
    @Column(length = 16)
    private AssignmentDelivery delivery;
    @Enumerated(EnumType.STRING)
    @Column(length = 8)
    private AssignmentCall pendingCall;
    /** When the call became owed: the delivery time limit counts from here. */
    private Long callSince;
    private Long nextAttemptAt;
    /** Send the acknowledged assignment again (same id): the agency may have lost it. */
    @Column(nullable = false)
    private boolean redeliver;
    @Column(nullable = false)
    private int deliveryAttempts;
    @Column(length = 80)
    private String deliveryCode;
    /** What happened last to the delivery, in a sentence (a refusal, the acknowledgement, a cancellation). */
    @Column(length = 1000)
    private String deliveryDetail;
    @Column(length = 1000)
    private String lastError;
    private Long deliveredAt;

    @Version
    private long version;

    protected AssignmentEntity() {
    }

    AssignmentEntity(String id, String companyId, String jobId, String partnerId, String assignedByUserId,
            String assignedBy, PaymentTerms terms, long now) {
        this.id = id;
        this.companyId = companyId;
        this.jobId = jobId;
        this.partnerId = partnerId;
        this.assignedByUserId = assignedByUserId;
        this.assignedBy = assignedBy;
        this.termsType = terms.type();
        this.percentage = terms.percentage();
        this.firstYearSalary = terms.firstYearSalary();
        this.fee = terms.fee();
        this.currency = terms.currency();
        this.status = AssignmentStatus.NEW;
        this.createdAt = now;
        this.updatedAt = now;
    }

    /** An assignment to an agency connected through a bundle: the assignment is owed to it from {@code dueAt}. */
    static AssignmentEntity connected(String id, String companyId, String jobId, String connectionId,
            String integrationId, String agencyName, String assignedByUserId, String assignedBy, PaymentTerms terms,
            long now, long dueAt) {
        AssignmentEntity a = new AssignmentEntity(id, companyId, jobId, null, assignedByUserId, assignedBy, terms, now);
        a.connectionId = connectionId;
        a.integrationId = integrationId;
        a.agencyName = agencyName;
        a.delivery = AssignmentDelivery.SENDING;
        a.deliveryDetail = "Being sent to " + agencyName;
        a.pendingCall = AssignmentCall.ASSIGN;
        a.callSince = now;
        a.nextAttemptAt = dueAt;
        return a;
    }

    /** Owes the agency {@code next} from now on (a cancellation replaces the assignment still owed). */
    void owe(AssignmentCall next, AssignmentDelivery state, String detail, long now, long dueAt) {
        if (this.pendingCall != next) {
            this.callSince = now;
            this.deliveryAttempts = 0;
        }
        this.pendingCall = next;
        this.delivery = state;
        this.deliveryDetail = detail;
        this.redeliver = false;
        this.nextAttemptAt = dueAt;
        this.updatedAt = now;
    }

    /** Owes the agency nothing now; {@code state} and {@code detail} say how the last call ended. */
    void settled(AssignmentDelivery state, String code, String detail, long now) {
        this.pendingCall = null;
        this.callSince = null;
        this.deliveryAttempts = 0;
        this.redeliver = false;
        this.nextAttemptAt = null;
        this.delivery = state;
        this.deliveryCode = code;
        this.deliveryDetail = detail;
        this.updatedAt = now;
    }

    void acknowledged(String reference, long now) {
        if (this.agencyReference == null || reference != null) {
            this.agencyReference = reference;
        }
        if (this.deliveredAt == null) {
            this.deliveredAt = now;
        }
        this.lastError = null;
    }

    void attemptFailed(String error, long retryAt, long now) {
        this.deliveryAttempts++;
        this.lastError = error;
        this.nextAttemptAt = retryAt;
        this.updatedAt = now;
    }

    void redeliver(long now) {
        this.redeliver = true;
        this.nextAttemptAt = now;
    }

    void lastError(String error) {
        this.lastError = error;
    }

    /** @return whether the agency is a system connected through a bundle (not a portal recruiter) */
    public boolean isConnected() {
        return connectionId != null;
    }

    PaymentTerms terms() {
        return new PaymentTerms(termsType, percentage, firstYearSalary, fee, currency);
    }

    void started(long now) {
        if (status == AssignmentStatus.NEW) {
            status = AssignmentStatus.IN_PROGRESS;
            startedAt = now;
            updatedAt = now;
        }
    }

    void completed(String applicationId, BigDecimal revenue, long now) {
        this.status = AssignmentStatus.COMPLETED;
        this.hiredApplicationId = applicationId;
        this.revenue = revenue;
        this.endedAt = now;
        this.updatedAt = now;
    }

    void cancelled(long now) {
        this.status = AssignmentStatus.CANCELLED;
        this.endedAt = now;
        this.updatedAt = now;
    }

    public String getId() { return id; }
    public String getCompanyId() { return companyId; }
    public String getJobId() { return jobId; }
    public String getPartnerId() { return partnerId; }
    public String getAssignedByUserId() { return assignedByUserId; }
    public String getAssignedBy() { return assignedBy; }
    public AssignmentStatus getStatus() { return status; }
    public long getCreatedAt() { return createdAt; }
    public long getUpdatedAt() { return updatedAt; }
    public Long getStartedAt() { return startedAt; }
    public Long getEndedAt() { return endedAt; }
    public String getHiredApplicationId() { return hiredApplicationId; }
    public BigDecimal getRevenue() { return revenue; }
    public String getCurrency() { return currency; }
    public String getConnectionId() { return connectionId; }
    public String getIntegrationId() { return integrationId; }
    public String getAgencyName() { return agencyName; }
    public String getAgencyReference() { return agencyReference; }
    public AssignmentDelivery getDelivery() { return delivery; }
    public AssignmentCall getCall() { return pendingCall; }
    Long getCallSince() { return callSince; }
    public Long getNextAttemptAt() { return nextAttemptAt; }
    public boolean isRedeliver() { return redeliver; }
    public int getDeliveryAttempts() { return deliveryAttempts; }
    public String getDeliveryCode() { return deliveryCode; }
    public String getDeliveryDetail() { return deliveryDetail; }
    public String getLastError() { return lastError; }
    public Long getDeliveredAt() { return deliveredAt; }
}
