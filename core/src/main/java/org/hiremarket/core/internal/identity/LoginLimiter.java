package org.hiremarket.core.internal.identity;

import java.time.Duration;
import java.util.OptionalLong;

import org.hiremarket.core.internal.common.KeyedBuckets;

import io.github.bucket4j.Bandwidth;

/**
 * Pauses login for an account, and for a client address, after too many failed attempts in a
 * window (Bucket4j token buckets, refilled over the window). Only failures spend tokens.
 */
public final class LoginLimiter {

    private final KeyedBuckets accounts;
    private final KeyedBuckets addresses;

    public LoginLimiter(int perAccount, int perAddress, Duration window) {
        this.accounts = new KeyedBuckets(Bandwidth.builder().capacity(perAccount).refillGreedy(perAccount, window).build());
        this.addresses = new KeyedBuckets(Bandwidth.builder().capacity(perAddress).refillGreedy(perAddress, window).build());
    }

    /** @return seconds to wait if the account or the address is paused, empty if login may be tried */
    public OptionalLong retryAfter(String account, String address) {
        long nanos = Math.max(accounts.waitNanos(account), addresses.waitNanos(address));
        return nanos <= 0 ? OptionalLong.empty() : OptionalLong.of(KeyedBuckets.retryAfterSeconds(nanos));
    }

    /** Records a failed attempt for both the account and the address. */
    public void failed(String account, String address) {
        accounts.consume(account);
        addresses.consume(address);
    }

    /** A successful login clears the account's failures. */
    public void succeeded(String account) {
        accounts.forget(account);
    }
}
