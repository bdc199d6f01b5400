package org.hiremarket.api.assessment;

import java.time.Instant;
import java.util.Objects;

/**
 * One report of a vendor about an order.
 *
 * @param status     where the order stands
 * @param result     the result, required with {@link AssessmentStatus#COMPLETED}, otherwise {@code null}
 * @param reason     why, with {@link AssessmentStatus#FAILED} or {@link AssessmentStatus#EXPIRED}
 * @param occurredAt when it happened at the vendor
 */
public record AssessmentUpdate(AssessmentStatus status, AssessmentResult result, String reason, Instant occurredAt) {

    public AssessmentUpdate {
        Objects.requireNonNull(status, "status");
        occurredAt = occurredAt == null ? Instant.now() : occurredAt;
        if (status == AssessmentStatus.COMPLETED && result == null) {
            throw new IllegalArgumentException("a COMPLETED update needs a result");
        }
        if (status != AssessmentStatus.COMPLETED && result != null) {
            throw new IllegalArgumentException("only a COMPLETED update carries a result");
        }
    }

    public static AssessmentUpdate inProgress(Instant at) {
        return new AssessmentUpdate(AssessmentStatus.IN_PROGRESS, null, null, at);
    }

    public static AssessmentUpdate completed(AssessmentResult result) {
        return new AssessmentUpdate(AssessmentStatus.COMPLETED, result, null, result.completedAt());
    }

    public static AssessmentUpdate failed(String reason, Instant at) {
        return new AssessmentUpdate(AssessmentStatus.FAILED, null, reason, at);
    }

    public static AssessmentUpdate expired(String reason, Instant at) {
        return new AssessmentUpdate(AssessmentStatus.EXPIRED, null, reason, at);
    }
}
