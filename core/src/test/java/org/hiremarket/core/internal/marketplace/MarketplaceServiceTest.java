package org.hiremarket.core.internal.marketplace;

import static org.hiremarket.core.internal.common.Refusals.refused;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.hiremarket.api.integration.AccountField;
import org.hiremarket.api.integration.DataScope;
import org.hiremarket.api.integration.IntegrationDescriptor;
import org.hiremarket.api.integration.IntegrationKind;
import org.hiremarket.api.integration.StandardScopes;
import org.hiremarket.core.internal.common.ApiException;
import org.hiremarket.core.internal.common.Page;
import org.hiremarket.core.internal.common.PageRequest;
import org.hiremarket.core.internal.company.TestCompanies;
import org.hiremarket.core.internal.identity.Caller;
import org.hiremarket.core.internal.marketplace.MarketplaceFixture.FakeBoard;
import org.hiremarket.core.internal.marketplace.Views.AccountFieldView;
import org.hiremarket.core.internal.marketplace.Views.HealthView;
import org.hiremarket.core.internal.marketplace.Views.IntegrationAdminView;
import org.hiremarket.core.internal.marketplace.Views.IntegrationView;
import org.hiremarket.core.internal.marketplace.Views.KnownIntegration;
import org.hiremarket.core.internal.marketplace.Views.ScopeView;
import org.junit.After;
import org.junit.Before;
import org.hiremarket.core.internal.persistence.InMemoryUnit;
import org.junit.Test;

/**
 * What the marketplace offers: only deployed, valid integrations the platform admin activated are
 * shown to customers; the admin's decision and who an integration was survive its plugin going
 * away and a restart of the host.
 */
public class MarketplaceServiceTest {

    private static final HealthView FRESH = new HealthView("UP", "CLOSED", 0, 0, 0, 0, 0, 0, 0, 0, null, null, null);

    private MarketplaceFixture f;
    private MarketplaceService marketplace;
    private FakeBoard boardA;
    private FakeBoard boardB;

    private static InMemoryUnit unit;

    @Before
    public void setUp() {
        unit = InMemoryUnit.shared(getClass());
        f = new MarketplaceFixture(unit);
        marketplace = f.marketplace;
        boardA = new FakeBoard(MarketplaceFixture.board("board-a"));
        boardB = new FakeBoard(MarketplaceFixture.board("board-b"));
        f.deploy(boardA, 1, "org.example.boarda");
        f.deploy(boardB, 2, "org.example.boardb");
    }

    private static final java.util.concurrent.atomic.AtomicInteger COMPANIES = new java.util.concurrent.atomic.AtomicInteger();

    /** A new company; names are unique, and the database is kept for the whole class. */
    private Caller company(String name) {
        return TestCompanies.create(f.db, name + "-" + COMPANIES.incrementAndGet());
    }

    @After
    public void tearDown() {
        f.close();
    }

    private boolean storedActive(String id) {
        Object v = f.rows("SELECT ACTIVE FROM HM_INTEGRATION_SETTING WHERE INTEGRATIONID = ?", id).get(0).get("ACTIVE");
        return v instanceof Boolean b ? b : ((Number) v).intValue() != 0;
    }

    private static List<String> ids(Page<IntegrationView> p) {
        return p.content().stream().map(IntegrationView::id).toList();
    }

    @Test
    public void aDeployedIntegrationIsOfferedOnlyOnceTheAdminActivatesIt() {
        assertFalse(marketplace.isActivated("board-a"));
        assertEquals(List.of(), ids(marketplace.listOffered(null, PageRequest.of(0, 20))));
        assertEquals(Optional.empty(), marketplace.offered("board-a"));
        ApiException e = refused(404, "not-found", () -> marketplace.getOffered("board-a"));
        assertEquals("integration 'board-a' does not exist", e.detail());

        IntegrationAdminView v = marketplace.activate("board-a");
        assertEquals(new IntegrationAdminView("board-a", "Board board-a", IntegrationKind.JOB_BOARD, "Boards Inc", "2.1",
                "org.example.boarda/1.2.3", 41L, "AVAILABLE", true, 0, List.of(), FRESH), v);
        assertTrue(marketplace.isActivated("board-a"));
        assertTrue(storedActive("board-a"));
        assertEquals("board-a", marketplace.offered("board-a").get().id());
        assertEquals(List.of("board-a"), ids(marketplace.listOffered(null, PageRequest.of(0, 20))));
        assertFalse(marketplace.isActivated("board-b"));
    }

    @Test
    public void anOfferedIntegrationIsShownWithWhatTheCustomerReviews() {
        marketplace.activate("board-a");
        IntegrationView v = marketplace.getOffered("board-a");
        assertEquals(new IntegrationView("board-a", "Board board-a", "Boards Inc", IntegrationKind.JOB_BOARD, "2.1",
                "AVAILABLE", "Publishes jobs",
                List.of(new ScopeView("jobs.read", "to publish them", StandardScopes.describe("jobs.read")),
                        new ScopeView("company.read", "to name the employer", StandardScopes.describe("company.read"))),
                List.of(new AccountFieldView("boardId", "Board id", true, false, "[a-z]{3,10}", "3 to 10 letters"),
                        new AccountFieldView("token", "Token", true, true, null, null),
                        new AccountFieldView("note", "Note", false, false, null, null)),
                List.of(), FRESH, null, List.of()), v);
        assertEquals(v, marketplace.listOffered(null, PageRequest.of(0, 20)).content().get(0));
    }

    @Test
    public void theOfferedListFiltersByKindAndPages() {
        marketplace.activate("board-a");
        marketplace.activate("board-b");
        assertEquals(List.of("board-a", "board-b"), ids(marketplace.listOffered(null, PageRequest.of(0, 20))));
        assertEquals(List.of("board-a", "board-b"),
                ids(marketplace.listOffered(IntegrationKind.JOB_BOARD, PageRequest.of(0, 20))));
        assertEquals(List.of(), ids(marketplace.listOffered(IntegrationKind.ASSESSMENT, PageRequest.of(0, 20))));
        Page<IntegrationView> second = marketplace.listOffered(null, PageRequest.of(1, 1));
        assertEquals(2, second.totalFound());
        assertEquals(List.of("board-b"), ids(second));
    }

    @Test
    public void aRefusedServiceIsNeverOfferedAndCannotBeActivated() {
        FakeBoard dup = new FakeBoard(MarketplaceFixture.board("board-a"));
        f.deploy(dup, 3, "org.example.copy");
        FakeBoard bad = new FakeBoard(new IntegrationDescriptor("bad", "Bad", "V", IntegrationKind.ASSESSMENT, "1", "d",
                List.of(new DataScope("jobs.read", "x")), List.of(), List.of()));
        f.deploy(bad, 4, "org.example.bad");
        marketplace.activate("board-a");
        assertEquals(List.of("board-a"), ids(marketplace.listOffered(null, PageRequest.of(0, 20))));

        ApiException e = refused(409, "integration-invalid", () -> marketplace.activate("bad"));
        assertEquals("integration 'bad' is deployed but refused by the host; see its problems", e.detail());
        assertFalse(marketplace.isActivated("bad"));
        ApiException none = refused(404, "not-found", () -> marketplace.activate("nowhere"));
        assertEquals("deployed integration 'nowhere' does not exist", none.detail());
        assertEquals(0, f.count("SELECT COUNT(*) FROM HM_INTEGRATION_SETTING WHERE INTEGRATIONID IN ('bad', 'nowhere')"));
    }

    @Test
    public void deactivationHidesTheIntegrationAndIsKept() {
        marketplace.activate("board-a");
        IntegrationAdminView v = marketplace.deactivate("board-a");
        assertFalse(v.active());
        assertEquals("AVAILABLE", v.state());
        assertFalse(marketplace.isActivated("board-a"));
        assertFalse(storedActive("board-a"));
        assertEquals(List.of(), ids(marketplace.listOffered(null, PageRequest.of(0, 20))));
        refused(404, "not-found", () -> marketplace.getOffered("board-a"));
        ApiException e = refused(404, "not-found", () -> marketplace.deactivate("nowhere"));
        assertEquals("integration 'nowhere' does not exist", e.detail());
        assertEquals(0, f.count("SELECT COUNT(*) FROM HM_INTEGRATION_SETTING WHERE INTEGRATIONID = 'nowhere'"));
        // a deployed integration never activated may be deactivated (a no-op decision)
        assertFalse(marketplace.deactivate("board-b").active());
    }

    @Test
    public void theDecisionAndWhoTheIntegrationWasSurviveItsPluginGoingAwayAndARestart() {
        marketplace.activate("board-a");
        f.awaitRemembered("board-a");
        f.awaitRemembered("board-b");
        Map<String, Object> row = f.rows("SELECT NAME, VENDOR, KIND, VERSION FROM HM_INTEGRATION_SETTING"
                + " WHERE INTEGRATIONID = 'board-b'").get(0);
        assertEquals(Map.of("NAME", "Board board-b", "VENDOR", "Boards Inc", "KIND", "JOB_BOARD", "VERSION", "2.1"), row);
        assertFalse("learning who it is does not offer it", storedActive("board-b"));
        f.undeploy(boardA, 1, "org.example.boarda");
        f.undeploy(boardB, 2, "org.example.boardb");

        MarketplaceService restarted = new MarketplaceService(f.db, f.registry);
        try {
            assertTrue(restarted.isActivated("board-a"));
            assertFalse(restarted.isActivated("board-b"));
            KnownIntegration known = new KnownIntegration("board-a", "Board board-a", "Boards Inc",
                    IntegrationKind.JOB_BOARD, "2.1");
            assertEquals(Optional.of(known), restarted.lastKnown("board-a"));
            assertEquals(Optional.empty(), restarted.lastKnown("nowhere"));
            assertEquals(new IntegrationView("board-a", "Board board-a", "Boards Inc", IntegrationKind.JOB_BOARD, "2.1",
                    "UNAVAILABLE", null, null, null, null, FRESH, null, List.of()), restarted.getOffered("board-a"));
            assertEquals("absent integrations are not listed", List.of(),
                    ids(restarted.listOffered(null, PageRequest.of(0, 20))));
            refused(404, "not-found", () -> restarted.getOffered("board-b"));
            refused(404, "not-found", () -> restarted.activate("board-a"));
            assertFalse("an absent integration may still be withdrawn", restarted.deactivate("board-a").active());
            refused(404, "not-found", () -> restarted.getOffered("board-a"));
        } finally {
            restarted.deactivate();
        }
    }

    @Test
    public void rightAfterAStartAnAbsentIntegrationTheAdminOfferedCanBeWithdrawn() throws Exception {
        f.unit.sql("INSERT INTO HM_INTEGRATION_SETTING (INTEGRATIONID, ACTIVE, CHANGEDAT) VALUES ('old-one', 1, 5)");
        // the decisions are read on a thread of their own: the withdrawal must wait for them, not answer 404
        MarketplaceService restarted = new MarketplaceService(f.db, f.registry);
        try {
            IntegrationAdminView v = restarted.deactivate("old-one");
            assertFalse(v.active());
            assertEquals("UNAVAILABLE", v.state());
            assertFalse(storedActive("old-one"));
        } finally {
            restarted.deactivate();
        }
    }

    @Test
    public void anAbsentIntegrationOfferedButNeverSeenIsNotShown() throws Exception {
        f.unit.sql("INSERT INTO HM_INTEGRATION_SETTING (INTEGRATIONID, ACTIVE, CHANGEDAT) VALUES ('old-one', 1, 5)");
        MarketplaceService restarted = new MarketplaceService(f.db, f.registry);
        try {
            assertTrue(restarted.isActivated("old-one"));
            assertEquals(Optional.empty(), restarted.lastKnown("old-one"));
            refused(404, "not-found", () -> restarted.getOffered("old-one"));
            IntegrationAdminView v = restarted.adminView("old-one");
            assertEquals(new IntegrationAdminView("old-one", "?", null, "?", "?", "-", null, "UNAVAILABLE", true, 0,
                    List.of("no bundle provides it"), FRESH), v);
        } finally {
            restarted.deactivate();
        }
    }

    @Test
    public void aKindThisVersionDoesNotKnowIsShownAsNone() throws Exception {
        f.unit.sql("INSERT INTO HM_INTEGRATION_SETTING (INTEGRATIONID, ACTIVE, CHANGEDAT, NAME, VENDOR, KIND, VERSION)"
                + " VALUES ('future', 1, 5, 'Future', 'F Inc', 'HOLOGRAM', '9')");
        MarketplaceService restarted = new MarketplaceService(f.db, f.registry);
        try {
            assertEquals(Optional.of(new KnownIntegration("future", "Future", "F Inc", null, "9")),
                    restarted.lastKnown("future"));
        } finally {
            restarted.deactivate();
        }
    }

    @Test
    public void whileDeployedAnIntegrationIsKnownByItsDescriptor() {
        f.awaitRemembered("board-a");
        assertEquals(Optional.of(new KnownIntegration("board-a", "Board board-a", "Boards Inc",
                IntegrationKind.JOB_BOARD, "2.1")), marketplace.lastKnown("board-a"));
        // a new version is deployed: what is kept follows it
        f.undeploy(boardA, 1, "org.example.boarda");
        IntegrationDescriptor v3 = new IntegrationDescriptor("board-a", "Board A3", "Boards Inc", IntegrationKind.JOB_BOARD,
                "3.0", "new", boardA.descriptor.scopes(), List.of(AccountField.required("boardId", "Board id")), List.of());
        f.deploy(new FakeBoard(v3), 9, "org.example.boarda");
        assertEquals("Board A3", marketplace.lastKnown("board-a").get().name());
        MarketplaceFixture.await("version 3.0 stored", () -> f.count(
                "SELECT COUNT(*) FROM HM_INTEGRATION_SETTING WHERE INTEGRATIONID = 'board-a' AND VERSION = '3.0'") == 1);
        assertEquals("Board A3", f.rows("SELECT NAME FROM HM_INTEGRATION_SETTING WHERE INTEGRATIONID = 'board-a'").get(0)
                .get("NAME"));
        assertFalse("learning who it is does not offer it", marketplace.isActivated("board-a"));
        // a service without a descriptor teaches nothing
        marketplace.remember(new RegisteredIntegration("ghost", null, null, 77, "?", -1, List.of()));
        assertEquals(Optional.empty(), marketplace.lastKnown("ghost"));
        assertEquals(0, f.count("SELECT COUNT(*) FROM HM_INTEGRATION_SETTING WHERE INTEGRATIONID = 'ghost'"));
    }

    @Test
    public void theAdminSeesEveryIntegrationWithItsStateAndConnections() {
        marketplace.activate("board-a");
        FakeBoard dup = new FakeBoard(MarketplaceFixture.board("board-a"));
        f.deploy(dup, 3, "org.example.copy");
        f.deploy(new FakeBoard(null), 4, null);
        Caller acme = company("acme");
        Caller globex = company("globex");
        f.connections.start(acme, "board-a");
        f.connections.start(globex, "board-a");
        marketplace.activate("board-b");
        f.connections.start(acme, "board-b");
        marketplace.deactivate("board-b");
        f.undeploy(boardB, 2, "org.example.boardb");
        f.awaitRemembered("board-b");

        List<IntegrationAdminView> list = marketplace.adminList();
        assertEquals(List.of("board-a", "board-a#3", "board-b", "service-4"),
                list.stream().map(v -> v.id().equals("board-a") && v.bundleId() == 43 ? "board-a#3" : v.id()).toList());
        IntegrationAdminView a = list.get(0);
        assertEquals("org.example.boarda/1.2.3", a.bundle());
        assertEquals(41L, (long) a.bundleId());
        assertEquals("AVAILABLE", a.state());
        assertTrue(a.active());
        assertEquals(2, a.connections());
        IntegrationAdminView copy = list.get(1);
        assertEquals("REFUSED", copy.state());
        assertEquals(List.of("integration id 'board-a' is already provided by org.example.boarda/1.2.3"), copy.problems());
        assertEquals("the refused copy counts the id's connections too", 2, copy.connections());
        IntegrationAdminView b = list.get(2);
        assertEquals(new IntegrationAdminView("board-b", "Board board-b", IntegrationKind.JOB_BOARD, "Boards Inc", "2.1",
                "-", null, "UNAVAILABLE", false, 1, List.of("no bundle provides it"), FRESH), b);
        IntegrationAdminView none = list.get(3);
        assertEquals("its one call, reading the descriptor, is counted under its service id",
                new IntegrationAdminView("service-4", "?", null, "?", "?", "?", -1L, "REFUSED", false, 0,
                        List.of("descriptor() returned null"),
                        new HealthView("UP", "CLOSED", 0, 1, 0, 0, 1, 0, 0, 0, null, null, null)), none);
        assertEquals(b, marketplace.adminView("board-b"));
        refused(404, "not-found", () -> marketplace.adminView("nowhere"));
    }

    @Test
    public void aRefusedServiceWithTheIdOfAUsableOneIsStillShownToTheAdmin() {
        // the refused one has the lower service id, so it comes first in the registry's order
        f.undeploy(boardA, 1, "org.example.boarda");
        FakeBoard invalid = new FakeBoard(new IntegrationDescriptor("board-a", "Broken", "V", IntegrationKind.AGENCY,
                "1", "d", List.of(new DataScope("jobs.read", "x")), List.of(), List.of()));
        f.deploy(invalid, 5, "org.example.broken");
        f.deploy(boardA, 6, "org.example.boarda");
        List<IntegrationAdminView> list = marketplace.adminList().stream().filter(v -> v.id().equals("board-a"))
                .toList();
        assertEquals(List.of("AVAILABLE", "REFUSED"), list.stream().map(IntegrationAdminView::state).sorted().toList());
        assertEquals("the usable one is the integration's view", "AVAILABLE", marketplace.adminView("board-a").state());
    }

    @Test
    public void healthOfTheIntegrationsCallsIsShown() throws Exception {
        marketplace.activate("board-a");
        try {
            f.registry.caller().call("board-a", "publish", () -> {
                throw new IllegalStateException("down");
            });
        } catch (PluginCallException expected) {
            assertEquals(PluginCallException.Reason.THREW, expected.reason());
        }
        f.registry.caller().call("board-a", "publish", () -> "ok");
        PluginCaller.Health h = f.registry.caller().health("board-a");
        HealthView expected = new HealthView(h.status(), h.circuit(), h.failureRatePercent(), h.recentCalls(),
                h.recentFailures(), h.runningCalls(), h.calls(), h.failures(), h.retryLater(), h.anomalies(),
                h.lastFailure(), h.lastFailureAt(), h.retryAfter());
        assertEquals("DEGRADED", expected.status());
        assertEquals(2, expected.calls());
        assertEquals(1, expected.failures());
        assertEquals("too few calls for a rate", 0f, expected.failureRatePercent(), 0f);
        assertEquals(2, expected.recentCalls());
        assertEquals(1, expected.recentFailures());
        assertEquals("publish: the integration failed in publish: IllegalStateException: down", expected.lastFailure());
        assertEquals(expected, marketplace.getOffered("board-a").health());
        assertEquals(expected, marketplace.adminView("board-a").health());
    }
}
