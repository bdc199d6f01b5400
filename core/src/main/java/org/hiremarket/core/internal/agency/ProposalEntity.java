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

/** An agency's proposal to work on a company's job, with the terms it asks; the company accepts or declines it. */
@Entity
@Table(name = "HM_AGENCY_PROPOSAL", indexes = { @Index(name = "HM_AGENCY_PROPOSAL_COMPANY", columnList = "companyId"),
        @Index(name = "HM_AGENCY_PROPOSAL_PARTNER", columnList = "partnerId") })
@NamedQuery(name = "Proposal.ofCompany",
        query = "SELECT p FROM ProposalEntity p WHERE p.companyId = :companyId ORDER BY p.sentAt DESC, p.id")
@NamedQuery(name = "Proposal.ofPartner",
        query = "SELECT p FROM ProposalEntity p WHERE p.partnerId = :partnerId ORDER BY p.sentAt DESC, p.id")
public class ProposalEntity {

    /** Where a proposal stands. */
    public enum Status {
        PENDING, ACCEPTED, DECLINED
    }

    @Id
    @Column(length = 36)
    private String id;
    @Column(nullable = false, length = 36)
    private String companyId;
    @Column(nullable = false, length = 36)
    private String jobId;
    @Column(nullable = false, length = 36)
    private String partnerId;
    @Column(length = 2000)
    private String message;
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
    @Column(nullable = false, length = 10)
    private Status status;
    @Column(nullable = false)
    private long sentAt;
    private Long decidedAt;
    @Column(length = 36)
    private String assignmentId;

    protected ProposalEntity() {
    }

    ProposalEntity(String id, String companyId, String jobId, String partnerId, String message, PaymentTerms terms,
            long now) {
        this.id = id;
        this.companyId = companyId;
        this.jobId = jobId;
        this.partnerId = partnerId;
        this.message = message;
        this.termsType = terms.type();
        this.percentage = terms.percentage();
        this.firstYearSalary = terms.firstYearSalary();
        this.fee = terms.fee();
        this.currency = terms.currency();
        this.status = Status.PENDING;
        this.sentAt = now;
    }

    PaymentTerms terms() {
        return new PaymentTerms(termsType, percentage, firstYearSalary, fee, currency);
    }

    void decided(Status to, String assignmentId, long now) {
        this.status = to;
        this.assignmentId = assignmentId;
        this.decidedAt = now;
    }

    public String getId() { return id; }
    public String getCompanyId() { return companyId; }
    public String getJobId() { return jobId; }
    public String getPartnerId() { return partnerId; }
    public String getMessage() { return message; }
    public Status getStatus() { return status; }
    public long getSentAt() { return sentAt; }
    public Long getDecidedAt() { return decidedAt; }
    public String getAssignmentId() { return assignmentId; }
}
