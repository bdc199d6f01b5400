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

/** A job a company sent to an agency, with the payment terms of a hire. */
@Entity
@Table(name = "HM_ASSIGNMENT", indexes = { @Index(name = "HM_ASSIGNMENT_COMPANY", columnList = "companyId"),
        @Index(name = "HM_ASSIGNMENT_PARTNER", columnList = "partnerId"),
        @Index(name = "HM_ASSIGNMENT_JOB", columnList = "jobId") })
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
    @Column(nullable = false, length = 36)
    private String partnerId;
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
}
