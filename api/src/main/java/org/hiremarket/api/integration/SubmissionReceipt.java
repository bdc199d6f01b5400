package org.hiremarket.api.integration;

import java.util.Objects;

/**
 * The host's answer to a {@link CandidateSubmission}.
 *
 * @param applicationId the host's id of the application the person now has on the job
 * @param candidateId   the host's id of the candidate
 * @param duplicate     {@code true} when the person had already applied to the job (by email, or
 *                      the same {@code externalId} came before): nothing new was created
 */
public record SubmissionReceipt(String applicationId, String candidateId, boolean duplicate) {

    public SubmissionReceipt {
        Objects.requireNonNull(applicationId, "applicationId");
        Objects.requireNonNull(candidateId, "candidateId");
    }
}
