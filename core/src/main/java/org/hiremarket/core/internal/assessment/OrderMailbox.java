package org.hiremarket.core.internal.assessment;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.hiremarket.api.assessment.AssessmentOrder;
import org.hiremarket.api.assessment.AssessmentProvider;
import org.hiremarket.api.assessment.AssessmentUpdate;
import org.hiremarket.api.assessment.CandidateInfo;
import org.hiremarket.api.assessment.OrderAcknowledgement;
import org.hiremarket.api.integration.ConnectionContext;
import org.hiremarket.api.integration.StandardScopes;
import org.hiremarket.core.internal.mailbox.DeliveryPolicy;
import org.hiremarket.core.internal.mailbox.Letters;
import org.hiremarket.core.internal.mailbox.Mailbox;
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
 * Assessment orders as letters of the host's one {@link Mailbox}: orders are committed before any
 * vendor is called; the mailbox finds those that are due and hands each to {@link #deliver}, which
 * calls the vendor through the guarded plugin caller (time limit, bulkhead, circuit breaker). An
 * acknowledgement moves the order to {@code SENT}; a failure schedules the next attempt with the
 * mailbox's backoff; a refusal fails the order.
 *
 * <p>Whenever a vendor becomes available (host start, bundle started, updated or reinstalled), its
 * open orders are delivered again with the same idempotency key and a fresh callback: a vendor that
 * kept them answers with its first acknowledgement, one that lost them (a restarted demo vendor)
 * carries on with them, and nothing is lost or duplicated. Vendors that support polling are also
 * asked for the status of open orders now and then.
 */
@Component(service = OrderMailbox.class, immediate = true, configurationPid = AssessmentConfig.PID)
@Designate(ocd = AssessmentConfig.class)
public class OrderMailbox implements Letters {

    private static final Logger LOG = LoggerFactory.getLogger(OrderMailbox.class);
    /** See {@link Mailbox#HANDOVER_GRACE_MS}. */
    static final long HANDOVER_GRACE_MS = Mailbox.HANDOVER_GRACE_MS;

    private final Database db;
    private final IntegrationRegistry registry;
    private final ConnectionService connections;
    private final Mailbox mailbox;
    private final OrderLedger ledger;
    private final ScheduledExecutorService poller;
    private volatile boolean running = true;

    @Activate
    public OrderMailbox(@Reference Database db, @Reference IntegrationRegistry registry,
            @Reference ConnectionService connections, @Reference Mailbox mailbox, AssessmentConfig config) {
        this(db, registry, connections, config, mailbox,
                Executors.newSingleThreadScheduledExecutor(r -> Mailbox.daemon(r, "hiremarket-order-poller")));
    }

    /** For tests: the mailbox (with the test's clock and executors) and the executor polling runs on. */
    OrderMailbox(Database db, IntegrationRegistry registry, ConnectionService connections, AssessmentConfig config,
            Mailbox mailbox, ScheduledExecutorService poller) {
        this.db = db;
        this.registry = registry;
        this.connections = connections;
        this.mailbox = mailbox;
        this.ledger = new OrderLedger(db);
        this.poller = poller;
        mailbox.join(this);
        if (config.poll_interval_seconds() > 0) {
            poller.scheduleWithFixedDelay(this::pollOpenOrders, config.poll_interval_seconds(),
                    config.poll_interval_seconds(), TimeUnit.SECONDS);
        }
    }

    @Deactivate
    void deactivate() {
        running = false;
        mailbox.leave(this);
        poller.shutdownNow();
        ledger.close();
    }

    OrderLedger ledger() {
        return ledger;
    }

    /** @return how many letters the mailbox is delivering right now */
    public int inflight() {
        return mailbox.inflight();
    }

    /** For tests driving the mailbox: one round of its dispatcher. */
    void dispatchRound() {
        mailbox.dispatchRound();
    }

    /**
     * An order was committed (placed, or entered a step): deliver it without waiting for the next
     * scan. Orders are also found by the scan once their hand-over grace has passed, so one missed
     * here is only late, never lost.
     */
    public void enqueue(String orderId, String integrationId) {
        mailbox.enqueue(this, orderId, integrationId);
    }

    // ------------------------------------------------------------------------------ letters

    @Override
    public String kind() {
        return "order";
    }

    @Override
    public boolean deliversTo(RegisteredIntegration integration) {
        return integration.service() instanceof AssessmentProvider;
    }

    /** Reads along the index of the due time, the earliest first. */
    @Override
    public List<Due> due(long from, long now, int limit) {
        return Letters.dueRows(db, "AssessmentOrderEntity", from, now, limit);
    }

    @Override
    public void postpone(String integrationId, long now, long until) {
        db.tx(em -> em.createQuery("UPDATE AssessmentOrderEntity o SET o.nextAttemptAt = :until"
                + " WHERE o.integrationId = :integrationId AND o.nextAttemptAt <= :now AND o.status IN :open")
                .setParameter("until", until).setParameter("integrationId", integrationId).setParameter("now", now)
                .setParameter("open", OrderStatus.open()).executeUpdate());
    }

    /** Delivers one order and records the outcome. Never throws. */
    @Override
    public void deliver(String orderId, RegisteredIntegration r, Runnable vendorAnswered) {
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
                vendorAnswered.run();
            }
            if (ack == null) {
                after(o, null, "the vendor gave no acknowledgement (null)");
                return;
            }
            String conflict = ledger.acknowledged(orderId, ack);
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
        }
    }

    private void after(AssessmentOrderEntity o, PluginCallException failure, String message) {
        DeliveryPolicy.Decision d = mailbox.policy().afterFailure(o.getDeliveryAttempts(),
                o.getStatus() == OrderStatus.PLACED ? o.getPlacedAt() : null, mailbox.now(), failure, message,
                registry.caller().pausedUntil(o.getIntegrationId()));
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
        long now = mailbox.now();
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

    /** A vendor is (back): its waiting orders are due now and its open ones are sent again. */
    @Override
    public void integrationAvailable(RegisteredIntegration r, long now) {
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
