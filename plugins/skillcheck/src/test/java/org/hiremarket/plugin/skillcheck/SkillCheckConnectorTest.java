package org.hiremarket.plugin.skillcheck;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.lang.annotation.Annotation;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.regex.Pattern;

import org.hiremarket.api.assessment.AssessmentCallback;
import org.hiremarket.api.assessment.AssessmentOrder;
import org.hiremarket.api.assessment.AssessmentResult;
import org.hiremarket.api.assessment.AssessmentStatus;
import org.hiremarket.api.assessment.AssessmentUpdate;
import org.hiremarket.api.assessment.CandidateInfo;
import org.hiremarket.api.assessment.OrderAcknowledgement;
import org.hiremarket.api.integration.ConnectResult;
import org.hiremarket.api.integration.ConnectionContext;
import org.hiremarket.api.integration.IntegrationException;
import org.hiremarket.api.integration.IntegrationKind;
import org.hiremarket.api.integration.ScopeNotGrantedException;
import org.hiremarket.api.integration.StandardScopes;
import org.hiremarket.api.testkit.TestConnections;
import org.junit.After;
import org.junit.Test;

public class SkillCheckConnectorTest {

    static final String KEY = "sk_live_123456_AbCdEfGh12345678";
    /** Results come at once, so tests only wait for the vendor's threads. */
    private final SkillCheckConnector vendor = new SkillCheckConnector(settings(0, Settings.Mode.NORMAL, 0));
    private final Recorder host = new Recorder();
    private final ConnectionContext connected = TestConnections.context(Map.of("accountId", "SC-123456", "apiKey", KEY));

    private ConnectResult connect(String account, String key) {
        return vendor.connect(TestConnections.context(Map.of("accountId", account, "apiKey", key)));
    }

    private static AssessmentOrder order(String key, String pkg, String email) {
        return new AssessmentOrder("o-" + key, key, pkg, new CandidateInfo("Ada", "Lovelace", email), "Java developer",
                Instant.parse("2026-11-01T10:00:00Z"));
    }

    private static Settings settings(long delayMs, Settings.Mode mode, long slowMs) {
        return new Settings(delayMs, mode, slowMs, true);
    }

    @After
    public void stopVendor() {
        vendor.deactivate();
    }

    @Test
    public void descriptorFollowsTheHostRules() {
        var d = vendor.descriptor();
        assertEquals("skillcheck", d.id());
        assertEquals(IntegrationKind.ASSESSMENT, d.kind());
        assertTrue(d.scopes().stream().allMatch(s -> StandardScopes.isKnown(s.id())));
        assertEquals(StandardScopes.VENDOR_CATALOG_READ, d.reverseScopes().get(0).id());
        assertTrue(d.field("apiKey").secret());
        assertFalse(d.field("accountId").secret());
    }

    @Test
    public void fieldPatternsAcceptTheDocumentedExamplesOnly() {
        assertTrue(Pattern.matches(vendor.descriptor().field("accountId").pattern(), "SC-123456"));
        assertFalse(Pattern.matches(vendor.descriptor().field("accountId").pattern(), "SC-12345"));
        assertTrue(Pattern.matches(vendor.descriptor().field("apiKey").pattern(), KEY));
        assertFalse(Pattern.matches(vendor.descriptor().field("apiKey").pattern(), "sk_prod_123456_AbCdEfGh12345678"));
    }

    @Test
    public void keyOfTheAccountConnectsAndTestKeysSayTestMode() {
        ConnectResult live = connect("SC-123456", KEY);
        assertTrue(live.description(), live.isConnected());
        ConnectResult test = connect("SC-123456", "sk_test_123456_AbCdEfGh12345678");
        assertTrue(test.isConnected());
        assertTrue(test.description(), test.description().contains("test mode"));
    }

    @Test
    public void keyOfAnotherAccountExpiredContractAndMalformedInputAreRejected() {
        assertEquals("KEY_ACCOUNT_MISMATCH", connect("SC-654321", KEY).detail());
        assertEquals("CONTRACT_EXPIRED", connect("SC-912345", "sk_live_912345_AbCdEfGh12345678").detail());
        assertEquals("INVALID_ACCOUNT", connect("SC-1", KEY).detail());
        assertEquals("INVALID_ACCOUNT", vendor.connect(TestConnections.context(Map.of())).detail());
    }

    @Test
    public void catalogueHasPackagesWithDurations() {
        var packages = vendor.listPackages(connected);
        assertEquals(4, packages.size());
        assertEquals("java-dev", packages.get(0).id());
        assertEquals(60, packages.get(0).durationMinutes());
    }

    @Test
    public void sameIdempotencyKeyIsTheSameOrder() throws Exception {
        OrderAcknowledgement first = vendor.placeOrder(connected, order("k1", "cognitive", "ada@example.com"), host);
        assertEquals(first, vendor.placeOrder(connected, order("k1", "cognitive", "ada@example.com"), host));
        OrderAcknowledgement second = vendor.placeOrder(connected, order("k2", "cognitive", "ada@example.com"), host);
        assertNotEquals(first.vendorReference(), second.vendorReference());
        assertTrue(first.vendorReference().startsWith("SC-ORD-"));
        assertEquals("https://assess.skillcheck.example/take/" + first.vendorReference(), first.candidateUrl());
    }

    @Test
    public void badOrdersAreRefusedWithTheirCode() {
        assertRefused("UNKNOWN_PACKAGE", connected, order("k", "astrology", "ada@example.com"));
        assertRefused("INVALID_CANDIDATE", connected, order("k", "cognitive", "not-an-email"));
        assertRefused("INVALID_CANDIDATE", connected, order("k", "cognitive", null));
        ConnectionContext noCandidates = TestConnections.context(Map.of("accountId", "SC-123456", "apiKey", KEY),
                Set.of(StandardScopes.JOBS_READ));
        assertRefused("SCOPE_MISSING", noCandidates, order("k", "cognitive", "ada@example.com"));
    }

    @Test
    public void orderBookForgetsTheLeastRecentlyUsedBeyondItsCapacity() {
        OrderBook book = new OrderBook(2);
        OrderBook.Placement a = book.place("a", () -> bookEntry("a"));
        assertTrue(a.first());
        book.place("b", () -> bookEntry("b"));
        assertSame(a.order(), book.find("a")); // a is now more recent than b
        book.place("c", () -> bookEntry("c"));
        assertEquals(2, book.size());
        assertNull("b was evicted", book.find("b"));
        assertFalse(book.place("a", () -> bookEntry("a again")).first());
        assertTrue(book.place("b", () -> bookEntry("b again")).first());
    }

    private VendorOrder bookEntry(String key) {
        return new VendorOrder(new OrderAcknowledgement("r-" + key, null), order(key, "cognitive", "ada@example.com"),
                vendor.listPackages(connected).get(1), host);
    }

    private void assertRefused(String code, ConnectionContext ctx, AssessmentOrder o) {
        try {
            vendor.placeOrder(ctx, o, host);
            fail("accepted " + o);
        } catch (IntegrationException e) {
            assertEquals(code, e.code());
            assertFalse(e.isRetryable());
        }
    }

    // --- orders at the vendor: progress, results, redelivery -------------------------------------

    @Test
    public void redeliveryBeforeTheResultGivesTheSameAckAndOneResultToTheNewestCallback() throws Exception {
        CountDownLatch gate = holdVendorThreads(); // nothing the vendor scheduled runs before both deliveries
        Recorder first = new Recorder();
        OrderAcknowledgement ack = vendor.placeOrder(connected, order("k", "java-dev", "ada@example.com"), first);
        assertEquals(ack, vendor.placeOrder(connected, order("k", "java-dev", "ada@example.com"), host));
        assertEquals(1, vendor.orders().size());
        gate.countDown();

        await("the result", () -> host.count(AssessmentStatus.COMPLETED) > 0);
        quiesce();
        assertEquals(List.of(AssessmentStatus.IN_PROGRESS, AssessmentStatus.COMPLETED),
                host.updates.stream().map(AssessmentUpdate::status).toList());
        assertEquals("the first callback was replaced before anything happened", 0, first.calls.get());
    }

    @Test
    public void redeliveryAfterTheResultSendsTheSameResultToTheNewCallback() throws Exception {
        OrderAcknowledgement ack = vendor.placeOrder(connected, order("k", "cognitive", "ada@example.com"), host);
        await("the result", () -> host.finalUpdate() != null);
        Recorder newest = new Recorder();
        assertEquals(ack, vendor.placeOrder(connected, order("k", "cognitive", "ada@example.com"), newest));
        await("the result again", () -> newest.finalUpdate() != null);
        quiesce();
        assertEquals(host.finalUpdate(), newest.finalUpdate());
        assertEquals(List.of(newest.finalUpdate()), newest.updates);
        assertEquals(1, host.count(AssessmentStatus.COMPLETED));
    }

    @Test
    public void theCandidateStartsBeforeTheResult() throws Exception {
        vendor.apply(settings(50, Settings.Mode.NORMAL, 0));
        vendor.placeOrder(connected, order("k", "cognitive", "ada@example.com"), host);
        await("the result", () -> host.finalUpdate() != null);
        assertEquals(List.of(AssessmentStatus.IN_PROGRESS, AssessmentStatus.COMPLETED),
                host.updates.stream().map(AssessmentUpdate::status).toList());
    }

    @Test
    public void scoresAreDeterministicInRangeAndBandedConsistently() throws Exception {
        assertEquals(Results.score("java-dev", "grace@example.com"), Results.score("java-dev", "Grace@Example.COM"));
        Set<Integer> seen = new java.util.HashSet<>();
        for (int i = 0; i < 500; i++) {
            int score = Results.score("cognitive", "candidate" + i + "@example.com");
            assertTrue(score + " in 0..100", score >= 0 && score <= 100);
            assertEquals(score, Results.score("cognitive", "candidate" + i + "@example.com"));
            seen.add(score);
            String band = Results.band(score);
            assertEquals(score >= 85 ? "Strong" : score >= 60 ? "Good" : score >= 40 ? "Borderline" : "Weak", band);
        }
        assertTrue("scores spread over the range: " + seen.size(), seen.size() > 50);

        OrderAcknowledgement ack = vendor.placeOrder(connected, order("k", "java-dev", "grace@example.com"), host);
        await("the result", () -> host.finalUpdate() != null);
        AssessmentResult result = host.finalUpdate().result();
        int expected = Results.score("java-dev", "grace@example.com");
        assertEquals(Double.valueOf(expected), result.score());
        assertEquals(expected >= 60, result.passed());
        assertEquals(Results.band(expected), result.band());
        assertTrue(result.summary(), result.summary().contains("Java developer skills test")
                && result.summary().contains(result.band()));
        assertEquals("https://reports.skillcheck.example/r/" + ack.vendorReference(), result.reportUrl());
        assertEquals(List.of("Coding", "Testing", "Design"), List.copyOf(result.details().keySet()));
        assertTrue(result.details().values().stream().allMatch(v -> v.matches("(100|[1-9]?[0-9])/100")));
        assertTrue(result.attachments().isEmpty());
    }

    @Test
    public void backgroundCheckIsVerifiedWithACertificate() throws Exception {
        String ref = vendor.placeOrder(connected, order("k", "background", "ada@example.com"), host).vendorReference();
        await("the result", () -> host.finalUpdate() != null);
        AssessmentResult result = host.finalUpdate().result();
        assertNull(result.score());
        assertEquals(Boolean.TRUE, result.passed());
        assertEquals("Verified", result.band());
        assertEquals("verified", result.details().get("Identity"));
        assertEquals(List.of(new AssessmentResult.ResultAttachment("background-check-" + ref + ".pdf",
                "application/pdf", "https://reports.skillcheck.example/r/" + ref + ".pdf")), result.attachments());
    }

    @Test
    public void aNoShowExpiresWithoutEverStarting() throws Exception {
        vendor.placeOrder(connected, order("k", "cognitive", "noshow.ada@example.com"), host);
        await("the result", () -> host.finalUpdate() != null);
        quiesce();
        AssessmentUpdate expired = host.finalUpdate();
        assertEquals(AssessmentStatus.EXPIRED, expired.status());
        assertEquals("The candidate did not start the assessment within 7 days", expired.reason());
        assertEquals(List.of(expired), host.updates);
    }

    @Test
    public void anUnverifiableBackgroundCheckFails() throws Exception {
        vendor.placeOrder(connected, order("k", "background", "unverifiable@example.com"), host);
        await("the result", () -> host.finalUpdate() != null);
        assertEquals(AssessmentStatus.FAILED, host.finalUpdate().status());
        assertEquals("Identity could not be verified", host.finalUpdate().reason());

        Recorder skills = new Recorder(); // only background checks verify identities
        vendor.placeOrder(connected, order("k2", "cognitive", "unverifiable@example.com"), skills);
        await("the result", () -> skills.finalUpdate() != null);
        assertEquals(AssessmentStatus.COMPLETED, skills.finalUpdate().status());
    }

    // --- polling and cancelling ------------------------------------------------------------------

    @Test
    public void pollReturnsTheLatestUpdateOrNullWhenUnknownOrNotStarted() throws Exception {
        assertTrue(vendor.supportsPolling());
        AssessmentOrder o = order("k", "cognitive", "ada@example.com");
        assertNull(vendor.pollOrder(connected, o, "SC-ORD-UNKNOWN"));
        CountDownLatch gate = holdVendorThreads();
        String ref = vendor.placeOrder(connected, o, host).vendorReference();
        assertNull("not started yet", vendor.pollOrder(connected, o, ref));
        assertNull("another order's reference", vendor.pollOrder(connected, o, ref + "0"));
        gate.countDown();
        await("the result", () -> host.finalUpdate() != null);
        assertEquals(host.finalUpdate(), vendor.pollOrder(connected, o, ref));
    }

    @Test
    public void withoutPushTheResultIsOnlyGivenWhenPolled() throws Exception {
        vendor.apply(new Settings(0, Settings.Mode.NORMAL, 0, false));
        AssessmentOrder o = order("k", "cognitive", "ada@example.com");
        String ref = vendor.placeOrder(connected, o, host).vendorReference();
        await("the result, by polling", () -> {
            try {
                AssessmentUpdate u = vendor.pollOrder(connected, o, ref);
                return u != null && u.status() == AssessmentStatus.COMPLETED;
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
        // a redelivery of the finished order (which re-sends the result when pushing) pushes nothing either
        assertEquals(ref, vendor.placeOrder(connected, o, host).vendorReference());
        quiesce();
        assertEquals("nothing was pushed", 0, host.calls.get());
    }

    @Test
    public void cancelStopsTheAssessmentAndARedeliveryDoesNotRestartIt() throws Exception {
        CountDownLatch gate = holdVendorThreads();
        AssessmentOrder o = order("k", "cognitive", "ada@example.com");
        OrderAcknowledgement ack = vendor.placeOrder(connected, o, host);
        vendor.cancelOrder(connected, o, ack.vendorReference());
        assertEquals(ack, vendor.placeOrder(connected, o, host));
        gate.countDown();
        quiesce();
        assertEquals(List.of(), host.updates);
        assertNull(vendor.pollOrder(connected, o, ack.vendorReference()));
    }

    // --- reporting when the host has trouble ----------------------------------------------------

    @Test
    public void aReportTheHostCannotStoreIsSentAgain() throws Exception {
        host.failFirst = 1; // IllegalStateException once: the host cannot store it now
        vendor.placeOrder(connected, order("k", "cognitive", "noshow@example.com"), host);
        await("the report sent again", () -> host.finalUpdate() != null); // after about 1 s
        quiesce();
        assertEquals(2, host.calls.get());
        assertEquals(AssessmentStatus.EXPIRED, host.finalUpdate().status());
    }

    @Test
    public void aReportWithoutTheScopeIsNotSentAgain() throws Exception {
        host.scopeMissing = true;
        vendor.placeOrder(connected, order("k", "cognitive", "noshow@example.com"), host);
        await("the report", () -> host.calls.get() > 0);
        quiesce(); // would also run a retry had one been scheduled
        assertEquals(1, host.calls.get());
    }

    // --- simulated trouble at the vendor and configuration ---------------------------------------

    @Test
    public void failModeIsARetryableOutageForOrdersAndPolls() {
        vendor.apply(settings(0, Settings.Mode.FAIL, 0));
        IntegrationException e = placeFails(order("k", "cognitive", "ada@example.com"));
        assertTrue(e.isRetryable());
        assertEquals("VENDOR_UNAVAILABLE", e.code());
        assertTrue(e.getMessage(), e.getMessage().startsWith("SkillCheck is down"));
        try {
            vendor.pollOrder(connected, order("k", "cognitive", "ada@example.com"), "SC-ORD-1");
            fail("polled a vendor that is down");
        } catch (IntegrationException down) {
            assertTrue(down.isRetryable());
        }
        assertEquals(0, vendor.orders().size());
    }

    @Test
    public void rejectModeRefusesOrdersForGood() {
        vendor.apply(settings(0, Settings.Mode.REJECT, 0));
        IntegrationException e = placeFails(order("k", "cognitive", "ada@example.com"));
        assertFalse(e.isRetryable());
        assertEquals("ORDERS_SUSPENDED", e.code());
        assertEquals(0, vendor.orders().size());
    }

    @Test
    public void slowModeAnswersLateAndAnInterruptedCallTakesNothing() throws Exception {
        vendor.apply(settings(0, Settings.Mode.SLOW, 1));
        assertNotNull(vendor.placeOrder(connected, order("quick", "cognitive", "ada@example.com"), host));

        vendor.apply(settings(0, Settings.Mode.SLOW, 60_000));
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        AtomicReference<Boolean> stillInterrupted = new AtomicReference<>();
        Thread caller = new Thread(() -> {
            try {
                vendor.placeOrder(connected, order("slow", "cognitive", "ada@example.com"), host);
            } catch (Throwable t) {
                thrown.set(t);
            }
            stillInterrupted.set(Thread.currentThread().isInterrupted());
        }, "slow-caller");
        caller.start();
        await("the call blocks", () -> caller.getState() == Thread.State.TIMED_WAITING);
        caller.interrupt();
        caller.join(TimeUnit.SECONDS.toMillis(10));
        assertFalse("the call returned", caller.isAlive());
        assertTrue(String.valueOf(thrown.get()), thrown.get() instanceof IntegrationException);
        assertTrue(((IntegrationException) thrown.get()).isRetryable());
        assertEquals(Boolean.TRUE, stillInterrupted.get());
        assertNull(vendor.orders().find("slow"));
    }

    @Test
    public void unknownModeMeansNormal() {
        assertEquals(Settings.Mode.NORMAL, Settings.mode("sideways"));
        assertEquals(Settings.Mode.FAIL, Settings.mode(" Fail "));
    }

    @Test
    public void configurationChangesApplyLiveWithoutLosingOrders() throws Exception {
        SkillCheckConnector component = new SkillCheckConnector(); // as Declarative Services runs it
        try {
            component.activate(config(3_600_000, "normal", 0));
            AssessmentOrder o = order("k", "cognitive", "ada@example.com");
            OrderAcknowledgement ack = component.placeOrder(connected, o, host);
            component.modified(config(3_600_000, "reject", 0));
            try {
                component.placeOrder(connected, o, host);
                fail("reject mode took an order");
            } catch (IntegrationException e) {
                assertEquals("ORDERS_SUSPENDED", e.code());
            }
            component.modified(config(0, "no-such-mode", 0));
            assertEquals("the order is still known", ack, component.placeOrder(connected, o, host));
            assertEquals(1, component.orders().size());
            assertTrue(component.scheduler().getClass().getName(),
                    component.scheduler() instanceof ScheduledThreadPoolExecutor);
        } finally {
            component.deactivate();
        }
        assertTrue(component.scheduler().isShutdown());
    }

    // --- helpers ---------------------------------------------------------------------------------

    private IntegrationException placeFails(AssessmentOrder o) {
        try {
            vendor.placeOrder(connected, o, host);
            throw new AssertionError("accepted " + o);
        } catch (IntegrationException e) {
            return e;
        }
    }

    /** Occupies both vendor threads until the returned gate opens, so scheduled steps wait for it. */
    private CountDownLatch holdVendorThreads() throws InterruptedException {
        CountDownLatch gate = new CountDownLatch(1);
        CountDownLatch held = new CountDownLatch(2);
        for (int i = 0; i < 2; i++) {
            vendor.scheduler().execute(() -> {
                held.countDown();
                try {
                    gate.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }
        assertTrue("both vendor threads held", held.await(10, TimeUnit.SECONDS));
        return gate;
    }

    /**
     * Lets the vendor run what it has scheduled, then stops it: every report it would still send
     * has been sent when this returns.
     */
    private void quiesce() throws InterruptedException {
        vendor.scheduler().shutdown(); // tasks already scheduled still run
        assertTrue("the vendor finished its work", vendor.scheduler().awaitTermination(30, TimeUnit.SECONDS));
    }

    /** Waits for a condition with a deadline; fails when it does not come true in time. */
    private static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                fail("timed out waiting for " + what);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2));
        }
    }

    /** A configuration as Declarative Services would build it from the .cfg. */
    private static SkillCheckConfig config(long delayMs, String mode, long slowMs) {
        return new SkillCheckConfig() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return SkillCheckConfig.class;
            }

            @Override
            public long completion_delay_ms() {
                return delayMs;
            }

            @Override
            public String mode() {
                return mode;
            }

            @Override
            public long slow_ms() {
                return slowMs;
            }

            @Override
            public int report_threads() {
                return 4;
            }

            @Override
            public boolean push_results() {
                return true;
            }
        };
    }

    /** The host's end of an order: records every report, and can fail like the real one. */
    static final class Recorder implements AssessmentCallback {
        final List<AssessmentUpdate> updates = new CopyOnWriteArrayList<>();
        final AtomicInteger calls = new AtomicInteger();
        /** How many first calls throw IllegalStateException. */
        volatile int failFirst;
        volatile boolean scopeMissing;

        @Override
        public String orderId() {
            return "o-test";
        }

        @Override
        public Outcome report(AssessmentUpdate update) throws ScopeNotGrantedException {
            int call = calls.incrementAndGet();
            if (scopeMissing) {
                throw new ScopeNotGrantedException(StandardScopes.ASSESSMENT_RESULTS_WRITE);
            }
            if (call <= failFirst) {
                throw new IllegalStateException("the database is busy");
            }
            boolean known = updates.contains(update);
            updates.add(update);
            return known ? Outcome.ALREADY_RECORDED : Outcome.ACCEPTED;
        }

        long count(AssessmentStatus status) {
            return updates.stream().filter(u -> u.status() == status).count();
        }

        /** @return the first final update received, or null */
        AssessmentUpdate finalUpdate() {
            return updates.stream().filter(u -> u.status().isFinal()).findFirst().orElse(null);
        }
    }
}
