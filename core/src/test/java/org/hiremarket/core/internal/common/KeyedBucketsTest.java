package org.hiremarket.core.internal.common;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.junit.Test;

import io.github.bucket4j.Bandwidth;

/** The per-key rate limits: tokens per key, waits, and memory that stays bounded. */
public class KeyedBucketsTest {

    private final ManualClock clock = new ManualClock();

    @Test
    public void eachKeyHasItsOwnTokensAndIsToldHowLongToWait() {
        KeyedBuckets b = new KeyedBuckets(Bandwidth.builder().capacity(2).refillIntervally(2, Duration.ofSeconds(60))
                .build(), clock);
        assertEquals(0, b.tryConsume("a"));
        assertEquals(0, b.tryConsume("a"));
        long wait = b.tryConsume("a");
        assertEquals(TimeUnit.SECONDS.toNanos(60), wait);
        assertEquals(60, KeyedBuckets.retryAfterSeconds(wait));
        assertEquals(wait, b.waitNanos("a"));
        assertEquals("another key is not affected", 0, b.tryConsume("b"));
        assertEquals("an unknown key waits for nothing", 0, b.waitNanos("c"));
        clock.advance(TimeUnit.SECONDS.toNanos(60));
        assertEquals(0, b.tryConsume("a"));
        b.forget("a");
        assertEquals(0, b.waitNanos("a"));
    }

    @Test
    public void retryAfterIsRoundedUpToWholeSeconds() {
        assertEquals(1, KeyedBuckets.retryAfterSeconds(1));
        assertEquals(1, KeyedBuckets.retryAfterSeconds(TimeUnit.SECONDS.toNanos(1)));
        assertEquals(2, KeyedBuckets.retryAfterSeconds(TimeUnit.SECONDS.toNanos(1) + 1));
    }

    @Test
    public void memoryStaysBoundedEvenWhenEveryKeyIsStillLimited() {
        KeyedBuckets b = new KeyedBuckets(Bandwidth.builder().capacity(1).refillGreedy(1, Duration.ofHours(1)).build(),
                clock);
        for (int i = 0; i < KeyedBuckets.MAX_TRACKED + 10; i++) {
            b.consume("key-" + i);
        }
        assertTrue("tracked " + b.tracked(), b.tracked() <= KeyedBuckets.MAX_TRACKED);
    }
}
