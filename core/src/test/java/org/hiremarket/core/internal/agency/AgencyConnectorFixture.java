package org.hiremarket.core.internal.agency;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.sql.SQLException;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.hiremarket.api.agency.AgencyConnector;
import org.hiremarket.api.agency.Assignment;
import org.hiremarket.api.agency.AssignmentReceipt;
import org.hiremarket.api.integration.ConnectResult;
import org.hiremarket.api.integration.ConnectionContext;
import org.hiremarket.api.integration.DataScope;
import org.hiremarket.api.integration.IntegrationDescriptor;
import org.hiremarket.api.integration.IntegrationException;
import org.hiremarket.api.integration.IntegrationKind;
import org.hiremarket.api.integration.StandardScopes;
import org.hiremarket.core.internal.agency.AgencyViews.TermsIn;
import org.hiremarket.core.internal.common.TestConfigs;
import org.hiremarket.core.internal.company.CompanyService;
import org.hiremarket.core.internal.identity.Caller;
import org.hiremarket.core.internal.identity.Scope;
import org.hiremarket.core.internal.identity.SystemRole;
import org.hiremarket.core.internal.identity.UserEntity;
import org.hiremarket.core.internal.job.JobService;
import org.hiremarket.core.internal.job.JobViews.CreateJob;
import org.hiremarket.core.internal.job.JobViews.IdRef;
import org.hiremarket.core.internal.job.JobViews.LocationIn;
import org.hiremarket.core.internal.job.JobViews.Sections;
import org.hiremarket.core.internal.mail.MailConfig;
import org.hiremarket.core.internal.mail.Mailer;
import org.hiremarket.core.internal.mailbox.Mailbox;
import org.hiremarket.core.internal.mailbox.MailboxConfig;
import org.hiremarket.core.internal.mailbox.ManualExecutor;
import org.hiremarket.core.internal.marketplace.ConnectionEntity;
import org.hiremarket.core.internal.marketplace.ConnectionService;
import org.hiremarket.core.internal.marketplace.ConnectionState;
import org.hiremarket.core.internal.marketplace.IntegrationRegistry;
import org.hiremarket.core.internal.marketplace.MarketplaceConfig;
import org.hiremarket.core.internal.marketplace.MarketplaceService;
import org.hiremarket.core.internal.marketplace.TestDescriptors;
import org.hiremarket.core.internal.persistence.Database;
import org.hiremarket.core.internal.persistence.InMemoryUnit;

/**
 * Agencies connected through a bundle outside OSGi on the in-memory Derby harness: the real
 * mailbox delivering assignments to a fake agency, driven by the test (its clock and rounds run on
 * the test's thread, {@link #deliver()}, {@link #later(long)}), so no test waits.
 */
final class AgencyConnectorFixture implements AutoCloseable {

    static final String AGENCY = "agency-a";
    static final String SYMBOLIC_NAME = "org.example.agencya";
    static final String OTHER = "agency-b";

    final InMemoryUnit unit;
    final Database db;
    final IntegrationRegistry registry;
    final MarketplaceService marketplace;
    final CompanyService companies;
    final ConnectionService connections;
    final JobService jobs;
    final Mailbox mailbox;
    final AssignmentMailbox letters;
    final AgencyConnectors connectors;
    final AgencyService agencies;
    final Agency agency = new Agency(AGENCY);
    /** A second agency system, for a second connection of one company. */
    final Agency other = new Agency(OTHER);
    final AtomicLong ahead = new AtomicLong();
    final ManualExecutor workers = new ManualExecutor();
    final ManualExecutor background = new ManualExecutor();
    private final AtomicInteger ids = new AtomicInteger();
    private long serviceId = 1;

    AgencyConnectorFixture(InMemoryUnit shared) {
        unit = shared;
        db = unit.database();
        db.tx(em -> null);
        try {
            for (String table : List.of("HM_AGENCY_SUBMISSION", "HM_ASSIGNMENT", "HM_APPLICATION_EVENT",
                    "HM_APPLICATION", "HM_CANDIDATE", "HM_JOB", "HM_CONNECTION_EVENT", "HM_CONNECTION",
                    "HM_INTEGRATION_SETTING", "HM_USER", "HM_COMPANY")) {
                unit.sql("DELETE FROM " + table);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        unit.factory().getCache().evictAll();
        try {
            registry = new IntegrationRegistry(TestConfigs.config(MarketplaceConfig.class, Map.of(
                    "plugin_call_timeout_ms", 2_000L, "plugin_threads", 4, "plugin_max_concurrent_calls", 4,
                    "breaker_minimum_calls", 1_000, "breaker_window", 1_000, "secrets_key_file",
                    Files.createTempDirectory("hm-agencies").resolve("secret.key").toString())));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        marketplace = new MarketplaceService(db, registry);
        companies = new CompanyService(db);
        connections = new ConnectionService(db, registry, marketplace, companies);
        jobs = new JobService(db);
        mailbox = new Mailbox(registry, TestConfigs.config(MailboxConfig.class, Map.of("dispatch_interval_ms", 3_600_000L,
                "retry_initial_ms", 50L, "retry_max_ms", 200L, "delivery_threads", 2)), this::now, workers, background,
                false);
        letters = new AssignmentMailbox(db, registry, connections, mailbox);
        connectors = new AgencyConnectors(db, letters);
        agencies = new AgencyService(db, new Mailer(TestConfigs.config(MailConfig.class, Map.of())), connectors);
        connections.watch(connectors);
        connections.intake(connectors);
        deployAgency();
        TestDescriptors.deploy(registry, other, 1000, "org.example.agencyb");
    }

    void deployAgency() {
        TestDescriptors.deploy(registry, agency, serviceId, SYMBOLIC_NAME);
    }

    /** The agency's bundle stops (its service goes away). */
    void undeployAgency() {
        TestDescriptors.undeploy(registry, agency, serviceId, SYMBOLIC_NAME);
        serviceId++;
    }

    @Override
    public void close() {
        letters.deactivate();
        mailbox.deactivate();
        TestDescriptors.stop(marketplace, registry);
    }

    /** Runs the mailbox until nothing is left to do now. @return how many deliveries ran */
    int deliver() {
        int delivered = 0;
        for (int round = 0; round < 50; round++) {
            background.runAll();
            mailbox.dispatchRound();
            int ran = workers.runAll();
            delivered += ran;
            if (ran == 0 && background.pending() == 0) {
                return delivered;
            }
        }
        throw new AssertionError("the mailbox never came to rest");
    }

    long now() {
        return System.currentTimeMillis() + ahead.get();
    }

    int later(long ms) {
        ahead.addAndGet(ms);
        return deliver();
    }

    /** An ACTIVE connection of the caller's company to {@code integrationId} with these scopes. */
    String connection(Caller caller, String integrationId, Set<String> scopes, ConnectionState state) {
        String id = "conn-" + ids.incrementAndGet() + "-" + System.nanoTime();
        db.tx(em -> {
            ConnectionEntity c = new ConnectionEntity(id, caller.companyId(), integrationId, 1_000L);
            c.grantScopes(scopes);
            c.moveTo(state, "OK", "set by the test", 2_000L);
            em.persist(c);
            return null;
        });
        return id;
    }

    String connection(Caller caller) {
        return connection(caller, AGENCY, Set.of(StandardScopes.JOBS_READ, StandardScopes.COMPANY_READ,
                StandardScopes.CANDIDATES_WRITE), ConnectionState.ACTIVE);
    }

    /** A user of the caller's company, signed in with every scope. */
    Caller user(Caller company, String first, String last) {
        String id = UUID.randomUUID().toString();
        db.tx(em -> {
            UserEntity u = new UserEntity(id, company.companyId(), System.currentTimeMillis());
            u.setName(first, last);
            u.setEmail(first.toLowerCase() + "." + id.substring(0, 8) + "@acme.example");
            u.setRole(SystemRole.ADMINISTRATOR);
            u.setLanguageCode("en");
            u.setLocation("GB", "London");
            em.persist(u);
            return null;
        });
        return new Caller(company.companyId(), "session-" + id, Caller.Kind.USER, EnumSet.allOf(Scope.class), id);
    }

    String job(Caller caller, String title) {
        return jobs.create(caller, new CreateJob(title, "REF-9", new LocationIn("GB", "London", false),
                new IdRef("computer_software"), new IdRef("engineering"), new IdRef("mid_senior_level"), "R&D", 1,
                new Sections("We are Acme.", "Build the agency integration.", "Java", null))).id();
    }

    static TermsIn percentage() {
        return new TermsIn("PERCENTAGE", new BigDecimal("20"), new BigDecimal("60000"), null, "EUR");
    }

    AssignmentEntity row(String id) {
        unit.factory().getCache().evictAll();
        return db.tx(em -> em.find(AssignmentEntity.class, id));
    }

    ConnectionEntity connectionRow(String id) {
        return db.tx(em -> em.find(ConnectionEntity.class, id));
    }

    /** An agency system that keeps what it is sent, and refuses or fails as the test says. */
    static final class Agency implements AgencyConnector {
        final String id;
        final List<Assignment> received = new CopyOnWriteArrayList<>();
        final List<String> cancelled = new CopyOnWriteArrayList<>();
        final List<String> reasons = new CopyOnWriteArrayList<>();
        volatile IntegrationException fails;
        volatile int failures;
        volatile IntegrationException cancelFails;

        Agency(String id) {
            this.id = id;
        }

        @Override
        public IntegrationDescriptor descriptor() {
            return new IntegrationDescriptor(id, "Agency " + id, "Agencies Ltd", IntegrationKind.AGENCY, "1.0",
                    "Recruits", List.of(new DataScope(StandardScopes.JOBS_READ, "to read jobs"),
                            new DataScope(StandardScopes.COMPANY_READ, "to name the employer"),
                            new DataScope(StandardScopes.CANDIDATES_WRITE, "to submit candidates")),
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
        public AssignmentReceipt receiveAssignment(ConnectionContext context, Assignment assignment)
                throws IntegrationException {
            if (fails != null && failures-- > 0) {
                throw fails;
            }
            received.add(assignment);
            return new AssignmentReceipt("AG-" + assignment.assignmentId().substring(0, 8));
        }

        @Override
        public void cancelAssignment(ConnectionContext context, String assignmentId, String reason)
                throws IntegrationException {
            if (cancelFails != null) {
                throw cancelFails;
            }
            cancelled.add(assignmentId);
            reasons.add(reason);
        }

        List<String> receivedIds() {
            return received.stream().map(Assignment::assignmentId).toList();
        }
    }
}
