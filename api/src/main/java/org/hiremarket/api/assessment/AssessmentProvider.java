package org.hiremarket.api.assessment;

import java.util.List;

import org.hiremarket.api.integration.ConnectionContext;
import org.hiremarket.api.integration.Integration;
import org.hiremarket.api.integration.IntegrationException;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * An assessment vendor: skills tests, behavioural assessments, background checks, video interviews.
 *
 * <p>The host owns the order: it commits every order before calling {@link #placeOrder}, retries
 * the call with backoff until the vendor acknowledges it, and calls it again with the same
 * idempotency key whenever it cannot be sure the vendor still knows the order (after a restart of
 * the host or of the connector bundle). Results come back through the {@link AssessmentCallback}
 * handed to each call, and, for vendors that declare it, by {@link #pollOrder polling}.
 */
@ConsumerType
public interface AssessmentProvider extends Integration {

    /**
     * @return the packages the customer's account may order
     * @throws IntegrationException when the vendor refuses or cannot answer
     */
    List<AssessmentPackage> listPackages(ConnectionContext context) throws IntegrationException;

    /**
     * Places an order at the vendor. The host may call this more than once for the same order; the
     * {@link AssessmentOrder#idempotencyKey()} is the same each time and the vendor must not create
     * a second order for it, but should answer with its first acknowledgement and use the newest
     * {@code callback} from then on.
     *
     * @param callback where the vendor reports progress and the result of this order, during this
     *                 call or at any time later (also after the customer disconnected)
     * @return the vendor's acknowledgement
     * @throws IntegrationException a non-retryable one when the vendor refuses the order (it fails
     *                              for good); a retryable one when it cannot take it now
     */
    OrderAcknowledgement placeOrder(ConnectionContext context, AssessmentOrder order, AssessmentCallback callback)
            throws IntegrationException;

    /**
     * @return whether the host should also ask {@link #pollOrder} for the status of open orders
     *         (vendors that cannot push every result)
     */
    default boolean supportsPolling() {
        return false;
    }

    /**
     * The vendor's current view of an order it acknowledged. Only called when
     * {@link #supportsPolling()} is {@code true}.
     *
     * @return the latest update, or {@code null} when there is nothing new or the vendor does not
     *         know the order (the host then delivers it again)
     * @throws IntegrationException when the vendor cannot answer now
     */
    default AssessmentUpdate pollOrder(ConnectionContext context, AssessmentOrder order, String vendorReference)
            throws IntegrationException {
        return null;
    }

    /**
     * The customer cancelled an order the vendor acknowledged. Best effort: the order is cancelled
     * in the host whatever this method does.
     */
    default void cancelOrder(ConnectionContext context, AssessmentOrder order, String vendorReference)
            throws IntegrationException {
        // vendors without a cancel call simply stop sending reminders
    }
}
