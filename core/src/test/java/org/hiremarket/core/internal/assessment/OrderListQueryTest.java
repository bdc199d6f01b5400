package org.hiremarket.core.internal.assessment;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.function.Function;

import javax.persistence.EntityManager;

import org.hiremarket.core.internal.assessment.AssessmentService.ListQueries;
import org.hiremarket.core.internal.assessment.AssessmentService.OrderFilter;
import org.hiremarket.core.internal.persistence.Database;
import org.hiremarket.core.internal.persistence.InMemoryUnit;
import org.junit.Before;
import org.junit.Test;

/**
 * Listing orders stays cheap however many a company has: on the real persistence unit and Derby,
 * with a few thousand orders, the list's page is read off an index in the list's order (no sort
 * of every matching order) and a connection's count by status reads the index alone. Derby's own
 * query plan is the evidence; each test fails if the index it relies on changes shape.
 */
public class OrderListQueryTest {

    private static final int PER_CONNECTION = 1500;

    private static InMemoryUnit unit;
    private static Database db;

    // once per JVM, from @Before: see InMemoryUnit#shared
    static void orders() {
        if (unit != null) {
            return;
        }
        unit = new InMemoryUnit(true);
        db = unit.database();
        db.tx(em -> {
            for (int i = 0; i < 2 * PER_CONNECTION; i++) {
                String connection = i % 2 == 0 ? "connection-1" : "connection-2";
                AssessmentOrderEntity o = new AssessmentOrderEntity(String.format("order-%05d", i), "company-1",
                        connection, "skillcheck", "application-" + i, "candidate-" + i, "job-1", "java-dev",
                        "Java developer", "test", 1_000_000L + i / 4);
                if (i % 3 != 0) {
                    o.moveTo(OrderStatus.SENT, 2_000_000L);
                }
                em.persist(o);
            }
            return null;
        });
    }

    @Before
    public void openOnce() {
        orders();
    }

    @Test
    public void aPageOfAConnectionsOrdersByStatusIsReadOffItsIndexNewestFirst() {
        OrderFilter sent = new OrderFilter(null, null, "connection-1", OrderStatus.SENT);
        Plan<List<AssessmentOrderEntity>> page = plan(em -> ListQueries.of(em, "company-1", sent).page()
                .setMaxResults(3).getResultList());
        // either list index gives the page in order (Derby picks by its estimates); neither needs a sort
        assertTrue(page.text, page.text.contains("using index HM_ORDER_CONNECTION_LIST")
                || page.text.contains("using index HM_ORDER_COMPANY_LIST"));
        assertFalse("no sort of every matching order: " + page.text, page.text.contains("Sort ResultSet"));
        // newest first, equal times by id: orders 2996-2999 share the newest time, the even ones are on
        // connection-1; of 2992-2995, 2994 is still PLACED (i % 3 == 0)
        assertEquals(List.of("order-02996", "order-02998", "order-02992"),
                page.result.stream().map(AssessmentOrderEntity::getId).toList());
    }

    @Test
    public void countingAConnectionsOrdersByStatusReadsTheIndexAlone() {
        OrderFilter sent = new OrderFilter(null, null, "connection-1", OrderStatus.SENT);
        Plan<Long> count = plan(em -> ListQueries.of(em, "company-1", sent).count().getSingleResult());
        assertEquals(Long.valueOf(PER_CONNECTION - PER_CONNECTION / 3), count.result);
        assertTrue(count.text, count.text.contains("using index HM_ORDER_CONNECTION_LIST"));
        assertFalse("no order row read: " + count.text, count.text.contains("Index Row to Base Row"));
    }

    @Test
    public void aPageOfAllTheCompanysOrdersIsReadOffItsIndexNewestFirst() {
        OrderFilter all = new OrderFilter(null, null, null, null);
        Plan<List<AssessmentOrderEntity>> page = plan(em -> ListQueries.of(em, "company-1", all).page()
                .setMaxResults(2).getResultList());
        assertTrue(page.text, page.text.contains("using index HM_ORDER_COMPANY_LIST"));
        assertFalse("no sort of every order: " + page.text, page.text.contains("Sort ResultSet"));
        assertEquals(List.of("order-02996", "order-02997"), page.result.stream().map(AssessmentOrderEntity::getId).toList());
    }

    @Test
    public void anotherCompanySeesNone() {
        OrderFilter all = new OrderFilter(null, null, "connection-1", null);
        assertEquals(Long.valueOf(0), plan(em -> ListQueries.of(em, "company-2", all).count().getSingleResult()).result);
    }

    private record Plan<T>(T result, String text) {
    }

    /**
     * Runs the query with Derby's run-time statistics on, and returns its result and Derby's plan.
     * The statistics calls go through the entity manager too, so that they run on the connection the
     * query runs on.
     */
    private static <T> Plan<T> plan(Function<EntityManager, T> query) {
        return db.tx(em -> {
            em.createNativeQuery("CALL SYSCS_UTIL.SYSCS_SET_RUNTIMESTATISTICS(1)").executeUpdate();
            T result = query.apply(em);
            String text = String.valueOf(em.createNativeQuery("VALUES SYSCS_UTIL.SYSCS_GET_RUNTIMESTATISTICS()")
                    .getSingleResult());
            em.createNativeQuery("CALL SYSCS_UTIL.SYSCS_SET_RUNTIMESTATISTICS(0)").executeUpdate();
            return new Plan<>(result, text);
        });
    }
}
