package org.hiremarket.core.internal.assessment;

import static org.hiremarket.core.internal.common.Refusals.refused;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.hiremarket.api.assessment.AssessmentCallback.Outcome;
import org.hiremarket.api.assessment.AssessmentResult;
import org.hiremarket.api.assessment.AssessmentUpdate;
import org.hiremarket.api.integration.StandardScopes;
import org.hiremarket.core.internal.common.ApiException;
import org.hiremarket.core.internal.marketplace.ConnectionEntity;
import org.hiremarket.core.internal.marketplace.ConnectionState;
import org.junit.Before;
import org.junit.Test;

/**
 * A partner's remote assessment report ({@link AssessmentService#reportFromVendor}): only for orders
 * placed with one of the partner's integrations, only where the customer granted
 * {@code assessments.results.write}, recorded once, and an invalid report changes nothing.
 */
public class VendorReportTest {

    private static OrderingFixture f;
    private static final String VENDOR = OrderingFixture.VENDOR;

    @Before
    public void setUp() {
        // once per JVM, from @Before: see InMemoryUnit#shared
        if (f == null) {
            f = new OrderingFixture(60);
        }
    }

    private String connection(String integrationId, Set<String> scopes) {
        String id = UUID.randomUUID().toString();
        f.db.tx(em -> {
            ConnectionEntity c = new ConnectionEntity(id, UUID.randomUUID().toString(), integrationId, 1_000L);
            c.grantScopes(scopes);
            c.moveTo(ConnectionState.ACTIVE, "ACTIVE", "set by the test", 2_000L);
            em.persist(c);
            return null;
        });
        return id;
    }

    private String order(String connectionId, String integrationId) {
        String id = UUID.randomUUID().toString();
        f.db.tx(em -> {
            AssessmentOrderEntity o = new AssessmentOrderEntity(id, "company-1", connectionId, integrationId,
                    "application-1", "candidate-1", "job-1", "java", "Java developer", "test", 1_000L);
            OrderLedger.placed(o, "Ordered");
            // not due for the fixture's mailbox: its scan would reschedule the row while the test compares it
            o.handedOver(Long.MAX_VALUE / 4);
            em.persist(o);
            return null;
        });
        return id;
    }

    private String state(String orderId) {
        return String.join("\n", f.rows("SELECT * FROM HM_ASSESSMENT_ORDER WHERE ID = '" + orderId + "'")) + "\n"
                + String.join("\n", f.rows("SELECT * FROM HM_ASSESSMENT_ORDER_EVENT WHERE ORDERID = '" + orderId
                        + "' ORDER BY ID"));
    }

    private static AssessmentUpdate completed(double score, String reportUrl) {
        return AssessmentUpdate.completed(new AssessmentResult(score, score >= 50, "Good", "summary", reportUrl, Map.of(),
                List.of(), Instant.ofEpochMilli(5_000)));
    }

    private static final Set<String> RESULTS = Set.of(StandardScopes.CANDIDATES_READ,
            StandardScopes.ASSESSMENT_RESULTS_WRITE);

    @Test
    public void aReportIsRecordedOnceAndAnsweredAsAlreadyRecordedAfter() {
        String order = order(connection(VENDOR, RESULTS), VENDOR);
        assertEquals(Outcome.ACCEPTED, f.assessments.reportFromVendor(Set.of("other", VENDOR), order, completed(80, null)));
        AssessmentOrderEntity o = f.order(order);
        assertEquals(OrderStatus.COMPLETED, o.getStatus());
        String after = state(order);
        assertEquals(Outcome.ALREADY_RECORDED, f.assessments.reportFromVendor(Set.of(VENDOR), order, completed(20, null)));
        assertEquals(after, state(order));
    }

    @Test
    public void anOrderOfAnotherIntegrationIsNotFoundAndUnchanged() {
        String order = order(connection(VENDOR, RESULTS), VENDOR);
        String before = state(order);
        ApiException e = refused(404, "not-found",
                () -> f.assessments.reportFromVendor(Set.of("testlab"), order, completed(80, null)));
        assertEquals("order '" + order + "' does not exist", e.detail());
        refused(404, "not-found", () -> f.assessments.reportFromVendor(Set.of(), order, completed(80, null)));
        refused(404, "not-found", () -> f.assessments.reportFromVendor(Set.of(VENDOR), "no-such-order",
                completed(80, null)));
        refused(404, "not-found", () -> f.assessments.reportFromVendor(Set.of(VENDOR), null, completed(80, null)));
        assertEquals(before, state(order));

        // an order whose connection is gone
        String orphan = order("no-such-connection", VENDOR);
        refused(404, "not-found", () -> f.assessments.reportFromVendor(Set.of(VENDOR), orphan, completed(80, null)));
    }

    @Test
    public void withoutTheResultsScopeNothingIsRecorded() {
        String order = order(connection(VENDOR, Set.of(StandardScopes.CANDIDATES_READ)), VENDOR);
        String before = state(order);
        ApiException e = refused(403, "scope-not-granted",
                () -> f.assessments.reportFromVendor(Set.of(VENDOR), order, completed(80, null)));
        assertTrue(e.detail(), e.detail().contains(StandardScopes.ASSESSMENT_RESULTS_WRITE));
        assertEquals(before, state(order));
    }

    @Test
    public void anInvalidReportIs400AndChangesNothing() {
        String order = order(connection(VENDOR, RESULTS), VENDOR);
        String before = state(order);
        ApiException e = refused(400, "bad-request",
                () -> f.assessments.reportFromVendor(Set.of(VENDOR), order, completed(80, "ftp://reports.example/1")));
        assertEquals("the report is not valid: reportUrl must be an http(s) URL", e.detail());
        e = refused(400, "bad-request", () -> f.assessments.reportFromVendor(Set.of(VENDOR), order, null));
        assertEquals("the report is not valid: the update is required", e.detail());
        assertEquals(before, state(order));
        assertEquals(Outcome.ACCEPTED, f.assessments.reportFromVendor(Set.of(VENDOR), order,
                completed(80, "https://reports.example/1")));
    }
}
