package org.hiremarket.core.internal.assessment;

import java.time.Duration;
import java.time.Instant;

import org.hiremarket.api.integration.IntegrationException;
import org.hiremarket.core.internal.marketplace.PluginCallException;

import io.github.resilience4j.core.IntervalFunction;

/**
 * What the mailbox does after a delivery did not end in an acknowledgement: try again later
 * (exponential backoff with jitter, never before the integration's circuit breaker lets calls
 * through again), or give up because the vendor refused the order or it was never acknowledged
 * within the delivery time limit.
 */
final class DeliveryPolicy {

    /**
     * The decision: {@code retryAt} for a retry, or {@code failure} (with its machine-readable
     * {@code code}) to give up on the order.
     */
    record Decision(Long retryAt, String code, String failure, String error) {
        boolean retry() {
            return retryAt != null;
        }
    }

    /** The code of an order no vendor acknowledged within the delivery time limit. */
    static final String NOT_ACKNOWLEDGED = "NOT_ACKNOWLEDGED";

    private final IntervalFunction backoff;
    private final Duration maxAge;

    DeliveryPolicy(long initialMs, long maxMs, Duration maxAge) {
        this.backoff = IntervalFunction.ofExponentialRandomBackoff(initialMs, 2.0, 0.3, maxMs);
        this.maxAge = maxAge;
    }

    /**
     * @param attempts    failed attempts before this one
     * @param placedAt    when the order was placed (epoch ms)
     * @param failure     why this attempt failed: a plugin call failure, or {@code null} with {@code message}
     * @param pausedUntil when the integration's breaker lets calls through again, or {@code null}
     */
    Decision afterFailure(OrderStatus status, int attempts, long placedAt, long now, PluginCallException failure,
            String message, Instant pausedUntil) {
        String error = failure != null ? failure.getMessage() : message;
        if (failure != null && failure.getCause() instanceof IntegrationException ie && !ie.isRetryable()) {
            return new Decision(null, ie.code() == null || ie.code().isBlank() ? "VENDOR_REFUSED" : ie.code(),
                    "Refused by the vendor (" + ie.code() + "): " + ie.getMessage(), error);
        }
        if (status == OrderStatus.PLACED && now >= placedAt + maxAge.toMillis()) {
            return new Decision(null, NOT_ACKNOWLEDGED, "Not acknowledged by the vendor within " + maxAge.toHours() + " hours after "
                    + (attempts + 1) + " attempts; last error: " + error, error);
        }
        long next = now + backoff.apply(attempts + 1);
        if (pausedUntil != null) {
            next = Math.max(next, pausedUntil.toEpochMilli());
        }
        return new Decision(next, null, null, error);
    }
}
