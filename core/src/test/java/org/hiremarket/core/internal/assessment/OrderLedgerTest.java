package org.hiremarket.core.internal.assessment;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;
import javax.persistence.Persistence;

import org.apache.derby.jdbc.EmbeddedDataSource;
import org.hiremarket.api.assessment.AssessmentCallback.Outcome;
import org.hiremarket.api.assessment.AssessmentResult;
import org.hiremarket.api.assessment.AssessmentUpdate;
import org.hiremarket.api.assessment.OrderAcknowledgement;
import org.hiremarket.core.internal.persistence.Database;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/**
 * The host's side of "results are accepted once": the ledger on the real persistence unit and an
 * in-memory Derby, fed the repeats and strays a vendor may send.
 */
public class OrderLedgerTest {

    static {
        System.setProperty("derby.stream.error.file", "target/derby.log");
    }

    private static final AtomicInteger DB = new AtomicInteger();
    private EmbeddedDataSource ds;
    private EntityManagerFactory emf;
    private OrderLedger ledger;

    /** Database.tx on a plain resource-local unit, outside OSGi. */
    private final class LocalDatabase extends Database {
        @Override
        public <R> R tx(Function<EntityManager, R> work) {
            EntityManager em = emf.createEntityManager();
            try {
                em.getTransaction().begin();
                R r = work.apply(em);
                em.getTransaction().commit();
                return r;
            } finally {
                if (em.getTransaction().isActive()) {
                    em.getTransaction().rollback();
                }
                em.close();
            }
        }
    }

    private LocalDatabase db;

    @Before
    public void open() {
        ds = new EmbeddedDataSource();
        ds.setDatabaseName("memory:ledgertest" + DB.incrementAndGet());
        ds.setCreateDatabase("create");
        emf = Persistence.createEntityManagerFactory("hiremarket", Map.of("javax.persistence.nonJtaDataSource", ds,
                "eclipselink.ddl-generation", "create-tables", "eclipselink.ddl-generation.output-mode", "database",
                "eclipselink.logging.level", "SEVERE"));
        db = new LocalDatabase();
        ledger = new OrderLedger(db);
    }

    @After
    public void close() {
        ledger.close();
        emf.close();
        ds.setShutdownDatabase("shutdown");
        try {
            ds.getConnection().close();
        } catch (SQLException expected) {
            // Derby reports a shut-down database as an exception
        }
    }

    private String placed() {
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

    private AssessmentOrderEntity order(String id) {
        return db.tx(em -> em.find(AssessmentOrderEntity.class, id));
    }

    private List<OrderStatus> history(String id) {
        return db.tx(em -> em.createNamedQuery("OrderEvent.ofOrder", AssessmentOrderEventEntity.class)
                .setParameter("orderId", id).getResultList().stream().map(AssessmentOrderEventEntity::getToStatus)
                .toList());
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
}
