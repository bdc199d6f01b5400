package org.hiremarket.core.internal.agency;

/**
 * Where an agency's assignment stands, owned by the host: {@code NEW} when the customer sends the
 * job, {@code IN_PROGRESS} once the agency submitted its first candidate, {@code COMPLETED} when a
 * candidate it submitted is hired, {@code CANCELLED} when the customer cancels it. Completed and
 * cancelled assignments are final.
 */
public enum AssignmentStatus {
    NEW, IN_PROGRESS, COMPLETED, CANCELLED;

    public boolean isFinal() {
        return this == COMPLETED || this == CANCELLED;
    }

    /** @return the status after the agency submitted a candidate */
    public AssignmentStatus afterSubmission() {
        return this == NEW ? IN_PROGRESS : this;
    }
}
