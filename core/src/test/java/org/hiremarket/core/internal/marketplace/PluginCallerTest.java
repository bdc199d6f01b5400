package org.hiremarket.core.internal.marketplace;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.After;
import org.junit.Test;

public class PluginCallerTest {

    private final PluginCaller caller = new PluginCaller(4, Duration.ofMillis(300), 2);
    private final CountDownLatch release = new CountDownLatch(1);

    @After
    public void tearDown() {
        release.countDown();
        caller.close();
    }

    private PluginCallException failure(String integration, java.util.concurrent.Callable<?> work) {
        try {
            caller.call(integration, "op", work);
            fail("expected a failure");
            return null;
        } catch (PluginCallException e) {
            return e;
        }
    }

    @Test
    public void resultOfAWellBehavedCallComesBack() throws Exception {
        assertEquals("ok", caller.call("a", "op", () -> "ok"));
    }

    @Test
    public void exceptionBecomesThrewWithTheMessage() {
        PluginCallException e = failure("a", () -> {
            throw new IllegalStateException("vendor bug");
        });
        assertEquals(PluginCallException.Reason.THREW, e.reason());
        assertTrue(e.getMessage(), e.getMessage().contains("vendor bug"));
    }

    @Test
    public void hangingCallTimesOutWithinTheLimit() {
        long start = System.nanoTime();
        PluginCallException e = failure("a", () -> {
            release.await();
            return null;
        });
        long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertEquals(PluginCallException.Reason.TIMED_OUT, e.reason());
        assertTrue("took " + tookMs, tookMs >= 300 && tookMs < 3000);
    }

    @Test
    public void callsThatIgnoreInterruptsCountAgainstTheirIntegrationOnly() throws Exception {
        java.util.concurrent.Callable<Object> stubborn = () -> {
            while (release.getCount() > 0) {
                try {
                    release.await();
                } catch (InterruptedException ignored) {
                    // misbehaving plugin
                }
            }
            return null;
        };
        assertEquals(PluginCallException.Reason.TIMED_OUT, failure("bad", stubborn).reason());
        assertEquals(PluginCallException.Reason.TIMED_OUT, failure("bad", stubborn).reason());
        PluginCallException busy = failure("bad", () -> "never called");
        assertEquals(PluginCallException.Reason.BUSY, busy.reason());
        assertEquals("another integration is unaffected", "fine", caller.call("good", "op", () -> "fine"));

        release.countDown();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        Object result = null;
        while (System.nanoTime() < deadline && result == null) {
            try {
                result = caller.call("bad", "op", () -> "recovered");
            } catch (PluginCallException stillBusy) {
                java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
            }
        }
        assertEquals("permits come back when the stuck calls end", "recovered", result);
    }
}
