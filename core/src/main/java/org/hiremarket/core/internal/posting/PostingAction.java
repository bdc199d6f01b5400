package org.hiremarket.core.internal.posting;

/** The call the host owes the board for a posting; at most one at a time, the newest intent wins. */
enum PostingAction {
    /** Publish the ad for the first time. */
    PUBLISH,
    /** Send the changed ad (publish again with a new version's idempotency key). */
    UPDATE,
    /** Take the ad down at the board (unpublish). */
    WITHDRAW
}
