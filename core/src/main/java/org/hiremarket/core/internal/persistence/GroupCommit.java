package org.hiremarket.core.internal.persistence;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiConsumer;
import java.util.function.Function;

import javax.persistence.EntityManager;

import org.hiremarket.core.internal.common.ApiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit for small, independent writes made by many threads at once (order acknowledgements
 * and vendors' reports): one writer thread runs whatever has queued up in a single transaction and
 * commits once, so a burst of N writes costs one log flush instead of N. Each caller still waits
 * until its own write is committed, so "stored when the call returns" holds. A write that fails
 * makes the writer redo that batch one write per transaction, so the others are not lost with it.
 *
 * <p>Only for writes that check before they change anything (a failing write must not leave
 * half of its changes in the shared transaction) and that touch one record each. A write that
 * refuses with an {@link ApiException} (a 4xx answer decided by its checks, so before it changed
 * anything) gets that exception while the others in its batch are committed as usual; any other
 * failure redoes the batch one write per transaction.
 */
public final class GroupCommit implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(GroupCommit.class);
    private static final long WAIT_SECONDS = 60;

    private record Item<R>(String key, Function<EntityManager, R> work, CompletableFuture<R> done) {
    }

    private final Database db;
    private final int maxBatch;
    private final BiConsumer<EntityManager, Collection<String>> preload;
    private final List<BlockingQueue<Item<?>>> queues = new ArrayList<>();
    private final List<Thread> writers = new ArrayList<>();
    private volatile boolean running = true;

    /**
     * @param writers how many writer threads; writes with the same key always go to the same one, so
     *                two batches never wait for each other's row locks
     */
    public GroupCommit(Database db, String name, int writers, int maxBatch) {
        this(db, name, writers, maxBatch, (em, keys) -> { });
    }

    /**
     * @param preload called first in each batch's transaction with the keys of its writes, to read
     *                their records in one query (writes that then look them up by key find them in
     *                the transaction instead of reading them one by one); must not change anything.
     *                The keys come {@link #padded padded}, so an {@code IN} list of them has few shapes
     */
    public GroupCommit(Database db, String name, int writers, int maxBatch,
            BiConsumer<EntityManager, Collection<String>> preload) {
        this.db = db;
        this.maxBatch = maxBatch;
        this.preload = preload;
        for (int n = 0; n < writers; n++) {
            BlockingQueue<Item<?>> queue = new LinkedBlockingQueue<>();
            Thread t = new Thread(() -> loop(queue), "hiremarket-group-commit-" + name + "-" + (n + 1));
            t.setDaemon(true);
            queues.add(queue);
            this.writers.add(t);
            t.start();
        }
    }

    /**
     * Runs {@code work} in the next batch of the writer for {@code key} (the record it changes) and
     * waits until it is committed.
     *
     * @throws RuntimeException what the work threw, or a 503 problem when the batch could not be committed in time
     */
    public <R> R run(String key, Function<EntityManager, R> work) {
        if (!running || db.inTransaction()) {
            // a caller inside a transaction of its own (an idempotent request writing its record in
            // the same transaction) must see the write commit or roll back with the rest of it
            return db.tx(work);
        }
        CompletableFuture<R> done = new CompletableFuture<>();
        queues.get(Math.floorMod(key.hashCode(), queues.size())).add(new Item<>(key, work, done));
        try {
            return done.get(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            throw new ApiException(503, "database-unavailable", "Database unavailable",
                    "the write was not committed within " + WAIT_SECONDS + " s", null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException(503, "database-unavailable", "Database unavailable", "interrupted", null);
        }
    }

    private void loop(BlockingQueue<Item<?>> queue) {
        List<Item<?>> batch = new ArrayList<>(maxBatch);
        while (running) {
            try {
                Item<?> first = queue.poll(1, TimeUnit.SECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, maxBatch - 1);
                commit(batch);
            } catch (InterruptedException e) {
                if (!running) {
                    break;
                }
            } catch (RuntimeException e) {
                LOG.warn("Group commit round failed", e);
                batch.forEach(i -> i.done().completeExceptionally(e));
            } finally {
                batch.clear();
            }
        }
        // whatever is left runs on its own
        for (Item<?> i = queue.poll(); i != null; i = queue.poll()) {
            single(i);
        }
    }

    private void commit(List<Item<?>> batch) {
        if (batch.size() == 1) {
            single(batch.get(0));
            return;
        }
        List<Object> results;
        try {
            results = db.tx(em -> {
                Set<String> keys = new LinkedHashSet<>();
                batch.forEach(i -> keys.add(i.key()));
                preload.accept(em, padded(keys));
                List<Object> out = new ArrayList<>(batch.size());
                for (Item<?> i : batch) {
                    try {
                        out.add(i.work().apply(em));
                    } catch (ApiException refused) {
                        out.add(new Refused(refused));
                    }
                }
                return out;
            });
        } catch (RuntimeException e) {
            // one of them failed (or the commit did): redo each on its own, so only the failing one fails
            LOG.debug("Group commit of {} writes failed ({}); committing them one by one", batch.size(), e.toString());
            batch.forEach(GroupCommit.this::single);
            return;
        }
        for (int n = 0; n < batch.size(); n++) {
            complete(batch.get(n), results.get(n));
        }
    }

    /**
     * The keys, the first repeated until there are a power of two of them: a query with {@code IN}
     * (the keys) then has one of a few shapes rather than one per batch size, and each shape is a
     * statement the database compiles once and the connection pool keeps prepared.
     */
    static List<String> padded(Collection<String> keys) {
        List<String> out = new ArrayList<>(keys);
        if (out.isEmpty()) {
            return out;
        }
        int size = Integer.highestOneBit(out.size());
        if (size < out.size()) {
            size <<= 1;
        }
        String first = out.get(0);
        while (out.size() < size) {
            out.add(first);
        }
        return out;
    }

    /** What a write that refused gets once its batch is committed. */
    private record Refused(ApiException reason) {
    }

    @SuppressWarnings("unchecked")
    private static <R> void complete(Item<R> item, Object result) {
        if (result instanceof Refused r) {
            item.done().completeExceptionally(r.reason());
        } else {
            item.done().complete((R) result);
        }
    }

    private <R> void single(Item<R> item) {
        try {
            item.done().complete(db.tx(item.work()));
        } catch (RuntimeException e) {
            item.done().completeExceptionally(e);
        }
    }

    /** @return how many writes are queued and not yet taken into a batch */
    int pending() {
        return queues.stream().mapToInt(BlockingQueue::size).sum();
    }

    @Override
    public void close() {
        running = false;
        writers.forEach(Thread::interrupt);
    }
}
