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

    /** Defaults of IdentityConfig, as DS gives them when etc/org.hiremarket.identity.cfg says nothing. */
    private static int defaultOf(String attribute) throws Exception {
        return (Integer) IdentityConfig.class.getMethod(attribute).getDefaultValue();
    }

    @Test
    public void theAddressLimitIsFarAboveTheAccountLimitByDefault() throws Exception {
        int perAccount = defaultOf("login_failures_per_account");
        int perAddress = defaultOf("login_failures_per_address");
        assertTrue(perAccount + " vs " + perAddress, perAddress >= 100 && perAddress >= 10 * perAccount);
    }

    @Test
    public void oneOfficeBehindANatIsNotLockedOutByItsColleaguesTypos() throws Exception {
        LoginLimiter l = new LoginLimiter(defaultOf("login_failures_per_account"), defaultOf("login_failures_per_address"),
                Duration.ofSeconds(defaultOf("login_failure_window_seconds")));
        // 40 people behind one address mistype their password twice each, one of them five times
        for (int i = 0; i < 40; i++) {
            l.failed("person" + i + "@acme.example", "203.0.113.10");
            l.failed("person" + i + "@acme.example", "203.0.113.10");
        }
        for (int i = 0; i < 3; i++) {
            l.failed("person0@acme.example", "203.0.113.10");
        }
        assertTrue("the one who failed five times is paused", l.retryAfter("person0@acme.example", "203.0.113.10")
                .isPresent());
        assertTrue("a colleague can still sign in", l.retryAfter("person1@acme.example", "203.0.113.10").isEmpty());
        assertTrue("a newcomer can still sign in", l.retryAfter("new@acme.example", "203.0.113.10").isEmpty());
    }
}
