package org.hiremarket.core.internal.mailbox;

import java.time.Duration;
import java.time.Instant;

import org.hiremarket.api.integration.IntegrationException;
import org.hiremarket.core.internal.marketplace.PluginCallException;

import io.github.resilience4j.core.IntervalFunction;

/**
 * What the mailbox does after a delivery did not end in an acknowledgement: try again later
 * (exponential backoff with jitter, never before the integration's circuit breaker lets calls
 * through again), or give up because the vendor refused the letter (an order, a posting) or it was
 * never acknowledged within the delivery time limit.
 */
public final class DeliveryPolicy {

    /**
     * The decision: {@code retryAt} for a retry, or {@code failure} (with its machine-readable
     * {@code code}) to give up on the order.
     */
    public record Decision(Long retryAt, String code, String failure, String error) {
        public boolean retry() {
            return retryAt != null;
        }
    }

    /** The code of a letter no vendor acknowledged within the delivery time limit. */
    public static final String NOT_ACKNOWLEDGED = "NOT_ACKNOWLEDGED";

    private final IntervalFunction backoff;
    private final Duration maxAge;

    public DeliveryPolicy(long initialMs, long maxMs, Duration maxAge) {
        this.backoff = IntervalFunction.ofExponentialRandomBackoff(initialMs, 2.0, 0.3, maxMs);
        this.maxAge = maxAge;
    }

    /**
     * @param attempts    failed attempts before this one
     * @param deadlineFrom when the time limit for an acknowledgement started (epoch ms), or
     *                    {@code null} when it does not apply (a redelivery of what the vendor has)
     * @param failure     why this attempt failed: a plugin call failure, or {@code null} with {@code message}
     * @param pausedUntil when the integration's breaker lets calls through again, or {@code null}
     */
    public Decision afterFailure(int attempts, Long deadlineFrom, long now, PluginCallException failure,
            String message, Instant pausedUntil) {
        String error = failure != null ? failure.getMessage() : message;
        if (failure != null && failure.getCause() instanceof IntegrationException ie && !ie.isRetryable()) {
            return new Decision(null, ie.code() == null || ie.code().isBlank() ? "VENDOR_REFUSED" : ie.code(),
                    "Refused by the vendor (" + ie.code() + "): " + ie.getMessage(), error);
        }
        if (deadlineFrom != null && now >= deadlineFrom + maxAge.toMillis()) {
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
