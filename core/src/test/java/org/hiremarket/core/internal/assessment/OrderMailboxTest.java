package org.hiremarket.core.internal.assessment;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNotSame;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

import org.hiremarket.api.assessment.AssessmentCallback;
import org.hiremarket.api.assessment.AssessmentOrder;
import org.hiremarket.api.assessment.AssessmentPackage;
import org.hiremarket.api.assessment.AssessmentProvider;
import org.hiremarket.api.assessment.AssessmentResult;
import org.hiremarket.api.assessment.AssessmentUpdate;
import org.hiremarket.api.assessment.CandidateInfo;
import org.hiremarket.api.assessment.OrderAcknowledgement;
import org.hiremarket.api.integration.ConnectResult;
import org.hiremarket.api.integration.ConnectionContext;
import org.hiremarket.api.integration.IntegrationDescriptor;
import org.hiremarket.api.integration.IntegrationException;
import org.hiremarket.api.integration.IntegrationKind;
import org.hiremarket.api.integration.StandardScopes;
import org.hiremarket.api.jobboard.JobAd;
import org.hiremarket.api.jobboard.JobBoard;
import org.hiremarket.core.internal.common.TestConfigs;
import org.hiremarket.core.internal.mailbox.DeliveryPolicy;
import org.hiremarket.core.internal.mailbox.Mailbox;
import org.hiremarket.core.internal.mailbox.ManualExecutor;
import org.hiremarket.core.internal.mailbox.MailboxConfig;
import org.hiremarket.core.internal.marketplace.TestDescriptors;
import org.hiremarket.api.jobboard.Publication;
import org.hiremarket.core.internal.company.CompanyService;
import org.hiremarket.core.internal.marketplace.ConnectionEntity;
import org.hiremarket.core.internal.marketplace.ConnectionService;
import org.hiremarket.core.internal.marketplace.ConnectionState;
import org.hiremarket.core.internal.marketplace.IntegrationRegistry;
import org.hiremarket.core.internal.marketplace.MarketplaceConfig;
import org.hiremarket.core.internal.marketplace.RegisteredIntegration;
import org.hiremarket.core.internal.persistence.Database;
import org.hiremarket.core.internal.persistence.InMemoryUnit;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The durable mailbox's decisions, with the time it decides by, its delivery threads and its
 * poller under the test's control: the test runs the dispatcher's rounds ({@code dispatchRound})
 * and the deliveries they hand out, on the real persistence unit and the real guarded plugin
 * caller (time limit, bulkhead, circuit breaker).
 */
public class OrderMailboxTest {

    private static final String VENDOR = "skillcheck";
    private static final String OTHER = "quizly";
    private static final Set<String> ALL_SCOPES = Set.of(StandardScopes.CANDIDATES_READ, StandardScopes.JOBS_READ,
            StandardScopes.ASSESSMENT_RESULTS_WRITE);

    @Rule
    public final TemporaryFolder tmp = new TemporaryFolder();

    private InMemoryUnit unit;
    private Database db;
    private long start;
    private final AtomicLong now = new AtomicLong();
    private final AtomicInteger seq = new AtomicInteger();
    private final ManualExecutor workers = new ManualExecutor();
    private final ManualExecutor poller = new ManualExecutor();
    private final List<CountDownLatch> hung = new CopyOnWriteArrayList<>();
    private Plugins registry;
    /** The database the mailbox is given: the test's, or one that lets something happen just before a commit. */
    private Database mailboxDb;
    private volatile Runnable beforeAGroupCommit;
    private volatile boolean failNextGroupCommit;
    private ConnectionService connections;
    private OrderMailbox mailbox;
    /** The mailbox engine the orders are letters of. */
    private Mailbox engine;

    /**
     * The class's database, opened once per JVM (PIT runs these tests one by one for each mutant),
     * emptied of what the test before wrote.
     */
    @Before
    public void openDatabase() throws Exception {
        unit = InMemoryUnit.shared(getClass());
        db = unit.database();
        db.tx(em -> null);
        for (String table : List.of("HM_ASSESSMENT_ORDER_EVENT", "HM_ASSESSMENT_ORDER", "HM_CONNECTION_EVENT",
                "HM_CONNECTION")) {
            unit.sql("DELETE FROM " + table);
        }
        unit.factory().getCache().evictAll();
        start = System.currentTimeMillis();
        now.set(start);
        mailboxDb = db;
    }

    @After
    public void close() {
        hung.forEach(CountDownLatch::countDown);
        stop();
        if (registry != null) {
            registry.caller().close();
        }
    }

    // ------------------------------------------------------------------------------ fixture

    static <A> A config(Class<A> type, Map<String, Object> values) {
        return TestConfigs.config(type, values);
    }

    /** Deactivates the orders' kind and the mailbox engine, as OSGi does when the host stops. */
    private void stop() {
        if (mailbox != null) {
            mailbox.deactivate();
            mailbox = null;
        }
        if (engine != null) {
            engine.deactivate();
            engine = null;
        }
    }

    /** The orders' kind on a mailbox engine driven by the test's clock and executors. */
    private OrderMailbox driven(Database ordersDb, Map<String, Object> settings) {
        engine = new Mailbox(registry, config(MailboxConfig.class, settings(settings)), now::get, workers, poller,
                false);
        return new OrderMailbox(ordersDb, registry, connections, assessmentConfig(settings), engine, poller);
    }

    private static Map<String, Object> settings(Map<String, Object> replaced) {
        Map<String, Object> v = new HashMap<>(Map.of("retry_initial_ms", 10_000L, "retry_max_ms", 25_000L,
                "delivery_max_hours", 2, "delivery_threads", 2, "dispatch_interval_ms", 1_000L,
                "poll_interval_seconds", 0));
        v.putAll(replaced);
        return v;
    }

    private AssessmentConfig assessmentConfig(Map<String, Object> replaced) {
        return config(AssessmentConfig.class, settings(replaced));
    }

    private Plugins registry(Map<String, Object> replaced) {
        Map<String, Object> v = new HashMap<>(Map.of("plugin_call_timeout_ms", 2_000L, "plugin_threads", 6,
                "plugin_max_concurrent_calls", 8, "breaker_window", 100, "breaker_minimum_calls", 100,
                "secrets_key_file", tmp.getRoot().toPath().resolve("secret.key").toString()));
        v.putAll(replaced);
        return new Plugins(config(MarketplaceConfig.class, v));
    }

    /** The mailbox with default settings and {@link #VENDOR} present. */
    private Vendor open(Vendor... present) {
        return open(Map.of(), Map.of(), present.length == 0 ? new Vendor[] { new Vendor(VENDOR) } : present);
    }

    private Vendor open(Map<String, Object> assessment, Map<String, Object> marketplace, Vendor... present) {
        registry = registry(marketplace);
        for (Vendor v : present) {
            registry.present(v);
        }
        // hostContext, all the mailbox asks of the connections, needs neither the marketplace nor more
        connections = new ConnectionService(db, registry, null, new CompanyService(db));
        mailbox = driven(mailboxDb, assessment);
        return present.length == 0 ? null : present[0];
    }

    /**
     * The database, but the next write of the ledger's group commit runs {@link #beforeAGroupCommit}
     * on another thread after its work and before its commit: another writer getting in between.
     */
    private Database interleaving() {
        return new Database() {
            @Override
            public <R> R tx(java.util.function.Function<javax.persistence.EntityManager, R> work) {
                if (failNextGroupCommit && Thread.currentThread().getName().startsWith("hiremarket-group-commit")) {
                    failNextGroupCommit = false;
                    throw new org.hiremarket.core.internal.common.ApiException(503, "database-unavailable",
                            "Database unavailable", "the database is not available at the moment", null);
                }
                return db.tx(em -> {
                    R result = work.apply(em);
                    Runnable between = beforeAGroupCommit;
                    if (between != null && Thread.currentThread().getName().startsWith("hiremarket-group-commit")) {
                        beforeAGroupCommit = null;
                        Thread other = new Thread(between, "test-other-writer");
                        other.start();
                        try {
                            other.join(10_000);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                    return result;
                });
            }

            @Override
            public boolean inTransaction() {
                return db.inTransaction();
            }
        };
    }

    private String connection(String companyId, String integrationId, Set<String> scopes) {
        String id = "conn-" + seq.incrementAndGet();
        db.tx(em -> {
            ConnectionEntity c = new ConnectionEntity(id, companyId, integrationId, start);
            c.grantScopes(scopes);
            c.moveTo(ConnectionState.ACTIVE, "ACTIVE", "Connected", start);
            em.persist(c);
            return null;
        });
        return id;
    }

    private String connection(String integrationId) {
        return connection("company-a", integrationId, ALL_SCOPES);
    }

    /** A placed order, due at {@code due}. */
    private String order(String connectionId, long placedAt, long due) {
        String id = "order-" + seq.incrementAndGet();
        db.tx(em -> {
            ConnectionEntity c = em.find(ConnectionEntity.class, connectionId);
            AssessmentOrderEntity o = new AssessmentOrderEntity(id, c.getCompanyId(), connectionId,
                    c.getIntegrationId(), "application-" + id, "candidate-" + id, "job-1", "java-dev",
                    "Java developer", "test", placedAt);
            o.shared("Ada", "Lovelace", "ada@example.com", "Engine programmer");
            o.handedOver(due);
            OrderLedger.placed(o, "Ordered");
            em.persist(o);
            return null;
        });
        return id;
    }

    private String order(String connectionId, long due) {
        return order(connectionId, start, due);
    }

    /** An order the vendor acknowledged as {@code reference}. */
    private String sent(String connectionId, String reference) {
        String id = order(connectionId, start);
        mailbox.ledger().acknowledged(id, new OrderAcknowledgement(reference, "https://vendor.example/c/" + reference));
        assertEquals(OrderStatus.SENT, row(id).getStatus());
        assertNull(row(id).getNextAttemptAt());
        return id;
    }

    private AssessmentOrderEntity row(String id) {
        return db.tx(em -> em.find(AssessmentOrderEntity.class, id));
    }

    private void set(String id, String assignments) {
        try {
            unit.sql("UPDATE HM_ASSESSMENT_ORDER SET " + assignments + " WHERE ID = '" + id + "'");
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        unit.factory().getCache().evictAll();
    }

    /** One dispatcher round at the current time. @return the deliveries it handed out */
    private int round() {
        mailbox.dispatchRound();
        return workers.pending();
    }

    /** One round at {@code at}, and the deliveries it handed out run. @return how many */
    private int deliverAt(long at) {
        now.set(at);
        round();
        return workers.runAll();
    }

    private static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("not within 10 s: " + what);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2));
        }
    }

    private static void assertWithin(String what, long value, long min, long max) {
        assertTrue(what + " " + value + " not within [" + min + ", " + max + "]", value >= min && value <= max);
    }

    /** What a vendor answers a delivery. */
    interface Answer {
        OrderAcknowledgement place(AssessmentOrder order, AssessmentCallback callback) throws IntegrationException;
    }

    /** A vendor plugin that records what it is given. */
    static final class Vendor implements AssessmentProvider {
        final String id;
        final List<AssessmentOrder> orders = new CopyOnWriteArrayList<>();
        final List<AssessmentCallback> callbacks = new CopyOnWriteArrayList<>();
        final List<ConnectionContext> contexts = new CopyOnWriteArrayList<>();
        final List<String> polled = new CopyOnWriteArrayList<>();
        volatile Answer answer = (o, cb) -> new OrderAcknowledgement("V-" + o.orderId(),
                "https://vendor.example/c/" + o.orderId());
        volatile boolean polling;
        final Map<String, AssessmentUpdate> updates = new ConcurrentHashMap<>();
        volatile IntegrationException pollFailure;

        Vendor(String id) {
            this.id = id;
        }

        List<String> orderIds() {
            return orders.stream().map(AssessmentOrder::orderId).toList();
        }

        @Override
        public IntegrationDescriptor descriptor() {
            return new IntegrationDescriptor(id, "Test vendor " + id, "Tests Inc", IntegrationKind.ASSESSMENT, "1.0",
                    "for tests", List.of(), List.of(), List.of());
        }

        @Override
        public ConnectResult connect(ConnectionContext context) {
            return ConnectResult.connected("ok");
        }

        @Override
        public void disconnect(ConnectionContext context) {
        }

        @Override
        public List<AssessmentPackage> listPackages(ConnectionContext context) {
            return List.of();
        }

        @Override
        public OrderAcknowledgement placeOrder(ConnectionContext context, AssessmentOrder order,
                AssessmentCallback callback) throws IntegrationException {
            orders.add(order);
            callbacks.add(callback);
            contexts.add(context);
            return answer.place(order, callback);
        }

        @Override
        public boolean supportsPolling() {
            return polling;
        }

        @Override
        public AssessmentUpdate pollOrder(ConnectionContext context, AssessmentOrder order, String vendorReference)
                throws IntegrationException {
            polled.add(order.orderId() + "@" + vendorReference);
            if (pollFailure != null) {
                throw pollFailure;
            }
            return updates.get(order.orderId());
        }
    }

    /** A job board that happens to use an assessment vendor's id. */
    private static JobBoard board(String id) {
        return new TestDescriptors.Board(new IntegrationDescriptor(id, "Board", "Tests Inc", IntegrationKind.JOB_BOARD,
                "1.0", "", List.of(), List.of(), List.of()));
    }

    /** The registry with plugins the test deploys and removes, and the real guarded caller. */
    static final class Plugins extends IntegrationRegistry {
        private final Map<String, RegisteredIntegration> seen = new ConcurrentHashMap<>();
        final List<Consumer<RegisteredIntegration>> listeners = new CopyOnWriteArrayList<>();
        private final AtomicLong serviceIds = new AtomicLong();

        Plugins(MarketplaceConfig config) {
            super(config);
        }

        RegisteredIntegration present(org.hiremarket.api.integration.Integration service) {
            return present(service, List.of());
        }

        RegisteredIntegration present(org.hiremarket.api.integration.Integration service, List<String> problems) {
            IntegrationDescriptor d = service.descriptor();
            RegisteredIntegration r = new RegisteredIntegration(d.id(), d, service, serviceIds.incrementAndGet(),
                    "test." + d.id() + "/1.0", 7, problems);
            seen.put(d.id(), r);
            return r;
        }

        /** The plugin's bundle started (again): the registry tells its listeners. */
        void arrive(org.hiremarket.api.integration.Integration service) {
            RegisteredIntegration r = present(service);
            listeners.forEach(l -> l.accept(r));
        }

        void gone(String id) {
            seen.remove(id);
        }

        @Override
        public Optional<RegisteredIntegration> find(String integrationId) {
            return Optional.ofNullable(seen.get(integrationId)).filter(RegisteredIntegration::usable);
        }

        @Override
        public List<RegisteredIntegration> all() {
            return seen.values().stream().sorted(Comparator.comparing(RegisteredIntegration::id)).toList();
        }

        @Override
        public void onAvailable(Consumer<RegisteredIntegration> listener) {
            listeners.add(listener);
        }

        @Override
        public void removeListener(Consumer<RegisteredIntegration> listener) {
            listeners.remove(listener);
        }
    }

    private static AssessmentUpdate completed(double score) {
        return AssessmentUpdate.completed(new AssessmentResult(score, score >= 50, null, "summary", null, Map.of(),
                List.of(), Instant.ofEpochMilli(5_000)));
    }

    // ------------------------------------------------------------------------------ delivering

    @Test
    public void aDueOrderIsDeliveredOnceWithItsIdempotencyKeyAndLeavesTheDueIndex() {
        Vendor vendor = open();
        String conn = connection("company-a", VENDOR, ALL_SCOPES);
        String id = order(conn, start - 5_000, start);

        assertEquals("one delivery handed out", 1, round());
        assertEquals(1, mailbox.inflight());
        assertEquals(1, workers.runAll());
        assertEquals(0, mailbox.inflight());

        assertEquals(List.of(new AssessmentOrder(id, "hm-order-" + id, "java-dev",
                new CandidateInfo("Ada", "Lovelace", "ada@example.com"), "Engine programmer",
                Instant.ofEpochMilli(start - 5_000))), vendor.orders);
        assertEquals(id, vendor.callbacks.get(0).orderId());
        assertEquals(conn, vendor.contexts.get(0).connectionId());
        assertEquals("company-a", vendor.contexts.get(0).companyId());
        AssessmentOrderEntity o = row(id);
        assertEquals(OrderStatus.SENT, o.getStatus());
        assertEquals("V-" + id, o.getVendorReference());
        assertEquals("https://vendor.example/c/" + id, o.getCandidateUrl());
        assertNull("acknowledged: no longer due", o.getNextAttemptAt());
        assertFalse(o.isRedeliver());
        assertEquals(1, o.getAttemptsMade());
        assertEquals(0, o.getDeliveryAttempts());
        assertNull(o.getLastError());
        assertEquals("a plain acknowledgement is no anomaly", 0, registry.caller().health(VENDOR).anomalies());

        // later scans, incremental and full, do not find it again
        assertEquals(0, deliverAt(start + 1_000));
        assertEquals(0, deliverAt(start + 30_000));
        assertEquals(1, vendor.orders.size());
    }

    @Test
    public void theVendorSeesTheCandidateAndTheJobOnlyWithTheScopesGranted() {
        Vendor vendor = open();
        String bare = order(connection("company-a", VENDOR, Set.of(StandardScopes.ASSESSMENT_RESULTS_WRITE)), start);
        String candidates = order(connection("company-b", VENDOR, Set.of(StandardScopes.CANDIDATES_READ)), start);
        String jobs = order(connection("company-c", VENDOR, Set.of(StandardScopes.JOBS_READ)), start);
        assertEquals(3, deliverAt(start));

        Map<String, AssessmentOrder> got = new HashMap<>();
        vendor.orders.forEach(o -> got.put(o.orderId(), o));
        assertEquals(new CandidateInfo(null, null, null), got.get(bare).candidate());
        assertNull(got.get(bare).jobTitle());
        assertEquals(new CandidateInfo("Ada", "Lovelace", "ada@example.com"), got.get(candidates).candidate());
        assertNull(got.get(candidates).jobTitle());
        assertEquals(new CandidateInfo(null, null, null), got.get(jobs).candidate());
        assertEquals("Engine programmer", got.get(jobs).jobTitle());
        assertEquals("hm-order-" + jobs, got.get(jobs).idempotencyKey());
        assertEquals("java-dev", got.get(jobs).packageId());
    }

    // ------------------------------------------------------------------------------ the scan

    @Test
    public void theScanPicksTheOrdersThatAreDueAndNoOthers() {
        Vendor vendor = open();
        String conn = connection(VENDOR);
        String early = order(conn, start - 1);
        String onTime = order(conn, start);
        String notYet = order(conn, start + 1);
        String done = order(conn, start - 10);
        set(done, "STATUS = 'CANCELLED', NEXTATTEMPTAT = NULL");

        assertEquals(2, deliverAt(start));
        assertEquals(Set.of(early, onTime), Set.copyOf(vendor.orderIds()));
        assertEquals(OrderStatus.PLACED, row(notYet).getStatus());

        assertEquals(1, deliverAt(start + 1_000));
        assertEquals(notYet, vendor.orders.get(2).orderId());
        assertEquals(OrderStatus.CANCELLED, row(done).getStatus());
    }

    @Test
    public void betweenScansTheDispatcherOnlyHandsOutWhatIsQueued() {
        Vendor vendor = open();
        String conn = connection(VENDOR);
        assertEquals("nothing due at the first (full) scan", 0, deliverAt(start));
        String id = order(conn, start + 500);

        assertEquals("the next scan is a dispatch interval later", 0, deliverAt(start + 999));
        assertEquals(1, deliverAt(start + 1_000));
        assertEquals(List.of(id), vendor.orderIds());
    }

    @Test
    public void anIncrementalScanReachesBackItsOverlapAndTheFullScanFindsTheRest() {
        Vendor vendor = open();
        String conn = connection(VENDOR);
        assertEquals(0, deliverAt(start));
        // committed slowly: due before the previous scan but written after it
        String withinOverlap = order(conn, start - 1_999);
        String beforeOverlap = order(conn, start - 2_000);

        assertEquals(1, deliverAt(start + 1_000));
        assertEquals(List.of(withinOverlap), vendor.orderIds());
        assertEquals("incremental scans do not reach it", 0, deliverAt(start + 29_000));
        assertEquals("the full scan, every 30 s, does", 1, deliverAt(start + 30_000));
        assertEquals(List.of(withinOverlap, beforeOverlap), vendor.orderIds());
        // the full scans follow each other every 30 s
        String late = order(conn, start - 5_000);
        assertEquals(0, deliverAt(start + 59_000));
        assertEquals(1, deliverAt(start + 60_000));
        assertEquals(late, vendor.orders.get(2).orderId());
    }

    /** Copies the orders table's rows until it has {@code count}: each copy with new ids (cheaper than placing them). */
    private void copiesOf(String id, int count) throws java.sql.SQLException {
        List<String> columns = new ArrayList<>();
        try (java.sql.Connection c = unit.dataSource().getConnection();
                java.sql.ResultSet rs = c.getMetaData().getColumns(null, null, "HM_ASSESSMENT_ORDER", null)) {
            while (rs.next()) {
                columns.add(rs.getString("COLUMN_NAME"));
            }
        }
        char round = 'a';
        for (int rows = 1; rows < count; rows *= 2, round++) {
            String suffix = " || '" + round + "'";
            String select = String.join(", ", columns.stream()
                    .map(col -> col.equals("ID") || col.equals("AUTOKEY") ? col + suffix : col).toList());
            unit.sql("INSERT INTO HM_ASSESSMENT_ORDER (" + String.join(", ", columns) + ") SELECT " + select
                    + " FROM HM_ASSESSMENT_ORDER WHERE ID LIKE '" + id + "%'");
        }
        try (java.sql.Connection c = unit.dataSource().getConnection();
                java.sql.Statement st = c.createStatement();
                java.sql.ResultSet rs = st.executeQuery("SELECT ID FROM HM_ASSESSMENT_ORDER WHERE ID LIKE '" + id
                        + "%' ORDER BY ID")) {
            List<String> extra = new ArrayList<>();
            int n = 0;
            while (rs.next()) {
                if (++n > count) {
                    extra.add(rs.getString(1));
                }
            }
            for (String e : extra) {
                unit.sql("DELETE FROM HM_ASSESSMENT_ORDER WHERE ID = '" + e + "'");
            }
        }
        unit.factory().getCache().evictAll();
    }

    /**
     * A backlog larger than one scan reads (2000 orders): the next scan reads everything again
     * rather than only what became due since, so the orders beyond the first 2000 are found too.
     */
    @Test
    public void aScanThatReadsItsLimitIsFollowedByAnotherFullScan() throws Exception {
        Vendor vendor = open();
        // 2000 orders of a plugin that is away (held for a minute once read), due before the one of a present one
        String away = order(connection(OTHER), start - 10_000);
        copiesOf(away, 2000);
        String beyond = order(connection(VENDOR), start - 5_000);

        assertEquals(0, deliverAt(start));
        assertEquals("held", start + 60_000, (long) row(away).getNextAttemptAt());
        assertEquals("not read yet", start - 5_000, (long) row(beyond).getNextAttemptAt());
        assertEquals("the next scan reads all again", 1, deliverAt(start + 1_000));
        assertEquals(List.of(beyond), vendor.orderIds());
        assertEquals(0, deliverAt(start + 30_000));
    }

    @Test
    public void aNewOrderHandedOverIsDeliveredAtOnceAndOnlyOnce() {
        Vendor vendor = open();
        String conn = connection(VENDOR);
        assertEquals(0, deliverAt(start));
        String id = order(conn, start + OrderMailbox.HANDOVER_GRACE_MS);
        mailbox.enqueue(id, VENDOR);
        mailbox.enqueue(id, VENDOR);

        assertEquals("queued before it is due, delivered before the next scan", 1, deliverAt(start + 1));
        assertEquals(List.of(id), vendor.orderIds());
        assertEquals(OrderStatus.SENT, row(id).getStatus());
        assertEquals("found again by no scan", 0, deliverAt(start + OrderMailbox.HANDOVER_GRACE_MS + 30_000));
    }

    @Test
    public void anOrderBeingDeliveredIsNotHandedOutAgain() {
        Vendor vendor = open();
        String conn = connection(VENDOR);
        String id = order(conn, start);
        now.set(start);
        assertEquals(1, round());

        // queued again and found again by a full scan while its delivery is still under way
        mailbox.enqueue(id, VENDOR);
        now.set(start + 30_000);
        assertEquals("still only the one delivery", 1, round());
        assertEquals(1, mailbox.inflight());
        assertEquals(1, workers.runAll());
        assertEquals(List.of(id), vendor.orderIds());
        assertEquals(0, mailbox.inflight());
    }

    @Test
    public void aBacklogOfOneIntegrationDoesNotHoldUpAnother() {
        Vendor vendor = new Vendor(VENDOR);
        Vendor other = new Vendor(OTHER);
        // 4 calls per integration: the mailbox uses 2, leaving 2 for interactive calls
        open(Map.of(), Map.of("plugin_max_concurrent_calls", 4), vendor, other);
        String a = connection("company-a", VENDOR, ALL_SCOPES);
        String b = connection("company-b", VENDOR, ALL_SCOPES);
        List<String> backlog = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            // two companies' orders on the same integration, due one after the other
            backlog.add(order(i % 2 == 0 ? a : b, start - 50 + i));
        }
        String otherOrder = order(connection("company-a", OTHER, ALL_SCOPES), start - 1);

        now.set(start);
        assertEquals("two of the backlog and the other integration's one", 3, round());
        assertEquals(3, mailbox.inflight());
        assertEquals("no free slot: nothing more", 3, round());
        workers.runAll();
        assertEquals("the earliest due first, whichever company", backlog.subList(0, 2), vendor.orderIds());
        assertEquals(List.of(otherOrder), other.orderIds());

        assertEquals(2, deliverAt(start + 1));
        assertEquals(backlog.subList(0, 4), vendor.orderIds());
        assertEquals(1, deliverAt(start + 2));
        assertEquals(backlog, vendor.orderIds());
    }

    @Test
    public void aSmallBulkheadStillLeavesTheMailboxOneSlotFreedOncePerDelivery() {
        Vendor vendor = open(Map.of(), Map.of("plugin_max_concurrent_calls", 2), new Vendor(VENDOR));
        String conn = connection(VENDOR);
        String first = order(conn, start - 3);
        String second = order(conn, start - 2);
        String third = order(conn, start - 1);

        for (int i = 1; i <= 3; i++) {
            now.set(start + i);
            assertEquals("one at a time, round " + i, 1, round());
            workers.runAll();
        }
        assertEquals(List.of(first, second, third), vendor.orderIds());
    }

    @Test
    public void aDeliveryThePoolRefusesIsLeftForTheNextScanAndFreesItsSlot() {
        Vendor vendor = open(Map.of(), Map.of("plugin_max_concurrent_calls", 3), new Vendor(VENDOR));
        String id = order(connection(VENDOR), start);
        workers.rejecting = true;
        now.set(start);
        assertEquals(0, round());
        assertEquals(0, mailbox.inflight());
        assertEquals(OrderStatus.PLACED, row(id).getStatus());

        workers.rejecting = false;
        assertEquals("the next scan finds it; its slot is free", 1, deliverAt(start + 1_000));
        assertEquals(List.of(id), vendor.orderIds());
        assertEquals(OrderStatus.SENT, row(id).getStatus());
    }

    // ------------------------------------------------------------------------------ failures

    @Test
    public void aVendorThatCannotTakeTheOrderNowIsRetriedWithGrowingWaits() {
        Vendor vendor = open();
        vendor.answer = (o, cb) -> {
            throw IntegrationException.unavailable("down for maintenance");
        };
        String id = order(connection(VENDOR), start);

        assertEquals(1, deliverAt(start));
        AssessmentOrderEntity o = row(id);
        assertEquals(OrderStatus.PLACED, o.getStatus());
        assertEquals(1, o.getDeliveryAttempts());
        assertEquals("down for maintenance", o.getLastError());
        // retry.initial.ms 10 s with 30 % jitter, doubling, capped at retry.max.ms 25 s
        long first = o.getNextAttemptAt();
        assertWithin("first wait", first - start, 7_000, 13_000);

        assertEquals("not before it is due", 0, deliverAt(first - 1));
        assertEquals("at the first scan after it", 1, deliverAt(first + 999));
        long second = row(id).getNextAttemptAt();
        assertWithin("second wait", second - (first + 999), 14_000, 25_000);
        assertEquals(2, row(id).getDeliveryAttempts());

        assertEquals(1, deliverAt(second));
        long third = row(id).getNextAttemptAt();
        assertEquals("capped", 25_000, third - second);

        vendor.answer = (ord, cb) -> new OrderAcknowledgement("V-1", null);
        assertEquals(1, deliverAt(third));
        o = row(id);
        assertEquals(OrderStatus.SENT, o.getStatus());
        assertEquals(4, o.getAttemptsMade());
        assertEquals(3, o.getDeliveryAttempts());
        assertNull(o.getLastError());
        assertEquals("Acknowledged by the vendor as V-1 after 4 attempts", o.getSentNote());
        assertEquals("every attempt with the same key", List.of("hm-order-" + id), vendor.orders.stream()
                .map(AssessmentOrder::idempotencyKey).distinct().toList());
    }

    @Test
    public void aVendorRefusingTheOrderFailsItWithItsReason() {
        Vendor vendor = open();
        vendor.answer = (o, cb) -> {
            throw IntegrationException.invalid("UNKNOWN_PACKAGE", "no such package");
        };
        String id = order(connection(VENDOR), start);

        assertEquals(1, deliverAt(start));
        AssessmentOrderEntity o = row(id);
        assertEquals(OrderStatus.FAILED, o.getStatus());
        assertEquals("UNKNOWN_PACKAGE", o.getStatusCode());
        assertEquals("Refused by the vendor (UNKNOWN_PACKAGE): no such package", o.getReason());
        assertEquals(1, o.getAttemptsMade());
        assertNull("given up: no longer due", o.getNextAttemptAt());
        assertEquals("UNKNOWN_PACKAGE", AssessmentService.statusDetail(o));
        assertEquals(0, deliverAt(start + 30_000));
        assertEquals(1, vendor.orders.size());
    }

    @Test
    public void anOrderNoVendorAcknowledgedWithinTheTimeLimitIsGivenUp() {
        Vendor vendor = open();
        vendor.answer = (o, cb) -> {
            throw IntegrationException.unavailable("still down");
        };
        String conn = connection(VENDOR);
        long limit = Duration.ofHours(2).toMillis(); // delivery.max.hours
        String old = order(conn, start - limit, start);
        String younger = order(conn, start - limit + 1, start);

        assertEquals(2, deliverAt(start));
        AssessmentOrderEntity o = row(old);
        assertEquals(OrderStatus.FAILED, o.getStatus());
        assertEquals(DeliveryPolicy.NOT_ACKNOWLEDGED, o.getStatusCode());
        assertEquals("Not acknowledged by the vendor within 2 hours after 1 attempts; last error: still down",
                o.getReason());
        assertNull(o.getNextAttemptAt());
        assertEquals(1, o.getAttemptsMade());

        AssessmentOrderEntity y = row(younger);
        assertEquals(OrderStatus.PLACED, y.getStatus());
        assertEquals("still down", y.getLastError());
        assertWithin("retry", y.getNextAttemptAt() - start, 7_000, 13_000);
    }

    @Test
    public void aVendorAnsweringWithoutAnAcknowledgementIsTriedAgain() {
        Vendor vendor = open();
        vendor.answer = (o, cb) -> null;
        String id = order(connection(VENDOR), start);

        assertEquals(1, deliverAt(start));
        AssessmentOrderEntity o = row(id);
        assertEquals(OrderStatus.PLACED, o.getStatus());
        assertEquals("the vendor gave no acknowledgement (null)", o.getLastError());
        assertEquals(1, o.getDeliveryAttempts());
        assertWithin("retry", o.getNextAttemptAt() - start, 7_000, 13_000);
    }

    @Test
    public void aPluginThatThrowsIsTriedAgainAndFreesItsSlot() {
        Vendor vendor = open(Map.of(), Map.of("plugin_max_concurrent_calls", 3), new Vendor(VENDOR));
        vendor.answer = (o, cb) -> {
            throw new IllegalStateException("boom");
        };
        String conn = connection(VENDOR);
        String first = order(conn, start - 1);
        String second = order(conn, start);

        assertEquals(1, deliverAt(start));
        AssessmentOrderEntity o = row(first);
        assertEquals(OrderStatus.PLACED, o.getStatus());
        assertEquals("the integration failed in placeOrder: IllegalStateException: boom", o.getLastError());
        assertEquals(1, o.getDeliveryAttempts());
        assertWithin("retry", o.getNextAttemptAt() - start, 7_000, 13_000);
        assertEquals(0, mailbox.inflight());

        assertEquals("the slot is free for the next one", 1, deliverAt(start + 1));
        assertEquals(List.of(first, second), vendor.orderIds());
        assertEquals(1, registry.caller().health(VENDOR).failures() - 1);
    }

    @Test
    public void aPluginThatHangsIsCutOffAtTheCallTimeLimit() {
        Vendor vendor = open(Map.of(), Map.of("plugin_call_timeout_ms", 150L, "plugin_max_concurrent_calls", 3),
                new Vendor(VENDOR));
        CountDownLatch never = new CountDownLatch(1);
        hung.add(never);
        vendor.answer = (o, cb) -> {
            try {
                never.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new OrderAcknowledgement("too-late", null);
        };
        String conn = connection(VENDOR);
        String id = order(conn, start - 1);
        String next = order(conn, start);

        long t0 = System.nanoTime();
        assertEquals(1, deliverAt(start));
        assertTrue("bounded by the time limit", System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(5));
        AssessmentOrderEntity o = row(id);
        assertEquals(OrderStatus.PLACED, o.getStatus());
        assertEquals("the integration did not answer placeOrder within 150 ms", o.getLastError());
        assertEquals(1, o.getDeliveryAttempts());
        assertWithin("retry", o.getNextAttemptAt() - start, 7_000, 13_000);
        assertEquals(0, mailbox.inflight());

        vendor.answer = (ord, cb) -> new OrderAcknowledgement("V-next", null);
        assertEquals("the slot is free for the next one", 1, deliverAt(start + 1));
        assertEquals(OrderStatus.SENT, row(next).getStatus());
    }

    @Test
    public void aPluginBusyWithOtherCallsIsTriedAgainLaterWithoutBeingCalled() throws Exception {
        Vendor vendor = open(Map.of(), Map.of("plugin_max_concurrent_calls", 3, "plugin_call_timeout_ms", 10_000L),
                new Vendor(VENDOR));
        CountDownLatch release = new CountDownLatch(1);
        hung.add(release);
        ExecutorService interactive = Executors.newFixedThreadPool(3);
        try {
            for (int i = 0; i < 3; i++) {
                interactive.submit(() -> registry.caller().call(VENDOR, "listPackages", () -> {
                    release.await();
                    return List.of();
                }));
            }
            await("three interactive calls running", () -> registry.caller().health(VENDOR).runningCalls() == 3);
            String id = order(connection(VENDOR), start);

            assertEquals(1, deliverAt(start));
            assertEquals("not called", List.of(), vendor.orders);
            AssessmentOrderEntity o = row(id);
            assertEquals(OrderStatus.PLACED, o.getStatus());
            assertEquals("integration skillcheck already has 3 calls running; placeOrder was not attempted",
                    o.getLastError());
            assertEquals(1, o.getDeliveryAttempts());
            assertWithin("retry", o.getNextAttemptAt() - start, 7_000, 13_000);

            release.countDown();
            await("interactive calls done", () -> registry.caller().health(VENDOR).runningCalls() == 0);
            assertEquals(1, deliverAt(o.getNextAttemptAt()));
            assertEquals(OrderStatus.SENT, row(id).getStatus());
        } finally {
            release.countDown();
            interactive.shutdownNow();
        }
    }

    @Test
    public void anOpenBreakerHoldsTheIntegrationsOrdersButNoOtherIntegrations() {
        Vendor vendor = new Vendor(VENDOR);
        Vendor other = new Vendor(OTHER);
        open(Map.of(), Map.of("breaker_window", 2, "breaker_minimum_calls", 2, "breaker_open_seconds", 30L), vendor,
                other);
        vendor.answer = (o, cb) -> {
            throw new IllegalStateException("broken");
        };
        String conn = connection(VENDOR);
        String first = order(conn, start - 2);
        String second = order(conn, start - 1);
        assertEquals(2, deliverAt(start));
        Instant paused = registry.caller().pausedUntil(VENDOR);
        assertNotNull("two faults in a window of two opened the breaker", paused);
        assertWithin("the first waits its backoff", row(first).getNextAttemptAt() - start, 7_000, 13_000);
        assertEquals("the second waits for the breaker", paused.toEpochMilli(), (long) row(second).getNextAttemptAt());

        String held = order(conn, start + 1);
        String later = order(conn, start + 100_000);
        String otherOrder = order(connection(OTHER), start + 1);
        now.set(start + 1_000);
        assertEquals("only the other integration's order", 1, round());
        assertEquals(paused.toEpochMilli(), (long) row(held).getNextAttemptAt());
        assertEquals("not yet due: untouched", start + 100_000, (long) row(later).getNextAttemptAt());
        workers.runAll();
        assertEquals(List.of(otherOrder), other.orderIds());
        assertEquals(2, vendor.orders.size());
        assertEquals(0, row(held).getDeliveryAttempts());
    }

    @Test
    public void theHostFailingToPrepareADeliveryTriesItAgain() {
        Vendor vendor = open();
        String conn = connection(VENDOR);
        db.tx(em -> {
            em.find(ConnectionEntity.class, conn).setAccountData("{not json");
            return null;
        });
        String id = order(conn, start);

        assertEquals(1, deliverAt(start));
        assertEquals(List.of(), vendor.orders);
        AssessmentOrderEntity o = row(id);
        assertEquals(OrderStatus.PLACED, o.getStatus());
        assertEquals("the host could not deliver the order: stored partner account is not readable", o.getLastError());
        assertEquals(1, o.getDeliveryAttempts());
        assertWithin("retry", o.getNextAttemptAt() - start, 7_000, 13_000);
        assertEquals(0, mailbox.inflight());
    }

    @Test
    public void anOrderWhoseConnectionIsGoneFailsWithoutCallingTheVendor() {
        Vendor vendor = open();
        String conn = connection(VENDOR);
        String id = order(conn, start);
        db.tx(em -> {
            em.remove(em.find(ConnectionEntity.class, conn));
            return null;
        });

        assertEquals(1, deliverAt(start));
        assertEquals(List.of(), vendor.orders);
        AssessmentOrderEntity o = row(id);
        assertEquals(OrderStatus.FAILED, o.getStatus());
        assertEquals("CONNECTION_GONE", o.getStatusCode());
        assertEquals("The connection of the order no longer exists", o.getReason());
        assertEquals("no vendor was called", 0, o.getAttemptsMade());
        assertNull(o.getNextAttemptAt());
    }

    @Test
    public void anOrderNoLongerOwedWhenItsTurnComesIsNotDelivered() {
        Vendor vendor = open();
        String conn = connection(VENDOR);
        String cancelled = order(conn, start + 5_000);
        String acknowledged = sent(conn, "V-sent");
        String vanished = "order-that-was-never-committed";
        mailbox.enqueue(cancelled, VENDOR);
        mailbox.enqueue(acknowledged, VENDOR);
        mailbox.enqueue(vanished, VENDOR);
        set(cancelled, "STATUS = 'CANCELLED', NEXTATTEMPTAT = NULL");

        assertEquals(3, deliverAt(start));
        assertEquals(List.of(), vendor.orders);
        assertEquals(OrderStatus.CANCELLED, row(cancelled).getStatus());
        assertEquals(OrderStatus.SENT, row(acknowledged).getStatus());
        assertEquals(0, row(acknowledged).getDeliveryAttempts());
        assertNull(row(vanished));
        assertEquals(0, mailbox.inflight());
    }

    @Test
    public void thePartnerAccountIsOpenedOncePerConnectionForFiveSeconds() {
        Vendor vendor = open();
        String conn = connection(VENDOR);
        String[] ids = { order(conn, start + 60_000), order(conn, start + 60_000), order(conn, start + 60_000),
            order(conn, start + 60_000) };
        long[] at = { start, start + 1, start + 4_999, start + 5_000 };
        for (int i = 0; i < ids.length; i++) {
            mailbox.enqueue(ids[i], VENDOR);
            assertEquals(1, deliverAt(at[i]));
        }
        List<ConnectionContext> c = vendor.contexts;
        assertSame(c.get(0), c.get(1));
        assertSame(c.get(0), c.get(2));
        assertNotSame("opened again after five seconds", c.get(0), c.get(3));
        assertEquals(conn, c.get(3).connectionId());
    }

    // ------------------------------------------------------------------------------ absent and back

    @Test
    public void theOrdersOfAnAbsentPluginWaitAndAreLookedAtAgainInAMinute() {
        Vendor other = new Vendor(OTHER);
        open(Map.of(), Map.of(), other);
        String conn = connection(VENDOR);
        String waiting = order(conn, start);
        String notDue = order(conn, start + 100_000);
        String otherOrder = order(connection(OTHER), start);

        now.set(start);
        assertEquals("the present integration's order only", 1, round());
        workers.runAll();
        assertEquals(List.of(otherOrder), other.orderIds());
        AssessmentOrderEntity w = row(waiting);
        assertEquals(OrderStatus.PLACED, w.getStatus());
        assertEquals(start + 60_000, (long) w.getNextAttemptAt());
        assertEquals("no attempt counted", 0, w.getDeliveryAttempts());
        assertEquals(start + 100_000, (long) row(notDue).getNextAttemptAt());

        // one becoming due between scans is left alone until a scan queues it
        String between = order(conn, start);
        assertEquals(0, deliverAt(start + 1));
        assertEquals(start, (long) row(between).getNextAttemptAt());
        // handed over again while the plugin is still away: held again
        mailbox.enqueue(between, VENDOR);
        assertEquals(0, deliverAt(start + 2));
        assertEquals(start + 60_002, (long) row(between).getNextAttemptAt());
    }

    @Test
    public void aPluginThatIsNoAssessmentProviderIsTreatedAsAbsent() {
        open(Map.of(), Map.of(), new Vendor(OTHER));
        registry.present(board(VENDOR));
        String id = order(connection(VENDOR), start);

        assertEquals(0, deliverAt(start));
        assertEquals(start + 60_000, (long) row(id).getNextAttemptAt());
        // nor does its (re)appearance schedule anything
        registry.arrive(board(VENDOR));
        poller.runAll();
        assertEquals(start + 60_000, (long) row(id).getNextAttemptAt());
        assertEquals(0, deliverAt(start + 1));
    }

    @Test
    public void whenThePluginComesBackItsWaitingOrdersAreDeliveredAndItsOpenOnesAgain() {
        Vendor other = new Vendor(OTHER);
        open(Map.of(), Map.of(), other);
        poller.runAll(); // the start-up recovery, with nothing to do yet
        String conn = connection(VENDOR);
        String waiting = order(conn, start);
        String acknowledged = sent(conn, "V-ack");
        String started = sent(conn, "V-started");
        mailbox.ledger().report(started, conn, AssessmentUpdate.inProgress(Instant.now()));
        String finished = sent(conn, "V-done");
        mailbox.ledger().report(finished, conn, completed(80));
        String otherOrder = order(connection(OTHER), start + 100_000);
        assertEquals(0, deliverAt(start));
        assertEquals(start + 60_000, (long) row(waiting).getNextAttemptAt());
        Long sentAt = row(acknowledged).getSentAt();

        Vendor back = new Vendor(VENDOR);
        back.answer = (o, cb) -> new OrderAcknowledgement(row(o.orderId()).getVendorReference() == null
                ? "V-" + o.orderId() : row(o.orderId()).getVendorReference(), null);
        now.set(start + 10);
        registry.arrive(back);
        assertEquals("handed to the poller, not done on the registry's thread", 1, poller.pending());
        poller.runAll();
        assertEquals(start + 10, (long) row(waiting).getNextAttemptAt());
        assertFalse(row(waiting).isRedeliver());
        for (String open : List.of(acknowledged, started)) {
            assertEquals(start + 10, (long) row(open).getNextAttemptAt());
            assertTrue(row(open).isRedeliver());
        }
        assertNull(row(finished).getNextAttemptAt());
        assertFalse(row(finished).isRedeliver());
        assertEquals(start + 100_000, (long) row(otherOrder).getNextAttemptAt());

        assertEquals("a full scan at once, before the next interval", 3, deliverAt(start + 11));
        assertEquals(Set.of(waiting, acknowledged, started), Set.copyOf(back.orderIds()));
        assertEquals(Set.of("hm-order-" + waiting, "hm-order-" + acknowledged, "hm-order-" + started),
                back.orders.stream().map(AssessmentOrder::idempotencyKey).collect(java.util.stream.Collectors.toSet()));
        assertEquals(OrderStatus.SENT, row(waiting).getStatus());
        assertEquals(OrderStatus.SENT, row(acknowledged).getStatus());
        assertEquals(OrderStatus.IN_PROGRESS, row(started).getStatus());
        for (String id : List.of(waiting, acknowledged, started)) {
            assertNull(row(id).getNextAttemptAt());
            assertFalse(row(id).isRedeliver());
        }
        assertEquals("the first acknowledgement stands", sentAt, row(acknowledged).getSentAt());
        assertEquals("V-ack", row(acknowledged).getVendorReference());
        assertEquals(OrderStatus.COMPLETED, row(finished).getStatus());
        assertEquals(0, registry.caller().health(VENDOR).anomalies());
        assertEquals(0, deliverAt(start + 30_011));
    }

    /**
     * The plugin announced again (its bundle updated) while an acknowledgement is being recorded:
     * the recovery reschedules the integration's orders in one update, which changes the order's
     * row between the ledger reading and writing it. The acknowledgement is still recorded.
     */
    @Test
    public void anAcknowledgementIsRecordedEvenWhenTheOrderIsRescheduledMeanwhile() {
        mailboxDb = interleaving();
        Vendor vendor = open();
        String id = order(connection(VENDOR), start);
        now.set(start);
        assertEquals(1, round());
        beforeAGroupCommit = () -> {
            registry.arrive(vendor);
            poller.runAll();
        };
        workers.runAll();
        assertNull("the other writer ran", beforeAGroupCommit);

        AssessmentOrderEntity o = row(id);
        assertEquals(OrderStatus.SENT, o.getStatus());
        assertEquals("V-" + id, o.getVendorReference());
        assertNull(o.getLastError());
        assertNull(o.getNextAttemptAt());
        assertEquals(1, o.getAttemptsMade());
        assertEquals(0, o.getDeliveryAttempts());
        assertEquals(1, vendor.orders.size());
    }

    @Test
    public void anAcknowledgementTheDatabaseCannotTakeIsTriedAgainLater() {
        mailboxDb = interleaving();
        Vendor vendor = open();
        String id = order(connection(VENDOR), start);
        now.set(start);
        assertEquals(1, round());
        failNextGroupCommit = true;
        workers.runAll();

        AssessmentOrderEntity o = row(id);
        assertEquals(OrderStatus.PLACED, o.getStatus());
        assertEquals("the host could not deliver the order: the database is not available at the moment", o.getLastError());
        assertEquals(1, o.getDeliveryAttempts());
        assertWithin("retry", o.getNextAttemptAt() - start, 7_000, 13_000);
        assertEquals(1, vendor.orders.size());
    }

    @Test
    public void aRedeliveryAcknowledgedWithAnotherReferenceIsAnAnomalyOfTheIntegration() {
        open(Map.of(), Map.of(), new Vendor(OTHER));
        String conn = connection(VENDOR);
        String id = sent(conn, "V-first");
        Vendor forgetful = new Vendor(VENDOR);
        forgetful.answer = (o, cb) -> new OrderAcknowledgement("V-second", null);
        registry.arrive(forgetful);
        poller.runAll();

        assertEquals(1, deliverAt(start));
        AssessmentOrderEntity o = row(id);
        assertEquals("V-first", o.getVendorReference());
        assertEquals(OrderStatus.SENT, o.getStatus());
        assertFalse(o.isRedeliver());
        assertEquals(1, registry.caller().health(VENDOR).anomalies());
        assertEquals("Redelivery of order " + id + " acknowledged as V-second, not as V-first: the vendor did not"
                + " honour the idempotency key hm-order-" + id + " and may hold the order twice",
                registry.caller().health(VENDOR).lastFailure());
    }

    @Test
    public void aRedeliveryTheVendorRefusesLeavesTheOrderItHas() {
        open(Map.of(), Map.of(), new Vendor(OTHER));
        String conn = connection(VENDOR);
        String id = sent(conn, "V-first");
        Vendor refusing = new Vendor(VENDOR);
        refusing.answer = (o, cb) -> {
            throw IntegrationException.invalid("ACCOUNT_SUSPENDED", "account suspended");
        };
        registry.arrive(refusing);
        poller.runAll();

        assertEquals(1, deliverAt(start));
        AssessmentOrderEntity o = row(id);
        assertEquals(OrderStatus.SENT, o.getStatus());
        assertFalse(o.isRedeliver());
        assertNull(o.getNextAttemptAt());
        assertEquals("V-first", o.getVendorReference());
        assertEquals(0, deliverAt(start + 30_000));
    }

    @Test
    public void aRedeliveryThatFailsIsRetriedAndNeverGivenUpForAge() {
        open(Map.of(), Map.of(), new Vendor(OTHER));
        String conn = connection(VENDOR);
        String id = sent(conn, "V-first");
        set(id, "PLACEDAT = " + (start - Duration.ofHours(3).toMillis()));
        Vendor down = new Vendor(VENDOR);
        down.answer = (o, cb) -> {
            throw IntegrationException.unavailable("restarting");
        };
        registry.arrive(down);
        poller.runAll();

        assertEquals(1, deliverAt(start));
        AssessmentOrderEntity o = row(id);
        assertEquals(OrderStatus.SENT, o.getStatus());
        assertTrue("still to be redelivered", o.isRedeliver());
        assertEquals("restarting", o.getLastError());
        assertWithin("retry", o.getNextAttemptAt() - start, 7_000, 13_000);
    }

    @Test
    public void atStartTheOpenOrdersOfEveryUsablePluginAreDeliveredAgain() {
        Vendor vendor = new Vendor(VENDOR);
        Vendor other = new Vendor(OTHER);
        registry = registry(Map.of());
        registry.present(vendor);
        registry.present(other, List.of("integration id 'quizly' is already provided by another bundle"));
        connections = new ConnectionService(db, registry, null, new CompanyService(db));
        // orders acknowledged before the host stopped
        OrderLedger ledger = new OrderLedger(db);
        String mine;
        String theirs;
        try {
            mine = order(connection(VENDOR), start);
            ledger.acknowledged(mine, new OrderAcknowledgement("V-1", null));
            theirs = order(connection(OTHER), start);
            ledger.acknowledged(theirs, new OrderAcknowledgement("Q-1", null));
        } finally {
            ledger.close();
        }
        now.set(start + 7);
        mailbox = driven(db, Map.of());
        assertEquals(1, registry.listeners.size());
        assertEquals("recovery waits for the poller", 1, poller.pending());
        assertNull(row(mine).getNextAttemptAt());
        poller.runAll();

        assertTrue(row(mine).isRedeliver());
        assertEquals(start + 7, (long) row(mine).getNextAttemptAt());
        assertFalse("a refused registration is not used", row(theirs).isRedeliver());
        assertNull(row(theirs).getNextAttemptAt());
        assertEquals(1, deliverAt(start + 7));
        assertEquals(List.of(mine), vendor.orderIds());
        assertEquals(List.of(), other.orders);
        assertEquals("no polling unless configured", List.of(), poller.periodic);
    }

    // ------------------------------------------------------------------------------ polling

    @Test
    public void openOrdersOfVendorsThatSupportPollingArePolledAtTheConfiguredInterval() {
        Vendor vendor = new Vendor(VENDOR);
        Vendor quiet = new Vendor(OTHER);
        open(Map.of("poll_interval_seconds", 45), Map.of(), vendor, quiet);
        assertEquals(List.of(new ManualExecutor.Periodic(poller.periodic.get(0).task(), 45, 45, TimeUnit.SECONDS)),
                poller.periodic);
        vendor.polling = true;
        String conn = connection(VENDOR);
        String reported = sent(conn, "V-1");
        String started = sent(conn, "V-2");
        mailbox.ledger().report(started, conn, AssessmentUpdate.inProgress(Instant.now()));
        String nothingNew = sent(conn, "V-3");
        String invalid = sent(conn, "V-4");
        String waiting = order(conn, start);
        String redelivering = sent(conn, "V-5");
        set(redelivering, "REDELIVER = 1, NEXTATTEMPTAT = " + start);
        String notAllowed = sent(connection("company-b", VENDOR, Set.of(StandardScopes.CANDIDATES_READ)), "V-6");
        String gone = sent(connection("company-c", VENDOR, ALL_SCOPES), "V-7");
        set(gone, "CONNECTIONID = 'conn-gone'");
        String otherOrder = sent(connection(OTHER), "Q-1");
        vendor.updates.put(reported, completed(80));
        vendor.updates.put(started, completed(55));
        vendor.updates.put(invalid, completed(150));
        vendor.updates.put(notAllowed, completed(90));

        poller.periodic.get(0).task().run();

        assertEquals(Set.of(reported + "@V-1", started + "@V-2", nothingNew + "@V-3", invalid + "@V-4",
                notAllowed + "@V-6"), Set.copyOf(vendor.polled));
        assertEquals(OrderStatus.COMPLETED, row(reported).getStatus());
        assertEquals(80.0, row(reported).getScore(), 0.0);
        assertEquals(OrderStatus.COMPLETED, row(started).getStatus());
        assertEquals(OrderStatus.SENT, row(nothingNew).getStatus());
        assertEquals("an invalid result is not stored", OrderStatus.SENT, row(invalid).getStatus());
        assertEquals("results only with assessments.results.write", OrderStatus.SENT, row(notAllowed).getStatus());
        assertEquals(OrderStatus.PLACED, row(waiting).getStatus());
        assertEquals(OrderStatus.SENT, row(redelivering).getStatus());
        assertEquals(OrderStatus.SENT, row(gone).getStatus());
        assertEquals("a vendor that does not poll is not asked", List.of(), quiet.polled);
        assertEquals(OrderStatus.SENT, row(otherOrder).getStatus());
    }

    @Test
    public void aVendorThatFailsAPollIsLeftUntilTheNextRoundAndOthersArePolled() {
        Vendor vendor = new Vendor(VENDOR);
        Vendor other = new Vendor(OTHER);
        Vendor refused = new Vendor("zz-refused");
        open(Map.of(), Map.of(), other, vendor);
        registry.present(refused, List.of("descriptor() returned null"));
        vendor.polling = true;
        other.polling = true;
        refused.polling = true;
        vendor.pollFailure = IntegrationException.unavailable("busy");
        String conn = connection(VENDOR);
        sent(conn, "V-1");
        sent(conn, "V-2");
        String theirs = sent(connection(OTHER), "Q-1");
        sent(connection("zz-refused"), "Z-1");
        other.updates.put(theirs, AssessmentUpdate.inProgress(Instant.now()));

        mailbox.pollOpenOrders();

        assertEquals("the first failure ends this vendor's round", 1, vendor.polled.size());
        assertEquals(List.of(theirs + "@Q-1"), other.polled);
        assertEquals(OrderStatus.IN_PROGRESS, row(theirs).getStatus());
        assertEquals("a refused registration is not polled", List.of(), refused.polled);
    }

    @Test
    public void aStoppedMailboxPollsNoMoreOrders() {
        Vendor vendor = open();
        vendor.polling = true;
        sent(connection(VENDOR), "V-1");
        mailbox.deactivate();
        mailbox.pollOpenOrders();
        assertEquals(List.of(), vendor.polled);
        mailbox = null;
    }

    // ------------------------------------------------------------------------------ life cycle

    @Test
    public void deactivatingStopsListeningAndShutsTheExecutorsDown() {
        open();
        Consumer<RegisteredIntegration> listener = registry.listeners.get(0);
        stop();
        assertEquals(List.of(), registry.listeners);
        assertTrue(workers.isShutdown());
        assertTrue(poller.isShutdown());
        // told by a registry that still had it: nothing happens, nothing is thrown
        listener.accept(registry.present(new Vendor(VENDOR)));
        assertEquals(0, poller.pending());
    }

    /** The component as OSGi makes it: its own dispatcher, delivery threads and the system clock. */
    @Test
    public void theComponentDeliversOnItsOwnThreadsWhenWokenAndStopsThem() {
        // one delivery at a time, and an idle check of a minute: within the test's bound only being woken delivers
        registry = registry(Map.of("plugin_max_concurrent_calls", 3));
        Vendor vendor = new Vendor(VENDOR);
        registry.present(vendor);
        connections = new ConnectionService(db, registry, null, new CompanyService(db));
        String conn = connection(VENDOR);
        long later = System.currentTimeMillis() + 600_000;
        String first = order(conn, later);
        String second = order(conn, later);
        Set<Thread> before = dispatchers();
        engine = new Mailbox(registry, config(MailboxConfig.class, settings(Map.of("dispatch_interval_ms", 60_000L,
                "delivery_threads", 1))));
        mailbox = new OrderMailbox(db, registry, connections, engine, assessmentConfig(Map.of()));
        await("made due by the start-up recovery, found at once and delivered one after the other",
                () -> row(first).getStatus() == OrderStatus.SENT && row(second).getStatus() == OrderStatus.SENT);

        String third = order(conn, later);
        mailbox.enqueue(third, VENDOR);
        await("handed over and delivered", () -> row(third).getStatus() == OrderStatus.SENT);
        assertEquals(Set.of(first, second, third), Set.copyOf(vendor.orderIds()));
        assertEquals(3, vendor.orders.size());

        Set<Thread> started = dispatchers();
        started.removeAll(before);
        assertEquals(1, started.size());
        stop();
        await("the dispatcher ends", () -> started.stream().noneMatch(Thread::isAlive));
    }

    private static Set<Thread> dispatchers() {
        Set<Thread> out = new java.util.HashSet<>();
        Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().equals("hiremarket-mailbox-dispatcher")).forEach(out::add);
        return out;
    }
}
