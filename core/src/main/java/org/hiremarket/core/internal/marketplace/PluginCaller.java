package org.hiremarket.core.internal.marketplace;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import org.hiremarket.api.integration.IntegrationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig.SlidingWindowType;
import io.github.resilience4j.timelimiter.TimeLimiter;
import io.github.resilience4j.timelimiter.TimeLimiterConfig;

/**
 * Runs every call into plugin code on a named, bounded executor, guarded per integration with
 * Resilience4j:
 * <ul>
 * <li>a {@link TimeLimiter}: a call that outlives the limit is interrupted and yields
 * {@link PluginCallException.Reason#TIMED_OUT};</li>
 * <li>a {@link Bulkhead}: an integration may only have a bounded number of calls running, so a
 * hung plugin cannot take every thread from the others ({@link PluginCallException.Reason#BUSY});</li>
 * <li>a {@link CircuitBreaker}: after repeated failures (throws, time-outs, retryable vendor
 * errors) calls fail fast with {@link PluginCallException.Reason#CIRCUIT_OPEN} until the breaker
 * lets a few trial calls through again. A vendor that refuses an input (a non-retryable
 * {@link IntegrationException}) is healthy and does not count.</li>
 * </ul>
 * {@link #health(String)} shows the state of each integration's guards.
 */
public final class PluginCaller implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PluginCaller.class);

    /**
     * When an integration's breaker opens.
     *
     * @param failureRatePercent failure rate in the window that opens the breaker
     * @param window             number of recent calls the rate is taken over
     * @param minimumCalls       calls needed in the window before the rate counts
     * @param openFor            how long the breaker stays open before trial calls
     */
    public record BreakerSettings(float failureRatePercent, int window, int minimumCalls, Duration openFor) {
        public static final BreakerSettings DEFAULTS = new BreakerSettings(50, 10, 5, Duration.ofSeconds(30));
    }

    /** One integration's guards as admins and customers see them. */
    public record Health(String status, String circuit, float failureRatePercent, int recentCalls, int recentFailures,
            int runningCalls, long calls, long failures, long retryLater, long anomalies, String lastFailure,
            Instant lastFailureAt, Instant retryAfter) {
    }

    private final ThreadPoolExecutor executor;
    private final Duration timeout;
    private final int perIntegration;
    private final CircuitBreakerConfig breakerConfig;
    private final TimeLimiter timeLimiter;
    private final Map<String, Guard> guards = new ConcurrentHashMap<>();
    /** How long a fault keeps a working integration DEGRADED: twice the breaker's pause, at least a minute. */
    private final Duration degradedFor;
    private volatile Supplier<Instant> clock = Instant::now;

    /** The guards of one integration. */
    private final class Guard {
        final Bulkhead bulkhead;
        final CircuitBreaker breaker;
        final AtomicLong calls = new AtomicLong();
        final AtomicLong failures = new AtomicLong();
        /** Answers that broke the SPI's contract without failing the call (a second reference for one order). */
        final AtomicLong anomalies = new AtomicLong();
        /** The vendor's "try later" (a retryable IntegrationException): paced by the breaker, not a fault. */
        final AtomicLong retryLater = new AtomicLong();
        /** When the plugin last failed by a fault of its own (threw, hung). */
        volatile Instant lastFaultAt;
        final AtomicReference<String> lastFailure = new AtomicReference<>();
        volatile Instant lastFailureAt;
        volatile Instant openedAt;

        Guard(String integrationId) {
            bulkhead = Bulkhead.of(integrationId, BulkheadConfig.custom().maxConcurrentCalls(perIntegration)
                    .maxWaitDuration(Duration.ZERO).build());
            breaker = CircuitBreaker.of(integrationId, breakerConfig);
            breaker.getEventPublisher().onStateTransition(e -> {
                if (e.getStateTransition().getToState() == CircuitBreaker.State.OPEN) {
                    openedAt = Instant.now();
                }
                LOG.warn("Circuit breaker of integration {}: {}", integrationId, e.getStateTransition());
            });
        }
    }

    public PluginCaller(int threads, Duration timeout, int perIntegration) {
        this(threads, timeout, perIntegration, BreakerSettings.DEFAULTS);
    }

    public PluginCaller(int threads, Duration timeout, int perIntegration, BreakerSettings breaker) {
        this.timeout = timeout;
        this.perIntegration = perIntegration;
        this.degradedFor = Duration.ofMinutes(1).compareTo(breaker.openFor().multipliedBy(2)) > 0 ? Duration.ofMinutes(1)
                : breaker.openFor().multipliedBy(2);
        AtomicInteger n = new AtomicInteger();
        ThreadFactory tf = r -> {
            Thread t = new Thread(r, "hiremarket-plugin-call-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        this.executor = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(threads * 16), tf, new ThreadPoolExecutor.AbortPolicy());
        this.executor.allowCoreThreadTimeOut(true);
        this.timeLimiter = TimeLimiter.of(TimeLimiterConfig.custom().timeoutDuration(timeout)
                .cancelRunningFuture(true).build());
        this.breakerConfig = CircuitBreakerConfig.custom()
                .slidingWindow(breaker.window(), breaker.minimumCalls(), SlidingWindowType.COUNT_BASED)
                .failureRateThreshold(breaker.failureRatePercent())
                .waitDurationInOpenState(breaker.openFor())
                .permittedNumberOfCallsInHalfOpenState(Math.max(1, Math.min(3, breaker.minimumCalls())))
                .automaticTransitionFromOpenToHalfOpenEnabled(false)
                .ignoreException(PluginCaller::isVendorRefusal)
                .build();
    }

    /** A vendor refusing an input answered properly: not a fault of the integration. */
    static boolean isVendorRefusal(Throwable t) {
        return t instanceof IntegrationException ie && !ie.isRetryable();
    }

    public Duration timeout() {
        return timeout;
    }

    /**
     * Calls plugin code and waits at most the configured time.
     *
     * @param integrationId whose code it is (for the guards and the log)
     * @param operation     what is called, for messages ({@code connect}, {@code descriptor}, …)
     */
    public <T> T call(String integrationId, String operation, Callable<T> work) throws PluginCallException {
        Guard g = guards.computeIfAbsent(integrationId, Guard::new);
        if (!g.breaker.tryAcquirePermission()) {
            Instant retry = retryAfter(g);
            throw new PluginCallException(PluginCallException.Reason.CIRCUIT_OPEN, "integration " + integrationId
                    + " failed repeatedly and is paused until " + retry + "; " + operation + " was not attempted", null);
        }
        if (!g.bulkhead.tryAcquirePermission()) {
            g.breaker.releasePermission();
            throw new PluginCallException(PluginCallException.Reason.BUSY, "integration " + integrationId
                    + " already has " + perIntegration + " calls running; " + operation + " was not attempted", null);
        }
        g.calls.incrementAndGet();
        long start = System.nanoTime();
        try {
            T result = guarded(g, integrationId, operation, work);
            g.breaker.onSuccess(System.nanoTime() - start, TimeUnit.NANOSECONDS);
            return result;
        } catch (PluginCallException e) {
            if (e.reason() == PluginCallException.Reason.INTERRUPTED || e.reason() == PluginCallException.Reason.BUSY) {
                g.breaker.releasePermission();
            } else {
                Throwable counted = e.getCause() instanceof IntegrationException ie ? ie : e;
                // a vendor's "try later" counts towards pausing its calls, as it asks, but is no fault
                g.breaker.onError(System.nanoTime() - start, TimeUnit.NANOSECONDS, counted);
                if (counted instanceof IntegrationException) {
                    if (((IntegrationException) counted).isRetryable()) {
                        g.retryLater.incrementAndGet();
                    }
                } else {
                    g.failures.incrementAndGet();
                    g.lastFailure.set(operation + ": " + e.getMessage());
                    g.lastFailureAt = clock.get();
                    g.lastFaultAt = g.lastFailureAt;
                }
            }
            throw e;
        }
    }

    private <T> T guarded(Guard g, String integrationId, String operation, Callable<T> work)
            throws PluginCallException {
        // the bulkhead permit is held while the plugin code runs, so a hung call keeps counting
        // against its integration; it is given back once, by the call or, if it never started, here
        AtomicBoolean released = new AtomicBoolean();
        Runnable release = () -> {
            if (released.compareAndSet(false, true)) {
                g.bulkhead.onComplete();
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
            return timeLimiter.executeFutureSupplier(() -> f);
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
            throw threw(integrationId, operation, e.getCause() == null ? e : e.getCause());
        } catch (InterruptedException e) {
            f.cancel(true);
            if (!started.get()) {
                executor.remove((Runnable) f);
                release.run();
            }
            Thread.currentThread().interrupt();
            throw new PluginCallException(PluginCallException.Reason.INTERRUPTED, operation + " was interrupted", e);
        } catch (Exception | LinkageError e) {
            // TimeLimiter hands the plugin's own exception through unwrapped; a LinkageError is a
            // plugin whose bundle went away under it
            throw threw(integrationId, operation, e);
        }
    }

    private static PluginCallException threw(String integrationId, String operation, Throwable cause) {
        if (cause instanceof IntegrationException) {
            LOG.debug("Plugin call {}.{} answered {}", integrationId, operation, cause.toString());
        } else {
            LOG.warn("Plugin call {}.{} failed", integrationId, operation, cause);
        }
        return new PluginCallException(PluginCallException.Reason.THREW,
                cause instanceof IntegrationException ? cause.getMessage()
                        : "the integration failed in " + operation + ": " + cause.getClass().getSimpleName()
                                + (cause.getMessage() == null ? "" : ": " + cause.getMessage()),
                cause);
    }

    private Instant retryAfter(Guard g) {
        Instant opened = g.openedAt == null ? Instant.now() : g.openedAt;
        return opened.plus(Duration.ofMillis(breakerConfig.getWaitIntervalFunctionInOpenState().apply(1)));
    }

    /** @return when an integration whose breaker is open may be tried again, or {@code null} if it may now */
    public Instant pausedUntil(String integrationId) {
        Guard g = guards.get(integrationId);
        if (g == null || g.breaker.getState() != CircuitBreaker.State.OPEN) {
            return null;
        }
        Instant at = retryAfter(g);
        return at.isAfter(Instant.now()) ? at : null;
    }

    /**
     * Counts an answer of an integration that broke the SPI's contract although its call returned
     * (for example a redelivered order acknowledged with a second reference), and keeps it as the
     * last failure, so that admins see it; the circuit breaker is not involved.
     */
    public void recordAnomaly(String integrationId, String detail) {
        Guard g = guards.computeIfAbsent(integrationId, Guard::new);
        g.anomalies.incrementAndGet();
        g.lastFailure.set(detail);
        g.lastFailureAt = clock.get();
    }

    /** For tests: the time health is judged at. */
    void clock(Supplier<Instant> clock) {
        this.clock = clock;
    }

    /** @return the health of an integration's guards; {@code UP} for one never called */
    public Health health(String integrationId) {
        Guard g = guards.get(integrationId);
        if (g == null) {
            return new Health("UP", "CLOSED", 0, 0, 0, 0, 0, 0, 0, 0, null, null, null);
        }
        CircuitBreaker.Metrics m = g.breaker.getMetrics();
        CircuitBreaker.State state = g.breaker.getState();
        float rate = Math.max(0, m.getFailureRate());
        Instant fault = g.lastFaultAt;
        boolean recentFault = fault != null && fault.isAfter(clock.get().minus(degradedFor));
        String status = switch (state) {
            case OPEN, FORCED_OPEN -> "DOWN";
            case HALF_OPEN -> "DEGRADED";
            default -> recentFault && m.getNumberOfFailedCalls() > 0 ? "DEGRADED" : "UP";
        };
        return new Health(status, state.name(), rate, m.getNumberOfBufferedCalls(), m.getNumberOfFailedCalls(),
                perIntegration - g.bulkhead.getMetrics().getAvailableConcurrentCalls(), g.calls.get(),
                g.failures.get(), g.retryLater.get(), g.anomalies.get(), g.lastFailure.get(), g.lastFailureAt,
                state == CircuitBreaker.State.OPEN ? retryAfter(g) : null);
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
