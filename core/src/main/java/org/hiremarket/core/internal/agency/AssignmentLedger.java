package org.hiremarket.core.internal.agency;

import java.util.function.Function;

import org.hiremarket.core.internal.common.ApiException;
import org.hiremarket.core.internal.persistence.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every change of the delivery state of an assignment to a connected agency. The customer's
 * requests (assign, cancel), a disconnect and the mailbox's deliveries all move it through here, so
 * a delivery that ends while the customer cancels never undoes the cancellation.
 */
final class AssignmentLedger {

    private static final Logger LOG = LoggerFactory.getLogger(AssignmentLedger.class);
    /** How often a write that lost a race with another writer of the same assignment is tried again. */
    private static final int ATTEMPTS = 3;

    private final Database db;

    AssignmentLedger(Database db) {
        this.db = db;
    }

    static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }

    private <R> R change(String id, Function<AssignmentEntity, R> change) {
        for (int attempt = 1;; attempt++) {
            try {
                return db.tx(em -> {
                    AssignmentEntity a = em.find(AssignmentEntity.class, id);
                    return a == null ? null : change.apply(a);
                });
            } catch (ApiException e) {
                if (e.status() != 409 || attempt >= ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    /**
     * The agency acknowledged the assignment.
     *
     * @return a description of a conflict (the agency answered with another reference than before), or {@code null}
     */
    String acknowledged(String id, String reference, long now) {
        return change(id, a -> {
            String ref = truncate(reference, 200);
            String conflict = null;
            if (a.getAgencyReference() != null && !a.getAgencyReference().equals(ref)) {
                conflict = "Assignment " + id + " was acknowledged again as " + ref + ", not as " + a.getAgencyReference()
                        + ": the agency did not honour the assignment id and may hold the job twice";
                LOG.warn("{}; the first reference is kept", conflict);
                ref = a.getAgencyReference();
            }
            a.acknowledged(ref, now);
            if (a.getCall() == AssignmentCall.ASSIGN) {
                a.settled(AssignmentDelivery.DELIVERED, null, "Acknowledged by " + a.getAgencyName() + " as " + ref
                        + (a.getDeliveryAttempts() > 0 ? " after " + (a.getDeliveryAttempts() + 1) + " attempts" : ""), now);
            } else if (a.getCall() == null && a.isRedeliver()) {
                a.settled(AssignmentDelivery.DELIVERED, null, "Sent again to " + a.getAgencyName()
                        + " when its integration came back; it still holds it as " + ref, now);
            }
            // a cancellation owed meanwhile stays owed: the agency is told next
            return conflict;
        });
    }

    /** The agency was told of the cancellation. */
    void cancelDelivered(String id, long now) {
        change(id, a -> {
            if (a.getCall() == AssignmentCall.CANCEL) {
                a.settled(AssignmentDelivery.CANCELLED, null, "The agency was told of the cancellation", now);
            }
            return null;
        });
    }

    void attemptFailed(String id, String error, long retryAt, long now) {
        change(id, a -> {
            if (a.getCall() != null || a.isRedeliver()) {
                a.attemptFailed(truncate(error, 1000), retryAt, now);
            }
            return null;
        });
    }

    /** The owed call can never be made: the agency refused it, or did not acknowledge it in time. */
    void gaveUp(String id, String code, String reason, long now) {
        change(id, a -> {
            AssignmentCall owed = a.getCall();
            String why = truncate(reason, 900);
            if (owed == AssignmentCall.ASSIGN) {
                a.settled(AssignmentDelivery.FAILED, truncate(code, 80), why, now);
            } else if (owed == AssignmentCall.CANCEL) {
                a.settled(AssignmentDelivery.CANCEL_FAILED, truncate(code, 80),
                        "The agency could not be told of the cancellation: " + why, now);
            } else if (a.isRedeliver()) {
                a.settled(AssignmentDelivery.DELIVERED, a.getDeliveryCode(), "Sending the assignment again failed: " + why,
                        now);
            }
            a.lastError(truncate(reason, 1000));
            return null;
        });
    }

    /** Nothing is owed for this assignment now. */
    void settle(String id, long now) {
        change(id, a -> {
            if (a.getCall() == null && a.isRedeliver()) {
                a.settled(a.getDelivery(), a.getDeliveryCode(), a.getDeliveryDetail(), now);
            }
            return null;
        });
    }
}
