package org.hiremarket.api.assessment;

import java.time.Instant;
import java.util.Objects;

/**
 * An order for one candidate, as the vendor receives it.
 *
 * @param orderId        the host's opaque order id
 * @param idempotencyKey the same on every delivery of this order; the vendor de-duplicates on it
 * @param packageId      the vendor's package id
 * @param candidate      who takes the assessment
 * @param jobTitle       the job the candidate applied to
 * @param placedAt       when the customer placed the order
 */
public record AssessmentOrder(String orderId, String idempotencyKey, String packageId, CandidateInfo candidate,
        String jobTitle, Instant placedAt) {

    public AssessmentOrder {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        Objects.requireNonNull(packageId, "packageId");
        Objects.requireNonNull(candidate, "candidate");
        Objects.requireNonNull(placedAt, "placedAt");
    }
}
