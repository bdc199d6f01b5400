package org.hiremarket.core.internal.partner;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Where an offer's latest version stands: written ({@code DRAFT}), sent to the platform admin
 * ({@code PENDING_APPROVAL}), then {@code APPROVED} or {@code REJECTED} with the admin's reason.
 * An approved offer can be {@code WITHDRAWN} by its partner. Editing an approved offer sends the
 * change for approval while the approved version stays visible to customers; editing a rejected or
 * withdrawn one makes it a draft again.
 */
public enum OfferStatus {
    DRAFT, PENDING_APPROVAL, APPROVED, REJECTED, WITHDRAWN;

    private static final Map<OfferStatus, Set<OfferStatus>> MOVES = Map.of(
            // a draft can be withdrawn only while a version approved before is still visible (the service checks)
            DRAFT, EnumSet.of(PENDING_APPROVAL, WITHDRAWN),
            PENDING_APPROVAL, EnumSet.of(APPROVED, REJECTED, WITHDRAWN),
            APPROVED, EnumSet.of(PENDING_APPROVAL, WITHDRAWN),
            REJECTED, EnumSet.of(DRAFT, PENDING_APPROVAL, WITHDRAWN),
            WITHDRAWN, EnumSet.of(DRAFT, PENDING_APPROVAL));

    /** @return whether an offer in this status may move to {@code to} */
    public boolean canMoveTo(OfferStatus to) {
        return MOVES.get(this).contains(to);
    }

    /** @return the statuses this one may move to */
    public Set<OfferStatus> next() {
        return MOVES.get(this);
    }
}
