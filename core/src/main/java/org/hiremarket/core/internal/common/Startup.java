package org.hiremarket.core.internal.common;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Start-up work that must not hold up the rest of the boot (the first database round trip warms
 * EclipseLink and Derby, which takes most of a second on a cold JVM). It runs on a thread of its
 * own; whoever needs its result waits for it, boundedly.
 */
public final class Startup {

    private static final long WAIT_SECONDS = 120;

    private final CompletableFuture<Void> done;

    private Startup(CompletableFuture<Void> done) {
        this.done = done;
    }

    /** Starts {@code work} now on a new daemon thread named {@code hiremarket-startup-<name>}. */
    public static Startup begin(String name, Runnable work) {
        return new Startup(CompletableFuture.runAsync(work, r -> {
            Thread t = new Thread(r, "hiremarket-startup-" + name);
            t.setDaemon(true);
            t.start();
        }));
    }

    /** Waits until the work has finished; its failure is rethrown as {@link IllegalStateException}. */
    public void await() {
        if (done.isDone() && !done.isCompletedExceptionally()) {
            return;
        }
        try {
            done.get(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for start-up", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("start-up did not complete", e);
        }
    }
}
