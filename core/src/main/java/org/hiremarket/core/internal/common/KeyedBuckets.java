package org.hiremarket.core.internal.common;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.TimeMeter;

/**
 * One Bucket4j token bucket per key (a credential, a client address, an account, an email): the
 * rate limits of the host. Memory is bounded: past {@link #MAX_TRACKED} keys, buckets that are full
 * again (they hold no information) are forgotten, and if that is not enough, all of them, so that
 * no caller ever scans a map that stays over the bound.
 */
public final class KeyedBuckets {

    static final int MAX_TRACKED = 100_000;

    private final Bandwidth limit;
    private final TimeMeter clock;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    /** @param limit capacity and refill of each key's bucket */
    public KeyedBuckets(Bandwidth limit, TimeMeter clock) {
        this.limit = limit;
        this.clock = clock;
    }

    public KeyedBuckets(Bandwidth limit) {
        this(limit, TimeMeter.SYSTEM_MILLISECONDS);
    }

    /** @return 0 when a token was taken, otherwise the nanoseconds until one is there (nothing taken) */
    public long tryConsume(String key) {
        var probe = bucket(key).tryConsumeAndReturnRemaining(1);
        return probe.isConsumed() ? 0 : Math.max(1, probe.getNanosToWaitForRefill());
    }

    /** Takes a token if there is one (a failure that counts towards a pause). */
    public void consume(String key) {
        bucket(key).tryConsume(1);
    }

    /** @return the nanoseconds until the key has a token again; 0 when it has one (nothing taken) */
    public long waitNanos(String key) {
        Bucket b = buckets.get(key);
        return b == null ? 0 : b.estimateAbilityToConsume(1).getNanosToWaitForRefill();
    }

    /** Forgets a key (its bucket is full again). */
    public void forget(String key) {
        buckets.remove(key);
    }

    public int tracked() {
        return buckets.size();
    }

    /** @return whole seconds to tell a client in {@code Retry-After} for a wait (rounded up), at least 1 */
    public static long retryAfterSeconds(long nanos) {
        return Math.max(1, (nanos + TimeUnit.SECONDS.toNanos(1) - 1) / TimeUnit.SECONDS.toNanos(1));
    }

    private Bucket bucket(String key) {
        Bucket b = buckets.get(key);
        if (b != null) {
            return b;
        }
        if (buckets.size() >= MAX_TRACKED) {
            buckets.entrySet().removeIf(e -> e.getValue().getAvailableTokens() >= limit.getCapacity());
            if (buckets.size() >= MAX_TRACKED) {
                buckets.clear();
            }
        }
        return buckets.computeIfAbsent(key, k -> Bucket.builder().addLimit(limit).withCustomTimePrecision(clock).build());
    }
}
