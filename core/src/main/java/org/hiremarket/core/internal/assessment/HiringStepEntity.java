package org.hiremarket.core.internal.assessment;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Index;
import javax.persistence.Table;
import javax.persistence.Version;

/**
 * One step of a job's hiring process, in order. A step may carry an assessment package of one of
 * the company's assessment connections: an application entering the step gets it ordered once.
 */
@Entity
@Table(name = "HM_HIRING_STEP", indexes = @Index(name = "HM_HIRING_STEP_JOB", columnList = "jobId, position"))
public class HiringStepEntity {

    @Id
    @Column(length = 36)
    private String id;
    @Column(nullable = false, length = 36)
    private String companyId;
    @Column(nullable = false, length = 36)
    private String jobId;
    @Column(nullable = false)
    private int position;
    @Column(nullable = false, length = 100)
    private String name;
    @Column(length = 36)
    private String connectionId;
    @Column(length = 100)
    private String packageId;
    @Column(length = 200)
    private String packageName;
    @Column(nullable = false)
    private long createdAt;
    @Column(nullable = false)
    private long updatedAt;
    @Version
    private long version;

    protected HiringStepEntity() {
    }

    HiringStepEntity(String id, String companyId, String jobId, int position, String name, long now) {
        this.id = id;
        this.companyId = companyId;
        this.jobId = jobId;
        this.position = position;
        this.name = name;
        this.createdAt = now;
        this.updatedAt = now;
    }

    public String getId() { return id; }
    public String getCompanyId() { return companyId; }
    public String getJobId() { return jobId; }
    public int getPosition() { return position; }
    void setPosition(int position) { this.position = position; }
    public String getName() { return name; }
    void setName(String name) { this.name = name; }
    public String getConnectionId() { return connectionId; }
    public String getPackageId() { return packageId; }
    public String getPackageName() { return packageName; }
    void setAssessment(String connectionId, String packageId, String packageName) {
        this.connectionId = connectionId;
        this.packageId = packageId;
        this.packageName = packageName;
    }
    public boolean hasAssessment() { return connectionId != null; }
    public long getCreatedAt() { return createdAt; }
    public long getUpdatedAt() { return updatedAt; }
    void touch(long at) { this.updatedAt = at; }
}
