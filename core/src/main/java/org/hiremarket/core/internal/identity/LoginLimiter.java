package org.hiremarket.core.internal.identity;

import java.time.Duration;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;

/**
 * Pauses login for an account, and for a client address, after too many failed attempts in a
 * window (Bucket4j token buckets, refilled over the window). Only failures spend tokens.
 */
public final class LoginLimiter {

    private static final int MAX_TRACKED = 100_000;

    private final int perAccount;
    private final int perAddress;
    private final Duration window;
    private final Map<String, Bucket> accounts = new ConcurrentHashMap<>();
    private final Map<String, Bucket> addresses = new ConcurrentHashMap<>();

    public LoginLimiter(int perAccount, int perAddress, Duration window) {
        this.perAccount = perAccount;
        this.perAddress = perAddress;
        this.window = window;
    }

    /** @return seconds to wait if the account or the address is paused, empty if login may be tried */
    public OptionalLong retryAfter(String account, String address) {
        long nanos = Math.max(waitNanos(accounts.get(account)), waitNanos(addresses.get(address)));
        return nanos <= 0 ? OptionalLong.empty() : OptionalLong.of(Math.max(1, TimeUnit.NANOSECONDS.toSeconds(nanos) + 1));
    }

    /** Records a failed attempt for both the account and the address. */
    public void failed(String account, String address) {
        bucket(accounts, account, perAccount).tryConsume(1);
        bucket(addresses, address, perAddress).tryConsume(1);
    }

    /** A successful login clears the account's failures. */
    public void succeeded(String account) {
        accounts.remove(account);
    }

    private static long waitNanos(Bucket b) {
        return b == null ? 0 : b.estimateAbilityToConsume(1).getNanosToWaitForRefill();
    }

    private Bucket bucket(Map<String, Bucket> map, String key, int capacity) {
        if (map.size() > MAX_TRACKED) {
            // forget buckets that are full again; they hold no information
            map.entrySet().removeIf(e -> e.getValue().getAvailableTokens() >= capacity);
        }
        return map.computeIfAbsent(key, k -> Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(capacity).refillGreedy(capacity, window).build()).build());
    }
}
