package org.hiremarket.core.internal.candidate;

import java.util.Arrays;
import java.util.List;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.EnumType;
import javax.persistence.Enumerated;
import javax.persistence.Id;
import javax.persistence.Index;
import javax.persistence.Table;
import javax.persistence.Version;

/** A candidate's application to a job: one per candidate and job. */
@Entity
@Table(name = "HM_APPLICATION", indexes = {
        @Index(name = "HM_APPLICATION_UNIQUE", columnList = "jobId, candidateId", unique = true),
        @Index(name = "HM_APPLICATION_COMPANY", columnList = "companyId, updatedAt"),
        @Index(name = "HM_APPLICATION_CANDIDATE", columnList = "candidateId") })
public class ApplicationEntity {

    @Id
    @Column(length = 36)
    private String id;

    @Column(nullable = false, length = 36)
    private String companyId;

    @Column(nullable = false, length = 36)
    private String jobId;

    @Column(nullable = false, length = 36)
    private String candidateId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 20)
    private ApplicationStatus status;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 20)
    private SourceType sourceType;

    @Column(length = 100)
    private String sourceName;

    /** The employee who applied through the portal, if any. */
    @Column(length = 36)
    private String employeeUserId;

    /** Space-separated labels. */
    @Column(nullable = false, length = 1000)
    private String labels = "";

    @Column(nullable = false)
    private long createdAt;

    @Column(nullable = false)
    private long updatedAt;

    /** The hiring step of the job the application is in, if the job has steps. */
    @Column(length = 36)
    private String hiringStepId;

    @Version
    private long version;

    protected ApplicationEntity() {
    }

    ApplicationEntity(String id, String companyId, String jobId, String candidateId, SourceType sourceType,
            String sourceName, long now) {
        this.id = id;
        this.companyId = companyId;
        this.jobId = jobId;
        this.candidateId = candidateId;
        this.status = ApplicationStatus.NEW;
        this.sourceType = sourceType;
        this.sourceName = sourceName;
        this.createdAt = now;
        this.updatedAt = now;
    }

    public String getId() { return id; }
    public String getCompanyId() { return companyId; }
    public String getJobId() { return jobId; }
    public String getCandidateId() { return candidateId; }
    public ApplicationStatus getStatus() { return status; }
    void setStatus(ApplicationStatus status) { this.status = status; }
    public SourceType getSourceType() { return sourceType; }
    public String getSourceName() { return sourceName; }
    public String getEmployeeUserId() { return employeeUserId; }
    void setEmployeeUserId(String employeeUserId) { this.employeeUserId = employeeUserId; }
    public List<String> getLabels() {
        return labels.isEmpty() ? List.of() : Arrays.asList(labels.split(" "));
    }
    void setLabels(java.util.Collection<String> labels) {
        this.labels = String.join(" ", new java.util.TreeSet<>(labels));
    }
    public long getCreatedAt() { return createdAt; }
    public long getUpdatedAt() { return updatedAt; }
    void touch(long at) { this.updatedAt = at; }
    public String getHiringStepId() { return hiringStepId; }
    /** Moves the application into a hiring step of its job (checked by the caller). */
    public void enterStep(String stepId, long at) {
        this.hiringStepId = stepId;
        this.updatedAt = at;
    }
}
