package org.hiremarket.core.internal.mailbox;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

import org.hiremarket.core.internal.marketplace.IntegrationRegistry;
import org.hiremarket.core.internal.marketplace.RegisteredIntegration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one durable mailbox for every call the host owes a plugin. Each kind of call
 * ({@link Letters}: assessment orders, job-board postings) is committed to its own table before
 * any plugin is called; this component delivers them all: a dispatcher thread finds letters that
 * are due, fairly per integration and kind, and hands them to delivery threads, at most a few per
 * integration at a time (the integration's bulkhead keeps room for interactive calls), never to an
 * integration that is away or whose circuit breaker is open. The kind calls the plugin through the
 * guarded plugin caller and records the outcome; after a failure it asks the shared
 * {@link #policy() delivery policy} when to try again.
 *
 * <p>Whenever an integration becomes available (host start, bundle started, updated or
 * reinstalled), each kind makes its letters to it due again, so open ones are sent again with the
 * same idempotency key and nothing is lost or duplicated.
 */
@Component(service = Mailbox.class, immediate = true, configurationPid = MailboxConfig.PID)
@Designate(ocd = MailboxConfig.class)
public class Mailbox {

    private static final Logger LOG = LoggerFactory.getLogger(Mailbox.class);
    static final long ABSENT_RECHECK_MS = 60_000;
    static final int SCAN_LIMIT = 2000;
    /**
     * A new letter is queued in memory when it is committed; its due time in the database is this
     * much later, so the scans, which read what became due, find it only if it is still waiting then.
     */
    public static final long HANDOVER_GRACE_MS = 10_000;
    /**
     * How far back an incremental scan reaches before the previous one. Due times are written
     * before they come (retries, hand-overs), so this only covers commits that were slow.
     */
    static final long SCAN_OVERLAP_MS = 2_000;
    /** How often the whole mailbox is scanned for due letters. */
    static final long FULL_SCAN_MS = 30_000;

    /** A letter of one kind. */
    private record Letter(Letters kind, String id) {
    }

    /** The queue of one kind's letters to one integration. */
    private record Lane(Letters kind, String integrationId) {
    }

    private final IntegrationRegistry registry;
    private final MailboxConfig config;
    private final DeliveryPolicy policy;
    /** The time the mailbox decides by (epoch ms): the system clock, or a test's. */
    private final LongSupplier clock;
    private final ExecutorService workers;
    /** Runs the work of integrations becoming available, off the registry's thread. */
    private final ScheduledExecutorService background;
    private final Thread dispatcher;
    private final List<Letters> kinds = new CopyOnWriteArrayList<>();
    /** The dispatcher's schedule; read and written by its thread only (or by a test driving the rounds). */
    private long nextScan;
    private long nextFullScan;
    private long scannedUpTo;
    private final Object signal = new Object();
    private boolean woken;
    private volatile boolean running = true;
    private volatile boolean scanRequested = true;
    /** Letters being delivered right now. */
    private final Set<Letter> inflight = ConcurrentHashMap.newKeySet();
    /** Letters waiting for a delivery slot, per kind and integration. */
    private final Map<Lane, Queue<String>> queues = new ConcurrentHashMap<>();
    private final Set<Letter> queued = ConcurrentHashMap.newKeySet();
    /** Deliveries running per integration, all kinds together. */
    private final Map<String, AtomicInteger> inflightPer = new ConcurrentHashMap<>();
    /** Told by the registry on its own (service registration) thread: the work is done in the background. */
    private final Consumer<RegisteredIntegration> availability;

    @Activate
    public Mailbox(@Reference IntegrationRegistry registry, MailboxConfig config) {
        this(registry, config, System::currentTimeMillis, deliveryThreads(config),
                Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "hiremarket-mailbox-recovery")), true);
    }

    /**
     * For tests: the clock the mailbox decides by, the executor deliveries run on and the one for
     * recovery; without the dispatcher thread ({@code dispatcherThread} false) the test runs the
     * dispatcher's rounds itself ({@link #dispatchRound()}).
     */
    public Mailbox(IntegrationRegistry registry, MailboxConfig config, LongSupplier clock, ExecutorService workers,
            ScheduledExecutorService background, boolean dispatcherThread) {
        this.registry = registry;
        this.config = config;
        this.clock = clock;
        this.policy = new DeliveryPolicy(config.retry_initial_ms(), config.retry_max_ms(),
                Duration.ofHours(config.delivery_max_hours()));
        this.workers = workers;
        this.background = background;
        this.dispatcher = daemon(this::dispatchLoop, "hiremarket-mailbox-dispatcher");
        this.availability = r -> {
            try {
                background.execute(() -> integrationAvailable(r));
            } catch (RejectedExecutionException stopped) {
                // shutting down: the next start delivers them
            }
        };
        registry.onAvailable(availability);
        if (dispatcherThread) {
            this.dispatcher.start();
        }
    }

    @Deactivate
    public void deactivate() {
        running = false;
        registry.removeListener(availability);
        wake();
        dispatcher.interrupt();
        background.shutdownNow();
        workers.shutdownNow();
    }

    private static ThreadPoolExecutor deliveryThreads(MailboxConfig config) {
        AtomicInteger n = new AtomicInteger();
        ThreadPoolExecutor workers = new ThreadPoolExecutor(config.delivery_threads(), config.delivery_threads(), 60,
                TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                r -> daemon(r, "hiremarket-mailbox-delivery-" + n.incrementAndGet()));
        workers.allowCoreThreadTimeOut(true);
        return workers;
    }

    /** A daemon thread of the mailbox or of one of its kinds (a host stopping never waits for it). */
    public static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /**
     * A kind of letters joins: from now on its due letters are delivered, and those of every
     * integration already available are made due again (the host started, or the kind's component
     * was restarted).
     */
    public void join(Letters kind) {
        kinds.add(kind);
        try {
            background.execute(() -> registry.all().stream().filter(RegisteredIntegration::usable)
                    .filter(kind::deliversTo).forEach(r -> available(kind, r)));
        } catch (RejectedExecutionException stopped) {
            // shutting down
        }
        scanRequested = true;
        wake();
    }

    /** A kind of letters leaves (its component stops): its queued letters are forgotten, they stay due in its table. */
    public void leave(Letters kind) {
        kinds.remove(kind);
        queues.keySet().removeIf(lane -> lane.kind() == kind);
        queued.removeIf(l -> l.kind() == kind);
    }

    /** @return when to try again after a failed delivery, or whether to give up */
    public DeliveryPolicy policy() {
        return policy;
    }

    /** @return the time the mailbox decides by (epoch ms) */
    public long now() {
        return clock.getAsLong();
    }

    /** Something became due: look now rather than at the next idle check. */
    public void wake() {
        synchronized (signal) {
            woken = true;
            signal.notifyAll();
        }
    }

    /** @return how many letters are being delivered right now */
    public int inflight() {
        return inflight.size();
    }

    /**
     * A letter was committed (placed, changed, due again): deliver it without waiting for the next
     * scan. Letters are also found by the scan once their hand-over grace has passed, so one missed
     * here is only late, never lost.
     */
    public void enqueue(Letters kind, String id, String integrationId) {
        if (queued.add(new Letter(kind, id))) {
            queues.computeIfAbsent(new Lane(kind, integrationId), k -> new ConcurrentLinkedQueue<>()).add(id);
        }
        wake();
    }

    // ------------------------------------------------------------------------------ dispatching

    private void dispatchLoop() {
        while (running) {
            try {
                dispatchRound();
            } catch (RuntimeException e) {
                LOG.warn("Mailbox dispatcher round failed; trying again shortly", e);
            }
            synchronized (signal) {
                if (!woken && running) {
                    try {
                        signal.wait(Math.max(1, config.dispatch_interval_ms()));
                    } catch (InterruptedException e) {
                        if (!running) {
                            return;
                        }
                    }
                }
                woken = false;
            }
        }
    }

    /** One round of the dispatcher: scan for due letters when it is time, then hand queued ones to delivery threads. */
    public void dispatchRound() {
        long now = clock.getAsLong();
        if (now >= nextScan || scanRequested) {
            boolean full = scanRequested || now >= nextFullScan;
            scanRequested = false;
            boolean backlog = false;
            for (Letters kind : kinds) {
                backlog |= scan(kind, full ? Long.MIN_VALUE : scannedUpTo - SCAN_OVERLAP_MS, now) >= SCAN_LIMIT;
            }
            scannedUpTo = now;
            nextScan = now + config.dispatch_interval_ms();
            if (backlog) {
                // more were due than one scan reads (a backlog after a restart): the next scan reads all again
                nextFullScan = nextScan;
            } else if (full) {
                nextFullScan = now + FULL_SCAN_MS;
            }
        }
        dispatchQueued(now);
    }

    /**
     * Finds one kind's due letters: those whose retry time has come and those committed while
     * nothing queued them (a restart, a missed wake-up). Most scans are incremental: they read only
     * what became due since the previous one (with an overlap for transactions that were committing
     * meanwhile), so a backlog already queued in memory is not read again every second; a full scan
     * now and then, and whenever an integration (re)appears, finds anything else.
     */
    private int scan(Letters kind, long from, long now) {
        List<Letters.Due> due = kind.due(from, now, SCAN_LIMIT);
        for (Letters.Due d : due) {
            Letter letter = new Letter(kind, d.id());
            if (!inflight.contains(letter) && queued.add(letter)) {
                queues.computeIfAbsent(new Lane(kind, d.integrationId()), k -> new ConcurrentLinkedQueue<>())
                        .add(d.id());
            }
        }
        return due.size();
    }

    /** Hands queued letters to delivery threads, as many per integration as it has free slots. */
    private void dispatchQueued(long now) {
        // leave room in each integration's bulkhead for interactive calls (package lists, connects)
        int perIntegration = Math.max(1, registry.config().plugin_max_concurrent_calls() - 2);
        for (Map.Entry<Lane, Queue<String>> e : queues.entrySet()) {
            Lane lane = e.getKey();
            String integrationId = lane.integrationId();
            Queue<String> queue = e.getValue();
            if (queue.isEmpty()) {
                continue;
            }
            RegisteredIntegration r = registry.find(integrationId).orElse(null);
            Instant paused = r == null ? null : registry.caller().pausedUntil(integrationId);
            if (r == null || !lane.kind().deliversTo(r) || paused != null) {
                // the plugin is away (look again when it is back, or in a minute) or its breaker is open
                drop(lane.kind(), queue);
                lane.kind().postpone(integrationId, now, paused != null ? paused.toEpochMilli() : now + ABSENT_RECHECK_MS);
                continue;
            }
            AtomicInteger busy = inflightPer.computeIfAbsent(integrationId, k -> new AtomicInteger());
            while (busy.get() < perIntegration) {
                String id = queue.poll();
                if (id == null) {
                    break;
                }
                Letter letter = new Letter(lane.kind(), id);
                queued.remove(letter);
                if (!inflight.add(letter)) {
                    continue;
                }
                busy.incrementAndGet();
                try {
                    workers.execute(() -> deliver(letter, r));
                } catch (RejectedExecutionException rejected) {
                    inflight.remove(letter);
                    freeSlot(integrationId);
                    return;
                }
            }
        }
    }

    private void drop(Letters kind, Queue<String> queue) {
        for (String id = queue.poll(); id != null; id = queue.poll()) {
            queued.remove(new Letter(kind, id));
        }
    }

    private void freeSlot(String integrationId) {
        AtomicInteger c = inflightPer.get(integrationId);
        if (c != null) {
            c.decrementAndGet();
        }
    }

    /** Delivers one letter through its kind; the integration's slot is given back once, when the plugin answered. */
    private void deliver(Letter letter, RegisteredIntegration r) {
        AtomicBoolean holdsSlot = new AtomicBoolean(true);
        Runnable answered = () -> {
            if (holdsSlot.compareAndSet(true, false)) {
                freeSlot(r.id());
            }
        };
        try {
            letter.kind().deliver(letter.id(), r, answered);
        } catch (RuntimeException e) {
            LOG.warn("Delivering {} {} failed; it stays due", letter.kind().kind(), letter.id(), e);
        } finally {
            inflight.remove(letter);
            answered.run();
            wake();
        }
    }

    // ------------------------------------------------------------------------------ recovery

    /** An integration is (back): every kind it serves makes its letters due again. */
    private void integrationAvailable(RegisteredIntegration r) {
        for (Letters kind : kinds) {
            if (kind.deliversTo(r)) {
                available(kind, r);
            }
        }
    }

    private void available(Letters kind, RegisteredIntegration r) {
        try {
            kind.integrationAvailable(r, clock.getAsLong());
            scanRequested = true;
            wake();
        } catch (RuntimeException e) {
            LOG.warn("Could not schedule the open {}s of {} for delivery", kind.kind(), r.id(), e);
        }
    }
}
