package org.hiremarket.core.internal.marketplace;

import static org.hiremarket.core.internal.common.Refusals.refused;
import static org.hiremarket.core.internal.marketplace.ConnectionState.ACTIVE;
import static org.hiremarket.core.internal.marketplace.ConnectionState.AWAITING_ACCOUNT;
import static org.hiremarket.core.internal.marketplace.ConnectionState.DEACTIVATED;
import static org.hiremarket.core.internal.marketplace.ConnectionState.DISCONNECTED;
import static org.hiremarket.core.internal.marketplace.ConnectionState.FAILED;
import static org.hiremarket.core.internal.marketplace.ConnectionState.SCOPE_REVIEW;
import static org.hiremarket.core.internal.marketplace.ConnectionState.UNAVAILABLE;
import static org.hiremarket.core.internal.marketplace.ConnectionState.VALIDATING;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.hiremarket.api.integration.ConnectResult;
import org.hiremarket.api.integration.ConnectionContext;
import org.hiremarket.api.integration.DataScope;
import org.hiremarket.api.integration.IntegrationException;
import org.hiremarket.api.integration.IntegrationKind;
import org.hiremarket.api.integration.StandardScopes;
import org.hiremarket.core.internal.common.ApiException;
import org.hiremarket.core.internal.common.FieldError;
import org.hiremarket.core.internal.common.Page;
import org.hiremarket.core.internal.common.PageRequest;
import org.hiremarket.core.internal.common.WallClock;
import org.hiremarket.core.internal.company.TestCompanies;
import org.hiremarket.core.internal.identity.Caller;
import org.hiremarket.core.internal.marketplace.MarketplaceFixture.FakeBoard;
import org.hiremarket.core.internal.marketplace.Views.AccountFieldView;
import org.hiremarket.core.internal.marketplace.Views.ConnectionAdminView;
import org.hiremarket.core.internal.marketplace.Views.ConnectionEventView;
import org.hiremarket.core.internal.marketplace.Views.ConnectionView;
import org.hiremarket.core.internal.marketplace.Views.ScopeView;
import org.junit.After;
import org.junit.Before;
import org.hiremarket.core.internal.persistence.InMemoryUnit;
import org.junit.Test;

/**
 * The connect flow on the real persistence unit with fake plugins: each step's guards and the
 * state it leaves, what the plugin is handed, why a step is refused, and that another company's
 * connection is not found and left as it was.
 */
public class ConnectionServiceTest {

    private static final List<String> SCOPES = List.of(StandardScopes.JOBS_READ, StandardScopes.COMPANY_READ);
    private static final Map<String, String> ACCOUNT = Map.of("boardId", "acme", "token", "s3cret", "note", " hi ");

    private MarketplaceFixture f;
    private ConnectionService connections;
    private FakeBoard board;
    private Caller acme;
    private Caller globex;

    private static InMemoryUnit unit;

    @Before
    public void setUp() {
        unit = InMemoryUnit.shared(getClass());
        f = new MarketplaceFixture(unit);
        connections = f.connections;
        board = new FakeBoard(MarketplaceFixture.board("board-a"));
        f.deploy(board, 1, "org.example.boarda");
        f.marketplace.activate("board-a");
        acme = company("acme");
        globex = company("globex");
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

    private String awaitingAccount(Caller c) {
        String id = connections.start(c, "board-a").id();
        connections.authorize(c, id, SCOPES);
        return id;
    }

    private String active(Caller c) {
        String id = awaitingAccount(c);
        assertEquals(ACTIVE, connections.submitAccount(c, id, ACCOUNT, null).status());
        return id;
    }

    private long connectionRows() {
        return f.count("SELECT COUNT(*) FROM HM_CONNECTION");
    }

    private long events(String connectionId) {
        return f.count("SELECT COUNT(*) FROM HM_CONNECTION_EVENT WHERE CONNECTIONID = ?", connectionId);
    }

    /** What a change would touch: state, detail, scopes, times, version, and how many events it has. */
    private List<Object> stored(String connectionId) {
        Map<String, Object> r = f.rows("SELECT STATE, STATUSDETAIL, STATUSDESCRIPTION, GRANTEDSCOPES,"
                + " GRANTEDREVERSESCOPES, UPDATEDAT, ACTIVATEDAT, DISCONNECTEDAT, VERSION FROM HM_CONNECTION WHERE ID = ?",
                connectionId).get(0);
        return Arrays.asList(r.get("STATE"), r.get("STATUSDETAIL"), r.get("STATUSDESCRIPTION"), r.get("GRANTEDSCOPES"),
                r.get("GRANTEDREVERSESCOPES"), r.get("UPDATEDAT"), r.get("ACTIVATEDAT"), r.get("DISCONNECTEDAT"),
                r.get("VERSION"), events(connectionId));
    }

    private String storedAccount(String connectionId) {
        return f.db.tx(em -> em.find(ConnectionEntity.class, connectionId).getAccountData());
    }

    private static List<String> details(ConnectionView v) {
        return v.history().stream().map(ConnectionEventView::detail).toList();
    }

    // --- start ---------------------------------------------------------------------------------

    @Test
    public void startListsTheScopesToReviewAndRecordsTheStart() {
        ConnectionView v = connections.start(acme, "board-a");
        assertEquals(SCOPE_REVIEW, v.status());
        assertNull(v.resumeStatus());
        assertEquals("board-a", v.integrationId());
        assertEquals("Board board-a", v.integrationName());
        assertEquals(IntegrationKind.JOB_BOARD, v.kind());
        assertEquals(List.of(new ScopeView("jobs.read", "to publish them",
                "Read your jobs: titles, locations and descriptions"),
                new ScopeView("company.read", "to name the employer", "Read your company name and public profile")),
                v.requestedScopes());
        assertEquals(List.of(), v.reverseScopes());
        assertEquals(List.of(), v.grantedScopes());
        assertEquals(List.of(), v.grantedReverseScopes());
        assertNull("no account is asked for while the scopes are reviewed", v.accountFields());
        assertEquals(Map.of(), v.account());
        assertNull(v.statusDetail());
        assertNull(v.activatedAt());
        assertNull(v.disconnectedAt());
        assertEquals(v.createdAt(), v.updatedAt());
        assertEquals(1, v.history().size());
        ConnectionEventView e = v.history().get(0);
        assertNull(e.from());
        assertEquals(SCOPE_REVIEW, e.to());
        assertEquals("STARTED", e.detail());
        assertEquals("Connection started; scopes to review: jobs.read, company.read", e.description());
        assertEquals(v.createdAt(), e.at());
        List<Map<String, Object>> rows = f.rows("SELECT COMPANYID, INTEGRATIONID, STATE FROM HM_CONNECTION WHERE ID = ?",
                v.id());
        assertEquals(List.of(Map.of("COMPANYID", acme.companyId(), "INTEGRATIONID", "board-a", "STATE", "SCOPE_REVIEW")),
                rows);
    }

    @Test
    public void startNeedsAnIntegrationId() {
        for (String blank : new String[] { null, "", "  " }) {
            ApiException e = refused(400, "validation-error", () -> connections.start(acme, blank));
            assertEquals(List.of(new FieldError("integrationId", "is required")), e.errors());
        }
        assertEquals(0, connectionRows());
    }

    @Test
    public void startOfAnIntegrationNobodyDeployedIsNotFound() {
        ApiException e = refused(404, "not-found", () -> connections.start(acme, "nowhere"));
        assertEquals("integration 'nowhere' does not exist", e.detail());
        assertEquals(0, connectionRows());
    }

    @Test
    public void startOfADeployedIntegrationTheAdminDoesNotOfferIsRefusedAsDeactivated() {
        f.deploy(new FakeBoard(MarketplaceFixture.board("board-b")), 2, "org.example.boardb");
        ApiException e = refused(409, "integration-deactivated", () -> connections.start(acme, "board-b"));
        assertEquals("integration 'board-b' is not offered on the marketplace at the moment; connect once it is again",
                e.detail());
        f.marketplace.deactivate("board-a");
        refused(409, "integration-deactivated", () -> connections.start(acme, "board-a"));
        assertEquals(0, connectionRows());
    }

    @Test
    public void startOfAnOfferedIntegrationWhosePluginIsGoneIsNotFound() {
        f.undeploy(board, 1, "org.example.boarda");
        refused(404, "not-found", () -> connections.start(acme, "board-a"));
        assertEquals(0, connectionRows());
    }

    @Test
    public void aCompanyHasOneConnectionPerIntegrationOtherCompaniesTheirOwn() {
        String mine = connections.start(acme, "board-a").id();
        ApiException e = refused(409, "connection-exists", () -> connections.start(acme, "board-a"));
        assertEquals("your company already has connection " + mine + " to board-a (status SCOPE_REVIEW); continue,"
                + " disconnect or re-activate that one", e.detail());
        String theirs = connections.start(globex, "board-a").id();
        assertFalse(mine.equals(theirs));
        assertEquals(2, connectionRows());
        // a disconnected connection still is the company's one: it is re-activated, not started again
        String id = active(company("initech"));
        connections.disconnect(connectionsOwner(id), id);
        refused(409, "connection-exists", () -> connections.start(connectionsOwner(id), "board-a"));
    }

    private Caller connectionsOwner(String connectionId) {
        String companyId = (String) f.rows("SELECT COMPANYID FROM HM_CONNECTION WHERE ID = ?", connectionId).get(0)
                .get("COMPANYID");
        return Caller.apiKey(companyId, "key");
    }

    // --- authorize -----------------------------------------------------------------------------

    @Test
    public void authorizingEveryRequestedScopeAsksForTheAccount() {
        String id = connections.start(acme, "board-a").id();
        ConnectionView v = connections.authorize(acme, id, List.of("company.read", "jobs.read"));
        assertEquals(AWAITING_ACCOUNT, v.status());
        assertEquals("SCOPES_AUTHORIZED", v.statusDetail());
        assertEquals("Scopes authorized: jobs.read, company.read", v.statusDescription());
        assertEquals(SCOPES, v.grantedScopes());
        assertEquals(List.of(new AccountFieldView("boardId", "Board id", true, false, "[a-z]{3,10}", "3 to 10 letters"),
                new AccountFieldView("token", "Token", true, true, null, null),
                new AccountFieldView("note", "Note", false, false, null, null)), v.accountFields());
        assertEquals(List.of("SCOPES_AUTHORIZED", "STARTED"), details(v));
        assertEquals(SCOPE_REVIEW, v.history().get(0).from());
        assertEquals(AWAITING_ACCOUNT, v.history().get(0).to());
        assertEquals("jobs.read company.read",
                f.rows("SELECT GRANTEDSCOPES FROM HM_CONNECTION WHERE ID = ?", id).get(0).get("GRANTEDSCOPES"));
    }

    @Test
    public void everyRequestedScopeMustBeAuthorizedAndNothingElse() {
        String id = connections.start(acme, "board-a").id();
        List<Object> before = stored(id);
        ApiException missing = refused(400, "validation-error",
                () -> connections.authorize(acme, id, List.of("jobs.read")));
        assertEquals(List.of(new FieldError("scopes", "all requested scopes must be authorized; missing: company.read")),
                missing.errors());
        ApiException none = refused(400, "validation-error", () -> connections.authorize(acme, id, null));
        assertEquals(List.of(new FieldError("scopes",
                "all requested scopes must be authorized; missing: jobs.read, company.read")), none.errors());
        ApiException both = refused(400, "validation-error",
                () -> connections.authorize(acme, id, List.of("jobs.read", "candidates.read", "x")));
        assertEquals(List.of(new FieldError("scopes", "all requested scopes must be authorized; missing: company.read"),
                new FieldError("scopes", "not requested by this integration: candidates.read, x")), both.errors());
        ApiException extra = refused(400, "validation-error",
                () -> connections.authorize(acme, id, List.of("jobs.read", "company.read", "x")));
        assertEquals(List.of(new FieldError("scopes", "not requested by this integration: x")), extra.errors());
        ApiException withNull = refused(400, "validation-error",
                () -> connections.authorize(acme, id, Arrays.asList("jobs.read", null, "company.read")));
        assertEquals(List.of(new FieldError("scopes", "must not contain null")), withNull.errors());
        assertEquals(before, stored(id));
        // the same scope twice is still exactly the requested ones
        assertEquals(AWAITING_ACCOUNT,
                connections.authorize(acme, id, List.of("jobs.read", "company.read", "jobs.read")).status());
    }

    @Test
    public void scopesAreAuthorizedOnceOnly() {
        String id = awaitingAccount(acme);
        List<Object> before = stored(id);
        ApiException e = refused(409, "invalid-connection-state", () -> connections.authorize(acme, id, SCOPES));
        assertEquals("cannot authorize scopes of a connection in state AWAITING_ACCOUNT", e.detail());
        assertEquals(before, stored(id));
    }

    @Test
    public void noStepWhileTheIntegrationIsNotOfferedOrNotDeployed() {
        String id = connections.start(acme, "board-a").id();
        String active = active(globex);
        f.marketplace.deactivate("board-a");
        List<Object> before = stored(id);
        ApiException e = refused(409, "integration-deactivated", () -> connections.authorize(acme, id, SCOPES));
        assertEquals("cannot authorize this connection: integration 'board-a' is not offered on the marketplace at the"
                + " moment", e.detail());
        ApiException r = refused(409, "integration-deactivated", () -> connections.reactivate(globex, active));
        assertEquals("cannot re-activate this connection: integration 'board-a' is not offered on the marketplace at"
                + " the moment", r.detail());
        assertEquals(before, stored(id));
        assertEquals(DEACTIVATED, connections.get(acme, id).status());
        assertEquals(SCOPE_REVIEW, connections.get(acme, id).resumeStatus());

        f.undeploy(board, 1, "org.example.boarda");
        ApiException u = refused(409, "integration-unavailable", () -> connections.authorize(acme, id, SCOPES));
        assertEquals("cannot authorize this connection: integration 'board-a' is not deployed at the moment; the"
                + " connection keeps its state until it is back", u.detail());
        assertEquals(before, stored(id));
        ConnectionView shown = connections.get(acme, id);
        assertEquals(UNAVAILABLE, shown.status());
        assertEquals(SCOPE_REVIEW, shown.resumeStatus());
        assertEquals("what was last known of it names it", "Board board-a", shown.integrationName());
        assertEquals(IntegrationKind.JOB_BOARD, shown.kind());
        assertNull(shown.requestedScopes());
        assertNull(shown.reverseScopes());
        assertNull(shown.accountFields());
    }

    // --- submit the account --------------------------------------------------------------------

    @Test
    public void anAccountThePluginAcceptsMakesTheConnectionActive() {
        String id = awaitingAccount(acme);
        ConnectionView v = connections.submitAccount(acme, id, ACCOUNT, null);
        assertEquals(ACTIVE, v.status());
        assertEquals("OK", v.statusDetail());
        assertEquals("Board account ok", v.statusDescription());
        assertNotNull(v.activatedAt());
        assertEquals(v.updatedAt(), v.activatedAt());
        assertNull(v.disconnectedAt());
        assertNull("an active connection asks for no account", v.accountFields());
        assertEquals(Map.of("boardId", "acme", "note", "hi", "token", AccountStore.MASK), v.account());
        assertEquals(List.of("OK", "ACCOUNT_SUBMITTED", "SCOPES_AUTHORIZED", "STARTED"), details(v));
        assertEquals(VALIDATING, v.history().get(0).from());
        assertEquals(ACTIVE, v.history().get(0).to());
        assertEquals(AWAITING_ACCOUNT, v.history().get(1).from());
        assertEquals(VALIDATING, v.history().get(1).to());
        assertEquals("Partner account submitted; Board board-a is checking it", v.history().get(1).description());

        assertEquals(1, board.connected.size());
        ConnectionContext ctx = board.connected.get(0);
        assertEquals(id, ctx.connectionId());
        assertEquals(acme.companyId(), ctx.companyId());
        assertEquals("the plugin gets the plain, trimmed values", Map.of("boardId", "acme", "token", "s3cret", "note", "hi"),
                Map.of("boardId", ctx.account().require("boardId"), "token", ctx.account().require("token"), "note",
                        ctx.account().require("note")));
        assertEquals(java.util.Set.copyOf(SCOPES), ctx.host().grantedScopes());
        assertEquals(List.of(f.companies.findCompany(acme.companyId()).get().name()), board.profiles);
        assertTrue(board.profiles.get(0), board.profiles.get(0).startsWith("acme-"));

        String stored = storedAccount(id);
        assertFalse("the secret is sealed at rest: " + stored, stored.contains("s3cret"));
        assertTrue(stored, stored.contains("enc:v1:"));
        assertTrue(stored, stored.contains("\"boardId\":\"acme\""));
        assertEquals(Map.of("boardId", "acme", "token", "s3cret", "note", "hi"),
                f.db.tx(em -> {
                    var c = connections.hostContext(em.find(ConnectionEntity.class, id));
                    Map<String, String> m = new LinkedHashMap<>();
                    c.account().fieldNames().forEach(n -> m.put(n, c.account().require(n)));
                    assertEquals(id, c.connectionId());
                    assertEquals(acme.companyId(), c.companyId());
                    return m;
                }));
    }

    @Test
    public void theCompanyProfileIsOnlyForAConnectionGrantedIt() {
        FakeBoard jobsOnly = new FakeBoard(new org.hiremarket.api.integration.IntegrationDescriptor("jobs-only", "Jobs",
                "V", IntegrationKind.JOB_BOARD, "1", "d", List.of(new DataScope(StandardScopes.JOBS_READ, "why")),
                List.of(), List.of()));
        f.deploy(jobsOnly, 5, "org.example.jobs");
        f.marketplace.activate("jobs-only");
        String id = connections.start(acme, "jobs-only").id();
        connections.authorize(acme, id, List.of("jobs.read"));
        ConnectionView v = connections.submitAccount(acme, id, Map.of(), List.of());
        assertEquals(ACTIVE, v.status());
        assertEquals(Map.of(), v.account());
        assertEquals(1, jobsOnly.profiles.size());
        assertTrue(jobsOnly.profiles.get(0), jobsOnly.profiles.get(0).startsWith("not granted: "));
    }

    @Test
    public void theHostChecksTheFieldsBeforeThePluginSeesThem() {
        String id = awaitingAccount(acme);
        List<Object> before = stored(id);
        ApiException e = refused(400, "validation-error",
                () -> connections.submitAccount(acme, id, Map.of("boardId", "A1", "extra", "x"), null));
        assertEquals(List.of(new FieldError("fields.extra", "is not a field of Board board-a"),
                new FieldError("fields.boardId", "3 to 10 letters"), new FieldError("fields.token", "Token is required")),
                e.errors());
        ApiException reverse = refused(400, "validation-error",
                () -> connections.submitAccount(acme, id, ACCOUNT, List.of("vendor.catalog.read")));
        assertEquals(List.of(new FieldError("reverseScopes", "Board board-a asks for no reverse scopes")),
                reverse.errors());
        assertEquals(before, stored(id));
        assertEquals(0, board.connected.size());
        assertEquals("an empty list is no reverse scope", ACTIVE,
                connections.submitAccount(acme, id, ACCOUNT, List.of()).status());
    }

    @Test
    public void reverseScopesTheIntegrationAsksForMustAllBeGranted() {
        FakeBoard rev = new FakeBoard(MarketplaceFixture.board("board-r",
                List.of(new DataScope(StandardScopes.VENDOR_CATALOG_READ, "to list packages"))));
        f.deploy(rev, 7, "org.example.rev");
        f.marketplace.activate("board-r");
        String id = connections.start(acme, "board-r").id();
        ConnectionView started = connections.get(acme, id);
        assertEquals(List.of(new ScopeView("vendor.catalog.read", "to list packages",
                "HireMarket reads the vendor's catalogue available to your account")), started.reverseScopes());
        connections.authorize(acme, id, SCOPES);
        List<Object> before = stored(id);
        ApiException none = refused(400, "validation-error", () -> connections.submitAccount(acme, id, ACCOUNT, null));
        assertEquals(List.of(new FieldError("reverseScopes",
                "all requested scopes must be authorized; missing: vendor.catalog.read")), none.errors());
        refused(400, "validation-error", () -> connections.submitAccount(acme, id, ACCOUNT, List.of()));
        assertEquals(before, stored(id));
        ConnectionView v = connections.submitAccount(acme, id, ACCOUNT, List.of("vendor.catalog.read"));
        assertEquals(ACTIVE, v.status());
        assertEquals(List.of("vendor.catalog.read"), v.grantedReverseScopes());
    }

    @Test
    public void anAccountIsSubmittedOnlyWhenOneIsAskedFor() {
        String id = connections.start(acme, "board-a").id();
        List<Object> before = stored(id);
        ApiException e = refused(409, "invalid-connection-state",
                () -> connections.submitAccount(acme, id, ACCOUNT, null));
        assertEquals("cannot submit the account of a connection in state SCOPE_REVIEW", e.detail());
        assertEquals(before, stored(id));
        String active = active(globex);
        List<Object> activeBefore = stored(active);
        refused(409, "invalid-connection-state", () -> connections.submitAccount(globex, active, ACCOUNT, null));
        assertEquals(activeBefore, stored(active));
        assertEquals("only the first submit reached the plugin", 1, board.connected.size());
    }

    @Test
    public void aRejectedAccountFailsWithThePluginsReasonAndMayBeSubmittedAgain() {
        String id = awaitingAccount(acme);
        board.onConnect = c -> ConnectResult.rejected("ACCOUNT_NOT_FOUND", "No board 'acme' at Boards Inc");
        ConnectionView failed = connections.submitAccount(acme, id, ACCOUNT, null);
        assertEquals(FAILED, failed.status());
        assertEquals("ACCOUNT_NOT_FOUND", failed.statusDetail());
        assertEquals("No board 'acme' at Boards Inc", failed.statusDescription());
        assertNull(failed.activatedAt());
        assertEquals("a failed connection asks for the account again", 3, failed.accountFields().size());
        assertEquals(VALIDATING, failed.history().get(0).from());
        assertEquals(FAILED, failed.history().get(0).to());

        board.onConnect = c -> ConnectResult.vendorUnavailable("Boards Inc is down");
        ConnectionView down = connections.submitAccount(acme, id, ACCOUNT, null);
        assertEquals(FAILED, down.status());
        assertEquals("VENDOR_UNAVAILABLE", down.statusDetail());

        board.onConnect = c -> ConnectResult.connected("now it is");
        ConnectionView ok = connections.submitAccount(acme, id, Map.of("boardId", "acmex", "token", "t2"), null);
        assertEquals(ACTIVE, ok.status());
        assertEquals(Map.of("boardId", "acmex", "token", AccountStore.MASK), ok.account());
        assertEquals(List.of("OK", "ACCOUNT_SUBMITTED", "VENDOR_UNAVAILABLE", "ACCOUNT_SUBMITTED", "ACCOUNT_NOT_FOUND",
                "ACCOUNT_SUBMITTED", "SCOPES_AUTHORIZED", "STARTED"), details(ok));
        assertEquals(FAILED, ok.history().get(1).from());
    }

    @Test
    public void aPluginWithoutAnAnswerOrThatThrowsFailsTheConnectionWithAPlainReason() {
        String id = awaitingAccount(acme);
        board.onConnect = c -> null;
        ConnectionView nothing = connections.submitAccount(acme, id, ACCOUNT, null);
        assertEquals(FAILED, nothing.status());
        assertEquals("PLUGIN_ERROR", nothing.statusDetail());
        assertEquals("The integration gave no answer (null result)", nothing.statusDescription());

        board.onConnect = c -> {
            throw new IllegalStateException("internal detail");
        };
        ConnectionView threw = connections.submitAccount(acme, id, ACCOUNT, null);
        assertEquals(FAILED, threw.status());
        assertEquals("PLUGIN_ERROR", threw.statusDetail());
        assertFalse(threw.statusDescription(), threw.statusDescription().contains("internal detail"));
        assertTrue(threw.statusDescription(), threw.statusDescription().startsWith(
                "The integration ran into an error while checking the account; try again later."));

        board.onConnect = c -> {
            throw MarketplaceFixture.sneaky(IntegrationException.invalid("CONTRACT_EXPIRED", "Contract expired"));
        };
        ConnectionView refusedByVendor = connections.submitAccount(acme, id, ACCOUNT, null);
        assertEquals("CONTRACT_EXPIRED", refusedByVendor.statusDetail());
        assertEquals("The integration could not check the account: Contract expired",
                refusedByVendor.statusDescription());
        board.onConnect = c -> {
            throw MarketplaceFixture.sneaky(new IntegrationException(" ", "No code", false));
        };
        assertEquals("PLUGIN_ERROR", connections.submitAccount(acme, id, ACCOUNT, null).statusDetail());
        board.onConnect = c -> {
            throw MarketplaceFixture.sneaky(new IntegrationException(null, "No code", false));
        };
        assertEquals("PLUGIN_ERROR", connections.submitAccount(acme, id, ACCOUNT, null).statusDetail());
    }

    @Test
    public void aPluginThatDoesNotAnswerInTimeFailsTheConnection() {
        String id = awaitingAccount(acme);
        board.hang(f);
        ConnectionView v = connections.submitAccount(acme, id, ACCOUNT, null);
        assertEquals(FAILED, v.status());
        assertEquals("PLUGIN_TIMEOUT", v.statusDetail());
        assertEquals("The integration could not check the account: the integration did not answer connect within "
                + MarketplaceFixture.TIMEOUT_MS + " ms", v.statusDescription());
    }

    @Test
    public void aLongReasonIsCutToWhatIsStored() {
        String id = awaitingAccount(acme);
        String longReason = "x".repeat(1200);
        board.onConnect = c -> ConnectResult.rejected("LONG", longReason);
        ConnectionView v = connections.submitAccount(acme, id, ACCOUNT, null);
        assertEquals("x".repeat(997) + "...", v.statusDescription());
        assertEquals("x".repeat(997) + "...", v.history().get(0).description());
        String exact = "y".repeat(1000);
        board.onConnect = c -> ConnectResult.rejected("EXACT", exact);
        assertEquals(exact, connections.submitAccount(acme, id, ACCOUNT, null).statusDescription());
    }

    // --- disconnect and re-activate --------------------------------------------------------------

    @Test
    public void disconnectStopsTheConnectionAndTellsThePlugin() {
        String id = active(acme);
        ConnectionView v = connections.disconnect(acme, id);
        assertEquals(DISCONNECTED, v.status());
        assertEquals("DISCONNECTED", v.statusDetail());
        assertEquals("Disconnected by the customer; no new work is sent", v.statusDescription());
        assertNotNull(v.disconnectedAt());
        assertEquals(v.updatedAt(), v.disconnectedAt());
        assertNotNull("activation is remembered", v.activatedAt());
        assertNull(v.accountFields());
        assertEquals(ACTIVE, v.history().get(0).from());
        assertEquals(1, board.disconnected.size());
        assertEquals(id, board.disconnected.get(0).connectionId());
        assertEquals("s3cret", board.disconnected.get(0).account().require("token"));
        assertEquals(List.of("DISCONNECTED", "OK", "ACCOUNT_SUBMITTED", "SCOPES_AUTHORIZED", "STARTED"), details(v));

        List<Object> before = stored(id);
        ApiException again = refused(409, "invalid-connection-state", () -> connections.disconnect(acme, id));
        assertEquals("cannot disconnect a connection in state DISCONNECTED", again.detail());
        assertEquals(before, stored(id));
        assertEquals(1, board.disconnected.size());
    }

    @Test
    public void onlyAnActiveConnectionIsDisconnected() {
        String id = awaitingAccount(acme);
        List<Object> before = stored(id);
        refused(409, "invalid-connection-state", () -> connections.disconnect(acme, id));
        assertEquals(before, stored(id));
        assertEquals(0, board.disconnected.size());
    }

    @Test
    public void aPluginThatFailsToListenDoesNotStopTheDisconnect() {
        String id = active(acme);
        board.onDisconnect = new IllegalStateException("vendor api down");
        ConnectionView v = connections.disconnect(acme, id);
        assertEquals(DISCONNECTED, v.status());
        ConnectionEventView note = v.history().get(0);
        assertEquals("VENDOR_NOT_NOTIFIED", note.detail());
        assertEquals(DISCONNECTED, note.from());
        assertEquals(DISCONNECTED, note.to());
        assertEquals("The vendor was not told: the integration failed in disconnect: IllegalStateException: vendor api"
                + " down", note.description());
        assertEquals("DISCONNECTED", v.history().get(1).detail());
        assertEquals("the note does not change the state's reason", "DISCONNECTED", v.statusDetail());
    }

    @Test
    public void disconnectWorksWhileThePluginIsAbsentOrNotOffered() {
        String a = active(acme);
        String g = active(globex);
        f.marketplace.deactivate("board-a");
        ConnectionView deactivated = connections.disconnect(globex, g);
        assertEquals(DEACTIVATED, deactivated.status());
        assertEquals(DISCONNECTED, deactivated.resumeStatus());
        assertEquals("the plugin is told even so", 1, board.disconnected.size());

        f.undeploy(board, 1, "org.example.boarda");
        ConnectionView v = connections.disconnect(acme, a);
        assertEquals(UNAVAILABLE, v.status());
        assertEquals(DISCONNECTED, v.resumeStatus());
        assertEquals("VENDOR_NOT_NOTIFIED", v.history().get(0).detail());
        assertEquals("The integration was unavailable, so the vendor was not told", v.history().get(0).description());
        assertEquals(DISCONNECTED, f.db.tx(em -> ConnectionService.currentState(em, a)));
        assertEquals(1, board.disconnected.size());
    }

    @Test
    public void reactivationChecksTheStoredAccountAgain() {
        String id = active(acme);
        connections.disconnect(acme, id);
        board.onConnect = c -> ConnectResult.connected("welcome back");
        ConnectionView v = connections.reactivate(acme, id);
        assertEquals(ACTIVE, v.status());
        assertEquals("OK", v.statusDetail());
        assertEquals("welcome back", v.statusDescription());
        assertEquals(2, board.connected.size());
        assertEquals("s3cret", board.connected.get(1).account().require("token"));
        assertEquals("hi", board.connected.get(1).account().require("note"));
        ConnectionEventView reactivating = v.history().get(1);
        assertEquals("REACTIVATING", reactivating.detail());
        assertEquals(DISCONNECTED, reactivating.from());
        assertEquals(VALIDATING, reactivating.to());
        assertEquals("Re-activation requested; Board board-a is checking the account again",
                reactivating.description());

        connections.disconnect(acme, id);
        board.onConnect = c -> ConnectResult.rejected("CONTRACT_EXPIRED", "expired");
        ConnectionView failed = connections.reactivate(acme, id);
        assertEquals(FAILED, failed.status());
        assertEquals("CONTRACT_EXPIRED", failed.statusDetail());
    }

    @Test
    public void onlyADisconnectedConnectionIsReactivated() {
        String id = active(acme);
        List<Object> before = stored(id);
        ApiException e = refused(409, "invalid-connection-state", () -> connections.reactivate(acme, id));
        assertEquals("only a DISCONNECTED connection can be re-activated; this one is ACTIVE", e.detail());
        assertEquals(before, stored(id));
        String review = connections.start(globex, "board-a").id();
        refused(409, "invalid-connection-state", () -> connections.reactivate(globex, review));
        assertEquals(1, board.connected.size());
    }

    @Test
    public void reactivationWhilePluginIsAbsentIsRefusedAsUnavailable() {
        String id = active(acme);
        connections.disconnect(acme, id);
        f.undeploy(board, 1, "org.example.boarda");
        List<Object> before = stored(id);
        ApiException e = refused(409, "integration-unavailable", () -> connections.reactivate(acme, id));
        assertEquals("cannot re-activate this connection: integration 'board-a' is not deployed at the moment; the"
                + " connection keeps its state until it is back", e.detail());
        ApiException s = refused(409, "integration-unavailable", () -> connections.submitAccount(acme, id, ACCOUNT, null));
        assertTrue(s.detail(), s.detail().startsWith("cannot validate the account of this connection"));
        assertEquals(before, stored(id));
        // back again: the stored state returns
        f.deploy(board, 11, "org.example.boarda");
        assertEquals(DISCONNECTED, connections.get(acme, id).status());
        assertEquals(ACTIVE, connections.reactivate(acme, id).status());
    }

    // --- tenants ---------------------------------------------------------------------------------

    @Test
    public void anotherCompanysConnectionIsNotFoundAndLeftAsItWas() {
        String review = connections.start(acme, "board-a").id();
        String awaiting = awaitingAccount(company("awaiting"));
        String active = active(company("active"));
        String disconnected = active(company("gone"));
        connections.disconnect(connectionsOwner(disconnected), disconnected);
        int connectCalls = board.connected.size();
        int disconnectCalls = board.disconnected.size();
        List<String> ids = List.of(review, awaiting, active, disconnected);
        List<List<Object>> before = ids.stream().map(this::stored).toList();
        for (String id : ids) {
            refused(404, "not-found", () -> connections.get(globex, id));
            refused(404, "not-found", () -> connections.authorize(globex, id, SCOPES));
            refused(404, "not-found", () -> connections.submitAccount(globex, id, ACCOUNT, null));
            refused(404, "not-found", () -> connections.disconnect(globex, id));
            ApiException e = refused(404, "not-found", () -> connections.reactivate(globex, id));
            assertEquals("connection '" + id + "' does not exist", e.detail());
        }
        for (String unknown : new String[] { "no-such-connection", null }) {
            refused(404, "not-found", () -> connections.get(acme, unknown));
            refused(404, "not-found", () -> connections.disconnect(acme, unknown));
            refused(404, "not-found", () -> connections.reactivate(acme, unknown));
        }
        assertEquals(before, ids.stream().map(this::stored).toList());
        assertEquals(connectCalls, board.connected.size());
        assertEquals(disconnectCalls, board.disconnected.size());
        assertEquals(List.of(), connections.list(globex, null, null, PageRequest.of(0, 20)).content());
        assertEquals(4, connectionRows());
    }

    // --- reading ---------------------------------------------------------------------------------

    @Test
    public void aCompanyListsItsOwnConnectionsByIntegrationAndShownStatus() {
        FakeBoard other = new FakeBoard(MarketplaceFixture.board("board-b"));
        f.deploy(other, 2, "org.example.boardb");
        f.marketplace.activate("board-b");
        String a = active(acme);
        WallClock.nextMillisecond(); // listed by creation time, then a random id
        String b = connections.start(acme, "board-b").id();
        connections.start(globex, "board-b");

        Page<ConnectionView> all = connections.list(acme, null, null, PageRequest.of(0, 20));
        assertEquals(2, all.totalFound());
        assertEquals(List.of(a, b), all.content().stream().map(ConnectionView::id).toList());
        assertTrue("lists carry no history", all.content().stream().allMatch(v -> v.history() == null));
        assertEquals(List.of(b), connections.list(acme, "board-b", null, PageRequest.of(0, 20)).content().stream()
                .map(ConnectionView::id).toList());
        assertEquals(List.of(a), connections.list(acme, null, ACTIVE, PageRequest.of(0, 20)).content().stream()
                .map(ConnectionView::id).toList());
        assertEquals(List.of(), connections.list(acme, "board-a", SCOPE_REVIEW, PageRequest.of(0, 20)).content());
        Page<ConnectionView> second = connections.list(acme, null, null, PageRequest.of(1, 1));
        assertEquals(2, second.totalFound());
        assertEquals(List.of(b), second.content().stream().map(ConnectionView::id).toList());

        f.marketplace.deactivate("board-b");
        assertEquals("the status filter sees what is shown", List.of(b),
                connections.list(acme, null, DEACTIVATED, PageRequest.of(0, 20)).content().stream()
                        .map(ConnectionView::id).toList());
        assertEquals(List.of(), connections.list(acme, null, SCOPE_REVIEW, PageRequest.of(0, 20)).content());
    }

    @Test
    public void theAdminSeesEveryCompanysConnectionsWithTheShownAndStoredStatus() {
        FakeBoard other = new FakeBoard(MarketplaceFixture.board("board-b"));
        f.deploy(other, 2, "org.example.boardb");
        f.marketplace.activate("board-b");
        String a = active(acme);
        WallClock.nextMillisecond(); // listed by creation time, then a random id
        String g = connections.start(globex, "board-b").id();
        WallClock.nextMillisecond();
        String ga = connections.start(globex, "board-a").id();

        List<ConnectionAdminView> all = connections.adminList(null, null);
        assertEquals(List.of(a, g, ga), all.stream().map(ConnectionAdminView::id).toList());
        ConnectionAdminView first = all.get(0);
        assertEquals(acme.companyId(), first.companyId());
        assertEquals("board-a", first.integrationId());
        assertEquals(ACTIVE, first.status());
        assertEquals(ACTIVE, first.storedStatus());
        assertEquals("OK", first.statusDetail());
        assertEquals(connections.get(acme, a).updatedAt(), first.updatedAt());
        assertEquals(List.of(g, ga), connections.adminList(globex.companyId(), null).stream()
                .map(ConnectionAdminView::id).toList());
        assertEquals(List.of(a, ga), connections.adminList(null, "board-a").stream().map(ConnectionAdminView::id)
                .toList());
        assertEquals(List.of(ga), connections.adminList(globex.companyId(), "board-a").stream()
                .map(ConnectionAdminView::id).toList());

        f.marketplace.deactivate("board-b");
        f.undeploy(board, 1, "org.example.boarda");
        List<ConnectionAdminView> shown = connections.adminList(null, null);
        assertEquals(List.of(UNAVAILABLE, DEACTIVATED, UNAVAILABLE),
                shown.stream().map(ConnectionAdminView::status).toList());
        assertEquals(List.of(ACTIVE, SCOPE_REVIEW, SCOPE_REVIEW),
                shown.stream().map(ConnectionAdminView::storedStatus).toList());
    }

    @Test
    public void theHistoryShowsTheLatestFiftyStepsNewestFirst() {
        String id = connections.start(acme, "board-a").id();
        f.db.tx(em -> {
            for (int i = 1; i <= 60; i++) {
                em.persist(new ConnectionEventEntity("e-" + i, id, 5_000_000_000_000L + i, i, SCOPE_REVIEW, SCOPE_REVIEW,
                        "STEP_" + i, "step " + i));
            }
            return null;
        });
        ConnectionView v = connections.get(acme, id);
        assertEquals(50, v.history().size());
        assertEquals("STEP_60", v.history().get(0).detail());
        assertEquals(Instant.ofEpochMilli(5_000_000_000_060L), v.history().get(0).at());
        assertEquals("STEP_11", v.history().get(49).detail());
    }

    @Test
    public void aValidationCutShortByARestartAsksForTheAccountAgain() {
        String stuck = awaitingAccount(acme);
        String untouched = active(globex);
        f.db.tx(em -> {
            em.find(ConnectionEntity.class, stuck).moveTo(VALIDATING, "ACCOUNT_SUBMITTED", "checking", 1L);
            return null;
        });
        long eventsBefore = events(untouched);
        connections = f.restartConnections();
        ConnectionView v = connections.get(acme, stuck);
        assertEquals(FAILED, v.status());
        assertEquals("VALIDATION_INTERRUPTED", v.statusDetail());
        assertEquals("The account check was interrupted by a restart of the host; submit the account again",
                v.statusDescription());
        assertEquals(VALIDATING, v.history().get(0).from());
        assertEquals(FAILED, v.history().get(0).to());
        assertEquals(ACTIVE, connections.get(globex, untouched).status());
        assertEquals(eventsBefore, events(untouched));
        assertEquals(ACTIVE, connections.submitAccount(acme, stuck, ACCOUNT, null).status());
    }

    @Test
    public void aStateChangedWhileThePluginCheckedIsKept() {
        String id = awaitingAccount(acme);
        List<String> seen = new ArrayList<>();
        board.onConnect = c -> {
            // the connection is no longer validating by the time the plugin answers
            f.db.tx(em -> {
                em.find(ConnectionEntity.class, id).moveTo(FAILED, "VALIDATION_INTERRUPTED", "restart", 2L);
                return null;
            });
            seen.add(c.connectionId());
            return ConnectResult.connected("late");
        };
        ConnectionView v = connections.submitAccount(acme, id, ACCOUNT, null);
        assertEquals(List.of(id), seen);
        assertEquals(FAILED, v.status());
        assertEquals("VALIDATION_INTERRUPTED", v.statusDetail());
    }
}
