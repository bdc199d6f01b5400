package org.hiremarket.core.internal.assessment;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

import org.hiremarket.api.assessment.AssessmentOrder;
import org.hiremarket.api.assessment.AssessmentProvider;
import org.hiremarket.api.assessment.AssessmentUpdate;
import org.hiremarket.api.assessment.CandidateInfo;
import org.hiremarket.api.assessment.OrderAcknowledgement;
import org.hiremarket.api.integration.ConnectionContext;
import org.hiremarket.api.integration.StandardScopes;
import org.hiremarket.core.internal.common.ApiException;
import org.hiremarket.core.internal.marketplace.ConnectionEntity;
import org.hiremarket.core.internal.marketplace.ConnectionService;
import org.hiremarket.core.internal.marketplace.IntegrationRegistry;
import org.hiremarket.core.internal.marketplace.PluginCallException;
import org.hiremarket.core.internal.marketplace.RegisteredIntegration;
import org.hiremarket.core.internal.persistence.CacheSettings;
import org.hiremarket.core.internal.persistence.Database;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;


/**
 * The durable order mailbox. Orders are committed before any vendor is called; this component then
 * delivers them: a dispatcher thread finds orders that are due, fairly per integration, and hands
 * them to delivery threads, which call the vendor through the guarded plugin caller (time limit,
 * bulkhead, circuit breaker). An acknowledgement moves the order to {@code SENT}; a failure
 * schedules the next attempt with exponential backoff and jitter; a refusal fails the order.
 *
 * <p>Whenever an integration becomes available (host start, bundle started, updated or
 * reinstalled), its open orders are delivered again with the same idempotency key and a fresh
 * callback: a vendor that kept them answers with its first acknowledgement, one that lost them (a
 * restarted demo vendor) carries on with them, and nothing is lost or duplicated. Vendors that
 * support polling are also asked for the status of open orders now and then.
 */
@Component(service = OrderMailbox.class, immediate = true, configurationPid = AssessmentConfig.PID)
@Designate(ocd = AssessmentConfig.class)
public class OrderMailbox {

    private static final Logger LOG = LoggerFactory.getLogger(OrderMailbox.class);
    private static final long ABSENT_RECHECK_MS = 60_000;
    private static final int SCAN_LIMIT = 2000;
    /**
     * A new order is queued in memory when it is committed; its due time in the database is this
     * much later, so the scans, which read what became due, find it only if it is still waiting then.
     */
    static final long HANDOVER_GRACE_MS = 10_000;
    /**
     * How far back an incremental scan reaches before the previous one. Due times are written
     * before they come (retries, hand-overs), so this only covers commits that were slow.
     */
    private static final long SCAN_OVERLAP_MS = 2_000;
    /** How often the whole mailbox is scanned for due orders. */
    private static final long FULL_SCAN_MS = 30_000;

    private final Database db;
    private final IntegrationRegistry registry;
    private final ConnectionService connections;
    private final AssessmentConfig config;
    private final OrderLedger ledger;
    private final DeliveryPolicy policy;
    /** The time the mailbox decides by (epoch ms): the system clock, or a test's. */
    private final LongSupplier clock;
    private final ExecutorService workers;
    private final ScheduledExecutorService poller;
    private final Thread dispatcher;
    /** The dispatcher's schedule; read and written by its thread only (or by a test driving the rounds). */
    private long nextScan;
    private long nextFullScan;
    private long scannedUpTo;
    private final Object signal = new Object();
    private boolean woken;
    private volatile boolean running = true;
    /** Orders being delivered right now, and how many per integration. */
    private final Set<String> inflight = ConcurrentHashMap.newKeySet();
    /** Orders waiting for a delivery slot, per integration. */
    private final Map<String, Queue<String>> queues = new ConcurrentHashMap<>();
    private final Set<String> queued = ConcurrentHashMap.newKeySet();
    private final ThreadLocal<Boolean> holdsSlot = ThreadLocal.withInitial(() -> Boolean.FALSE);
    private volatile boolean scanRequested = true;
    private final Map<String, AtomicInteger> inflightPer = new ConcurrentHashMap<>();
    /** Told by the registry on its own (service registration) thread: the work is done on the poller. */
    private final java.util.function.Consumer<RegisteredIntegration> availability;

    @Activate
    public OrderMailbox(@Reference Database db, @Reference IntegrationRegistry registry,
            @Reference ConnectionService connections, AssessmentConfig config) {
        this(db, registry, connections, config, System::currentTimeMillis, deliveryThreads(config),
                Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "hiremarket-order-poller")), true);
    }

    /**
     * For tests: the clock the mailbox decides by, the executor deliveries run on and the one for
     * recovery and polling; without the dispatcher thread ({@code dispatcherThread} false) the
     * test runs the dispatcher's rounds itself ({@link #dispatchRound()}).
     */
    OrderMailbox(Database db, IntegrationRegistry registry, ConnectionService connections, AssessmentConfig config,
            LongSupplier clock, ExecutorService workers, ScheduledExecutorService poller, boolean dispatcherThread) {
        this.db = db;
        this.registry = registry;
        this.connections = connections;
        this.config = config;
        this.clock = clock;
        this.ledger = new OrderLedger(db);
        this.policy = new DeliveryPolicy(config.retry_initial_ms(), config.retry_max_ms(),
                java.time.Duration.ofHours(config.delivery_max_hours()));
        this.workers = workers;
        this.poller = poller;
        this.dispatcher = daemon(this::dispatchLoop, "hiremarket-order-dispatcher");
        this.availability = r -> {
            try {
                poller.execute(() -> integrationAvailable(r));
            } catch (RejectedExecutionException stopped) {
                // shutting down: the next start delivers them
            }
        };
        registry.onAvailable(availability);
        if (dispatcherThread) {
            this.dispatcher.start();
        }
        // integrations registered before this component came up (host start): deliver their open orders again
        poller.execute(() -> registry.all().stream().filter(RegisteredIntegration::usable)
                .forEach(this::integrationAvailable));
        if (config.poll_interval_seconds() > 0) {
            poller.scheduleWithFixedDelay(this::pollOpenOrders, config.poll_interval_seconds(),
                    config.poll_interval_seconds(), TimeUnit.SECONDS);
        }
    }

    @Deactivate
    void deactivate() {
        running = false;
        registry.removeListener(availability);
        wake();
        dispatcher.interrupt();
        poller.shutdownNow();
        workers.shutdownNow();
        ledger.close();
    }

    private static ThreadPoolExecutor deliveryThreads(AssessmentConfig config) {
        AtomicInteger n = new AtomicInteger();
        ThreadPoolExecutor workers = new ThreadPoolExecutor(config.delivery_threads(), config.delivery_threads(), 60,
                TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                r -> daemon(r, "hiremarket-order-delivery-" + n.incrementAndGet()));
        workers.allowCoreThreadTimeOut(true);
        return workers;
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    OrderLedger ledger() {
        return ledger;
    }

    /** Something became due: look now rather than at the next idle check. */
    public void wake() {
        synchronized (signal) {
            woken = true;
            signal.notifyAll();
        }
    }

    /** @return how many orders are being delivered right now */
    public int inflight() {
        return inflight.size();
    }

    // ------------------------------------------------------------------------------ dispatching

    private void dispatchLoop() {
        while (running) {
            try {
                dispatchRound();
            } catch (RuntimeException e) {
                LOG.warn("Order dispatcher round failed; trying again shortly", e);
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

    /** One round of the dispatcher: scan for due orders when it is time, then hand queued ones to delivery threads. */
    void dispatchRound() {
        long now = clock.getAsLong();
        if (now >= nextScan || scanRequested) {
            boolean full = scanRequested || now >= nextFullScan;
            scanRequested = false;
            int found = scan(full ? Long.MIN_VALUE : scannedUpTo - SCAN_OVERLAP_MS, now);
            scannedUpTo = now;
            nextScan = now + config.dispatch_interval_ms();
            if (found >= SCAN_LIMIT) {
                // more were due than one scan reads (a backlog after a restart): the next scan reads all again
                nextFullScan = nextScan;
            } else if (full) {
                nextFullScan = now + FULL_SCAN_MS;
            }
        }
        dispatchQueued(now);
    }

    /**
     * An order was committed (placed, or entered a step): deliver it without waiting for the next
     * scan. Orders are also found by the scan once their hand-over grace has passed, so one missed
     * here is only late, never lost.
     */
    public void enqueue(String orderId, String integrationId) {
        if (queued.add(orderId)) {
            queues.computeIfAbsent(integrationId, k -> new ConcurrentLinkedQueue<>()).add(orderId);
        }
        wake();
    }

    /**
     * Finds due orders in the database: those whose retry time has come and those placed while
     * nothing queued them (a restart, a missed wake-up). Reads along the index of the due time, the
     * earliest first, a bounded number per scan. Most scans are incremental: they read only what
     * became due since the previous one (with an overlap for transactions that were committing
     * meanwhile), so a backlog that is already queued in memory is not read again every second;
     * a full scan now and then, and whenever an integration (re)appears, finds anything else.
     */
    private int scan(long from, long now) {
        List<Object[]> due = db.tx(em -> em.createQuery("SELECT o.id, o.integrationId FROM AssessmentOrderEntity o"
                + " WHERE o.nextAttemptAt > :from AND o.nextAttemptAt <= :now ORDER BY o.nextAttemptAt", Object[].class)
                .setParameter("from", from).setParameter("now", now).setMaxResults(SCAN_LIMIT).getResultList());

        for (Object[] row : due) {
            String orderId = (String) row[0];
            if (!inflight.contains(orderId) && queued.add(orderId)) {
                queues.computeIfAbsent((String) row[1], k -> new ConcurrentLinkedQueue<>()).add(orderId);
            }
        }
        return due.size();
    }

    /** Hands queued orders to delivery threads, as many per integration as it has free slots. */
    private void dispatchQueued(long now) {
        // leave room in each integration's bulkhead for interactive calls (package lists, connects)
        int perIntegration = Math.max(1, registry.config().plugin_max_concurrent_calls() - 2);
        for (Map.Entry<String, Queue<String>> e : queues.entrySet()) {
            String integrationId = e.getKey();
            Queue<String> queue = e.getValue();
            if (queue.isEmpty()) {
                continue;
            }
            RegisteredIntegration r = registry.find(integrationId).orElse(null);
            Instant paused = r == null ? null : registry.caller().pausedUntil(integrationId);
            if (r == null || !(r.service() instanceof AssessmentProvider) || paused != null) {
                // the plugin is away (look again when it is back, or in a minute) or its breaker is open
                drop(queue);
                postpone(integrationId, now, paused != null ? paused.toEpochMilli() : now + ABSENT_RECHECK_MS);
                continue;
            }
            AtomicInteger running = inflightPer.computeIfAbsent(integrationId, k -> new AtomicInteger());
            while (running.get() < perIntegration) {
                String orderId = queue.poll();
                if (orderId == null) {
                    break;
                }
                queued.remove(orderId);
                if (!inflight.add(orderId)) {
                    continue;
                }
                running.incrementAndGet();
                try {
                    workers.execute(() -> deliver(orderId, r));
                } catch (RejectedExecutionException rejected) {
                    done(orderId, integrationId);
                    return;
                }
            }
        }
    }

    private void drop(Queue<String> queue) {
        for (String id = queue.poll(); id != null; id = queue.poll()) {
            queued.remove(id);
        }
    }

    private void postpone(String integrationId, long now, long until) {
        db.tx(em -> em.createQuery("UPDATE AssessmentOrderEntity o SET o.nextAttemptAt = :until"
                + " WHERE o.integrationId = :integrationId AND o.nextAttemptAt <= :now AND o.status IN :open")
                .setParameter("until", until).setParameter("integrationId", integrationId).setParameter("now", now)
                .setParameter("open", OrderStatus.open()).executeUpdate());
    }

    private void done(String orderId, String integrationId) {
        inflight.remove(orderId);
        freeSlot(integrationId);
    }

    /** Gives an integration's delivery slot back, once per delivery (the thread-local flag says whether it still holds it). */
    private void release(String integrationId) {
        if (holdsSlot.get()) {
            holdsSlot.set(false);
            freeSlot(integrationId);
        }
    }

    private void freeSlot(String integrationId) {
        AtomicInteger c = inflightPer.get(integrationId);
        if (c != null) {
            c.decrementAndGet();
        }
    }

    /** Delivers one order and records the outcome. Never throws. */
    void deliver(String orderId, RegisteredIntegration r) {
        holdsSlot.set(true);
        AssessmentOrderEntity o = null;
        try {
            // read only: the ledger changes the order, each change in a transaction of its own
            Object[] both = db.tx(em -> {
                AssessmentOrderEntity order = em.find(AssessmentOrderEntity.class, orderId, CacheSettings.READ_ONLY);
                return new Object[] { order, order == null ? null
                        : em.find(ConnectionEntity.class, order.getConnectionId(), CacheSettings.READ_ONLY) };
            });
            o = (AssessmentOrderEntity) both[0];
            ConnectionEntity c = (ConnectionEntity) both[1];
            if (o == null || o.getStatus().isFinal() || (o.getStatus() != OrderStatus.PLACED && !o.isRedeliver())) {
                return;
            }
            if (c == null) {
                ledger.deliveryFailed(orderId, "CONNECTION_GONE", "The connection of the order no longer exists", false);
                return;
            }
            AssessmentProvider provider = (AssessmentProvider) r.service();
            ConnectionContext ctx = context(c);
            AssessmentOrder spi = spiOrder(o, c.getGrantedScopes());
            OrderCallback callback = new OrderCallback(o.getId(), c.getId(), c.getGrantedScopes(), ledger);
            OrderAcknowledgement ack;
            try {
                ack = registry.caller().call(r.id(), "placeOrder", () -> provider.placeOrder(ctx, spi, callback));
            } finally {
                // the vendor has answered: its slot is free while the answer is recorded
                release(r.id());
            }
            if (ack == null) {
                after(o, null, "the vendor gave no acknowledgement (null)");
                return;
            }
            String conflict;
            try {
                conflict = ledger.acknowledged(orderId, ack);
            } catch (ApiException e) {
                if (e.status() != 409) {
                    throw e;
                }
                // the row changed between the ledger reading and writing it (the integration was announced
                // again and its orders rescheduled): the vendor has the order, so record that on the row as it is now
                conflict = ledger.acknowledged(orderId, ack);
            }
            if (conflict != null) {
                registry.caller().recordAnomaly(r.id(), conflict);
            }
        } catch (PluginCallException e) {
            if (o != null) {
                after(o, e, null);
            }
        } catch (RuntimeException e) {
            LOG.warn("Delivering order {} failed", orderId, e);
            if (o != null) {
                try {
                    after(o, null, "the host could not deliver the order: " + e.getMessage());
                } catch (RuntimeException again) {
                    LOG.warn("Order {} could not be rescheduled; it stays due", orderId, again);
                }
            }
        } finally {
            inflight.remove(orderId);
            release(r.id());
            wake();
        }
    }

    private void after(AssessmentOrderEntity o, PluginCallException failure, String message) {
        DeliveryPolicy.Decision d = policy.afterFailure(o.getStatus(), o.getDeliveryAttempts(), o.getPlacedAt(),
                clock.getAsLong(), failure, message, registry.caller().pausedUntil(o.getIntegrationId()));
        if (d.retry()) {
            ledger.attemptFailed(o.getId(), d.error(), d.retryAt());
        } else {
            ledger.deliveryFailed(o.getId(), d.code(), d.failure(), true);
        }
    }

    private record CachedContext(ConnectionContext context, long until) {
    }

    /** Contexts (the opened partner account) per connection, reused for a few seconds by deliveries in a burst. */
    private final Map<String, CachedContext> contexts = new ConcurrentHashMap<>();

    private ConnectionContext context(ConnectionEntity c) {
        long now = clock.getAsLong();
        CachedContext cached = contexts.get(c.getId());
        if (cached != null && cached.until > now) {
            return cached.context;
        }
        ConnectionContext ctx = connections.hostContext(c);
        contexts.put(c.getId(), new CachedContext(ctx, now + 5_000));
        return ctx;
    }

    static AssessmentOrder spiOrder(AssessmentOrderEntity o, Set<String> granted) {
        boolean candidates = granted.contains(StandardScopes.CANDIDATES_READ);
        boolean jobs = granted.contains(StandardScopes.JOBS_READ);
        CandidateInfo candidate = candidates
                ? new CandidateInfo(o.getCandidateFirstName(), o.getCandidateLastName(), o.getCandidateEmail())
                : new CandidateInfo(null, null, null);
        return new AssessmentOrder(o.getId(), "hm-order-" + o.getId(), o.getPackageId(), candidate,
                jobs ? o.getJobTitle() : null, Instant.ofEpochMilli(o.getPlacedAt()));
    }

    // ------------------------------------------------------------------------------ recovery and polling

    /** An integration is (back): deliver its waiting orders now and its open ones again. */
    private void integrationAvailable(RegisteredIntegration r) {
        if (!(r.service() instanceof AssessmentProvider)) {
            return;
        }
        try {
            long now = clock.getAsLong();
            int[] n = db.tx(em -> new int[] {
                em.createQuery("UPDATE AssessmentOrderEntity o SET o.nextAttemptAt = :now"
                        + " WHERE o.integrationId = :integrationId AND o.status = :placed")
                        .setParameter("now", now).setParameter("integrationId", r.id())
                        .setParameter("placed", OrderStatus.PLACED).executeUpdate(),
                em.createQuery("UPDATE AssessmentOrderEntity o SET o.nextAttemptAt = :now, o.redeliver = TRUE"
                        + " WHERE o.integrationId = :integrationId AND o.status IN :sent")
                        .setParameter("now", now).setParameter("integrationId", r.id())
                        .setParameter("sent", Set.of(OrderStatus.SENT, OrderStatus.IN_PROGRESS)).executeUpdate() });
            if (n[0] + n[1] > 0) {
                LOG.info("Integration {} is available: delivering {} waiting and {} open orders again", r.id(), n[0], n[1]);
            }
            scanRequested = true;
            wake();
        } catch (RuntimeException e) {
            LOG.warn("Could not schedule the open orders of {} for delivery", r.id(), e);
        }
    }

    /** Asks vendors that support polling for the status of their open orders. */
    void pollOpenOrders() {
        for (RegisteredIntegration r : registry.all()) {
            if (!r.usable() || !(r.service() instanceof AssessmentProvider p)) {
                continue;
            }
            try {
                if (!registry.caller().call(r.id(), "supportsPolling", p::supportsPolling)) {
                    continue;
                }
                List<AssessmentOrderEntity> open = db.tx(em -> em.createQuery("SELECT o FROM AssessmentOrderEntity o"
                        + " WHERE o.integrationId = :integrationId AND o.status IN :sent AND o.redeliver = FALSE"
                        + " ORDER BY o.updatedAt", AssessmentOrderEntity.class)
                        .setParameter("integrationId", r.id())
                        .setParameter("sent", Set.of(OrderStatus.SENT, OrderStatus.IN_PROGRESS))
                        .setMaxResults(1000).getResultList());
                for (AssessmentOrderEntity o : open) {
                    if (!running) {
                        return;
                    }
                    poll(r, p, o);
                }
            } catch (PluginCallException e) {
                LOG.debug("Polling {} skipped: {}", r.id(), e.getMessage());
            } catch (RuntimeException e) {
                LOG.warn("Polling the open orders of {} failed", r.id(), e);
            }
        }
    }

    private void poll(RegisteredIntegration r, AssessmentProvider p, AssessmentOrderEntity o) throws PluginCallException {
        ConnectionEntity c = db.tx(em -> em.find(ConnectionEntity.class, o.getConnectionId()));
        if (c == null) {
            return;
        }
        ConnectionContext ctx = context(c);
        AssessmentOrder spi = spiOrder(o, c.getGrantedScopes());
        AssessmentUpdate u = registry.caller().call(r.id(), "pollOrder",
                () -> p.pollOrder(ctx, spi, o.getVendorReference()));
        if (u != null && c.getGrantedScopes().contains(StandardScopes.ASSESSMENT_RESULTS_WRITE)) {
            try {
                ledger.report(o.getId(), c.getId(), u);
            } catch (IllegalArgumentException e) {
                LOG.warn("Integration {} polled an invalid update for order {}: {}", r.id(), o.getId(), e.getMessage());
            }
        }
    }
}
