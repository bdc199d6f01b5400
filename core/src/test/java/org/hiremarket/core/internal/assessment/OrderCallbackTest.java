package org.hiremarket.core.internal.assessment;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import javax.persistence.EntityManager;

import org.hiremarket.api.assessment.AssessmentCallback.Outcome;
import org.hiremarket.api.assessment.AssessmentResult;
import org.hiremarket.api.assessment.AssessmentUpdate;
import org.hiremarket.api.integration.ScopeNotGrantedException;
import org.hiremarket.api.integration.StandardScopes;
import org.hiremarket.core.internal.common.ApiException;
import org.hiremarket.core.internal.persistence.Database;
import org.hiremarket.core.internal.persistence.InMemoryUnit;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/**
 * The callback a delivery hands to the vendor: bound to its order and connection, allowed to
 * report only with {@code assessments.results.write}, and telling the vendor to report again when
 * the host cannot store the report now.
 */
public class OrderCallbackTest {

    private static final Set<String> RESULTS = Set.of(StandardScopes.ASSESSMENT_RESULTS_WRITE);

    private InMemoryUnit unit;
    private Database db;
    private volatile boolean down;
    private OrderLedger ledger;

    @Before
    public void open() {
        unit = new InMemoryUnit(true);
        Database real = unit.database();
        // the database as the ledger sees it: down (503) while the test says so
        db = new Database() {
            @Override
            public <R> R tx(Function<EntityManager, R> work) {
                if (down) {
                    throw new ApiException(503, "database-unavailable", "Database unavailable",
                            "the database is not available at the moment; try again shortly", null);
                }
                return real.tx(work);
            }

            @Override
            public boolean inTransaction() {
                return real.inTransaction();
            }
        };
        ledger = new OrderLedger(db);
    }

    @After
    public void close() {
        ledger.close();
        unit.close();
    }

    private String placed(String connectionId) {
        String id = "order-" + System.nanoTime();
        db.tx(em -> {
            AssessmentOrderEntity o = new AssessmentOrderEntity(id, "company-1", connectionId, "skillcheck",
                    "application-1", "candidate-1", "job-1", "java-dev", "Java developer", "test", 1_000L);
            OrderLedger.placed(o, "Ordered");
            em.persist(o);
            return null;
        });
        return id;
    }

    private AssessmentOrderEntity order(String id) {
        return db.tx(em -> em.find(AssessmentOrderEntity.class, id));
    }

    private static AssessmentUpdate completed(double score) {
        return AssessmentUpdate.completed(new AssessmentResult(score, score >= 50, "Good", "summary", null, Map.of(),
                List.of(), Instant.ofEpochMilli(5_000)));
    }

    @Test
    public void theCallbackNamesItsOrder() {
        OrderCallback cb = new OrderCallback("order-7", "connection-1", RESULTS, ledger);
        assertEquals("order-7", cb.orderId());
        assertEquals("AssessmentCallback[order-7]", cb.toString());
    }

    @Test
    public void aReportIsRecordedOnceWithTheResultsScope() throws Exception {
        String id = placed("connection-1");
        OrderCallback cb = new OrderCallback(id, "connection-1",
                Set.of(StandardScopes.CANDIDATES_READ, StandardScopes.ASSESSMENT_RESULTS_WRITE), ledger);

        assertEquals(Outcome.ACCEPTED, cb.report(completed(72)));
        assertEquals(Outcome.ALREADY_RECORDED, cb.report(completed(72)));
        AssessmentOrderEntity o = order(id);
        assertEquals(OrderStatus.COMPLETED, o.getStatus());
        assertEquals(72.0, o.getScore(), 0.0);
        assertEquals("Good", o.getBand());
    }

    @Test
    public void withoutTheResultsScopeNothingIsRecorded() {
        String id = placed("connection-1");
        OrderCallback cb = new OrderCallback(id, "connection-1",
                Set.of(StandardScopes.CANDIDATES_READ, StandardScopes.JOBS_READ), ledger);
        try {
            cb.report(completed(90));
            fail("reported without assessments.results.write");
        } catch (ScopeNotGrantedException expected) {
            assertEquals(StandardScopes.ASSESSMENT_RESULTS_WRITE, expected.scope());
        }
        AssessmentOrderEntity o = order(id);
        assertEquals(OrderStatus.PLACED, o.getStatus());
        assertNull(o.getScore());
    }

    @Test
    public void aCallbackReachesOnlyTheOrderOfItsOwnConnection() throws Exception {
        String mine = placed("connection-1");
        String theirs = placed("connection-2");
        // a callback as if for another connection's order, as a vendor holding the wrong one might use it
        OrderCallback stray = new OrderCallback(theirs, "connection-1", RESULTS, ledger);
        try {
            stray.report(completed(90));
            fail("reported on another connection's order");
        } catch (IllegalArgumentException expected) {
            assertEquals("order " + theirs + " is not an order of this connection", expected.getMessage());
        }
        assertEquals(OrderStatus.PLACED, order(theirs).getStatus());
        assertNull(order(theirs).getScore());

        OrderCallback unknown = new OrderCallback("order-unknown", "connection-1", RESULTS, ledger);
        try {
            unknown.report(AssessmentUpdate.inProgress(Instant.now()));
            fail("reported on an order that does not exist");
        } catch (IllegalArgumentException expected) {
            assertEquals("order order-unknown is not an order of this connection", expected.getMessage());
        }
        assertEquals(OrderStatus.PLACED, order(mine).getStatus());
    }

    @Test
    public void whenTheHostCannotStoreTheReportTheVendorIsToldToReportAgainLater() throws Exception {
        String id = placed("connection-1");
        OrderCallback cb = new OrderCallback(id, "connection-1", RESULTS, ledger);
        down = true;
        try {
            cb.report(completed(64));
            fail("stored while the database is down");
        } catch (IllegalStateException expected) {
            assertTrue(expected.getCause() instanceof ApiException);
            ApiException cause = (ApiException) expected.getCause();
            assertEquals(503, cause.status());
            assertEquals("the host cannot store the report now (the database is not available at the moment; try"
                    + " again shortly); report it again later", expected.getMessage());
        } finally {
            down = false;
        }
        assertEquals(OrderStatus.PLACED, order(id).getStatus());
        // reported again once the database is back, it is taken
        assertEquals(Outcome.ACCEPTED, cb.report(completed(64)));
        assertEquals(OrderStatus.COMPLETED, order(id).getStatus());
    }
}
