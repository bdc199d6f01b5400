package org.hiremarket.core.internal.marketplace;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeoutException;

import org.hiremarket.api.integration.IntegrationException;
import org.hiremarket.core.internal.marketplace.PluginCallException.Reason;
import org.junit.After;
import org.junit.Test;

/**
 * The edges of the guarded plugin call: a closed host, the pause after the breaker opens and the
 * trial calls that end it, the time limit for a call that ran and one that never started, an
 * interrupted caller, and what each failure says.
 */
public class PluginCallerEdgesTest {

    private final List<PluginCaller> callers = new ArrayList<>();
    private final CountDownLatch release = new CountDownLatch(1);

    @After
    public void tearDown() {
        release.countDown();
        callers.forEach(PluginCaller::close);
    }

    private PluginCaller caller(int threads, long timeoutMs, int perIntegration, PluginCaller.BreakerSettings b) {
        PluginCaller c = new PluginCaller(threads, Duration.ofMillis(timeoutMs), perIntegration, b);
        callers.add(c);
        return c;
    }

    private static PluginCallException failure(PluginCaller c, String integration, Callable<?> work) {
        try {
            c.call(integration, "op", work);
        } catch (PluginCallException e) {
            return e;
        }
        fail("expected the call to fail");
        return null;
    }

    private static Callable<Object> throwing(Throwable t) {
        return () -> {
            throw MarketplaceFixture.sneaky(t);
        };
    }

    /** Ignores interrupts until the test ends, as a misbehaving plugin does. */
    private Callable<Object> stubborn() {
        return () -> {
            while (release.getCount() > 0) {
                try {
                    release.await();
                } catch (InterruptedException ignored) {
                    // keeps running
                }
            }
            return "late";
        };
    }

    @Test
    public void aNeverCalledIntegrationIsUp() {
        PluginCaller c = caller(2, 300, 2, PluginCaller.BreakerSettings.DEFAULTS);
        assertEquals(new PluginCaller.Health("UP", "CLOSED", 0, 0, 0, 0, 0, 0, 0, 0, null, null, null), c.health("x"));
        assertNull(c.pausedUntil("x"));
    }

    @Test
    public void aClosedHostCallsNoPluginAndCountsNoFault() {
        PluginCaller c = caller(2, 300, 2, PluginCaller.BreakerSettings.DEFAULTS);
        c.close();
        PluginCallException e = failure(c, "a", () -> "never");
        assertEquals(Reason.BUSY, e.reason());
        assertEquals("the host is too busy to call a.op now", e.getMessage());
        assertTrue(e.getCause() instanceof RejectedExecutionException);
        PluginCaller.Health h = c.health("a");
        assertEquals("UP", h.status());
        assertEquals(0, h.runningCalls());
        assertEquals(0, h.failures());
        assertEquals(0, h.recentCalls());
        assertEquals(1, h.calls());
    }

    @Test
    public void afterTheBreakerOpensCallsArePausedThenOneTrialCallClosesItAgain() throws Exception {
        PluginCaller c = caller(2, 300, 2, new PluginCaller.BreakerSettings(50, 2, 1, Duration.ofMillis(150)));
        Instant before = Instant.now();
        assertEquals(Reason.THREW, failure(c, "bad", throwing(new IllegalStateException("outage"))).reason());
        Instant paused = c.pausedUntil("bad");
        assertNotNull(paused);
        assertFalse(paused.isBefore(before.plusMillis(150)));
        assertFalse(paused.isAfter(Instant.now().plusMillis(150)));
        assertEquals(paused, c.health("bad").retryAfter());
        assertEquals("DOWN", c.health("bad").status());
        PluginCallException open = failure(c, "bad", () -> "not called");
        assertEquals(Reason.CIRCUIT_OPEN, open.reason());
        assertEquals("integration bad failed repeatedly and is paused until " + paused + "; op was not attempted",
                open.getMessage());
        assertNull(open.getCause());

        MarketplaceFixture.await("the pause to end", () -> c.pausedUntil("bad") == null);
        assertEquals("no call yet: still open, but no longer paused", "OPEN", c.health("bad").circuit());
        assertEquals("trial", c.call("bad", "op", () -> "trial"));
        assertEquals("CLOSED", c.health("bad").circuit());
        assertNull(c.health("bad").retryAfter());
        assertEquals("UP", c.health("bad").status());
    }

    @Test
    public void threeTrialCallsDecideWhenMoreCallsAreNeededToOpen() throws Exception {
        PluginCaller c = caller(2, 300, 2, new PluginCaller.BreakerSettings(50, 10, 5, Duration.ofMillis(100)));
        for (int i = 0; i < 5; i++) {
            failure(c, "bad", throwing(new IllegalStateException("outage")));
        }
        assertEquals("OPEN", c.health("bad").circuit());
        MarketplaceFixture.await("the pause to end", () -> c.pausedUntil("bad") == null);
        c.call("bad", "op", () -> "1");
        c.call("bad", "op", () -> "2");
        assertEquals("HALF_OPEN", c.health("bad").circuit());
        assertEquals("DEGRADED", c.health("bad").status());
        c.call("bad", "op", () -> "3");
        assertEquals("CLOSED", c.health("bad").circuit());
    }

    @Test
    public void aTimedOutCallSaysWhatDidNotAnswerAndKeepsItsPermitWhileItRuns() {
        PluginCaller c = caller(1, 200, 3, PluginCaller.BreakerSettings.DEFAULTS);
        PluginCallException e = failure(c, "a", stubborn());
        assertEquals(Reason.TIMED_OUT, e.reason());
        assertEquals("the integration did not answer op within 200 ms", e.getMessage());
        assertTrue(e.getCause() instanceof TimeoutException);
        assertEquals("the hung call still runs", 1, c.health("a").runningCalls());
        assertEquals(1, c.health("a").failures());
        assertEquals("op: the integration did not answer op within 200 ms", c.health("a").lastFailure());

        // the only thread is taken: a call of another integration waits in the queue and never starts
        PluginCallException queued = failure(c, "b", () -> "never");
        assertEquals(Reason.TIMED_OUT, queued.reason());
        assertEquals("a call that never started gives its permit back at once", 0, c.health("b").runningCalls());

        release.countDown();
        MarketplaceFixture.await("the hung call to end", () -> c.health("a").runningCalls() == 0);
    }

    @Test
    public void anInterruptedCallerIsNoFaultOfThePlugin() throws Exception {
        PluginCaller c = caller(2, 5_000, 2, PluginCaller.BreakerSettings.DEFAULTS);
        CountDownLatch running = new CountDownLatch(1);
        PluginCallException[] failed = new PluginCallException[1];
        boolean[] stillInterrupted = new boolean[1];
        Thread waiting = new Thread(() -> {
            failed[0] = failure(c, "a", () -> {
                running.countDown();
                release.await();
                return "late";
            });
            stillInterrupted[0] = Thread.currentThread().isInterrupted();
        });
        waiting.start();
        assertTrue(running.await(10, java.util.concurrent.TimeUnit.SECONDS));
        waiting.interrupt();
        waiting.join(10_000);
        assertFalse(waiting.isAlive());
        PluginCallException e = failed[0];
        assertEquals(Reason.INTERRUPTED, e.reason());
        assertEquals("op was interrupted", e.getMessage());
        assertTrue(e.getCause() instanceof InterruptedException);
        assertTrue("the interrupt is kept for the caller", stillInterrupted[0]);
        MarketplaceFixture.await("the cancelled call to end", () -> c.health("a").runningCalls() == 0);
        PluginCaller.Health h = c.health("a");
        assertEquals(0, h.failures());
        assertEquals(0, h.recentCalls());
        assertNull(h.lastFailure());
        assertEquals("the plugin may be called again at once", "again", c.call("a", "op", () -> "again"));
    }

    @Test
    public void whatAFailedCallSays() {
        PluginCaller c = caller(2, 300, 2, PluginCaller.BreakerSettings.DEFAULTS);
        assertEquals("the integration failed in op: IllegalStateException",
                failure(c, "a", throwing(new IllegalStateException())).getMessage());
        PluginCallException gone = failure(c, "a", throwing(new NoClassDefFoundError("org/example/Gone")));
        assertEquals(Reason.THREW, gone.reason());
        assertEquals("the integration failed in op: NoClassDefFoundError: org/example/Gone", gone.getMessage());
        IntegrationException vendor = IntegrationException.invalid("UNKNOWN", "No such package");
        PluginCallException refused = failure(c, "a", throwing(vendor));
        assertEquals(Reason.THREW, refused.reason());
        assertEquals("No such package", refused.getMessage());
        assertSame(vendor, refused.getCause());
        assertEquals("two faults, the vendor's refusal is none", 2, c.health("a").failures());
    }

    @Test
    public void onlyAVendorsNonRetryableRefusalIsNoFault() {
        assertTrue(PluginCaller.isVendorRefusal(IntegrationException.invalid("X", "no")));
        assertFalse(PluginCaller.isVendorRefusal(IntegrationException.unavailable("later")));
        assertFalse(PluginCaller.isVendorRefusal(new IllegalStateException("bug")));
        assertFalse(PluginCaller.isVendorRefusal(null));
    }

    @Test
    public void aFaultKeepsTheIntegrationDegradedForTwiceALongPause() throws Exception {
        PluginCaller c = caller(2, 300, 2, new PluginCaller.BreakerSettings(50, 10, 5, Duration.ofSeconds(45)));
        Instant[] now = { Instant.parse("2026-12-07T10:00:00Z") };
        c.clock(() -> now[0]);
        failure(c, "a", throwing(new IllegalStateException("bug")));
        c.call("a", "op", () -> "ok");
        assertEquals(now[0], c.health("a").lastFailureAt());
        now[0] = now[0].plusSeconds(89);
        assertEquals("DEGRADED", c.health("a").status());
        now[0] = now[0].plusSeconds(2);
        assertEquals("UP", c.health("a").status());
    }

    @Test
    public void aVendorsTryLaterIsCountedButIsNoFault() {
        PluginCaller c = caller(2, 300, 2, PluginCaller.BreakerSettings.DEFAULTS);
        failure(c, "a", throwing(IntegrationException.unavailable("later")));
        failure(c, "a", throwing(IntegrationException.invalid("NO", "no")));
        PluginCaller.Health h = c.health("a");
        assertEquals(1, h.retryLater());
        assertEquals(0, h.failures());
        assertEquals("the try-later counts in the window, the refusal does not", 1, h.recentCalls());
        assertEquals(1, h.recentFailures());
        assertEquals("UP", h.status());
        assertNull(h.lastFailureAt());
    }
}
