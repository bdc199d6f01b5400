package org.hiremarket.core.internal.assessment;

import static org.hiremarket.core.internal.common.Refusals.refused;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.hiremarket.api.assessment.AssessmentPackage;
import org.hiremarket.api.assessment.AssessmentResult;
import org.hiremarket.api.assessment.AssessmentUpdate;
import org.hiremarket.api.assessment.OrderAcknowledgement;
import org.hiremarket.api.integration.IntegrationException;
import org.hiremarket.core.internal.assessment.AssessmentService.OrderFilter;
import org.hiremarket.core.internal.assessment.AssessmentViews.OrderAdminView;
import org.hiremarket.core.internal.assessment.AssessmentViews.OrderEventView;
import org.hiremarket.core.internal.assessment.AssessmentViews.OrderIn;
import org.hiremarket.core.internal.assessment.AssessmentViews.OrderView;
import org.hiremarket.core.internal.assessment.AssessmentViews.PackageView;
import org.hiremarket.core.internal.assessment.OrderingFixture.Vendor;
import org.hiremarket.core.internal.candidate.ApplicationService;
import org.hiremarket.core.internal.candidate.CandidateViews.ApplicationView;
import org.hiremarket.core.internal.common.ApiException;
import org.hiremarket.core.internal.common.Page;
import org.hiremarket.core.internal.common.PageRequest;
import org.hiremarket.core.internal.identity.Caller;
import org.hiremarket.core.internal.marketplace.ConnectionState;
import org.junit.Before;
import org.junit.Test;

/**
 * The assessment service on the real persistence unit, with fake vendors in the integration
 * registry: which connections take orders, what placing checks and writes, cancelling, results
 * as shown, the lists, and that another company's ids are not found and change nothing.
 */
public class AssessmentServiceTest {

    private static OrderingFixture f;
    private static Vendor vendor;
    private static Vendor testlab;
    private static Vendor quizzer;
    private Caller acme;
    private Caller globex;
    private String connection;
    private ApplicationView application;

    // once per JVM, from @Before: see InMemoryUnit#shared
    static void deploy() {
        if (f != null) {
            return;
        }
        f = new OrderingFixture(60);
        vendor = f.offer(new Vendor(OrderingFixture.VENDOR));
        testlab = f.offer(new Vendor("testlab"));
        quizzer = f.offer(new Vendor("quizzer"));
        f.deploy(new Vendor("hidden"));
        f.offer(OrderingFixture.board());
    }

    @Before
    public void setUp() {
        deploy();
        f.reset(vendor, testlab, quizzer);
        acme = f.company("acme");
        globex = f.company("globex");
        connection = f.connection(acme, OrderingFixture.VENDOR, ConnectionState.ACTIVE);
        application = f.apply(acme, f.job(acme, "Backend engineer"), "Ada", "ada@example.com");
    }

    private OrderView place(String packageId) {
        return f.assessments.place(acme, application.id(), new OrderIn(connection, packageId));
    }

    private static List<OrderStatus> steps(OrderView v) {
        return v.history().stream().map(OrderEventView::to).toList();
    }

    // ------------------------------------------------------------------------------ packages

    @Test
    public void thePackagesComeFromTheVendorEveryTimeTheyAreAskedFor() {
        vendor.packages = java.util.Arrays.asList(new AssessmentPackage("java", "Java developer", null, 45), null);
        List<PackageView> list = f.assessments.packages(acme, connection);
        assertEquals(List.of(new PackageView("java", "Java developer", "", 45)), list);
        f.assessments.packages(acme, connection);
        assertEquals("a customer's list is always fresh", 2, vendor.listed.get());

        vendor.packages = null;
        assertEquals(List.of(), f.assessments.packages(acme, connection));
    }

    @Test
    public void aVendorThatCannotListItsPackagesIsAProblemOfItsOwn() {
        vendor.listRefuses = IntegrationException.invalid("ACCOUNT_SUSPENDED", "account suspended");
        ApiException refusedByVendor = refused(502, "vendor-unavailable", () -> f.assessments.packages(acme, connection));
        assertEquals("Skill Check skillcheck could not list its packages: account suspended", refusedByVendor.detail());

        vendor.listRefuses = IntegrationException.unavailable("maintenance");
        refused(503, "vendor-unavailable", () -> f.assessments.packages(acme, connection));
        vendor.listRefuses = null;
        vendor.listFails = new IllegalStateException("bug");
        ApiException broken = refused(503, "vendor-unavailable", () -> f.assessments.packages(acme, connection));
        assertTrue(broken.detail(), broken.detail().startsWith("Skill Check skillcheck could not list its packages: "));
    }

    @Test
    public void onlyAnActiveConnectionToAnOfferedAssessmentVendorListsOrTakesOrders() {
        // disconnected: orders placed before are still processed, new ones are refused
        String disconnected = f.connection(acme, "testlab", ConnectionState.DISCONNECTED);
        ApiException e = refused(409, "connection-not-active", () -> f.assessments.packages(acme, disconnected));
        assertEquals("cannot list the packages of connection " + disconnected + ": it is DISCONNECTED; orders placed"
                + " before the disconnect are still processed; re-activate it to order again", e.detail());
        String reviewing = f.connection(acme, "quizzer", ConnectionState.SCOPE_REVIEW);
        e = refused(409, "connection-not-active", () -> f.assessments.place(acme, application.id(),
                new OrderIn(reviewing, "java")));
        assertEquals("cannot place orders on connection " + reviewing + ": it is SCOPE_REVIEW", e.detail());

        // the plugin is not deployed
        String gone = f.connection(acme, "gone-vendor", ConnectionState.ACTIVE);
        e = refused(409, "integration-unavailable", () -> f.assessments.packages(acme, gone));
        assertEquals("cannot list the packages of connection " + gone
                + ": integration 'gone-vendor' is not deployed at the moment", e.detail());

        // deployed, not offered
        String hidden = f.connection(acme, "hidden", ConnectionState.ACTIVE);
        e = refused(409, "integration-deactivated", () -> f.assessments.place(acme, application.id(),
                new OrderIn(hidden, "java")));
        assertEquals("cannot place orders on connection " + hidden + ": integration 'hidden' is not offered at the moment",
                e.detail());

        // offered, but a job board
        String board = f.connection(acme, "jobboard", ConnectionState.ACTIVE);
        e = refused(409, "not-an-assessment-vendor", () -> f.assessments.packages(acme, board));
        assertEquals("connection " + board + " is to Job Board, which sells no assessments", e.detail());
        refused(409, "not-an-assessment-vendor", () -> f.assessments.place(acme, application.id(),
                new OrderIn(board, "java")));

        assertEquals("no vendor was asked", 0, vendor.listed.get() + testlab.listed.get() + quizzer.listed.get());
        assertEquals(0, f.orders(acme));
        assertEquals(List.of(), f.mailbox.enqueued);
    }

    // ------------------------------------------------------------------------------ placing

    @Test
    public void anOrderIsCommittedWithWhatIsSharedAndHandedToTheMailbox() {
        long before = System.currentTimeMillis();
        OrderView v = f.assessments.place(acme, application.id(), new OrderIn("  " + connection + " ", " java "));
        long after = System.currentTimeMillis();

        assertEquals(application.id(), v.applicationId());
        assertEquals(application.jobId(), v.jobId());
        assertEquals("Backend engineer", v.jobTitle());
        assertEquals(application.candidate().id(), v.candidate().id());
        assertEquals("Ada", v.candidate().firstName());
        assertEquals("Lovelace", v.candidate().lastName());
        assertEquals("ada@example.com", v.candidate().email());
        assertEquals(connection, v.connectionId());
        assertEquals(OrderingFixture.VENDOR, v.integrationId());
        assertEquals("java", v.packageId());
        assertEquals("Java developer", v.packageName());
        assertNull(v.hiringStepId());
        assertEquals(OrderStatus.PLACED, v.status());
        assertEquals("AWAITING_DELIVERY", v.statusDetail());
        assertNull(v.statusReason());
        assertNull(v.vendorReference());
        assertNull(v.candidateUrl());
        assertNull(v.result());
        assertEquals(new AssessmentViews.DeliveryView(0, 0, null, null), v.delivery());
        assertEquals(ApplicationService.actor(acme), v.placedBy());
        assertNull(v.sentAt());
        assertNull(v.startedAt());
        assertNull(v.finishedAt());
        assertNull("no history in the answer of a placing", v.history());
        assertTrue(!v.placedAt().isBefore(Instant.ofEpochMilli(before)) && !v.placedAt().isAfter(Instant.ofEpochMilli(after)));
        assertEquals(v.placedAt(), v.updatedAt());

        assertEquals(List.of(v.id() + "@" + OrderingFixture.VENDOR), f.mailbox.enqueued);
        AssessmentOrderEntity row = f.order(v.id());
        assertEquals(acme.companyId(), row.getCompanyId());
        assertEquals("order/" + v.id(), f.rows("SELECT AUTOKEY FROM HM_ASSESSMENT_ORDER WHERE ID = '" + v.id() + "'").get(0));
        assertEquals("the scan finds it only after the hand-over grace", Long.valueOf(row.getPlacedAt()
                + OrderMailbox.HANDOVER_GRACE_MS), row.getNextAttemptAt());

        OrderView got = f.assessments.get(acme, v.id());
        assertEquals(List.of(OrderStatus.PLACED), steps(got));
        assertNull(got.history().get(0).from());
        assertEquals("Ordered Java developer from skillcheck", got.history().get(0).detail());
        assertEquals(v.placedAt(), got.history().get(0).at());
    }

    @Test
    public void whatIsOrderedIsValidatedBeforeAnythingIsWritten() {
        ApiException both = refused(400, "validation-error", () -> f.assessments.place(acme, application.id(), null));
        assertEquals(List.of("connectionId", "packageId"), both.errors().stream().map(e -> e.field()).toList());
        assertEquals("is required", both.errors().get(0).message());
        ApiException blank = refused(400, "validation-error", () -> f.assessments.place(acme, application.id(),
                new OrderIn(" ", "java")));
        assertEquals("connectionId: is required", blank.detail());
        ApiException noPackage = refused(400, "validation-error", () -> f.assessments.place(acme, application.id(),
                new OrderIn(connection, null)));
        assertEquals("packageId: is required", noPackage.detail());
        refused(400, "validation-error", () -> f.assessments.place(acme, application.id(), new OrderIn(null, " ")));
        refused(400, "validation-error", () -> f.assessments.place(acme, application.id(), new OrderIn(connection, "")));

        ApiException unknown = refused(400, "validation-error", () -> place("cobol"));
        assertEquals("packageId", unknown.errors().get(0).field());
        assertEquals("is not a package of skillcheck; available: java, sql", unknown.errors().get(0).message());
        assertEquals("the cached list and then a fresh one were asked", 2, vendor.listed.get());

        refused(404, "not-found", () -> f.assessments.place(acme, "no-such-application", new OrderIn(connection, "java")));
        refused(404, "not-found", () -> f.assessments.place(acme, null, new OrderIn(connection, "java")));
        refused(404, "not-found", () -> f.assessments.place(acme, application.id(), new OrderIn("no-such", "java")));
        assertEquals(0, f.orders(acme));
        assertEquals(List.of(), f.mailbox.enqueued);
    }

    @Test
    public void aPackageIsOrderedOnceWhileItsOrderIsOpen() {
        OrderView first = place("java");
        ApiException dup = refused(409, "order-exists", () -> place("java"));
        assertEquals("the application already has open order " + first.id()
                + " for Java developer; wait for its result or cancel it first", dup.detail());
        // acknowledged and started: still open
        f.ledger.acknowledged(first.id(), new OrderAcknowledgement("SC-1", null));
        f.ledger.report(first.id(), connection, AssessmentUpdate.inProgress(Instant.now()));
        refused(409, "order-exists", () -> place("java"));

        // another package, another application: no conflict
        OrderView sql = place("sql");
        ApplicationView other = f.apply(acme, application.jobId(), "Grace", "grace@example.com");
        OrderView forOther = f.assessments.place(acme, other.id(), new OrderIn(connection, "java"));
        assertEquals(3, f.orders(acme));

        // finished: ordered again
        f.ledger.report(first.id(), connection, AssessmentUpdate.completed(result(80.0)));
        OrderView again = place("java");
        f.assessments.cancel(acme, sql.id());
        OrderView sqlAgain = place("sql");
        assertEquals(5, f.orders(acme));
        assertEquals(List.of(first.id(), sql.id(), forOther.id(), again.id(), sqlAgain.id()),
                f.mailbox.enqueued.stream().map(s -> s.substring(0, s.indexOf('@'))).toList());
        assertEquals("one list from the vendor for all, from the cache", 1, vendor.listed.get());
    }

    @Test
    public void aPackageNotInTheCachedListIsLookedUpAtTheVendor() {
        place("java");
        vendor.packages = List.of(new AssessmentPackage("java", "Java developer", null, 45),
                new AssessmentPackage("go", "Go developer", null, 30));
        OrderView go = place("go");
        assertEquals("Go developer", go.packageName());
        assertEquals(2, vendor.listed.get());
        // the fresh list is cached from then on
        ApplicationView other = f.apply(acme, application.jobId(), "Grace", "grace@example.com");
        f.assessments.place(acme, other.id(), new OrderIn(connection, "go"));
        assertEquals(2, vendor.listed.get());
    }

    /** The world again with the package list never fresh: every order asks the vendor first. */
    private interface Uncached {
        void run(OrderingFixture g, Vendor v, Caller company, String connectionId, ApplicationView a);
    }

    private static void uncached(Uncached test) {
        try (OrderingFixture g = new OrderingFixture(0)) {
            Vendor v = g.offer(new Vendor(OrderingFixture.VENDOR));
            Caller company = g.company("initech");
            String c = g.connection(company, OrderingFixture.VENDOR, ConnectionState.ACTIVE);
            test.run(g, v, company, c, g.apply(company, g.job(company, "Engineer"), "Ada", "ada@example.com"));
        }
    }

    /**
     * With the package list never fresh (cached for 0 s) every order asks the vendor first; while
     * the vendor is down the last list it gave is used, but not when it refuses to answer.
     */
    @Test
    public void aVendorDownWhileOrdersArePlacedIsOverriddenByItsLastListButNotARefusal() {
        try (OrderingFixture g = new OrderingFixture(0)) {
            Vendor v = g.offer(new Vendor(OrderingFixture.VENDOR));
            Caller company = g.company("initech");
            String c = g.connection(company, OrderingFixture.VENDOR, ConnectionState.ACTIVE);
            ApplicationView a = g.apply(company, g.job(company, "Engineer"), "Ada", "ada@example.com");
            // no list known yet
            v.listRefuses = IntegrationException.unavailable("maintenance");
            refused(503, "vendor-unavailable", () -> g.assessments.place(company, a.id(), new OrderIn(c, "java")));
            assertEquals(0, g.orders(company));
            assertEquals(1, v.listed.get());

            v.listRefuses = null;
            g.assessments.place(company, a.id(), new OrderIn(c, "java"));
            assertEquals(2, v.listed.get());
            v.listFails = new IllegalStateException("vendor down");
            OrderView sql = g.assessments.place(company, a.id(), new OrderIn(c, "sql"));
            assertEquals("the last list is used", "SQL", sql.packageName());
            assertEquals(3, v.listed.get());
            // the vendor refuses (its answer, not an outage): no order on an old list
            v.listFails = null;
            v.listRefuses = IntegrationException.invalid("ACCOUNT_SUSPENDED", "account suspended");
            ApplicationView other = g.apply(company, a.jobId(), "Grace", "grace@example.com");
            refused(502, "vendor-unavailable", () -> g.assessments.place(company, other.id(), new OrderIn(c, "java")));
            assertEquals(2, g.orders(company));
            // back: the list is asked for again for every order
            v.listRefuses = null;
            g.assessments.place(company, other.id(), new OrderIn(c, "java"));
            assertEquals(5, v.listed.get());
            assertEquals(3, g.orders(company));
        }
    }

    /**
     * Two orders at once while no list is cached: the second waits for the list the first is
     * fetching and uses it, rather than asking the vendor again.
     */
    @Test
    public void ordersPlacedAtOnceAskTheVendorForItsListOnce() throws Exception {
        ApplicationView grace = f.apply(acme, application.jobId(), "Grace", "grace@example.com");
        java.util.concurrent.CountDownLatch listing = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch answer = new java.util.concurrent.CountDownLatch(1);
        vendor.beforeListing = () -> {
            listing.countDown();
            try {
                answer.await(4, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
        java.util.concurrent.ExecutorService two = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            java.util.concurrent.Future<OrderView> first = two.submit(() -> place("java"));
            assertTrue(listing.await(4, java.util.concurrent.TimeUnit.SECONDS));
            java.util.concurrent.atomic.AtomicReference<Thread> waiting = new java.util.concurrent.atomic.AtomicReference<>();
            java.util.concurrent.Future<OrderView> second = two.submit(() -> {
                waiting.set(Thread.currentThread());
                return f.assessments.place(acme, grace.id(), new OrderIn(connection, "sql"));
            });
            long until = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(3);
            while (!waitsForTheList(waiting.get()) && System.nanoTime() < until) {
                Thread.onSpinWait();
            }
            assertTrue("the second order waits for the list being fetched", waitsForTheList(waiting.get()));
            answer.countDown();
            assertEquals("Java developer", first.get(4, java.util.concurrent.TimeUnit.SECONDS).packageName());
            assertEquals("SQL", second.get(4, java.util.concurrent.TimeUnit.SECONDS).packageName());
        } finally {
            answer.countDown();
            two.shutdownNow();
        }
        assertEquals(1, vendor.listed.get());
        assertEquals(2, f.orders(acme));
    }

    private static boolean waitsForTheList(Thread t) {
        return t != null && t.getState() == Thread.State.BLOCKED && java.util.Arrays.stream(t.getStackTrace())
                .anyMatch(e -> e.getClassName().equals(AssessmentService.class.getName())
                        && e.getMethodName().equals("packages"));
    }

    @Test
    public void aVendorDownWithNoListKnownRefusesTheOrder() {
        vendor.listRefuses = IntegrationException.unavailable("maintenance");
        refused(503, "vendor-unavailable", () -> place("java"));
        assertEquals(0, f.orders(acme));
        assertEquals(List.of(), f.mailbox.enqueued);
    }

    @Test
    public void aDisconnectAnotherNodeCommittedStopsOrdersAtOnce() {
        place("java");
        // the connection is read through the shared cache, its state from the database
        f.connectionState(connection, ConnectionState.DISCONNECTED);
        ApiException e = refused(409, "connection-not-active", () -> place("sql"));
        assertTrue(e.detail(), e.detail().contains("it is DISCONNECTED"));
        assertEquals(1, f.orders(acme));
    }

    // ------------------------------------------------------------------------------ reading

    @Test
    public void aResultWithoutAScoreIsShownAsReportedWithTheHistoryInOrder() {
        OrderView v = place("java");
        f.ledger.acknowledged(v.id(), new OrderAcknowledgement("SC-1", "https://vendor.example/c/1"));
        f.ledger.report(v.id(), connection, AssessmentUpdate.inProgress(Instant.now()));
        Instant completed = Instant.parse("2026-11-02T09:30:00Z");
        f.ledger.report(v.id(), connection, AssessmentUpdate.completed(new AssessmentResult(null, null, "B",
                "Background check clear", "https://vendor.example/r/1", Map.of("Identity", "verified"), List.of(),
                completed)));

        OrderView got = f.assessments.get(acme, v.id());
        assertEquals(OrderStatus.COMPLETED, got.status());
        assertEquals("RESULT_RECEIVED", got.statusDetail());
        assertEquals("SC-1", got.vendorReference());
        assertEquals("https://vendor.example/c/1", got.candidateUrl());
        assertNull(got.result().score());
        assertNull(got.result().passed());
        assertEquals("B", got.result().band());
        assertEquals("Background check clear", got.result().summary());
        assertEquals("https://vendor.example/r/1", got.result().reportUrl());
        assertEquals(Map.of("Identity", "verified"), got.result().details());
        assertEquals(List.of(), got.result().attachments());
        AssessmentOrderEntity row = f.order(v.id());
        assertEquals(Instant.ofEpochMilli(row.getCompletedAt()), got.result().completedAt());
        assertEquals(List.of(OrderStatus.PLACED, OrderStatus.SENT, OrderStatus.IN_PROGRESS, OrderStatus.COMPLETED),
                steps(got));
        assertEquals(Instant.ofEpochMilli(row.getSentAt()), got.sentAt());
        assertEquals(Instant.ofEpochMilli(row.getStartedAt()), got.startedAt());
        assertEquals(Instant.ofEpochMilli(row.getFinishedAt()), got.finishedAt());
        assertEquals(Instant.ofEpochMilli(row.getUpdatedAt()), got.updatedAt());
        assertEquals(new AssessmentViews.DeliveryView(1, 0, null, null), got.delivery());
    }

    @Test
    public void aFailedDeliveryShowsWhenTheNextAttemptIsDue() {
        OrderView v = place("java");
        f.ledger.attemptFailed(v.id(), "connection refused", 123_456L);
        OrderView got = f.assessments.get(acme, v.id());
        assertEquals("DELIVERY_RETRYING", got.statusDetail());
        assertEquals(new AssessmentViews.DeliveryView(1, 1, "connection refused", Instant.ofEpochMilli(123_456L)),
                got.delivery());
    }

    @Test
    public void ordersThatEndedBeforeTheirCodeWasKeptSayWhatHappenedFromTheirTimes() {
        OrderView v = place("java");
        String where = " WHERE ID = '" + v.id() + "'";
        f.sql("UPDATE HM_ASSESSMENT_ORDER SET STATUS = 'FAILED', STATUSCODE = NULL, SENTAT = NULL" + where);
        f.unit.factory().getCache().evictAll();
        assertEquals("DELIVERY_FAILED", f.assessments.get(acme, v.id()).statusDetail());
        f.sql("UPDATE HM_ASSESSMENT_ORDER SET SENTAT = 1000" + where);
        f.unit.factory().getCache().evictAll();
        assertEquals("VENDOR_FAILED", f.assessments.get(acme, v.id()).statusDetail());
        f.sql("UPDATE HM_ASSESSMENT_ORDER SET STATUSCODE = 'IDENTITY_UNVERIFIED'" + where);
        f.unit.factory().getCache().evictAll();
        assertEquals("IDENTITY_UNVERIFIED", f.assessments.get(acme, v.id()).statusDetail());
        // an order of a version that counted failed attempts only: the acknowledged call counts too
        f.sql("UPDATE HM_ASSESSMENT_ORDER SET ATTEMPTSMADE = NULL, DELIVERYATTEMPTS = 2, VENDORREFERENCE = 'SC-9'" + where);
        f.unit.factory().getCache().evictAll();
        assertEquals(3, f.assessments.get(acme, v.id()).delivery().attempts());
        f.sql("UPDATE HM_ASSESSMENT_ORDER SET VENDORREFERENCE = NULL" + where);
        f.unit.factory().getCache().evictAll();
        assertEquals(2, f.assessments.get(acme, v.id()).delivery().attempts());
    }

    @Test
    public void theListIsTheCompanysNewestFirstFilteredAndPaged() {
        ApplicationView grace = f.apply(acme, application.jobId(), "Grace", "grace@example.com");
        String second = f.connection(acme, "testlab", ConnectionState.ACTIVE);
        OrderView a1 = place("java");
        OrderView a2 = place("sql");
        OrderView g1 = f.assessments.place(acme, grace.id(), new OrderIn(second, "java"));
        f.sql("UPDATE HM_ASSESSMENT_ORDER SET PLACEDAT = 1000 WHERE ID = '" + a1.id() + "'");
        f.sql("UPDATE HM_ASSESSMENT_ORDER SET PLACEDAT = 2000 WHERE ID = '" + a2.id() + "'");
        f.sql("UPDATE HM_ASSESSMENT_ORDER SET PLACEDAT = 3000 WHERE ID = '" + g1.id() + "'");
        f.ledger.acknowledged(a2.id(), new OrderAcknowledgement("SC-2", null));

        assertEquals(List.of(g1.id(), a2.id(), a1.id()), ids(new OrderFilter(null, null, null, null), 0, 10));
        assertEquals(List.of(a2.id(), a1.id()), ids(new OrderFilter(application.id(), null, null, null), 0, 10));
        assertEquals(List.of(g1.id()), ids(new OrderFilter(null, grace.candidate().id(), null, null), 0, 10));
        assertEquals(List.of(g1.id()), ids(new OrderFilter(null, null, second, null), 0, 10));
        assertEquals(List.of(a2.id()), ids(new OrderFilter(null, null, connection, OrderStatus.SENT), 0, 10));
        assertEquals(List.of(g1.id(), a1.id()), ids(new OrderFilter(null, null, null, OrderStatus.PLACED), 0, 10));

        Page<OrderView> page = f.assessments.list(acme, new OrderFilter(null, null, null, null), new PageRequest(1, 1));
        assertEquals(3, page.totalFound());
        assertEquals(List.of(a2.id()), page.content().stream().map(OrderView::id).toList());
        assertNull("no history in a list", page.content().get(0).history());
        assertEquals("SC-2", page.content().get(0).vendorReference());

        Page<OrderView> theirs = f.assessments.list(globex, new OrderFilter(application.id(), null, connection, null),
                new PageRequest(0, 10));
        assertEquals(0, theirs.totalFound());
        assertEquals(List.of(), theirs.content());
        assertEquals(0, f.assessments.list(globex, new OrderFilter(null, null, null, null), new PageRequest(0, 10))
                .totalFound());
    }

    private List<String> ids(OrderFilter filter, int page, int size) {
        Page<OrderView> p = f.assessments.list(acme, filter, new PageRequest(page, size));
        assertEquals(p.content().size(), p.totalFound());
        return p.content().stream().map(OrderView::id).toList();
    }

    @Test
    public void theConsoleListsEveryCompanysOrdersAndCountsThemByStatus() {
        Map<OrderStatus, Long> countedBefore = f.assessments.countByStatus(null);
        String globexConnection = f.connection(globex, "testlab", ConnectionState.ACTIVE);
        ApplicationView theirs = f.apply(globex, f.job(globex, "Analyst"), "Eve", "eve@example.com");
        OrderView a1 = place("java");
        OrderView a2 = place("sql");
        OrderView g1 = f.assessments.place(globex, theirs.id(), new OrderIn(globexConnection, "sql"));
        // the newest of all companies' orders
        long newest = 9_000_000_000_000L;
        f.sql("UPDATE HM_ASSESSMENT_ORDER SET PLACEDAT = " + (newest + 1) + " WHERE ID = '" + a1.id() + "'");
        f.sql("UPDATE HM_ASSESSMENT_ORDER SET PLACEDAT = " + (newest + 2) + " WHERE ID = '" + a2.id() + "'");
        f.sql("UPDATE HM_ASSESSMENT_ORDER SET PLACEDAT = " + (newest + 3) + " WHERE ID = '" + g1.id() + "'");
        f.ledger.attemptFailed(a1.id(), "timeout", 99_000L);
        f.assessments.cancel(acme, a2.id());
        assertEquals(1, testlab.listed.get());

        List<OrderAdminView> all = f.assessments.adminList(null, null, null, 3);
        assertEquals(List.of(g1.id(), a2.id(), a1.id()), all.stream().map(OrderAdminView::id).toList());
        OrderAdminView first = all.get(2);
        assertEquals(acme.companyId(), first.companyId());
        assertEquals(OrderingFixture.VENDOR, first.integrationId());
        assertEquals(connection, first.connectionId());
        assertEquals(OrderStatus.PLACED, first.status());
        assertEquals("java", first.packageId());
        assertEquals(1, first.attempts());
        assertEquals("timeout", first.lastError());
        assertEquals(Instant.ofEpochMilli(newest + 1), first.placedAt());
        assertEquals(Instant.ofEpochMilli(f.order(a1.id()).getUpdatedAt()), first.updatedAt());

        assertEquals(List.of(g1.id(), a2.id()), f.assessments.adminList(null, null, null, 2).stream()
                .map(OrderAdminView::id).toList());
        assertEquals(List.of(a2.id(), a1.id()), f.assessments.adminList(acme.companyId(), null, null, 10).stream()
                .map(OrderAdminView::id).toList());
        assertEquals(List.of(g1.id()), f.assessments.adminList(globex.companyId(), "testlab", null, 10).stream()
                .map(OrderAdminView::id).toList());
        assertEquals(List.of(g1.id()), f.assessments.adminList(null, "testlab", null, 1).stream()
                .map(OrderAdminView::id).toList());
        assertEquals(List.of(a2.id()), f.assessments.adminList(null, null, OrderStatus.CANCELLED, 1).stream()
                .map(OrderAdminView::id).toList());
        assertEquals(List.of(a2.id()), f.assessments.adminList(acme.companyId(), null, OrderStatus.CANCELLED, 10)
                .stream().map(OrderAdminView::id).toList());
        assertEquals(List.of(a1.id()), f.assessments.adminList(acme.companyId(), OrderingFixture.VENDOR,
                OrderStatus.PLACED, 10).stream().map(OrderAdminView::id).toList());
        assertEquals(List.of(), f.assessments.adminList(acme.companyId(), "testlab", null, 10));

        Map<OrderStatus, Long> counted = f.assessments.countByStatus(null);
        assertEquals(countedBefore.getOrDefault(OrderStatus.PLACED, 0L) + 2, (long) counted.get(OrderStatus.PLACED));
        assertEquals(countedBefore.getOrDefault(OrderStatus.CANCELLED, 0L) + 1,
                (long) counted.get(OrderStatus.CANCELLED));
        assertEquals(Map.of(), f.assessments.countByStatus("nobody"));
        Map<OrderStatus, Long> lab = f.assessments.countByStatus("testlab");
        assertEquals(Long.valueOf(lab.values().stream().mapToLong(Long::longValue).sum()),
                Long.valueOf(f.rows("SELECT COUNT(*) FROM HM_ASSESSMENT_ORDER WHERE INTEGRATIONID = 'testlab'").get(0)));
    }

    // ------------------------------------------------------------------------------ cancelling

    @Test
    public void anOrderNotYetAcknowledgedIsCancelledWithoutAskingTheVendor() {
        OrderView v = place("java");
        OrderView c = f.assessments.cancel(acme, v.id());
        assertEquals(OrderStatus.CANCELLED, c.status());
        assertEquals("CANCELLED_BY_CUSTOMER", c.statusDetail());
        assertNotNull(c.finishedAt());
        assertEquals(List.of(OrderStatus.PLACED, OrderStatus.CANCELLED), steps(c));
        assertEquals("Cancelled by " + ApplicationService.actor(acme), c.history().get(1).detail());
        assertEquals(List.of(), vendor.cancelled);
        assertNull("no more delivery", f.order(v.id()).getNextAttemptAt());
    }

    @Test
    public void theVendorIsToldOfTheCancellationOfAnOrderItAcknowledgedBestEffort() {
        OrderView v = place("java");
        f.ledger.acknowledged(v.id(), new OrderAcknowledgement("SC-1", null));
        assertEquals(OrderStatus.CANCELLED, f.assessments.cancel(acme, v.id()).status());
        assertEquals(List.of(v.id() + "=SC-1"), vendor.cancelled);

        OrderView w = place("sql");
        f.ledger.acknowledged(w.id(), new OrderAcknowledgement("SC-2", null));
        f.ledger.report(w.id(), connection, AssessmentUpdate.inProgress(Instant.now()));
        vendor.cancelFails = new IllegalStateException("vendor down");
        OrderView c = f.assessments.cancel(acme, w.id());
        assertEquals("cancelled in the host whatever the vendor says", OrderStatus.CANCELLED, c.status());
        assertEquals(List.of(OrderStatus.PLACED, OrderStatus.SENT, OrderStatus.IN_PROGRESS, OrderStatus.CANCELLED),
                steps(c));
        assertEquals(List.of(v.id() + "=SC-1", w.id() + "=SC-2"), vendor.cancelled);
    }

    @Test
    public void anOrderOfAVendorNoLongerDeployedIsCancelledInTheHost() {
        String board = f.connection(acme, "jobboard", ConnectionState.ACTIVE);
        OrderView v = place("java");
        f.ledger.acknowledged(v.id(), new OrderAcknowledgement("SC-1", null));
        // a stray order row pointing at an integration that sells no assessments, and one whose plugin is gone
        f.sql("UPDATE HM_ASSESSMENT_ORDER SET INTEGRATIONID = 'jobboard', CONNECTIONID = '" + board + "' WHERE ID = '"
                + v.id() + "'");
        assertEquals(OrderStatus.CANCELLED, f.assessments.cancel(acme, v.id()).status());
        OrderView w = place("sql");
        f.ledger.acknowledged(w.id(), new OrderAcknowledgement("SC-2", null));
        f.sql("UPDATE HM_ASSESSMENT_ORDER SET INTEGRATIONID = 'gone-vendor' WHERE ID = '" + w.id() + "'");
        assertEquals(OrderStatus.CANCELLED, f.assessments.cancel(acme, w.id()).status());
        assertEquals(List.of(), vendor.cancelled);
    }

    @Test
    public void aFinishedOrderCannotBeCancelled() {
        for (OrderStatus end : new OrderStatus[] { OrderStatus.COMPLETED, OrderStatus.FAILED, OrderStatus.EXPIRED,
                OrderStatus.CANCELLED }) {
            application = f.apply(acme, application.jobId(), "Ada", end + "@example.com");
            OrderView v = place("java");
            f.ledger.acknowledged(v.id(), new OrderAcknowledgement("SC-" + end, null));
            switch (end) {
                case COMPLETED -> f.ledger.report(v.id(), connection, AssessmentUpdate.completed(result(55.0)));
                case FAILED -> f.ledger.report(v.id(), connection, AssessmentUpdate.failed("no", Instant.now()));
                case EXPIRED -> f.ledger.report(v.id(), connection, AssessmentUpdate.expired("late", Instant.now()));
                default -> f.assessments.cancel(acme, v.id());
            }
            String before = f.snapshot();
            int told = vendor.cancelled.size();
            ApiException e = refused(409, "order-final", () -> f.assessments.cancel(acme, v.id()));
            assertEquals("order " + v.id() + " is " + end + " and can no longer be cancelled", e.detail());
            assertEquals(before, f.snapshot());
            assertEquals(told, vendor.cancelled.size());
        }
    }

    // ------------------------------------------------------------------------------ tenants

    @Test
    public void anotherCompanysIdsAreNotFoundAndChangeNothing() {
        OrderView v = place("java");
        f.ledger.acknowledged(v.id(), new OrderAcknowledgement("SC-1", null));
        String globexConnection = f.connection(globex, OrderingFixture.VENDOR, ConnectionState.ACTIVE);
        ApplicationView theirs = f.apply(globex, f.job(globex, "Analyst"), "Eve", "eve@example.com");
        String before = f.snapshot();
        int listed = vendor.listed.get();

        ApiException e = refused(404, "not-found", () -> f.assessments.get(globex, v.id()));
        assertEquals("assessment order '" + v.id() + "' does not exist", e.detail());
        refused(404, "not-found", () -> f.assessments.cancel(globex, v.id()));
        refused(404, "not-found", () -> f.assessments.packages(globex, connection));
        // their application with acme's connection, acme's application with their connection
        refused(404, "not-found", () -> f.assessments.place(globex, theirs.id(), new OrderIn(connection, "java")));
        refused(404, "not-found", () -> f.assessments.place(globex, application.id(), new OrderIn(globexConnection, "sql")));
        refused(404, "not-found", () -> f.assessments.place(acme, theirs.id(), new OrderIn(connection, "sql")));
        refused(404, "not-found", () -> f.assessments.get(acme, "no-such-order"));
        refused(404, "not-found", () -> f.assessments.get(acme, null));
        refused(404, "not-found", () -> f.assessments.cancel(acme, "no-such-order"));

        assertEquals(before, f.snapshot());
        assertEquals(List.of(), vendor.cancelled);
        assertEquals(List.of(v.id() + "@" + OrderingFixture.VENDOR), f.mailbox.enqueued);
        assertEquals(OrderStatus.SENT, f.assessments.get(acme, v.id()).status());
        assertEquals("their connection's list was asked for once", listed + 1, vendor.listed.get());
        assertFalse(f.assessments.list(globex, new OrderFilter(null, null, null, null), new PageRequest(0, 5))
                .content().iterator().hasNext());
    }

    private static AssessmentResult result(double score) {
        return new AssessmentResult(score, score >= 50, null, "summary", null, Map.of(), List.of(),
                Instant.parse("2026-11-01T10:00:00Z"));
    }
}
