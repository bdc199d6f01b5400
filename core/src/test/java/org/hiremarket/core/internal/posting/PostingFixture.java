package org.hiremarket.core.internal.posting;

import java.io.IOException;
import java.nio.file.Files;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.hiremarket.api.integration.ConnectResult;
import org.hiremarket.api.integration.ConnectionContext;
import org.hiremarket.api.integration.DataScope;
import org.hiremarket.api.integration.IntegrationDescriptor;
import org.hiremarket.api.integration.IntegrationException;
import org.hiremarket.api.integration.IntegrationKind;
import org.hiremarket.api.integration.StandardScopes;
import org.hiremarket.api.jobboard.JobAd;
import org.hiremarket.api.jobboard.JobBoard;
import org.hiremarket.api.jobboard.Publication;
import org.hiremarket.core.internal.candidate.ApplicationService;
import org.hiremarket.core.internal.common.TestConfigs;
import org.hiremarket.core.internal.company.CompanyService;
import org.hiremarket.core.internal.identity.Caller;
import org.hiremarket.core.internal.job.JobService;
import org.hiremarket.core.internal.job.JobViews.CreateJob;
import org.hiremarket.core.internal.job.JobViews.IdRef;
import org.hiremarket.core.internal.job.JobViews.LocationIn;
import org.hiremarket.core.internal.job.JobViews.Sections;
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
 * The job-board side of the host outside OSGi on the in-memory Derby harness: jobs that tell their
 * postings of changes, connections that tell them of disconnects, and the real mailbox delivering
 * postings to a fake board, driven by the test: its clock moves and its rounds run when the test
 * says ({@link #deliver()}, {@link #later(long)}), on the test's thread, so no test waits.
 */
final class PostingFixture implements AutoCloseable {

    static final String BOARD = "board-a";

    final InMemoryUnit unit;
    final Database db;
    final IntegrationRegistry registry;
    final MarketplaceService marketplace;
    final CompanyService companies;
    final ConnectionService connections;
    final JobService jobs;
    final ApplicationService applications;
    final Mailbox mailbox;
    final PostingMailbox letters;
    final PostingService postings;
    final Board board = new Board(BOARD);
    /** How far the mailbox's clock is ahead of the wall clock (ms): it moves on with it, and when a test says. */
    final AtomicLong ahead = new AtomicLong();
    final ManualExecutor workers = new ManualExecutor();
    final ManualExecutor background = new ManualExecutor();
    private final AtomicInteger ids = new AtomicInteger();

    PostingFixture(InMemoryUnit shared) {
        unit = shared;
        db = unit.database();
        db.tx(em -> null);
        try {
            for (String table : List.of("HM_POSTING_EVENT", "HM_POSTING", "HM_APPLICATION_EVENT", "HM_APPLICATION",
                    "HM_CANDIDATE", "HM_JOB", "HM_CONNECTION_EVENT", "HM_CONNECTION", "HM_INTEGRATION_SETTING", "HM_COMPANY")) {
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
                    Files.createTempDirectory("hm-postings").resolve("secret.key").toString())));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        marketplace = new MarketplaceService(db, registry);
        companies = new CompanyService(db);
        connections = new ConnectionService(db, registry, marketplace, companies);
        jobs = new JobService(db);
        applications = new ApplicationService(db);
        mailbox = new Mailbox(registry, TestConfigs.config(MailboxConfig.class, Map.of("dispatch_interval_ms", 3_600_000L,
                "retry_initial_ms", 50L, "retry_max_ms", 200L, "delivery_threads", 2)), this::now, workers, background,
                false);
        letters = new PostingMailbox(db, registry, connections, companies, mailbox,
                TestConfigs.config(PostingConfig.class, Map.of("apply_url", "https://careers.example/{companyId}/{jobId}")));
        postings = new PostingService(db, registry, letters);
        jobs.watch(postings);
        connections.watch(postings);
        connections.intake(postings);
        TestDescriptors.deploy(registry, board, 1, "org.example.boarda");
    }

    @Override
    public void close() {
        letters.deactivate();
        mailbox.deactivate();
        TestDescriptors.stop(marketplace, registry);
    }

    /**
     * Runs the mailbox until nothing is left to do now: what the registry told it, its dispatcher's
     * rounds and the deliveries they hand out.
     *
     * @return how many deliveries ran
     */
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

    /** @return the mailbox's time (epoch ms) */
    long now() {
        return System.currentTimeMillis() + ahead.get();
    }

    /** Moves the mailbox's clock on and delivers what became due. @return how many deliveries ran */
    int later(long ms) {
        ahead.addAndGet(ms);
        return deliver();
    }

    /** An ACTIVE connection of the caller's company to {@code integrationId} with these scopes. */
    String connection(Caller caller, String integrationId, Set<String> scopes) {
        String id = "conn-" + ids.incrementAndGet() + "-" + System.nanoTime();
        db.tx(em -> {
            ConnectionEntity c = new ConnectionEntity(id, caller.companyId(), integrationId, 1_000L);
            c.grantScopes(scopes);
            c.moveTo(ConnectionState.ACTIVE, "OK", "set by the test", 2_000L);
            em.persist(c);
            return null;
        });
        return id;
    }

    String connection(Caller caller) {
        return connection(caller, BOARD, Set.of(StandardScopes.JOBS_READ, StandardScopes.COMPANY_READ,
                StandardScopes.CANDIDATES_WRITE));
    }

    /** A job of the caller's company, sourcing with an ad of this visibility (or none). */
    String job(Caller caller, String title, String visibility) {
        String id = jobs.create(caller, new CreateJob(title, "REF-7", new LocationIn("SE", "Malmö", false),
                new IdRef("computer_software"), new IdRef("engineering"), new IdRef("mid_senior_level"), "R&D", 1,
                new Sections("We are Acme.", "Build the board integration.", "Java", null))).id();
        if (visibility != null) {
            jobs.publish(caller, id, visibility);
        }
        return id;
    }

    PostingEntity row(String postingId) {
        unit.factory().getCache().evictAll();
        return db.tx(em -> em.find(PostingEntity.class, postingId));
    }

    void sql(String statement) {
        try {
            unit.sql(statement);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        unit.factory().getCache().evictAll();
    }

    /** A job board that keeps what it is sent, and refuses or fails as the test says. */
    static final class Board implements JobBoard {
        final String id;
        final List<JobAd> published = new CopyOnWriteArrayList<>();
        final List<String> unpublished = new CopyOnWriteArrayList<>();
        final List<ConnectionContext> contexts = new CopyOnWriteArrayList<>();
        /** Thrown by the next publishes: a refusal or an outage. */
        volatile IntegrationException fails;
        volatile int failures;
        /** Thrown by every unpublish. */
        volatile IntegrationException unpublishFails;
        /** Runs in publish before the board answers (a change the host makes meanwhile). */
        volatile Runnable beforeAnswer;
        /** The board's reference of an ad. */
        volatile java.util.function.Function<JobAd, String> reference = ad -> "ref-" + ad.postingId();

        Board(String id) {
            this.id = id;
        }

        @Override
        public IntegrationDescriptor descriptor() {
            return new IntegrationDescriptor(id, "Board " + id, "Boards Inc", IntegrationKind.JOB_BOARD, "1.0",
                    "Publishes jobs", List.of(new DataScope(StandardScopes.JOBS_READ, "to publish them"),
                            new DataScope(StandardScopes.COMPANY_READ, "to name the employer"),
                            new DataScope(StandardScopes.CANDIDATES_WRITE, "to send applicants")),
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
        public Publication publish(ConnectionContext context, JobAd ad) throws IntegrationException {
            if (fails != null && failures-- > 0) {
                throw fails;
            }
            contexts.add(context);
            published.add(ad);
            Runnable meanwhile = beforeAnswer;
            beforeAnswer = null;
            if (meanwhile != null) {
                meanwhile.run();
            }
            String ref = reference.apply(ad);
            return new Publication(ref, "https://board.example/ads/" + ref);
        }

        @Override
        public void unpublish(ConnectionContext context, String boardReference) throws IntegrationException {
            if (unpublishFails != null) {
                throw unpublishFails;
            }
            unpublished.add(boardReference);
        }

        List<String> keys() {
            return published.stream().map(JobAd::idempotencyKey).toList();
        }
    }
}
