package org.hiremarket.core.internal.common;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.Test;

public class StartupTest {

    @Test
    public void workRunsOnItsOwnThreadAndAwaitWaitsForIt() throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        AtomicReference<String> thread = new AtomicReference<>();
        Startup s = Startup.begin("test", () -> {
            try {
                go.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            thread.set(Thread.currentThread().getName());
        });
        go.countDown();
        s.await();
        assertEquals("hiremarket-startup-test", thread.get());
    }

    @Test
    public void failureIsRethrownToEveryoneWhoWaits() {
        Startup s = Startup.begin("failing", () -> {
            throw new IllegalArgumentException("database unreachable");
        });
        for (int i = 0; i < 2; i++) {
            try {
                s.await();
                fail();
            } catch (IllegalStateException e) {
                assertTrue(String.valueOf(e.getCause()), e.getCause().getCause() instanceof IllegalArgumentException);
            }
        }
    }
}
