package org.hiremarket.core.internal.identity;

import static org.junit.Assert.assertTrue;

import java.time.Duration;

import org.junit.Test;

public class LoginLimiterTest {

    @Test
    public void accountIsPausedAfterItsFailuresAndOtherAccountsAreNot() {
        LoginLimiter l = new LoginLimiter(3, 100, Duration.ofMinutes(15));
        for (int i = 0; i < 3; i++) {
            assertTrue(l.retryAfter("ada@x.org", "10.0.0.1").isEmpty());
            l.failed("ada@x.org", "10.0.0.1");
        }
        long wait = l.retryAfter("ada@x.org", "10.0.0.2").orElseThrow();
        assertTrue("waits about a third of the window: " + wait, wait > 200 && wait <= 301);
        assertTrue(l.retryAfter("bob@x.org", "10.0.0.1").isEmpty());
    }

    @Test
    public void addressIsPausedAcrossAccounts() {
        LoginLimiter l = new LoginLimiter(100, 2, Duration.ofMinutes(1));
        l.failed("a@x.org", "10.0.0.9");
        l.failed("b@x.org", "10.0.0.9");
        assertTrue(l.retryAfter("c@x.org", "10.0.0.9").isPresent());
        assertTrue(l.retryAfter("c@x.org", "10.0.0.8").isEmpty());
    }

    @Test
    public void successClearsTheAccount() {
        LoginLimiter l = new LoginLimiter(1, 100, Duration.ofMinutes(15));
        l.failed("a@x.org", "ip");
        assertTrue(l.retryAfter("a@x.org", "ip").isPresent());
        l.succeeded("a@x.org");
        assertTrue(l.retryAfter("a@x.org", "ip").isEmpty());
    }
}
