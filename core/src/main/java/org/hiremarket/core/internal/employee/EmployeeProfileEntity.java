package org.hiremarket.core.internal.employee;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Table;
import javax.persistence.Version;

/** What an employee keeps in their portal profile to pre-fill their applications. */
@Entity
@Table(name = "HM_EMPLOYEE_PROFILE")
public class EmployeeProfileEntity {

    /** The employee's user id. */
    @Id
    @Column(length = 36)
    private String userId;

    @Column(nullable = false, length = 36)
    private String companyId;

    @Column(length = 40)
    private String phone;

    @Column(length = 2)
    private String countryCode;

    @Column(length = 100)
    private String city;

    /** JSON array, as on candidates. */
    @Column(length = 30_000)
    private String experience;

    /** JSON array, as on candidates. */
    @Column(length = 30_000)
    private String education;

    @Column(nullable = false)
    private long updatedAt;

    @Version
    private long version;

    protected EmployeeProfileEntity() {
    }

    EmployeeProfileEntity(String userId, String companyId) {
        this.userId = userId;
        this.companyId = companyId;
    }

    public String getUserId() { return userId; }
    public String getCompanyId() { return companyId; }
    public String getPhone() { return phone; }
    public String getCountryCode() { return countryCode; }
    public String getCity() { return city; }
    public String getExperience() { return experience; }
    public String getEducation() { return education; }
    public long getUpdatedAt() { return updatedAt; }

    void update(String phone, String countryCode, String city, String experience, String education, long at) {
        this.phone = phone;
        this.countryCode = countryCode;
        this.city = city;
        this.experience = experience;
        this.education = education;
        this.updatedAt = at;
    }
}
