package org.hiremarket.core.internal.rest;

import java.time.Duration;

import org.hiremarket.core.internal.common.KeyedBuckets;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.TimeMeter;

/**
 * Limits failed authentications (a presented API key or bearer token that is not valid) per client
 * address: each address has a token bucket of {@code auth.failures.per.minute} with bursts up to
 * {@code auth.failures.burst}; a failure takes a token. While an address has no token left, its
 * requests with a credential are refused (429) before the credential is even looked up.
 */
final class AuthFailureLimiter {

    private final int perMinute;
    private final KeyedBuckets buckets;

    AuthFailureLimiter(int perMinute, int burst) {
        this(perMinute, burst, TimeMeter.SYSTEM_MILLISECONDS);
    }

    AuthFailureLimiter(int perMinute, int burst, TimeMeter clock) {
        this.perMinute = perMinute;
        this.buckets = perMinute <= 0 ? null : new KeyedBuckets(Bandwidth.builder().capacity(Math.max(1, burst))
                .refillGreedy(perMinute, Duration.ofMinutes(1)).build(), clock);
    }

    boolean enabled() {
        return perMinute > 0;
    }

    /** Seconds the address must wait before it may try again, or 0 when it may try now. */
    long retryAfterSeconds(String address) {
        long nanos = enabled() ? buckets.waitNanos(address) : 0;
        return nanos <= 0 ? 0 : KeyedBuckets.retryAfterSeconds(nanos);
    }

    /** Records a failed authentication from the address. */
    void failed(String address) {
        if (enabled()) {
            buckets.consume(address);
        }
    }

    int tracked() {
        return enabled() ? buckets.tracked() : 0;
    }
}
