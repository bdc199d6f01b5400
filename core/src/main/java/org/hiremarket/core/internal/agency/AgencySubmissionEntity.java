package org.hiremarket.core.internal.agency;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Index;
import javax.persistence.NamedQuery;
import javax.persistence.Table;

/**
 * A candidate an agency submitted to an assignment: the application it made, whether the
 * application is the agency's (attributed), and the recruiter's own rating and review.
 */
@Entity
@Table(name = "HM_AGENCY_SUBMISSION", indexes = {
        @Index(name = "HM_AGENCY_SUBMISSION_ASSIGNMENT", columnList = "assignmentId"),
        @Index(name = "HM_AGENCY_SUBMISSION_APPLICATION", columnList = "applicationId") })
@NamedQuery(name = "AgencySubmission.ofAssignment", query = "SELECT s FROM AgencySubmissionEntity s"
        + " WHERE s.assignmentId = :assignmentId ORDER BY s.submittedAt, s.id")
@NamedQuery(name = "AgencySubmission.byApplication",
        query = "SELECT s FROM AgencySubmissionEntity s WHERE s.applicationId = :applicationId AND s.attributed = TRUE")
@NamedQuery(name = "AgencySubmission.ofPartner",
        query = "SELECT s FROM AgencySubmissionEntity s WHERE s.partnerId = :partnerId")
public class AgencySubmissionEntity {

    @Id
    @Column(length = 36)
    private String id;
    @Column(nullable = false, length = 36)
    private String assignmentId;
    /** The recruiter who submitted; {@code null} when a connected agency system submitted through its connection. */
    @Column(length = 36)
    private String partnerId;
    @Column(nullable = false, length = 36)
    private String companyId;
    @Column(nullable = false, length = 36)
    private String applicationId;
    @Column(nullable = false)
    private boolean attributed;
    /** The recruiter's own rating of the candidate, 1 to 5. */
    private Integer rating;
    @Column(length = 2000)
    private String review;
    @Column(nullable = false)
    private long submittedAt;

    protected AgencySubmissionEntity() {
    }

    AgencySubmissionEntity(String id, String assignmentId, String partnerId, String companyId, String applicationId,
            boolean attributed, Integer rating, String review, long now) {
        this.id = id;
        this.assignmentId = assignmentId;
        this.partnerId = partnerId;
        this.companyId = companyId;
        this.applicationId = applicationId;
        this.attributed = attributed;
        this.rating = rating;
        this.review = review;
        this.submittedAt = now;
    }

    public String getId() { return id; }
    public String getAssignmentId() { return assignmentId; }
    public String getPartnerId() { return partnerId; }
    public String getCompanyId() { return companyId; }
    public String getApplicationId() { return applicationId; }
    public boolean isAttributed() { return attributed; }
    public Integer getRating() { return rating; }
    public String getReview() { return review; }
    public long getSubmittedAt() { return submittedAt; }
}
