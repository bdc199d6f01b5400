package org.hiremarket.core.internal.posting;

/**
 * Where a job's ad stands on one board. The host owns the lifecycle:
 * {@code PENDING → LIVE → WITHDRAWN | EXPIRED}, {@code PENDING → FAILED}, and
 * {@code LIVE ⇄ UPDATE_PENDING} while a changed ad is being re-sent.
 */
public enum PostingStatus {
    /** Committed; the board has not confirmed the ad yet. */
    PENDING,
    /** On the board, with the board's reference and public URL. */
    LIVE,
    /** On the board; a changed version of the ad is being sent. */
    UPDATE_PENDING,
    /** Taken down: by the customer, because the job stopped sourcing publicly, or the board was disconnected. */
    WITHDRAWN,
    /** Ran its time on the board. */
    EXPIRED,
    /** The board refused the ad, or never confirmed it within the delivery time limit. */
    FAILED;

    /** @return whether the posting is over (no longer counts as the job's posting on that board) */
    public boolean ended() {
        return this == WITHDRAWN || this == EXPIRED || this == FAILED;
    }

    /** @return whether the board shows the ad, so people may apply through it */
    public boolean live() {
        return this == LIVE || this == UPDATE_PENDING;
    }
}
