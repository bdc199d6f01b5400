package org.hiremarket.api.assessment;

import org.hiremarket.api.integration.ScopeNotGrantedException;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The host's end of one order: the vendor reports progress and the result here. It may be kept
 * and called from any thread at any time, also after the call that handed it over returned and
 * after the customer disconnected; it is valid until the order is final.
 *
 * <p>The host accepts each change once: a report that repeats what is recorded, or that comes
 * after the order is final, is answered with {@link Outcome#ALREADY_RECORDED} and changes nothing,
 * so a vendor may safely send the same report again when unsure whether it arrived. When
 * {@code report} returns, the update is stored durably.
 */
@ProviderType
public interface AssessmentCallback {

    /** What the host did with a report. */
    enum Outcome {
        /** Stored; the order moved on. */
        ACCEPTED,
        /** Nothing changed: the same report came before, or the order is already final. */
        ALREADY_RECORDED
    }

    /** @return the host's id of the order this callback belongs to */
    String orderId();

    /**
     * Reports progress or the result of the order. Needs the
     * {@link org.hiremarket.api.integration.StandardScopes#ASSESSMENT_RESULTS_WRITE} scope.
     *
     * @throws ScopeNotGrantedException without that scope
     * @throws IllegalArgumentException when the update is not valid (the message says why)
     * @throws IllegalStateException    when the host cannot store it now; report it again later
     */
    Outcome report(AssessmentUpdate update) throws ScopeNotGrantedException;
}
