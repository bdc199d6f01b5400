package org.hiremarket.core.internal.assessment;

import java.util.EnumSet;
import java.util.Set;

/**
 * The life of an assessment order, owned by the host: {@code PLACED → SENT → IN_PROGRESS →
 * COMPLETED | FAILED | CANCELLED | EXPIRED}. {@code IN_PROGRESS} may be skipped (a vendor that
 * only reports the result), and the final states are final.
 */
public enum OrderStatus {
    /** Committed in the host; not yet acknowledged by the vendor. */
    PLACED,
    /** The vendor acknowledged it; the candidate was invited. */
    SENT,
    /** The candidate started. */
    IN_PROGRESS,
    /** Scored; the result is stored. */
    COMPLETED,
    /** The vendor refused or could not carry it out, or it was never acknowledged in time. */
    FAILED,
    /** Cancelled by the customer. */
    CANCELLED,
    /** The candidate did not take it in time. */
    EXPIRED;

    private static final Set<OrderStatus> OPEN = EnumSet.of(PLACED, SENT, IN_PROGRESS);

    public boolean isFinal() {
        return !OPEN.contains(this);
    }

    /** @return the statuses that may directly follow this one */
    public Set<OrderStatus> next() {
        return switch (this) {
            case PLACED -> EnumSet.of(SENT, FAILED, CANCELLED);
            case SENT -> EnumSet.of(IN_PROGRESS, COMPLETED, FAILED, CANCELLED, EXPIRED);
            case IN_PROGRESS -> EnumSet.of(COMPLETED, FAILED, CANCELLED, EXPIRED);
            default -> EnumSet.noneOf(OrderStatus.class);
        };
    }

    public boolean canMoveTo(OrderStatus to) {
        return next().contains(to);
    }

    /** @return the open statuses, in which the host keeps delivering and accepting results */
    public static Set<OrderStatus> open() {
        return EnumSet.copyOf(OPEN);
    }
}
