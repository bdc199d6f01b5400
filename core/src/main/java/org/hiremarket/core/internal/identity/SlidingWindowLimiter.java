package org.hiremarket.core.internal.identity;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * At most {@code max} events per key in any window of {@code window} (a sliding log of the times
 * of the events let through). The clock is injectable, so tests can move time on.
 */
final class SlidingWindowLimiter {

    private static final int MAX_TRACKED = 100_000;

    private final int max;
    private final long windowMillis;
    private final Clock clock;
    private final Map<String, Deque<Long>> events = new ConcurrentHashMap<>();

    SlidingWindowLimiter(int max, Duration window, Clock clock) {
        if (max < 1 || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("a limit needs at least one event in a positive window");
        }
        this.max = max;
        this.windowMillis = window.toMillis();
        this.clock = clock;
    }

    /**
     * Counts an event for {@code key} if the window has room for it.
     *
     * @return 0 if the event was let through and counted, otherwise the milliseconds until it would be
     */
    long tryAcquire(String key) {
        long now = clock.millis();
        if (events.size() > MAX_TRACKED) {
            // forget keys whose events are all out of the window; they hold no information
            events.entrySet().removeIf(e -> {
                synchronized (e.getValue()) {
                    Long last = e.getValue().peekLast();
                    return last == null || last <= now - windowMillis;
                }
            });
        }
        Deque<Long> log = events.computeIfAbsent(key, k -> new ArrayDeque<>());
        synchronized (log) {
            while (!log.isEmpty() && log.peekFirst() <= now - windowMillis) {
                log.pollFirst();
            }
            if (log.size() >= max) {
                return Math.max(1, log.peekFirst() + windowMillis - now);
            }
            log.addLast(now);
            return 0;
        }
    }
}
