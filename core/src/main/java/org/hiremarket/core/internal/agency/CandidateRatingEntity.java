package org.hiremarket.core.internal.agency;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Index;
import javax.persistence.Table;

/** A rating (1 to 5) one member of the client's hiring team gave a submitted candidate; the agency sees the average. */
@Entity
@Table(name = "HM_AGENCY_RATING", indexes = @Index(name = "HM_AGENCY_RATING_SUBMISSION", columnList = "submissionId"))
public class CandidateRatingEntity {

    /** {@code <submission id>:<rater>}. */
    @Id
    @Column(length = 120)
    private String id;
    @Column(nullable = false, length = 36)
    private String submissionId;
    @Column(nullable = false)
    private int rating;
    @Column(nullable = false)
    private long ratedAt;

    protected CandidateRatingEntity() {
    }

    CandidateRatingEntity(String submissionId, String rater, int rating, long now) {
        this.id = submissionId + ":" + rater;
        this.submissionId = submissionId;
        this.rating = rating;
        this.ratedAt = now;
    }

    void rate(int rating, long now) {
        this.rating = rating;
        this.ratedAt = now;
    }

    public int getRating() { return rating; }
}
