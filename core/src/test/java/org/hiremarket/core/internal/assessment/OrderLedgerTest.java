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
        ledger.deliveryFailed(id, "The vendor refused the order: unknown package");
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
        ledger.deliveryFailed(id, "account suspended");
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
}
