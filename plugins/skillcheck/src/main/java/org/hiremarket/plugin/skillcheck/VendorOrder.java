package org.hiremarket.plugin.skillcheck;

import java.util.concurrent.Future;

import org.hiremarket.api.assessment.AssessmentCallback;
import org.hiremarket.api.assessment.AssessmentOrder;
import org.hiremarket.api.assessment.AssessmentPackage;
import org.hiremarket.api.assessment.AssessmentUpdate;
import org.hiremarket.api.assessment.OrderAcknowledgement;

/**
 * One order as SkillCheck sees it: what was acknowledged, where to report, and how far the
 * candidate got. A real vendor keeps this in its database.
 *
 * <p>Thread-safe: the mutable state is guarded by this object's lock. The connector also holds the
 * lock around a check and the action that depends on it (for example "no step pending, so
 * schedule one"), so two deliveries of the same order never start two assessments.
 */
final class VendorOrder {

    private final OrderAcknowledgement acknowledgement;
    private final AssessmentOrder order;
    private final AssessmentPackage assessmentPackage;

    private AssessmentCallback callback;
    /** The vendor's latest update: null until the candidate starts. */
    private AssessmentUpdate latest;
    private boolean cancelled;
    /** The next scheduled step of the assessment (candidate starts, candidate finishes), or null. */
    private Future<?> nextStep;

    VendorOrder(OrderAcknowledgement acknowledgement, AssessmentOrder order, AssessmentPackage assessmentPackage,
            AssessmentCallback callback) {
        this.acknowledgement = acknowledgement;
        this.order = order;
        this.assessmentPackage = assessmentPackage;
        this.callback = callback;
    }

    OrderAcknowledgement acknowledgement() {
        return acknowledgement;
    }

    String reference() {
        return acknowledgement.vendorReference();
    }

    /** @return the order as first delivered */
    AssessmentOrder order() {
        return order;
    }

    AssessmentPackage assessmentPackage() {
        return assessmentPackage;
    }

    /** @return where reports go: the callback of the newest delivery */
    synchronized AssessmentCallback callback() {
        return callback;
    }

    synchronized void replaceCallback(AssessmentCallback newest) {
        this.callback = newest;
    }

    /** @return the latest update the vendor produced (reported or not), or null before the candidate started */
    synchronized AssessmentUpdate latest() {
        return latest;
    }

    synchronized void record(AssessmentUpdate update) {
        this.latest = update;
    }

    synchronized boolean isCancelled() {
        return cancelled;
    }

    /** @return whether the final update (COMPLETED, FAILED or EXPIRED) was produced */
    synchronized boolean isFinished() {
        return latest != null && latest.status().isFinal();
    }

    /** @return whether the assessment still has to go on: neither cancelled nor finished */
    synchronized boolean isOpen() {
        return !cancelled && !isFinished();
    }

    /** @return whether a step is scheduled and has not run yet (or is running now) */
    synchronized boolean hasStepPending() {
        return nextStep != null && !nextStep.isDone();
    }

    synchronized void nextStep(Future<?> step) {
        this.nextStep = step;
    }

    /** Cancels the pending step; nothing is reported for this order any more. */
    synchronized void cancel() {
        cancelled = true;
        if (nextStep != null) {
            nextStep.cancel(false);
            nextStep = null;
        }
    }
}
