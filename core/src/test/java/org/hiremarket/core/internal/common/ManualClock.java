package org.hiremarket.core.internal.common;

import java.util.concurrent.atomic.AtomicLong;

import io.github.bucket4j.TimeMeter;

/** For tests of rate limits: a Bucket4j clock that moves only when the test advances it. */
public final class ManualClock implements TimeMeter {

    private final AtomicLong nanos = new AtomicLong();

    /** Moves the clock on by {@code nanos} nanoseconds. */
    public void advance(long nanos) {
        this.nanos.addAndGet(nanos);
    }

    @Override
    public long currentTimeNanos() {
        return nanos.get();
    }

    @Override
    public boolean isWallClockBased() {
        return false;
    }
}
