package org.hiremarket.core.internal.assessment;

import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.hiremarket.api.assessment.AssessmentCallback;
import org.hiremarket.api.assessment.AssessmentOrder;
import org.hiremarket.api.assessment.AssessmentPackage;
import org.hiremarket.api.assessment.AssessmentProvider;
import org.hiremarket.api.assessment.OrderAcknowledgement;
import org.hiremarket.api.integration.ConnectResult;
import org.hiremarket.api.integration.ConnectionContext;
import org.hiremarket.api.integration.DataScope;
import org.hiremarket.api.integration.Integration;
import org.hiremarket.api.integration.IntegrationDescriptor;
import org.hiremarket.api.integration.IntegrationException;
import org.hiremarket.api.integration.IntegrationKind;
import org.hiremarket.api.integration.StandardScopes;
import org.hiremarket.api.jobboard.JobAd;
import org.hiremarket.api.jobboard.JobBoard;
import org.hiremarket.core.internal.mailbox.Mailbox;
import org.hiremarket.core.internal.mailbox.MailboxConfig;
import org.hiremarket.core.internal.marketplace.TestDescriptors;
import org.hiremarket.api.jobboard.Publication;
import org.hiremarket.core.internal.candidate.ApplicationService;
import org.hiremarket.core.internal.candidate.CandidateViews.ApplicationView;
import org.hiremarket.core.internal.candidate.CandidateViews.ApplyIn;
import org.hiremarket.core.internal.candidate.CandidateViews.CandidateIn;
import org.hiremarket.core.internal.company.CompanyService;
import org.hiremarket.core.internal.company.TestCompanies;
import org.hiremarket.core.internal.identity.Caller;
import org.hiremarket.core.internal.job.JobService;
import org.hiremarket.core.internal.job.JobViews.CreateJob;
import org.hiremarket.core.internal.job.JobViews.IdRef;
import org.hiremarket.core.internal.job.JobViews.LocationIn;
import org.hiremarket.core.internal.marketplace.ConnectionEntity;
import org.hiremarket.core.internal.marketplace.ConnectionService;
import org.hiremarket.core.internal.marketplace.ConnectionState;
import org.hiremarket.core.internal.marketplace.IntegrationRegistry;
import org.hiremarket.core.internal.marketplace.MarketplaceConfig;
import org.hiremarket.core.internal.marketplace.MarketplaceService;
import org.hiremarket.core.internal.persistence.Database;
import org.hiremarket.core.internal.persistence.InMemoryUnit;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;

/**
 * For the assessment and hiring-step service tests: the real services on an in-memory Derby, an
 * integration registry holding fake vendors, and a mailbox that only records what it is handed
 * (it delivers nothing, so an order stays as the test leaves it).
 */
final class OrderingFixture implements AutoCloseable {

    static final String VENDOR = "skillcheck";

    final InMemoryUnit unit;
    final Database db;
    final IntegrationRegistry registry;
    final MarketplaceService marketplace;
    final ConnectionService connections;
    final RecordingMailbox mailbox;
    private final Mailbox engine;
    final AssessmentService assessments;
    final HiringStepService steps;
    final JobService jobs;
    final ApplicationService applications;
    final OrderLedger ledger;
    private final IntegrationRegistry emptyRegistry;
    private final Path keyDir;
    private final AtomicLong serviceIds = new AtomicLong(100);
    private final AtomicInteger companies = new AtomicInteger();

    OrderingFixture(int packageCacheSeconds) {
        unit = new InMemoryUnit(true);
        db = unit.database();
        try {
            keyDir = Files.createTempDirectory("hm-assess-test");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        MarketplaceConfig mc = annotation(MarketplaceConfig.class, Map.of("secrets_key_file",
                keyDir.resolve("secret.key").toString(), "breaker_minimum_calls", 1000, "plugin_threads", 4,
                "plugin_call_timeout_ms", 5_000L));
        registry = new IntegrationRegistry(mc);
        emptyRegistry = new IntegrationRegistry(mc);
        marketplace = new MarketplaceService(db, registry);
        connections = new ConnectionService(db, registry, marketplace, new CompanyService(db));
        AssessmentConfig ac = annotation(AssessmentConfig.class, Map.of("package_cache_seconds", packageCacheSeconds,
                "poll_interval_seconds", 0));
        engine = new Mailbox(emptyRegistry, annotation(MailboxConfig.class, Map.of("dispatch_interval_ms", 3_600_000L,
                "delivery_threads", 1)));
        mailbox = new RecordingMailbox(db, emptyRegistry, connections, engine, ac);
        assessments = new AssessmentService(db, registry, marketplace, connections, mailbox, ac);
        steps = new HiringStepService(db, assessments, mailbox);
        jobs = new JobService(db);
        applications = new ApplicationService(db);
        ledger = mailbox.ledger();
    }

    @Override
    public void close() {
        assessments.deactivate();
        mailbox.deactivate();
        engine.deactivate();
        invoke(marketplace, "deactivate");
        invoke(registry, "deactivate");
        invoke(emptyRegistry, "deactivate");
        unit.close();
        try (var files = Files.walk(keyDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (java.io.IOException ignored) {
            // a temporary directory left behind
        }
    }

    /** A new company (names are unique, so each gets a number): its API key as the caller. */
    Caller company(String name) {
        return TestCompanies.create(db, name + "-" + companies.incrementAndGet());
    }

    /** Forgets what the tests before did with the vendors and the mailbox. */
    void reset(Vendor... vendors) {
        mailbox.enqueued.clear();
        for (Vendor v : vendors) {
            v.reset();
        }
    }

    // ------------------------------------------------------------------------------ integrations

    /** Deploys the integration's service as the OSGi registry would hand it to the host. */
    <T extends Integration> T deploy(T service) {
        long id = serviceIds.incrementAndGet();
        @SuppressWarnings("unchecked")
        ServiceReference<Integration> ref = (ServiceReference<Integration>) Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] { ServiceReference.class },
                (proxy, m, args) -> switch (m.getName()) {
                    case "getProperty" -> Constants.SERVICE_ID.equals(args[0]) ? (Object) id : null;
                    case "hashCode" -> (int) id;
                    case "equals" -> proxy == args[0];
                    case "toString" -> "service " + id;
                    default -> null;
                });
        try {
            Method add = IntegrationRegistry.class.getDeclaredMethod("addIntegration", Integration.class,
                    ServiceReference.class);
            add.setAccessible(true);
            add.invoke(registry, service, ref);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
        if (registry.find(service.descriptor().id()).isEmpty()) {
            throw new IllegalStateException("the registry refused " + service.descriptor().id() + ": " + registry.all());
        }
        return service;
    }

    /** Deploys the vendor and offers it on the marketplace. */
    <T extends Integration> T offer(T service) {
        deploy(service);
        marketplace.activate(service.descriptor().id());
        return service;
    }

    /** A connection of the company to the integration, in that state, with the candidate and job scopes granted. */
    String connection(Caller caller, String integrationId, ConnectionState state) {
        String id = "conn-" + serviceIds.incrementAndGet();
        db.tx(em -> {
            ConnectionEntity c = new ConnectionEntity(id, caller.companyId(), integrationId, 1_000L);
            c.grantScopes(Set.of(StandardScopes.CANDIDATES_READ, StandardScopes.JOBS_READ));
            c.moveTo(state, state.name(), "set by the test", 2_000L);
            em.persist(c);
            return null;
        });
        return id;
    }

    void connectionState(String connectionId, ConnectionState state) {
        sql("UPDATE HM_CONNECTION SET STATE = '" + state.name() + "' WHERE ID = '" + connectionId + "'");
    }

    // ------------------------------------------------------------------------------ jobs, applications

    String job(Caller caller, String title) {
        return jobs.create(caller, new CreateJob(title, null, new LocationIn("US", "Boston", false),
                new IdRef("computer_software"), new IdRef("engineering"), new IdRef("mid_senior_level"), null, null,
                null)).id();
    }

    ApplicationView apply(Caller caller, String jobId, String first, String email) {
        return applications.apply(caller, jobId,
                new ApplyIn(null, new CandidateIn(first, "Lovelace", email, null, null, null, null), null, null));
    }

    // ------------------------------------------------------------------------------ database

    AssessmentOrderEntity order(String id) {
        return db.tx(em -> em.find(AssessmentOrderEntity.class, id));
    }

    HiringStepEntity step(String id) {
        return db.tx(em -> em.find(HiringStepEntity.class, id));
    }

    long count(String table) {
        return Long.parseLong(rows("SELECT COUNT(*) FROM " + table).get(0));
    }

    /** @return how many orders the company has */
    long orders(Caller caller) {
        return Long.parseLong(rows("SELECT COUNT(*) FROM HM_ASSESSMENT_ORDER WHERE COMPANYID = '" + caller.companyId()
                + "'").get(0));
    }

    /** @return how many hiring steps the job has */
    long steps(String jobId) {
        return Long.parseLong(rows("SELECT COUNT(*) FROM HM_HIRING_STEP WHERE JOBID = '" + jobId + "'").get(0));
    }

    /** Every row of the tables a tenant must not change, as text, to compare before and after a call. */
    String snapshot() {
        return String.join("\n", rows("SELECT * FROM HM_ASSESSMENT_ORDER ORDER BY ID")) + "\n--\n"
                + String.join("\n", rows("SELECT * FROM HM_ASSESSMENT_ORDER_EVENT ORDER BY ID")) + "\n--\n"
                + String.join("\n", rows("SELECT * FROM HM_HIRING_STEP ORDER BY ID")) + "\n--\n"
                + String.join("\n", rows("SELECT ID, HIRINGSTEPID, STATUS, UPDATEDAT FROM HM_APPLICATION ORDER BY ID"));
    }

    List<String> rows(String query) {
        try (Connection c = unit.dataSource().getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(query)) {
            ResultSetMetaData md = rs.getMetaData();
            List<String> out = new ArrayList<>();
            while (rs.next()) {
                StringBuilder b = new StringBuilder();
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    b.append(i == 1 ? "" : "|").append(rs.getString(i));
                }
                out.add(b.toString());
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    void sql(String statement) {
        try {
            unit.sql(statement);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    // ------------------------------------------------------------------------------ fakes

    /** A mailbox that keeps what it is handed and delivers nothing. */
    static final class RecordingMailbox extends OrderMailbox {
        final List<String> enqueued = new CopyOnWriteArrayList<>();

        RecordingMailbox(Database db, IntegrationRegistry registry, ConnectionService connections, Mailbox engine,
                AssessmentConfig config) {
            super(db, registry, connections, engine, config);
        }

        @Override
        public void enqueue(String orderId, String integrationId) {
            enqueued.add(orderId + "@" + integrationId);
        }
    }

    /** An assessment vendor whose package list and failures the test sets. */
    static final class Vendor implements AssessmentProvider {
        final String id;
        volatile List<AssessmentPackage> packages;
        volatile RuntimeException listFails;
        volatile IntegrationException listRefuses;
        volatile RuntimeException cancelFails;
        /** Runs first in every package listing (a test holding the vendor's answer back). */
        volatile Runnable beforeListing;
        final AtomicInteger listed = new AtomicInteger();
        final List<String> cancelled = new CopyOnWriteArrayList<>();

        Vendor(String id) {
            this.id = id;
            reset();
        }

        void reset() {
            packages = List.of(new AssessmentPackage("java", "Java developer", "Java skills", 45),
                    new AssessmentPackage("sql", "SQL", null, 20));
            listFails = null;
            listRefuses = null;
            cancelFails = null;
            beforeListing = null;
            listed.set(0);
            cancelled.clear();
        }

        @Override
        public IntegrationDescriptor descriptor() {
            return new IntegrationDescriptor(id, "Skill Check " + id, "Skill Check Ltd", IntegrationKind.ASSESSMENT,
                    "1.0", "tests", List.of(new DataScope(StandardScopes.CANDIDATES_READ, "to invite the candidate")),
                    List.of(), List.of());
        }

        @Override
        public ConnectResult connect(ConnectionContext context) {
            return ConnectResult.connected("ok");
        }

        @Override
        public void disconnect(ConnectionContext context) {
        }

        @Override
        public List<AssessmentPackage> listPackages(ConnectionContext context) throws IntegrationException {
            listed.incrementAndGet();
            if (beforeListing != null) {
                beforeListing.run();
            }
            if (listRefuses != null) {
                throw listRefuses;
            }
            if (listFails != null) {
                throw listFails;
            }
            return packages;
        }

        @Override
        public OrderAcknowledgement placeOrder(ConnectionContext context, AssessmentOrder order,
                AssessmentCallback callback) {
            throw new AssertionError("the test mailbox delivers nothing");
        }

        @Override
        public void cancelOrder(ConnectionContext context, AssessmentOrder order, String vendorReference) {
            cancelled.add(order.orderId() + "=" + vendorReference);
            if (cancelFails != null) {
                throw cancelFails;
            }
        }
    }

    /** A job board: deployed and offered, but it sells no assessments. */
    static JobBoard board() {
        return new TestDescriptors.Board(new IntegrationDescriptor("jobboard", "Job Board", "Boards Inc",
                IntegrationKind.JOB_BOARD, "1.0", "tests",
                List.of(new DataScope(StandardScopes.JOBS_READ, "to publish them")), List.of(), List.of()));
    }

    // ------------------------------------------------------------------------------ helpers

    /** An instance of a configuration annotation: the given values, the declared defaults for the rest. */
    static <A> A annotation(Class<A> type, Map<String, Object> values) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] { type }, (proxy, m, args) -> {
            if (values.containsKey(m.getName())) {
                return values.get(m.getName());
            }
            return switch (m.getName()) {
                case "annotationType" -> type;
                case "hashCode" -> System.identityHashCode(proxy);
                case "equals" -> proxy == args[0];
                case "toString" -> type.getSimpleName() + values;
                default -> m.getDefaultValue();
            };
        }));
    }

    private static void invoke(Object target, String method) {
        try {
            Method m = target.getClass().getDeclaredMethod(method);
            m.setAccessible(true);
            m.invoke(target);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
