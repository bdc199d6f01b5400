package org.hiremarket.core.internal.identity;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotSame;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.hiremarket.core.internal.common.ApiException;
import org.junit.After;
import org.junit.Test;

/**
 * Password reset (issue 25): throttled per email and per client address, processed off the request
 * thread so known and unknown emails are answered alike; a password change ends every outstanding
 * reset and activation token.
 */
public class ResetAndTokensTest {

    private final IdentityFixture f = new IdentityFixture(Map.of("password_reset_mails_per_email", 3,
            "password_reset_mail_window_seconds", 900, "password_reset_requests_per_address", 10,
            "password_reset_address_window_seconds", 60));

    @After
    public void stop() {
        f.close();
    }

    private static String email() {
        return "r-" + UUID.randomUUID() + "@example.com";
    }

    private int resetMails(String email) {
        return f.mailer.to(email, "Reset").size();
    }

    /** Waits until the reset worker has done everything queued before: it works in order. */
    private void drain() {
        String marker = email();
        f.users.create(IdentityFixture.apiKey(), IdentityFixture.newUser(marker, SystemRole.RESTRICTED));
        f.auth.requestReset(marker, "drain-" + UUID.randomUUID());
        IdentityFixture.await("the marker's reset mail", () -> resetMails(marker) == 1);
    }

    @Test
    public void atMostThreeResetMailsPerEmailInTheWindow() {
        String email = email();
        f.users.create(IdentityFixture.apiKey(), IdentityFixture.newUser(email, SystemRole.STANDARD));
        for (int i = 0; i < 20; i++) {
            // from different addresses: this is the per-email limit, not the per-address one
            f.auth.requestReset(email, "10.0.0." + i);
        }
        drain();
        assertEquals(3, resetMails(email));
        // the same email in other letter case is the same address
        f.auth.requestReset(email.toUpperCase(), "10.0.1.1");
        drain();
        assertEquals(3, resetMails(email));

        f.clock.advance(Duration.ofMinutes(15).plusSeconds(1));
        f.auth.requestReset(email, "10.0.1.2");
        drain();
        assertEquals("a new window allows a mail again", 4, resetMails(email));
    }

    @Test
    public void aClientAddressIsAnswered429AfterItsRequestsWhateverTheEmail() {
        for (int i = 0; i < 10; i++) {
            f.auth.requestReset(email(), "192.0.2.7");
        }
        try {
            f.auth.requestReset(email(), "192.0.2.7");
            fail("the 11th request in a minute from one address was accepted");
        } catch (ApiException e) {
            assertEquals(429, e.status());
            assertEquals("too-many-requests", e.type());
            long retry = Long.parseLong(e.headers().get("Retry-After"));
            assertTrue("Retry-After " + retry, retry >= 1 && retry <= 60);
        }
        // another address is not affected
        f.auth.requestReset(email(), "192.0.2.8");
        f.clock.advance(Duration.ofSeconds(61));
        f.auth.requestReset(email(), "192.0.2.7");
    }

    @Test
    public void theRequestThreadDoesNoLookupAndNoMail() throws Exception {
        String known = email();
        f.users.create(IdentityFixture.apiKey(), IdentityFixture.newUser(known, SystemRole.STANDARD));
        f.mailer.hold();
        try {
            // with the mailer stuck, a known email's request still returns at once, like an unknown one's
            CompletableFuture.runAsync(() -> f.auth.requestReset(known, "198.51.100.1")).get(5, TimeUnit.SECONDS);
            CompletableFuture.runAsync(() -> f.auth.requestReset(email(), "198.51.100.1")).get(5, TimeUnit.SECONDS);
            long start = System.nanoTime();
            f.auth.requestReset(known, "198.51.100.2");
            long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertTrue("took " + tookMs + " ms", tookMs < 1000);
        } finally {
            f.mailer.release();
        }
        IdentityFixture.await("the reset mail", () -> resetMails(known) == 2);
        for (IdentityFixture.Mail m : f.mailer.to(known, "Reset")) {
            assertNotSame(Thread.currentThread(), m.thread());
            assertEquals("hiremarket-password-reset", m.thread().getName());
        }
    }

    @Test
    public void aPasswordChangeEndsEveryOtherResetToken() {
        String email = email();
        f.userWithPassword(email, SystemRole.STANDARD, "first long passphrase");
        f.auth.requestReset(email, "203.0.113.1");
        IdentityFixture.await("first reset mail", () -> resetMails(email) == 1);
        String first = f.lastToken(email, IdentityFixture.RESET);
        f.auth.requestReset(email, "203.0.113.1");
        IdentityFixture.await("second reset mail", () -> resetMails(email) == 2);
        String second = f.lastToken(email, IdentityFixture.RESET);

        f.auth.confirmReset(second, "second long passphrase");
        assertTokenRefused(() -> f.auth.confirmReset(first, "third long passphrase"));
        assertTokenRefused(() -> f.auth.confirmReset(second, "third long passphrase"));
        f.auth.login(email, "second long passphrase", "203.0.113.1");
    }

    @Test
    public void activatingEndsAResetTokenAskedForBefore() {
        String email = email();
        f.users.create(IdentityFixture.apiKey(), IdentityFixture.newUser(email, SystemRole.STANDARD));
        String activation = f.lastToken(email, IdentityFixture.ACTIVATION);
        f.auth.requestReset(email, "203.0.113.2");
        IdentityFixture.await("reset mail", () -> resetMails(email) == 1);
        String reset = f.lastToken(email, IdentityFixture.RESET);
        f.auth.activate(activation, "an activation passphrase");
        assertTokenRefused(() -> f.auth.confirmReset(reset, "a takeover passphrase"));
    }

    @Test
    public void resettingEndsAnUnusedActivationToken() {
        String email = email();
        f.users.create(IdentityFixture.apiKey(), IdentityFixture.newUser(email, SystemRole.STANDARD));
        String activation = f.lastToken(email, IdentityFixture.ACTIVATION);
        f.auth.requestReset(email, "203.0.113.3");
        IdentityFixture.await("reset mail", () -> resetMails(email) == 1);
        f.auth.confirmReset(f.lastToken(email, IdentityFixture.RESET), "a reset passphrase");
        assertTokenRefused(() -> f.auth.activate(activation, "a takeover passphrase"));
    }

    @Test
    public void deactivationEndsOutstandingResetTokens() {
        String email = email();
        String id = f.users.create(IdentityFixture.apiKey(), IdentityFixture.newUser(email, SystemRole.STANDARD)).id();
        f.auth.requestReset(email, "203.0.113.4");
        IdentityFixture.await("reset mail", () -> resetMails(email) == 1);
        String reset = f.lastToken(email, IdentityFixture.RESET);
        f.users.setActive(IdentityFixture.apiKey(), id, false);
        f.users.setActive(IdentityFixture.apiKey(), id, true);
        assertTokenRefused(() -> f.auth.confirmReset(reset, "a takeover passphrase"));
    }

    private static void assertTokenRefused(Runnable r) {
        try {
            r.run();
            fail("an ended token was accepted");
        } catch (ApiException e) {
            assertEquals(400, e.status());
            assertEquals("token", e.errors().get(0).field());
        }
    }
}
