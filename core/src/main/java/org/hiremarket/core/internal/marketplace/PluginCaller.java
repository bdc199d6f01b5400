package org.hiremarket.core.internal.marketplace;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs every call into plugin code on a named, bounded executor with a time limit. A plugin that
 * throws yields {@link PluginCallException.Reason#THREW}; one that hangs is interrupted and yields
 * {@link PluginCallException.Reason#TIMED_OUT}; and each integration may only have a bounded
 * number of calls running, so a hung plugin cannot take every thread from the others.
 */
public final class PluginCaller implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PluginCaller.class);

    private final ThreadPoolExecutor executor;
    private final Duration timeout;
    private final int perIntegration;
    private final Map<String, Semaphore> permits = new ConcurrentHashMap<>();

    public PluginCaller(int threads, Duration timeout, int perIntegration) {
        this.timeout = timeout;
        this.perIntegration = perIntegration;
        AtomicInteger n = new AtomicInteger();
        ThreadFactory tf = r -> {
            Thread t = new Thread(r, "hiremarket-plugin-call-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        this.executor = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(threads * 16), tf, new ThreadPoolExecutor.AbortPolicy());
        this.executor.allowCoreThreadTimeOut(true);
    }

    public Duration timeout() {
        return timeout;
    }

    /**
     * Calls plugin code and waits at most the configured time.
     *
     * @param integrationId whose code it is (for the per-integration limit and the log)
     * @param operation     what is called, for messages ({@code connect}, {@code descriptor}, …)
     */
    public <T> T call(String integrationId, String operation, Callable<T> work) throws PluginCallException {
        Semaphore s = permits.computeIfAbsent(integrationId, k -> new Semaphore(perIntegration));
        if (!s.tryAcquire()) {
            throw new PluginCallException(PluginCallException.Reason.BUSY, "integration " + integrationId
                    + " already has " + perIntegration + " calls running; " + operation + " was not attempted", null);
        }
        // the permit is held while the plugin code runs, so a hung call keeps counting against its
        // integration; it is given back once, by the call or, if it never started, by the caller
        AtomicBoolean released = new AtomicBoolean();
        Runnable release = () -> {
            if (released.compareAndSet(false, true)) {
                s.release();
            }
        };
        AtomicBoolean started = new AtomicBoolean();
        Future<T> f;
        try {
            f = executor.submit(() -> {
                started.set(true);
                try {
                    return work.call();
                } finally {
                    release.run();
                }
            });
        } catch (RejectedExecutionException e) {
            release.run();
            throw new PluginCallException(PluginCallException.Reason.BUSY,
                    "the host is too busy to call " + integrationId + "." + operation + " now", e);
        }
        try {
            return f.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            f.cancel(true);
            if (!started.get()) {
                // never ran (queued behind others): it never will, so give its permit back here
                executor.remove((Runnable) f);
                release.run();
            }
            LOG.warn("Plugin call {}.{} did not answer within {} ms and was interrupted", integrationId, operation,
                    timeout.toMillis());
            throw new PluginCallException(PluginCallException.Reason.TIMED_OUT, "the integration did not answer "
                    + operation + " within " + timeout.toMillis() + " ms", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            LOG.warn("Plugin call {}.{} failed", integrationId, operation, cause);
            throw new PluginCallException(PluginCallException.Reason.THREW,
                    "the integration failed in " + operation + ": " + cause.getClass().getSimpleName()
                            + (cause.getMessage() == null ? "" : ": " + cause.getMessage()), cause);
        } catch (InterruptedException e) {
            f.cancel(true);
            if (!started.get()) {
                executor.remove((Runnable) f);
                release.run();
            }
            Thread.currentThread().interrupt();
            throw new PluginCallException(PluginCallException.Reason.INTERRUPTED,
                    operation + " was interrupted", e);
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
