package org.hiremarket.api.agency;

import java.time.Instant;
import java.util.Objects;

/**
 * A job a customer assigns to an agency.
 *
 * @param assignmentId the host's opaque assignment id
 * @param jobId        the host's opaque job id
 * @param jobTitle     the job title
 * @param countryCode  ISO 3166-1 alpha-2 country of the job
 * @param city         the city, or {@code null}
 * @param assignedBy   the name of the customer user who assigned the job (messages go to them)
 * @param feeTerms     the payment terms agreed for this assignment, free text
 * @param sentAt       when the customer sent it
 */
public record Assignment(String assignmentId, String jobId, String jobTitle, String countryCode, String city,
        String assignedBy, String feeTerms, Instant sentAt) {

    public Assignment {
        Objects.requireNonNull(assignmentId, "assignmentId");
        Objects.requireNonNull(jobId, "jobId");
        Objects.requireNonNull(jobTitle, "jobTitle");
        Objects.requireNonNull(sentAt, "sentAt");
    }
}
