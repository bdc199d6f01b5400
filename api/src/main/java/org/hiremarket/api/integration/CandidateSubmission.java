package org.hiremarket.api.integration;

/**
 * A person a connector sends to the customer: someone who applied on a job board, or a candidate
 * an agency submits. The host creates the candidate (or finds the one with this email) and an
 * application on the job the {@code reference} names.
 *
 * @param reference   what the application is for: for a job board, its own reference of the
 *                    published ad (the one its {@code publish} returned) or the host's posting id;
 *                    for an agency ({@code AgencyConnector}), the host's assignment id
 *                    ({@code Assignment#assignmentId()}) of an assignment of this connection that is
 *                    not over
 * @param firstName   the candidate's first name (required)
 * @param lastName    the candidate's last name (required)
 * @param email       the candidate's email address (required; one candidate per email and company)
 * @param phone       a phone number, or {@code null}
 * @param coverLetter what the candidate wrote, or {@code null}
 * @param externalId  the connector's own id of this application, or {@code null}; sending the same
 *                    one again is answered with the first receipt
 */
public record CandidateSubmission(String reference, String firstName, String lastName, String email, String phone,
        String coverLetter, String externalId) {
}
