package org.hiremarket.plugin.skillcheck;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.hiremarket.api.assessment.AssessmentOrder;
import org.hiremarket.api.assessment.CandidateInfo;
import org.hiremarket.api.assessment.OrderAcknowledgement;
import org.hiremarket.api.integration.ConnectResult;
import org.hiremarket.api.integration.ConnectionContext;
import org.hiremarket.api.integration.IntegrationException;
import org.hiremarket.api.integration.IntegrationKind;
import org.hiremarket.api.integration.StandardScopes;
import org.hiremarket.api.testkit.TestConnections;
import org.junit.Test;

public class SkillCheckConnectorTest {

    static final String KEY = "sk_live_123456_AbCdEfGh12345678";
    private final SkillCheckConnector vendor = new SkillCheckConnector();
    private final ConnectionContext connected = TestConnections.context(Map.of("accountId", "SC-123456", "apiKey", KEY));

    private ConnectResult connect(String account, String key) {
        return vendor.connect(TestConnections.context(Map.of("accountId", account, "apiKey", key)));
    }

    private static AssessmentOrder order(String key, String pkg, String email) {
        return new AssessmentOrder("o-" + key, key, pkg, new CandidateInfo("Ada", "Lovelace", email), "Java developer",
                Instant.parse("2026-11-01T10:00:00Z"));
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
        OrderAcknowledgement first = vendor.placeOrder(connected, order("k1", "cognitive", "ada@example.com"));
        assertEquals(first, vendor.placeOrder(connected, order("k1", "cognitive", "ada@example.com")));
        OrderAcknowledgement second = vendor.placeOrder(connected, order("k2", "cognitive", "ada@example.com"));
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
    public void orderBookForgetsTheOldestBeyondItsCapacity() {
        OrderBook book = new OrderBook(2);
        OrderAcknowledgement a = book.acknowledge("a", n -> new OrderAcknowledgement("r" + n, null));
        book.acknowledge("b", n -> new OrderAcknowledgement("r" + n, null));
        book.acknowledge("c", n -> new OrderAcknowledgement("r" + n, null));
        assertEquals(2, book.size());
        assertNotEquals("a was evicted", a, book.acknowledge("a", n -> new OrderAcknowledgement("r" + n, null)));
    }

    private void assertRefused(String code, ConnectionContext ctx, AssessmentOrder o) {
        try {
            vendor.placeOrder(ctx, o);
            fail("accepted " + o);
        } catch (IntegrationException e) {
            assertEquals(code, e.code());
            assertFalse(e.isRetryable());
        }
    }
}
