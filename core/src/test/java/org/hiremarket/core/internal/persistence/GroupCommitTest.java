package org.hiremarket.core.internal.persistence;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

import javax.persistence.EntityManager;

import org.hiremarket.core.internal.common.ApiException;
import org.junit.After;
import org.junit.Test;

public class GroupCommitTest {

    /** A database whose transactions only count themselves; a transaction fails if any work in it throws. */
    static final class CountingDatabase extends Database {
        final AtomicInteger transactions = new AtomicInteger();
        final CountDownLatch firstStarted = new CountDownLatch(1);
        volatile CountDownLatch holdFirst = new CountDownLatch(0);

        @Override
        public <R> R tx(Function<EntityManager, R> work) {
            transactions.incrementAndGet();
            firstStarted.countDown();
            try {
                holdFirst.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return work.apply(null);
        }
    }

    private final CountingDatabase db = new CountingDatabase();
    private final List<List<String>> preloaded = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final GroupCommit writes = new GroupCommit(db, "test", 1, 100,
            (em, keys) -> preloaded.add(List.copyOf(keys)));
    private final ExecutorService callers = Executors.newFixedThreadPool(20);

    @After
    public void tearDown() {
        writes.close();
        callers.shutdownNow();
    }

    @Test
    public void writesQueuedMeanwhileShareOneTransactionAndEachCallerGetsItsOwnResult() throws Exception {
        db.holdFirst = new CountDownLatch(1);
        Future<Integer> first = callers.submit(() -> writes.run("a", em -> -1));
        assertTrue(db.firstStarted.await(5, TimeUnit.SECONDS));
        List<Future<Integer>> rest = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            int n = i;
            rest.add(callers.submit(() -> writes.run("k" + n, em -> n * n)));
        }
        // the callers are all waiting behind the held first transaction before it is released
        awaitActive(20);
        db.holdFirst.countDown();
        assertEquals(-1, (int) first.get(5, TimeUnit.SECONDS));
        for (int i = 0; i < 20; i++) {
            assertEquals(i * i, (int) rest.get(i).get(5, TimeUnit.SECONDS));
        }
        assertTrue("21 writes in " + db.transactions.get() + " transactions", db.transactions.get() < 21);
        // each batch of several writes was preloaded once, with the keys of its writes (a single write is
        // not), padded to a power of two with one of them
        assertTrue("a batch was preloaded", !preloaded.isEmpty());
        java.util.Set<String> keys = new java.util.HashSet<>();
        int distinct = 0;
        for (List<String> batch : preloaded) {
            assertTrue("preloaded " + batch, batch.size() > 1);
            assertEquals("a power of two: " + batch, 1, Integer.bitCount(batch.size()));
            distinct += (int) batch.stream().distinct().count();
            keys.addAll(batch);
        }
        assertEquals("no key in two batches", keys.size(), distinct);
        assertEquals("batched writes minus transactions", keys.size(), 21 - db.transactions.get() + preloaded.size());
    }

    @Test
    public void aFailingWriteFailsAloneAndTheOthersInItsBatchAreCommitted() throws Exception {
        Throwable failed = batchWithAFailingWrite(new IllegalArgumentException("not an order of this connection"));
        assertTrue(failed instanceof IllegalArgumentException);
        // the held first write, the batch that failed, then its three writes one by one
        assertEquals(5, db.transactions.get());
    }

    @Test
    public void aRefusedWriteGetsItsProblemWhileItsBatchIsCommittedOnce() throws Exception {
        Throwable refused = batchWithAFailingWrite(ApiException.conflict("order-exists", "Already ordered", "open order"));
        assertTrue(refused instanceof ApiException);
        assertEquals(409, ((ApiException) refused).status());
        // the held first write, then the three queued behind it in one transaction: the refusal redid nothing
        assertEquals(2, db.transactions.get());
    }

    /**
     * A first write held in its transaction while three more queue behind it (one batch), the
     * middle one of them throwing {@code failure}: the others get their results.
     *
     * @return what the failing write's caller got
     */
    private Throwable batchWithAFailingWrite(RuntimeException failure) throws Exception {
        db.holdFirst = new CountDownLatch(1);
        Future<String> first = callers.submit(() -> writes.run("a", em -> "first"));
        assertTrue(db.firstStarted.await(5, TimeUnit.SECONDS));
        Future<String> ok1 = callers.submit(() -> writes.run("b", em -> "ok1"));
        Future<String> bad = callers.submit(() -> writes.run("c", em -> {
            throw failure;
        }));
        Future<String> ok2 = callers.submit(() -> writes.run("d", em -> "ok2"));
        awaitUntil(() -> writes.pending() >= 3);
        assertEquals(3, writes.pending());
        db.holdFirst.countDown();
        assertEquals("first", first.get(5, TimeUnit.SECONDS));
        assertEquals("ok1", ok1.get(5, TimeUnit.SECONDS));
        assertEquals("ok2", ok2.get(5, TimeUnit.SECONDS));
        try {
            bad.get(5, TimeUnit.SECONDS);
            fail();
            return null;
        } catch (ExecutionException e) {
            return e.getCause();
        }
    }

    /** Bounded wait until that many callers are running (blocked in {@code run}). */
    private void awaitActive(int n) {
        awaitUntil(() -> ((ThreadPoolExecutor) callers).getActiveCount() >= n);
    }

    /** Polls {@code condition} every 5 ms for at most 5 s; the assertions after it tell what was missed. */
    private static void awaitUntil(BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
    }

    @Test
    public void afterCloseWritesRunDirectly() {
        writes.close();
        assertEquals("direct", writes.run("x", em -> "direct"));
    }

    @Test
    public void preloadKeysArePaddedToAPowerOfTwoWithTheirOwnValues() {
        assertEquals(List.of(), GroupCommit.padded(List.of()));
        assertEquals(List.of("a"), GroupCommit.padded(List.of("a")));
        assertEquals(List.of("a", "b", "c", "a"), GroupCommit.padded(List.of("a", "b", "c")));
        assertEquals(List.of("a", "b", "c", "d"), GroupCommit.padded(List.of("a", "b", "c", "d")));
        List<String> many = new ArrayList<>();
        for (int i = 0; i < 129; i++) {
            many.add("k" + i);
        }
        List<String> padded = GroupCommit.padded(many);
        assertEquals(256, padded.size());
        assertEquals(many, padded.subList(0, 129));
        assertTrue(padded.subList(129, 256).stream().allMatch("k0"::equals));
    }
}
