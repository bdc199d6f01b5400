package org.hiremarket.core.internal.common;

/**
 * For tests of services that stamp rows with {@link System#currentTimeMillis()}: lists ordered by
 * such a time break ties by a random id, so two rows written in the same millisecond come back in
 * either order. A test that asserts an order waits for the next millisecond between the writes.
 */
public final class WallClock {

    private WallClock() {
    }

    /** Returns once the wall clock is past {@code after} (at most about a millisecond's wait). */
    public static void after(long after) {
        while (System.currentTimeMillis() <= after) {
            Thread.onSpinWait();
        }
    }

    /** Returns once the wall clock has moved on to a later millisecond than now. */
    public static void nextMillisecond() {
        after(System.currentTimeMillis());
    }
}
