package org.hiremarket.core.internal.rest;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.TimeMeter;

/**
 * Limits failed authentications (a presented API key or bearer token that is not valid) per client
 * address: each address has a token bucket of {@code auth.failures.per.minute} with bursts up to
 * {@code auth.failures.burst}; a failure takes a token. While an address has no token left, its
 * requests with a credential are refused (429) before the credential is even looked up.
 */
final class AuthFailureLimiter {

    private static final int MAX_TRACKED = 100_000;

    private final int perMinute;
    private final int burst;
    private final TimeMeter clock;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    AuthFailureLimiter(int perMinute, int burst) {
        this(perMinute, burst, TimeMeter.SYSTEM_MILLISECONDS);
    }

    AuthFailureLimiter(int perMinute, int burst, TimeMeter clock) {
        this.perMinute = perMinute;
        this.burst = Math.max(1, burst);
        this.clock = clock;
    }

    boolean enabled() {
        return perMinute > 0;
    }

    /** Seconds the address must wait before it may try again, or 0 when it may try now. */
    long retryAfterSeconds(String address) {
        if (!enabled()) {
            return 0;
        }
        Bucket b = buckets.get(address);
        if (b == null || b.getAvailableTokens() > 0) {
            return 0;
        }
        long nanos = b.estimateAbilityToConsume(1).getNanosToWaitForRefill();
        return Math.max(1, TimeUnit.NANOSECONDS.toSeconds(nanos) + 1);
    }

    /** Records a failed authentication from the address. */
    void failed(String address) {
        if (!enabled()) {
            return;
        }
        bucket(address).tryConsume(1);
    }

    int tracked() {
        return buckets.size();
    }

    private Bucket bucket(String address) {
        Bucket b = buckets.get(address);
        if (b != null) {
            return b;
        }
        if (buckets.size() > MAX_TRACKED) {
            // full buckets hold no information
            buckets.entrySet().removeIf(e -> e.getValue().getAvailableTokens() >= burst);
        }
        return buckets.computeIfAbsent(address, k -> Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(burst).refillGreedy(perMinute, Duration.ofMinutes(1)).build())
                .withCustomTimePrecision(clock).build());
    }
}
