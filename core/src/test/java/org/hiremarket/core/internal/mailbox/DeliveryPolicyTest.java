package org.hiremarket.core.internal.mailbox;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.time.Instant;

import org.hiremarket.api.integration.IntegrationException;
import org.hiremarket.core.internal.marketplace.PluginCallException;
import org.hiremarket.core.internal.marketplace.PluginCallException.Reason;
import org.junit.Test;

public class DeliveryPolicyTest {

    private static final long NOW = 1_800_000_000_000L;
    private final DeliveryPolicy policy = new DeliveryPolicy(1000, 60_000, Duration.ofHours(72));

    private static PluginCallException threw(Exception cause) {
        return new PluginCallException(Reason.THREW, cause.getMessage(), cause);
    }

    @Test
    public void aVendorOutageIsRetriedWithGrowingWaitsUpToTheCap() {
        PluginCallException down = threw(IntegrationException.unavailable("down for maintenance"));
        long previous = 0;
        for (int attempts = 0; attempts < 12; attempts++) {
            DeliveryPolicy.Decision d = policy.afterFailure(attempts, NOW, NOW, down, null, null);
            assertTrue(d.retry());
            long wait = d.retryAt() - NOW;
            assertTrue("wait " + wait, wait >= 700 && wait <= 60_000);
            if (attempts < 4) {
                // doubling with at most 30 % jitter: the lower bound still grows
                assertTrue("wait " + wait + " after " + previous, wait > previous * 2 * 0.7 / 1.3 - 1);
            }
            previous = wait;
            assertEquals("down for maintenance", d.error());
        }
    }

    @Test
    public void timeoutsAndBugsAreRetriedToo() {
        assertTrue(policy.afterFailure(0, NOW, NOW,
                new PluginCallException(Reason.TIMED_OUT, "no answer", null), null, null).retry());
        assertTrue(policy.afterFailure(0, NOW, NOW, threw(new IllegalStateException("bug")), null,
                null).retry());
        assertTrue(policy.afterFailure(0, NOW, NOW, null, "no acknowledgement", null).retry());
    }

    @Test
    public void aRefusalFailsTheLetterWithTheVendorsReason() {
        DeliveryPolicy.Decision d = policy.afterFailure(0, NOW, NOW,
                threw(IntegrationException.invalid("UNKNOWN_PACKAGE", "no such package")), null, null);
        assertFalse(d.retry());
        assertTrue(d.failure(), d.failure().contains("UNKNOWN_PACKAGE") && d.failure().contains("no such package"));
        assertEquals("the vendor's code, for programs", "UNKNOWN_PACKAGE", d.code());
    }

    @Test
    public void anOpenBreakerDefersTheNextAttempt() {
        Instant paused = Instant.ofEpochMilli(NOW + 30_000);
        DeliveryPolicy.Decision d = policy.afterFailure(0, NOW, NOW,
                new PluginCallException(Reason.CIRCUIT_OPEN, "paused", null), null, paused);
        assertTrue(d.retryAt() >= paused.toEpochMilli());
    }

    @Test
    public void aLetterNeverAcknowledgedWithinTheLimitFails() {
        long placed = NOW - Duration.ofHours(72).toMillis();
        DeliveryPolicy.Decision d = policy.afterFailure(41, placed, NOW,
                threw(IntegrationException.unavailable("still down")), null, null);
        assertFalse(d.retry());
        assertEquals(DeliveryPolicy.NOT_ACKNOWLEDGED, d.code());
        assertTrue(d.failure(), d.failure().contains("72 hours") && d.failure().contains("42 attempts")
                && d.failure().contains("still down"));
        // a redelivery of what the vendor already has (no deadline) never fails it for age
        assertNull(policy.afterFailure(41, null, NOW,
                threw(IntegrationException.unavailable("still down")), null, null).failure());
    }
}
