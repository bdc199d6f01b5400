package org.hiremarket.core.internal.rest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.concurrent.TimeUnit;

import org.hiremarket.core.internal.common.ManualClock;
import org.junit.Test;


/** Failed authentications are limited per client address (issue #25, Medium). */
public class AuthFailureLimiterTest {

    private final ManualClock clock = new ManualClock();

    @Test
    public void anAddressIsPausedAfterItsBurstOfFailuresAndMayTryAgainOnceTokensRefill() {
        AuthFailureLimiter limiter = new AuthFailureLimiter(60, 5, clock);
        for (int i = 0; i < 5; i++) {
            assertEquals("failure " + i + " is still allowed", 0, limiter.retryAfterSeconds("10.0.0.1"));
            limiter.failed("10.0.0.1");
        }
        long wait = limiter.retryAfterSeconds("10.0.0.1");
        assertTrue("paused after the burst, Retry-After " + wait, wait >= 1 && wait <= 2);
        // 60 per minute: one token back per second
        clock.advance(TimeUnit.MILLISECONDS.toNanos(1_100));
        assertEquals(0, limiter.retryAfterSeconds("10.0.0.1"));
        limiter.failed("10.0.0.1");
        assertTrue(limiter.retryAfterSeconds("10.0.0.1") >= 1);
    }

    @Test
    public void otherAddressesKeepTheirOwnBudget() {
        AuthFailureLimiter limiter = new AuthFailureLimiter(60, 3, clock);
        for (int i = 0; i < 10; i++) {
            limiter.failed("10.0.0.1");
        }
        assertTrue(limiter.retryAfterSeconds("10.0.0.1") >= 1);
        assertEquals(0, limiter.retryAfterSeconds("10.0.0.2"));
        assertEquals("an address that never failed is not even tracked", 1, limiter.tracked());
    }

    @Test
    public void zeroTurnsTheLimitOff() {
        AuthFailureLimiter limiter = new AuthFailureLimiter(0, 3, clock);
        for (int i = 0; i < 100; i++) {
            limiter.failed("10.0.0.1");
        }
        assertEquals(0, limiter.retryAfterSeconds("10.0.0.1"));
    }
}
