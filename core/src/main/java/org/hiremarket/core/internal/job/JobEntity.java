package org.hiremarket.core.internal.job;

import org.eclipse.persistence.annotations.Cache;
import org.eclipse.persistence.config.CacheIsolationType;
import org.hiremarket.core.internal.persistence.CacheSettings;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.EnumType;
import javax.persistence.Enumerated;
import javax.persistence.Id;
import javax.persistence.Index;
import javax.persistence.Table;
import javax.persistence.Version;

/** A job of a customer company, with its ad's publication. */
@Entity
@Cache(isolation = CacheIsolationType.SHARED, expiry = CacheSettings.EXPIRY_MS)
@Table(name = "HM_JOB", indexes = {
        @Index(name = "HM_JOB_COMPANY", columnList = "companyId, updatedAt"),
        @Index(name = "HM_JOB_AD", columnList = "companyId, adVisibility, status") })
public class JobEntity {

    static final int TEXT = 20_000;

    @Id
    @Column(length = 36)
    private String id;

    @Column(nullable = false, length = 36)
    private String companyId;

    @Column(nullable = false, length = 200)
    private String title;

    @Column(length = 50)
    private String refNumber;

    @Column(nullable = false, length = 2)
    private String countryCode;

    @Column(nullable = false, length = 100)
    private String city;

    @Column(nullable = false)
    private boolean remote;

    // the other location fields of SmartRecruiters' job API; null in jobs of an earlier version
    @Column(length = 10)
    private String regionCode;
    @Column(length = 100)
    private String region;
    @Column(length = 200)
    private String address;
    @Column(length = 20)
    private String postalCode;
    private Boolean hybrid;
    private Double latitude;
    private Double longitude;

    @Column(nullable = false, length = 60)
    private String industryId;

    @Column(nullable = false, length = 60)
    private String functionId;

    @Column(nullable = false, length = 60)
    private String experienceLevelId;

    @Column(length = 100)
    private String department;

    @Column(nullable = false)
    private int headcount;

    @Column(length = TEXT)
    private String companyDescription;

    @Column(length = TEXT)
    private String jobDescription;

    @Column(length = TEXT)
    private String qualifications;

    @Column(length = TEXT)
    private String additionalInformation;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 20)
    private JobStatus status;

    /** {@code null} while the ad is not published. */
    @Enumerated(EnumType.STRING)
    @Column(length = 20)
    private AdVisibility adVisibility;

    private Long adPublishedAt;

    @Column(nullable = false)
    private long createdAt;

    @Column(nullable = false)
    private long updatedAt;

    @Version
    private long version;

    protected JobEntity() {
    }

    JobEntity(String id, String companyId, long now) {
        this.id = id;
        this.companyId = companyId;
        this.status = JobStatus.CREATED;
        this.createdAt = now;
        this.updatedAt = now;
        this.headcount = 1;
    }

    public String getId() { return id; }
    public String getCompanyId() { return companyId; }
    public String getTitle() { return title; }
    void setTitle(String title) { this.title = title; }
    public String getRefNumber() { return refNumber; }
    void setRefNumber(String refNumber) { this.refNumber = refNumber; }
    public String getCountryCode() { return countryCode; }
    public String getCity() { return city; }
    public boolean isRemote() { return remote; }
    JobLocation getLocation() {
        return new JobLocation(countryCode, city, remote, regionCode, region, address, postalCode,
                Boolean.TRUE.equals(hybrid), latitude, longitude);
    }

    void setLocation(JobLocation l) {
        this.countryCode = l.countryCode();
        this.city = l.city();
        this.remote = l.remote();
        this.regionCode = l.regionCode();
        this.region = l.region();
        this.address = l.address();
        this.postalCode = l.postalCode();
        this.hybrid = l.hybrid() ? Boolean.TRUE : null;
        this.latitude = l.latitude();
        this.longitude = l.longitude();
    }
    public String getIndustryId() { return industryId; }
    void setIndustryId(String industryId) { this.industryId = industryId; }
    public String getFunctionId() { return functionId; }
    void setFunctionId(String functionId) { this.functionId = functionId; }
    public String getExperienceLevelId() { return experienceLevelId; }
    void setExperienceLevelId(String experienceLevelId) { this.experienceLevelId = experienceLevelId; }
    public String getDepartment() { return department; }
    void setDepartment(String department) { this.department = department; }
    public int getHeadcount() { return headcount; }
    void setHeadcount(int headcount) { this.headcount = headcount; }
    public String getCompanyDescription() { return companyDescription; }
    public String getJobDescription() { return jobDescription; }
    public String getQualifications() { return qualifications; }
    public String getAdditionalInformation() { return additionalInformation; }
    void setSections(String companyDescription, String jobDescription, String qualifications, String additionalInformation) {
        this.companyDescription = companyDescription;
        this.jobDescription = jobDescription;
        this.qualifications = qualifications;
        this.additionalInformation = additionalInformation;
    }
    public JobStatus getStatus() { return status; }
    void setStatus(JobStatus status) { this.status = status; }
    public AdVisibility getAdVisibility() { return adVisibility; }
    public Long getAdPublishedAt() { return adPublishedAt; }
    void publish(AdVisibility visibility, long at) {
        this.adVisibility = visibility;
        this.adPublishedAt = at;
    }
    void unpublish() {
        this.adVisibility = null;
        this.adPublishedAt = null;
    }
    public long getCreatedAt() { return createdAt; }
    public long getUpdatedAt() { return updatedAt; }
    void touch(long at) { this.updatedAt = at; }
}
