package org.hiremarket.api.assessment;

/** Where an acknowledged order stands at the vendor. */
public enum AssessmentStatus {
    /** The candidate started the assessment. */
    IN_PROGRESS,
    /** Finished and scored; the update carries the result. */
    COMPLETED,
    /** The vendor could not carry the order out (the update says why). */
    FAILED,
    /** The candidate did not take the assessment in time. */
    EXPIRED;

    /** @return whether nothing can follow this status */
    public boolean isFinal() {
        return this != IN_PROGRESS;
    }
}
