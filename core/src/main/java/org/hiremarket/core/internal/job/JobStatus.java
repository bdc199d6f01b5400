package org.hiremarket.core.internal.job;

import java.util.EnumSet;
import java.util.Set;

/**
 * The status of a job and the moves between them. A job starts {@code CREATED}, is
 * {@code SOURCING} while candidates are sought, may be put {@code ON_HOLD}, and ends
 * {@code FILLED} or {@code CANCELLED}; an ended job can be reopened for sourcing.
 */
public enum JobStatus {
    CREATED, SOURCING, ON_HOLD, FILLED, CANCELLED;

    /** @return the statuses this one may move to */
    public Set<JobStatus> next() {
        return switch (this) {
            case CREATED -> EnumSet.of(SOURCING, ON_HOLD, CANCELLED);
            case SOURCING -> EnumSet.of(ON_HOLD, FILLED, CANCELLED);
            case ON_HOLD -> EnumSet.of(SOURCING, FILLED, CANCELLED);
            case FILLED, CANCELLED -> EnumSet.of(SOURCING);
        };
    }

    public boolean canMoveTo(JobStatus target) {
        return next().contains(target);
    }

    /** @return whether candidates may apply to the job's ad in this status */
    public boolean acceptsApplications() {
        return this == SOURCING;
    }

    /** @return whether a job in this status may have its ad published */
    public boolean publishable() {
        return this == CREATED || this == SOURCING || this == ON_HOLD;
    }
}
