package org.hiremarket.core.internal.assessment;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.time.Instant;
import java.util.List;
import java.util.Map;


import org.hiremarket.api.assessment.AssessmentCallback.Outcome;
import org.hiremarket.api.assessment.AssessmentResult;
import org.hiremarket.api.assessment.AssessmentUpdate;
import org.hiremarket.api.assessment.OrderAcknowledgement;
import org.hiremarket.core.internal.persistence.Database;
import org.hiremarket.core.internal.persistence.InMemoryUnit;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/**
 * The host's side of "results are accepted once": the ledger on the real persistence unit and an
 * in-memory Derby, fed the repeats and strays a vendor may send.
 */
public class OrderLedgerTest {

    private InMemoryUnit unit;
    private Database db;
    private OrderLedger ledger;

    @Before
    public void open() {
        unit = new InMemoryUnit(true);
        db = unit.database();
        ledger = new OrderLedger(db);
    }

    @After
    public void close() {
        ledger.close();
        unit.close();
    }

    private String placed() {
        String id = "order-" + System.nanoTime();
        db.tx(em -> {
            AssessmentOrderEntity o = new AssessmentOrderEntity(id, "company-1", "connection-1", "skillcheck",
                    "application-1", "candidate-1", "job-1", "java-dev", "Java developer", "test", 1_000L);
            OrderLedger.placed(o, "Ordered");
            em.persist(o);
            return null;
        });
        return id;
    }

    /** An order as the version before steps were kept in the row placed it: its first step a history row. */
    private String placedByAnEarlierVersion() {
        String id = "order-" + System.nanoTime();
        db.tx(em -> {
            AssessmentOrderEntity o = new AssessmentOrderEntity(id, "company-1", "connection-1", "skillcheck",
                    "application-1", "candidate-1", "job-1", "java-dev", "Java developer", "test", 1_000L);
            em.persist(o);
            OrderLedger.event(em, o, null, OrderStatus.PLACED, "Ordered", 1_000L);
            return null;
        });
        return id;
    }

    private List<AssessmentOrderEventEntity> rows(String id) {
        return db.tx(em -> em.createNamedQuery("OrderEvent.ofOrder", AssessmentOrderEventEntity.class)
                .setParameter("orderId", id).getResultList());
    }

    private List<AssessmentViews.OrderEventView> steps(String id) {
        return OrderLedger.history(order(id), rows(id));
    }

    private AssessmentOrderEntity order(String id) {
        return db.tx(em -> em.find(AssessmentOrderEntity.class, id));
    }

    private List<OrderStatus> history(String id) {
        return steps(id).stream().map(AssessmentViews.OrderEventView::to).toList();
    }

    private static AssessmentUpdate completed(double score) {
        return AssessmentUpdate.completed(new AssessmentResult(score, score >= 50, null, "summary", null, Map.of(),
                List.of(), Instant.ofEpochMilli(5_000)));
    }

    @Test
    public void aRepeatedResultIsRecordedOnceAndChangesNothing() {
        String id = placed();
        ledger.acknowledged(id, new OrderAcknowledgement("SC-1", null));
        assertEquals(Outcome.ACCEPTED, ledger.report(id, "connection-1", AssessmentUpdate.inProgress(Instant.now())));
        assertEquals(Outcome.ACCEPTED, ledger.report(id, "connection-1", completed(82)));

        assertEquals(Outcome.ALREADY_RECORDED, ledger.report(id, "connection-1", completed(82)));
        // a different, later result for a finished order is not taken either
        assertEquals(Outcome.ALREADY_RECORDED, ledger.report(id, "connection-1", completed(12)));
        assertEquals(Outcome.ALREADY_RECORDED, ledger.report(id, "connection-1", AssessmentUpdate.inProgress(Instant.now())));

        AssessmentOrderEntity o = order(id);
        assertEquals(OrderStatus.COMPLETED, o.getStatus());
        assertEquals(82.0, o.getScore(), 0.0);
        assertEquals(List.of(OrderStatus.PLACED, OrderStatus.SENT, OrderStatus.IN_PROGRESS, OrderStatus.COMPLETED),
                history(id));
    }

    /**
     * Many vendors' threads at once: acknowledgements and results share group commits (one query
     * for a batch's orders, JDBC batches for its updates and history), a result sent twice may land
     * in the same batch as its twin, and each is still recorded once.
     */
    @Test
    public void concurrentAcknowledgementsAndRepeatedResultsAreEachRecordedOnce() throws Exception {
        List<String> ids = new java.util.ArrayList<>();
        for (int i = 0; i < 60; i++) {
            ids.add(placed());
        }
        java.util.concurrent.ExecutorService vendors = java.util.concurrent.Executors.newFixedThreadPool(24);
        try {
            List<java.util.concurrent.Future<Outcome>> results = new java.util.ArrayList<>();
            List<java.util.concurrent.Future<?>> acks = new java.util.ArrayList<>();
            for (String id : ids) {
                acks.add(vendors.submit(() -> ledger.acknowledged(id, new OrderAcknowledgement("SC-" + id, null))));
            }
            for (java.util.concurrent.Future<?> f : acks) {
                f.get(30, java.util.concurrent.TimeUnit.SECONDS);
            }
            for (String id : ids) {
                for (int twice = 0; twice < 2; twice++) {
                    results.add(vendors.submit(() -> ledger.report(id, "connection-1", completed(75))));
                }
            }
            int accepted = 0;
            for (java.util.concurrent.Future<Outcome> f : results) {
                accepted += f.get(30, java.util.concurrent.TimeUnit.SECONDS) == Outcome.ACCEPTED ? 1 : 0;
            }
            assertEquals("one result accepted per order", ids.size(), accepted);
        } finally {
            vendors.shutdownNow();
        }
        for (String id : ids) {
            assertEquals(List.of(OrderStatus.PLACED, OrderStatus.SENT, OrderStatus.COMPLETED), history(id));
            assertEquals("SC-" + id, order(id).getVendorReference());
            assertEquals(75.0, order(id).getScore(), 0.0);
        }
    }

    @Test
    public void aRepeatedAcknowledgementKeepsOneSentStep() {
        String id = placed();
        ledger.acknowledged(id, new OrderAcknowledgement("SC-1", null));
        ledger.acknowledged(id, new OrderAcknowledgement("SC-1", null));
        assertEquals("SC-1", order(id).getVendorReference());
        assertEquals(List.of(OrderStatus.PLACED, OrderStatus.SENT), history(id));
    }

    @Test
    public void aResultBeforeTheAcknowledgementImpliesIt() {
        String id = placed();
        assertEquals(Outcome.ACCEPTED, ledger.report(id, "connection-1", completed(70)));
        assertEquals(List.of(OrderStatus.PLACED, OrderStatus.SENT, OrderStatus.COMPLETED), history(id));
    }

    @Test
    public void anotherConnectionCannotReportOnTheOrder() {
        String id = placed();
        try {
            ledger.report(id, "connection-2", completed(90));
            fail("a report through another connection must be refused");
        } catch (IllegalArgumentException expected) {
            assertTrue(expected.getMessage(), expected.getMessage().contains("not an order of this connection"));
        }
        assertEquals(OrderStatus.PLACED, order(id).getStatus());
        assertNull(order(id).getScore());
        assertEquals(List.of(OrderStatus.PLACED), history(id));
    }

    @Test
    public void theStandardStepsAreKeptInTheRowEachFromTheOneBefore() {
        String id = placed();
        ledger.acknowledged(id, new OrderAcknowledgement("SC-7", null));
        ledger.report(id, "connection-1", AssessmentUpdate.inProgress(Instant.now()));
        ledger.report(id, "connection-1", completed(64));

        assertTrue("no history rows for the standard steps", rows(id).isEmpty());
        List<AssessmentViews.OrderEventView> h = steps(id);
        assertEquals(List.of(OrderStatus.PLACED, OrderStatus.SENT, OrderStatus.IN_PROGRESS, OrderStatus.COMPLETED),
                h.stream().map(AssessmentViews.OrderEventView::to).toList());
        assertEquals(java.util.Arrays.asList(null, OrderStatus.PLACED, OrderStatus.SENT, OrderStatus.IN_PROGRESS),
                h.stream().map(AssessmentViews.OrderEventView::from).toList());
        assertEquals("Ordered", h.get(0).detail());
        assertEquals("Acknowledged by the vendor as SC-7", h.get(1).detail());
        assertEquals("The candidate started the assessment", h.get(2).detail());
        assertEquals("Result received: score 64, passed", h.get(3).detail());
        AssessmentOrderEntity o = order(id);
        assertEquals(Instant.ofEpochMilli(o.getPlacedAt()), h.get(0).at());
        assertEquals(Instant.ofEpochMilli(o.getSentAt()), h.get(1).at());
        assertEquals(Instant.ofEpochMilli(o.getFinishedAt()), h.get(3).at());
    }

    @Test
    public void aStepSkippedIsNotShownAndTheFinalStepFollowsTheLastOneTaken() {
        String id = placed();
        ledger.deliveryFailed(id, "UNKNOWN_PACKAGE", "The vendor refused the order: unknown package", true);
        List<AssessmentViews.OrderEventView> h = steps(id);
        assertEquals(List.of(OrderStatus.PLACED, OrderStatus.FAILED),
                h.stream().map(AssessmentViews.OrderEventView::to).toList());
        assertEquals(OrderStatus.PLACED, h.get(1).from());
        assertEquals("The vendor refused the order: unknown package", h.get(1).detail());
    }

    @Test
    public void aNoteThatChangesNoStatusIsAHistoryEntryAfterItsStep() {
        String id = placed();
        ledger.acknowledged(id, new OrderAcknowledgement("SC-8", null));
        ledger.deliveryFailed(id, "ACCOUNT_SUSPENDED", "account suspended", true);
        assertEquals(1, rows(id).size());
        List<AssessmentViews.OrderEventView> h = steps(id);
        assertEquals(List.of(OrderStatus.PLACED, OrderStatus.SENT, OrderStatus.SENT),
                h.stream().map(AssessmentViews.OrderEventView::to).toList());
        assertEquals("Redelivery refused by the vendor: account suspended", h.get(2).detail());
    }

    @Test
    public void anOrderPlacedByAnEarlierVersionKeepsItsStepsAsHistoryRows() {
        String id = placedByAnEarlierVersion();
        ledger.acknowledged(id, new OrderAcknowledgement("SC-9", null));
        ledger.report(id, "connection-1", completed(91));

        assertNull(order(id).getSentNote());
        assertEquals(List.of(OrderStatus.PLACED, OrderStatus.SENT, OrderStatus.COMPLETED),
                rows(id).stream().map(AssessmentOrderEventEntity::getToStatus).toList());
        assertEquals(List.of(OrderStatus.PLACED, OrderStatus.SENT, OrderStatus.COMPLETED), history(id));
        assertEquals("Result received: score 91, passed", steps(id).get(2).detail());
    }

    @Test
    public void aRedeliveryAcknowledgedWithAnotherReferenceKeepsTheFirstAndSaysSo() {
        String id = placed();
        assertNull(ledger.acknowledged(id, new OrderAcknowledgement("SC-1", "https://vendor.example/c/1")));
        assertNull("the same reference again is no conflict", ledger.acknowledged(id, new OrderAcknowledgement("SC-1",
                "https://vendor.example/c/1")));
        String conflict = ledger.acknowledged(id, new OrderAcknowledgement("SC-2", "https://vendor.example/c/2"));
        assertTrue(conflict, conflict != null && conflict.contains("SC-2") && conflict.contains("SC-1")
                && conflict.contains("hm-order-" + id));
        AssessmentOrderEntity o = order(id);
        assertEquals("SC-1", o.getVendorReference());
        assertEquals("https://vendor.example/c/1", o.getCandidateUrl());
        List<AssessmentViews.OrderEventView> h = steps(id);
        assertEquals(List.of(OrderStatus.PLACED, OrderStatus.SENT, OrderStatus.SENT),
                h.stream().map(AssessmentViews.OrderEventView::to).toList());
        assertEquals("Redelivery acknowledged with another vendor reference (SC-2); the first, SC-1, is kept",
                h.get(2).detail());
    }

    @Test
    public void everyDeliveryCallCountsAsAnAttemptAndFailuresOnlyAsFailures() {
        String first = placed();
        ledger.acknowledged(first, new OrderAcknowledgement("SC-1", null));
        assertEquals("a first success is one attempt", 1, order(first).getAttemptsMade());
        assertEquals(0, order(first).getDeliveryAttempts());
        assertEquals("Acknowledged by the vendor as SC-1", steps(first).get(1).detail());

        String retried = placed();
        ledger.attemptFailed(retried, "down", 5_000L);
        ledger.attemptFailed(retried, "down", 9_000L);
        ledger.acknowledged(retried, new OrderAcknowledgement("SC-2", null));
        assertEquals(3, order(retried).getAttemptsMade());
        assertEquals(2, order(retried).getDeliveryAttempts());
        assertEquals("Acknowledged by the vendor as SC-2 after 3 attempts", steps(retried).get(1).detail());

        String refused = placed();
        ledger.deliveryFailed(refused, "UNKNOWN_PACKAGE", "refused", true);
        assertEquals(1, order(refused).getAttemptsMade());
        String orphan = placed();
        ledger.deliveryFailed(orphan, "CONNECTION_GONE", "gone", false);
        assertEquals("no vendor was called", 0, order(orphan).getAttemptsMade());
    }

    @Test
    public void anOrderSaysItsStateInAWordAProgramCanActOn() {
        String refused = placed();
        assertEquals("AWAITING_DELIVERY", AssessmentService.statusDetail(order(refused)));
        ledger.attemptFailed(refused, "down", 5_000L);
        assertEquals("DELIVERY_RETRYING", AssessmentService.statusDetail(order(refused)));
        ledger.deliveryFailed(refused, "UNKNOWN_PACKAGE", "Refused by the vendor (UNKNOWN_PACKAGE): no such package", true);
        assertEquals("UNKNOWN_PACKAGE", AssessmentService.statusDetail(order(refused)));

        String done = placed();
        ledger.acknowledged(done, new OrderAcknowledgement("SC-1", null));
        assertEquals("ACKNOWLEDGED", AssessmentService.statusDetail(order(done)));
        ledger.report(done, "connection-1", AssessmentUpdate.inProgress(Instant.now()));
        assertEquals("CANDIDATE_STARTED", AssessmentService.statusDetail(order(done)));
        ledger.report(done, "connection-1", completed(70));
        assertEquals("RESULT_RECEIVED", AssessmentService.statusDetail(order(done)));

        String failed = placed();
        ledger.acknowledged(failed, new OrderAcknowledgement("SC-3", null));
        ledger.report(failed, "connection-1", AssessmentUpdate.failed("identity could not be verified", Instant.now()));
        assertEquals("VENDOR_FAILED", AssessmentService.statusDetail(order(failed)));
        String expired = placed();
        ledger.acknowledged(expired, new OrderAcknowledgement("SC-4", null));
        ledger.report(expired, "connection-1", AssessmentUpdate.expired("never started", Instant.now()));
        assertEquals("VENDOR_EXPIRED", AssessmentService.statusDetail(order(expired)));
    }
}
