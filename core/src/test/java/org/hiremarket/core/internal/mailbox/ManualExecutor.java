package org.hiremarket.core.internal.mailbox;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * For tests of the mailbox and its kinds: an executor that runs nothing by itself. The test runs
 * what was handed to it ({@link #runAll()}), so a delivery happens on the test's thread, at once,
 * and a test never waits for one.
 */
public final class ManualExecutor extends AbstractExecutorService implements ScheduledExecutorService {
    public record Periodic(Runnable task, long initialDelay, long delay, TimeUnit unit) {
    }

    private final Queue<Runnable> tasks = new ArrayDeque<>();
    public final List<Periodic> periodic = new ArrayList<>();
    public volatile boolean rejecting;
    private volatile boolean shutdown;

    @Override
    public synchronized void execute(Runnable command) {
        if (shutdown || rejecting) {
            throw new RejectedExecutionException("not taking tasks");
        }
        tasks.add(command);
    }

    public synchronized int pending() {
        return tasks.size();
    }

    /** Runs the tasks queued until none is left. @return how many ran */
    public int runAll() {
        int n = 0;
        for (Runnable r = next(); r != null; r = next()) {
            r.run();
            n++;
        }
        return n;
    }

    private synchronized Runnable next() {
        return tasks.poll();
    }

    @Override
    public ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay, long delay,
            TimeUnit unit) {
        periodic.add(new Periodic(command, initialDelay, delay, unit));
        return null;
    }

    @Override
    public ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay, long period, TimeUnit unit) {
        throw new UnsupportedOperationException();
    }

    @Override
    public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
        throw new UnsupportedOperationException();
    }

    @Override
    public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void shutdown() {
        shutdown = true;
    }

    @Override
    public synchronized List<Runnable> shutdownNow() {
        shutdown = true;
        List<Runnable> left = new ArrayList<>(tasks);
        tasks.clear();
        return left;
    }

    @Override
    public boolean isShutdown() {
        return shutdown;
    }

    @Override
    public boolean isTerminated() {
        return shutdown;
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) {
        return shutdown;
    }
}
