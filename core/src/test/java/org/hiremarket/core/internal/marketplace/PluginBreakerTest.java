package org.hiremarket.core.internal.marketplace;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.hiremarket.api.integration.IntegrationException;
import org.junit.After;
import org.junit.Test;

/** The circuit breaker and health of each integration's guard. */
public class PluginBreakerTest {

    private final PluginCaller caller = new PluginCaller(4, Duration.ofMillis(300), 2,
            new PluginCaller.BreakerSettings(50, 4, 4, Duration.ofMillis(200)));
    private final AtomicInteger calls = new AtomicInteger();

    @After
    public void tearDown() {
        caller.close();
    }

    private PluginCallException.Reason fails(String integration, Exception thrown) {
        try {
            caller.call(integration, "op", () -> {
                calls.incrementAndGet();
                throw thrown;
            });
            fail("expected a failure");
            return null;
        } catch (PluginCallException e) {
            return e.reason();
        }
    }

    @Test
    public void repeatedFailuresOpenTheBreakerAndCallsFailFastWithoutReachingThePlugin() {
        assertEquals("UP", caller.health("bad").status());
        for (int i = 0; i < 4; i++) {
            assertEquals(PluginCallException.Reason.THREW, fails("bad", new IllegalStateException("outage")));
        }
        assertEquals(4, calls.get());
        assertEquals(PluginCallException.Reason.CIRCUIT_OPEN, fails("bad", new IllegalStateException("outage")));
        assertEquals("the plugin was not called while open", 4, calls.get());
        PluginCaller.Health h = caller.health("bad");
        assertEquals("DOWN", h.status());
        assertEquals("OPEN", h.circuit());
        assertEquals(4, h.failures());
        assertTrue(h.lastFailure(), h.lastFailure().contains("outage"));
        assertNotNull(caller.pausedUntil("bad"));
        assertNull("other integrations are unaffected", caller.pausedUntil("good"));
        assertEquals("UP", caller.health("good").status());
    }

    @Test
    public void aRecoveredVendorClosesTheBreakerAfterTrialCalls() throws Exception {
        for (int i = 0; i < 4; i++) {
            fails("flaky", IntegrationException.unavailable("down"));
        }
        assertEquals("OPEN", caller.health("flaky").circuit());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        int ok = 0;
        while (ok < 4 && System.nanoTime() < deadline) {
            try {
                caller.call("flaky", "op", () -> "fine");
                ok++;
            } catch (PluginCallException stillOpen) {
                assertEquals(PluginCallException.Reason.CIRCUIT_OPEN, stillOpen.reason());
                java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
            }
        }
        assertEquals(4, ok);
        assertEquals("CLOSED", caller.health("flaky").circuit());
    }

    @Test
    public void aVendorRefusingAnInputIsNotAFault() {
        for (int i = 0; i < 10; i++) {
            assertEquals(PluginCallException.Reason.THREW, fails("picky",
                    IntegrationException.invalid("UNKNOWN_PACKAGE", "no such package")));
        }
        assertEquals("CLOSED", caller.health("picky").circuit());
        assertEquals("UP", caller.health("picky").status());
        assertEquals(0, caller.health("picky").failures());
    }

    @Test
    public void timeoutsCountAsFailures() {
        for (int i = 0; i < 4; i++) {
            try {
                caller.call("slow", "op", () -> {
                    new java.util.concurrent.CountDownLatch(1).await(5, TimeUnit.SECONDS);
                    return null;
                });
            } catch (PluginCallException e) {
                assertEquals(PluginCallException.Reason.TIMED_OUT, e.reason());
            }
        }
        assertEquals("OPEN", caller.health("slow").circuit());
    }

    @Test
    public void anAnomalyIsCountedAndShownWithoutTouchingTheBreaker() throws Exception {
        caller.call("odd", "op", () -> "ok");
        caller.recordAnomaly("odd", "order o-1 acknowledged as B, not as A");
        caller.recordAnomaly("odd", "order o-2 acknowledged as D, not as C");
        PluginCaller.Health h = caller.health("odd");
        assertEquals(2, h.anomalies());
        assertEquals("order o-2 acknowledged as D, not as C", h.lastFailure());
        org.junit.Assert.assertNotNull(h.lastFailureAt());
        assertEquals("CLOSED", h.circuit());
        assertEquals("calls succeeded: not a failing integration", "UP", h.status());
        assertEquals(0, h.failures());
        assertEquals(0, caller.health("other").anomalies());
    }

    @Test
    public void aVendorsTryLaterIsNoFaultAndLeavesTheIntegrationUp() throws Exception {
        caller.call("busy", "op", () -> "ok");
        assertEquals(PluginCallException.Reason.THREW, fails("busy", IntegrationException.unavailable("try later")));
        assertEquals(PluginCallException.Reason.THREW, fails("busy", IntegrationException.unavailable("try later")));
        PluginCaller.Health h = caller.health("busy");
        assertEquals("UP", h.status());
        assertEquals(2, h.retryLater());
        assertEquals(0, h.failures());
        assertNull(h.lastFailure());
        // ... but when they pile up, calls pause as the vendor asks
        fails("busy", IntegrationException.unavailable("try later"));
        fails("busy", IntegrationException.unavailable("try later"));
        assertEquals("DOWN", caller.health("busy").status());
    }

    @Test
    public void aFaultKeepsAWorkingIntegrationDegradedForAWhileOnly() throws Exception {
        java.time.Instant[] now = { java.time.Instant.parse("2026-12-07T10:00:00Z") };
        caller.clock(() -> now[0]);
        caller.call("flaky", "op", () -> "ok");
        fails("flaky", new IllegalStateException("bug"));
        caller.call("flaky", "op", () -> "ok");
        assertEquals("DEGRADED", caller.health("flaky").status());
        assertEquals(1, caller.health("flaky").failures());
        now[0] = now[0].plusSeconds(59);
        assertEquals("DEGRADED", caller.health("flaky").status());
        now[0] = now[0].plusSeconds(2);
        assertEquals("a minute after the last fault it is up again, although the window still holds it", "UP",
                caller.health("flaky").status());
        assertEquals(1, caller.health("flaky").recentFailures());
        caller.call("flaky", "op", () -> "ok");
        caller.call("flaky", "op", () -> "ok");
        fails("flaky", new IllegalStateException("bug again"));
        assertEquals("CLOSED", caller.health("flaky").circuit());
        assertEquals("DEGRADED", caller.health("flaky").status());
    }
}
