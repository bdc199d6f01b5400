package org.hiremarket.core.internal.candidate;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where an application stands: {@code NEW → IN_REVIEW → INTERVIEW → OFFERED → HIRED}, or
 * {@code REJECTED} by the company or {@code WITHDRAWN} by the candidate from any active status.
 * Active statuses may skip ahead (a strong candidate goes straight to interview) but never back;
 * a rejected or withdrawn application can be reconsidered ({@code IN_REVIEW}); {@code HIRED} is final.
 */
public enum ApplicationStatus {
    NEW, IN_REVIEW, INTERVIEW, OFFERED, HIRED, REJECTED, WITHDRAWN;

    public boolean active() {
        return this == NEW || this == IN_REVIEW || this == INTERVIEW || this == OFFERED;
    }

    /** @return the statuses this one may move to */
    public Set<ApplicationStatus> next() {
        Set<ApplicationStatus> next = EnumSet.noneOf(ApplicationStatus.class);
        if (active()) {
            for (ApplicationStatus s : values()) {
                if (s.active() && s.ordinal() > ordinal()) {
                    next.add(s);
                }
            }
            if (this == OFFERED) {
                next.add(HIRED);
            }
            next.add(REJECTED);
            next.add(WITHDRAWN);
        } else if (this == REJECTED || this == WITHDRAWN) {
            next.add(IN_REVIEW);
        }
        return next;
    }

    public boolean canMoveTo(ApplicationStatus target) {
        return next().contains(target);
    }
}
