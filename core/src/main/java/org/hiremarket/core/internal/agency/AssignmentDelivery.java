package org.hiremarket.core.internal.agency;

/**
 * Where the delivery of an assignment to an agency connected through a bundle stands. It is shown
 * beside the assignment's own status (NEW, IN_PROGRESS, COMPLETED, CANCELLED), which it never
 * changes: an assignment the agency refused stays {@code NEW} with delivery {@code FAILED} and the
 * agency's reason, until the customer cancels it.
 */
public enum AssignmentDelivery {
    /** The assignment is owed to the agency: sent, retried with backoff until it acknowledges. */
    SENDING,
    /** The agency acknowledged it (its reference is kept); sent again with the same id when its bundle returns. */
    DELIVERED,
    /** The agency refused it, or did not acknowledge it within the delivery time limit. */
    FAILED,
    /** The cancellation is owed to the agency. */
    CANCELLING,
    /** The agency was told of the cancellation. */
    CANCELLED,
    /** The agency could not be told of the cancellation (it refused, or the time limit passed). */
    CANCEL_FAILED
}
