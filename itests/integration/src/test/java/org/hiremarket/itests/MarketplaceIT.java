package org.hiremarket.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;

import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.BundleListener;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The marketplace through HTTP and the console on the real distribution: boot, authentication,
 * plugin feature install, the whole connect flow, failures, disconnect and re-activation, the
 * plugin bundle going away and coming back, admin deactivation, and tenant isolation.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class MarketplaceIT extends HireMarketTestSupport {

    private static int companies;

    @Before
    public void openBoardIsOffered() throws Exception {
        if (integrationRow("openboard") == null) {
            installAndActivate("hiremarket-plugin-openboard", "openboard");
        }
    }

    private TestCompany newCompany() throws Exception {
        return createCompany("Company " + (++companies) + " of " + getClass().getSimpleName());
    }

    private String activeOpenBoardConnection(TestCompany co, String boardId) throws Exception {
        String id = startAndAuthorize(co.apiKey(), "openboard");
        Reply r = post("/connections/" + id + "/account", co.apiKey(), Credentials.openBoardFields(boardId));
        assertStatus(200, r);
        assertEquals(r.body(), "ACTIVE", r.json().path("status").asText());
        return id;
    }

    /** A request that calls the plugin between its commits reserves its key, and its retry gets the first answer. */
    @Test
    public void anIdempotentAccountSubmissionIsAnsweredOnceAndReplayed() throws Exception {
        TestCompany co = newCompany();
        String id = startAndAuthorize(co.apiKey(), "openboard");
        ApiClient api = new ApiClient(baseUrl());
        ApiClient.Credential key = ApiClient.Credential.apiKey(co.apiKey());
        String idem = java.util.UUID.randomUUID().toString();
        ApiClient.Response first = api.call("POST", "/connections/" + id + "/account", key,
                Credentials.openBoardFields("idempotent-board"), "Idempotency-Key", idem);
        assertEquals(first.toString(), 200, first.status());
        assertEquals("ACTIVE", first.json().path("status").asText());
        ApiClient.Response again = api.call("POST", "/connections/" + id + "/account", key,
                Credentials.openBoardFields("idempotent-board"), "Idempotency-Key", idem);
        assertEquals(again.toString(), 200, again.status());
        assertEquals("true", again.header("Idempotent-Replayed"));
        assertEquals(first.json(), again.json());
        // without the key the same submission is a new one, refused in this state
        assertProblem(409, "invalid-connection-state",
                post("/connections/" + id + "/account", co.apiKey(), Credentials.openBoardFields("idempotent-board")));
    }

    @Test
    public void anApiKeyCreatedFromTheConsoleWorksAndIsPrintedOnce() throws Exception {
        TestCompany co = newCompany();
        String out = console("marketplace:apikey-create " + co.id() + " reporting");
        java.util.regex.Matcher key = java.util.regex.Pattern.compile("API key: (hm_\\S+)").matcher(out);
        assertTrue(out, key.find());
        assertTrue(out, out.contains("it is shown only once"));
        assertStatus(200, get("/integrations", key.group(1)));
        Reply keys = get("/credentials/api-keys", co.apiKey());
        assertStatus(200, keys);
        assertEquals("the company's first key and the new one", 2, keys.json().size());
        assertTrue(keys.body(), keys.body().contains("\"label\":\"reporting\""));
        assertFalse("the key itself is never listed", keys.body().contains(key.group(1)));
        // an unknown company: a clear error, no key
        try {
            String unknown = console("marketplace:apikey-create no-such-company");
            org.junit.Assert.fail("no key for a company that does not exist: " + unknown);
        } catch (Exception expected) {
            Throwable t = expected;
            while (t.getCause() != null && !(t instanceof IllegalArgumentException)) {
                t = t.getCause();
            }
            assertEquals("company 'no-such-company' does not exist", t.getMessage());
        }
    }

    @Test
    public void everyRequestNeedsAValidApiKey() throws Exception {
        Reply none = get("/integrations", null);
        assertProblem(401, "unauthorized", none);
        assertEquals("Bearer realm=\"hiremarket\", SmartToken realm=\"hiremarket\"", none.wwwAuthenticate());

        Reply wrong = get("/integrations", "hm_aaaaaaaaaa_" + "x".repeat(43));
        assertProblem(401, "unauthorized", wrong);
        assertEquals("SmartToken realm=\"hiremarket\"", wrong.wwwAuthenticate());
        assertEquals("the API key in X-SmartToken is not valid or has been revoked", wrong.json().path("detail").asText());

        Reply ok = get("/integrations", newCompany().apiKey());
        assertStatus(200, ok);
        assertTrue(ok.json().has("totalFound"));
        assertTrue(ok.json().path("content").isArray());
    }

    /**
     * Installing and uninstalling a plugin feature touches only the plugin's bundle: no bundle of
     * the running host (the JPA stack, hiremarket-core) is stopped or refreshed, and the API
     * answers throughout. (Karaf's default auto-refresh would rewire the JPA API bundle on every
     * feature install and restart hiremarket-core; the distribution turns it off.)
     */
    @Test
    public void pluginFeatureInstallAndUninstallLeaveTheRunningHostAlone() throws Exception {
        TestCompany co = newCompany();
        String activeBefore = activeOpenBoardConnection(co, "feature-install-board");
        Bundle core = Arrays.stream(bundleContext.getBundles())
                .filter(b -> "org.hiremarket.core".equals(b.getSymbolicName())).findFirst().orElseThrow();
        List<String> disturbed = new CopyOnWriteArrayList<>();
        BundleListener listener = e -> {
            String name = e.getBundle().getSymbolicName();
            if (!name.startsWith("org.hiremarket.plugin.") && (e.getType() == BundleEvent.STOPPING
                    || e.getType() == BundleEvent.UNRESOLVED || e.getType() == BundleEvent.UPDATED)) {
                disturbed.add(name + " " + e.getType());
            }
        };
        AtomicBoolean installing = new AtomicBoolean(true);
        List<String> failedCalls = new CopyOnWriteArrayList<>();
        AtomicInteger calls = new AtomicInteger();
        Thread caller = new Thread(() -> {
            while (installing.get()) {
                try {
                    Reply r = get("/connections/" + activeBefore, co.apiKey());
                    calls.incrementAndGet();
                    if (r.status() != 200) {
                        failedCalls.add(r.status() + " " + r.body());
                    }
                } catch (Exception e) {
                    failedCalls.add(e.toString());
                }
            }
        }, "api-during-feature-install");
        bundleContext.addBundleListener(listener);
        caller.start();
        try {
            console("feature:install hiremarket-plugin-talentbridge");
            awaitTrue("talentbridge deployed",
                    () -> integrationRow("talentbridge") != null);
            console("feature:uninstall hiremarket-plugin-talentbridge");
            awaitTrue("talentbridge gone",
                    () -> integrationRow("talentbridge") == null);
        } finally {
            installing.set(false);
            caller.join(Duration.ofSeconds(60).toMillis());
            bundleContext.removeBundleListener(listener);
        }
        assertEquals("host bundles stopped or refreshed by a plugin feature install: " + disturbed, List.of(), disturbed);
        assertEquals("API calls that failed during the install: " + failedCalls, List.of(), failedCalls);
        assertTrue("the API was called while the feature was installed", calls.get() > 0);
        assertEquals(Bundle.ACTIVE, core.getState());
        assertEquals("ACTIVE", status(co.apiKey(), activeBefore));
    }

    @Test
    public void installedAndActivatedPluginIsListedWithScopesAndFields() throws Exception {
        String table = console("marketplace:integrations");
        assertTrue(table, table.contains("openboard") && table.contains("JOB_BOARD") && table.contains("AVAILABLE"));
        assertTrue(table, table.contains("org.hiremarket.plugin.openboard"));

        JsonNode page = get("/integrations?kind=JOB_BOARD", newCompany().apiKey()).json();
        JsonNode board = null;
        for (JsonNode i : page.path("content")) {
            if (i.path("id").asText().equals("openboard")) {
                board = i;
            }
        }
        assertNotNull("openboard is offered: " + page, board);
        assertEquals("JOB_BOARD", board.path("kind").asText());
        assertFalse(board.path("vendor").asText().isEmpty());
        assertTrue(board.path("scopes").size() > 0);
        List<String> fields = new ArrayList<>();
        board.path("accountFields").forEach(f -> fields.add(f.path("name").asText()));
        assertTrue(fields.toString(), fields.contains("boardId") && fields.contains("feedToken"));
    }

    @Test
    public void fullConnectFlowWithRejectionDisconnectAndReactivation() throws Exception {
        TestCompany co = newCompany();
        Reply started = post("/connections", co.apiKey(), "{\"integrationId\":\"openboard\"}");
        assertStatus(201, started);
        String id = started.json().path("id").asText();
        assertEquals(baseUrl() + "/connections/" + id, started.location());
        assertEquals("SCOPE_REVIEW", started.json().path("status").asText());

        // consent is all or nothing
        Reply partial = post("/connections/" + id + "/authorize", co.apiKey(), "{\"scopes\":[\"jobs.read\"]}");
        assertProblem(400, "validation-error", partial);
        assertEquals("SCOPE_REVIEW", status(co.apiKey(), id));

        List<String> scopes = new ArrayList<>();
        started.json().path("requestedScopes").forEach(s -> scopes.add(s.path("id").asText()));
        Reply authorized = post("/connections/" + id + "/authorize", co.apiKey(),
                JSON.writeValueAsString(java.util.Map.of("scopes", scopes)));
        assertStatus(200, authorized);
        assertEquals("AWAITING_ACCOUNT", authorized.json().path("status").asText());

        // the host checks the fields before the plugin sees them
        Reply missing = post("/connections/" + id + "/account", co.apiKey(), "{\"fields\":{\"boardId\":\"acme-jobs\"}}");
        assertProblem(400, "validation-error", missing);
        assertEquals("fields.feedToken", missing.json().path("errors").get(0).path("field").asText());
        assertEquals("AWAITING_ACCOUNT", status(co.apiKey(), id));

        // a well-formed token of another board: the vendor rejects it
        String otherToken = Credentials.openBoardToken("someone-else");
        Reply rejected = post("/connections/" + id + "/account", co.apiKey(),
                "{\"fields\":{\"boardId\":\"acme-jobs\",\"feedToken\":\"" + otherToken + "\"}}");
        assertStatus(200, rejected);
        assertEquals("FAILED", rejected.json().path("status").asText());
        assertEquals("TOKEN_NOT_FOR_BOARD", rejected.json().path("statusDetail").asText());
        assertFalse(rejected.json().path("statusDescription").asText().isEmpty());

        // the customer corrects the account
        Reply active = post("/connections/" + id + "/account", co.apiKey(), Credentials.openBoardFields("acme-jobs"));
        assertStatus(200, active);
        assertEquals("ACTIVE", active.json().path("status").asText());
        assertFalse("the secret never comes back", active.body().contains(Credentials.openBoardToken("acme-jobs")));
        assertEquals("********", active.json().path("account").path("feedToken").asText());
        assertEquals("acme-jobs", active.json().path("account").path("boardId").asText());

        // not twice
        assertProblem(409, "connection-exists",
                post("/connections", co.apiKey(), "{\"integrationId\":\"openboard\"}"));

        Reply disconnected = post("/connections/" + id + "/disconnect", co.apiKey(), null);
        assertStatus(200, disconnected);
        assertEquals("DISCONNECTED", disconnected.json().path("status").asText());
        assertProblem(409, "invalid-connection-state", post("/connections/" + id + "/disconnect", co.apiKey(), null));

        Reply reactivated = post("/connections/" + id + "/reactivate", co.apiKey(), null);
        assertStatus(200, reactivated);
        assertEquals("ACTIVE", reactivated.json().path("status").asText());

        JsonNode history = get("/connections/" + id, co.apiKey()).json().path("history");
        List<String> states = new ArrayList<>();
        history.forEach(h -> states.add(h.path("to").asText()));
        assertTrue(states.toString(), states.containsAll(List.of("SCOPE_REVIEW", "AWAITING_ACCOUNT", "VALIDATING",
                "FAILED", "ACTIVE", "DISCONNECTED")));

        java.util.Map<String, String> listed = consoleRow("marketplace:connections --no-format -c " + co.id(),
                CONNECTION_COLUMNS, id);
        assertEquals(co.id(), listed.get("Company"));
        assertEquals("openboard", listed.get("Integration"));
        assertEquals("ACTIVE", listed.get("Status"));
    }

    @Test
    public void stoppedPluginMakesConnectionsUnavailableAndStartingItRestoresThem() throws Exception {
        TestCompany co = newCompany();
        String id = activeOpenBoardConnection(co, "stop-start-board");
        try {
            console("bundle:stop org.hiremarket.plugin.openboard");
            awaitTrue("connection UNAVAILABLE", () -> "UNAVAILABLE".equals(status(co.apiKey(), id)));
            JsonNode c = get("/connections/" + id, co.apiKey()).json();
            assertEquals("ACTIVE", c.path("resumeStatus").asText());
            assertEquals("the last known descriptor names it", "OpenBoard Jobs", c.path("integrationName").asText());
            assertEquals("JOB_BOARD", c.path("kind").asText());
            assertFalse("an absent plugin is not offered", get("/integrations", co.apiKey()).body().contains("openboard"));
            JsonNode known = get("/integrations/openboard", co.apiKey()).json();
            assertEquals(known.toString(), "UNAVAILABLE", known.path("status").asText());
            assertEquals("OpenBoard Jobs", known.path("name").asText());
            assertEquals("OpenBoard AB", known.path("vendor").asText());
            assertTrue("what is not known is not made up", known.path("accountFields").isMissingNode());
            java.util.Map<String, String> admin = integrationRow("openboard");
            assertEquals("OpenBoard Jobs", admin.get("Name"));
            assertEquals("OpenBoard AB", admin.get("Vendor"));
            assertEquals("UNAVAILABLE", admin.get("State"));
            // nothing can be validated while the plugin is away ...
            assertProblem(409, "integration-unavailable", post("/connections/" + id + "/reactivate", co.apiKey(), null));
            // ... but disconnecting takes effect at once
            Reply d = post("/connections/" + id + "/disconnect", co.apiKey(), null);
            assertStatus(200, d);
            assertEquals("UNAVAILABLE", d.json().path("status").asText());
            assertEquals("DISCONNECTED", d.json().path("resumeStatus").asText());
            assertEquals("UNAVAILABLE", integrationRow("openboard").get("State"));
        } finally {
            console("bundle:start org.hiremarket.plugin.openboard");
        }
        awaitTrue("connection back to its state", () -> !"UNAVAILABLE".equals(status(co.apiKey(), id)));
        // the disconnect above was accepted while the plugin was away; it stays disconnected
        assertEquals("DISCONNECTED", status(co.apiKey(), id));
    }

    @Test
    public void activeConnectionReturnsToActiveWhenThePluginComesBack() throws Exception {
        TestCompany co = newCompany();
        String id = activeOpenBoardConnection(co, "comeback-board");
        try {
            console("bundle:stop org.hiremarket.plugin.openboard");
            awaitTrue("connection UNAVAILABLE", () -> "UNAVAILABLE".equals(status(co.apiKey(), id)));
        } finally {
            console("bundle:start org.hiremarket.plugin.openboard");
        }
        awaitTrue("connection ACTIVE again", () -> "ACTIVE".equals(status(co.apiKey(), id)));
    }

    @Test
    public void deactivatedIntegrationIsHiddenAndRefusesNewConnections() throws Exception {
        TestCompany co = newCompany();
        TestCompany other = newCompany();
        String id = activeOpenBoardConnection(co, "deactivation-board");
        console("marketplace:deactivate openboard");
        try {
            assertFalse(get("/integrations", other.apiKey()).body().contains("\"openboard\""));
            assertProblem(404, "not-found", get("/integrations/openboard", other.apiKey()));
            // a known integration withdrawn by the admin says so, rather than "does not exist"
            assertProblem(409, "integration-deactivated",
                    post("/connections", other.apiKey(), "{\"integrationId\":\"openboard\"}"));
            assertProblem(404, "not-found", post("/connections", other.apiKey(), "{\"integrationId\":\"no-such\"}"));
            // existing connections show it, and keep their stored state to return to
            Reply shown = get("/connections/" + id, co.apiKey());
            assertEquals("DEACTIVATED", shown.json().path("status").asText());
            assertEquals("ACTIVE", shown.json().path("resumeStatus").asText());
            assertProblem(409, "integration-deactivated", post("/connections/" + id + "/reactivate", co.apiKey(), null));
            assertEquals("no", integrationRow("openboard").get("Active"));
        } finally {
            console("marketplace:activate openboard");
        }
        assertStatus(200, get("/integrations/openboard", other.apiKey()));
        assertEquals("the stored state is back", "ACTIVE", status(co.apiKey(), id));
        assertTrue(get("/connections/" + id, co.apiKey()).json().path("resumeStatus").isMissingNode());
    }

    @Test
    public void reverseScopesAreAuthorizedWithTheAccountWhenTheVendorAsksForThem() throws Exception {
        if (integrationRow("skillcheck") == null) {
            installAndActivate("hiremarket-plugin-skillcheck", "skillcheck");
        }
        TestCompany co = newCompany();
        String id = startAndAuthorize(co.apiKey(), "skillcheck");
        String expired = "{\"accountId\":\"SC-912345\",\"apiKey\":\"sk_live_912345_AbCdEfGh12345678\"}";
        String valid = "{\"accountId\":\"SC-123456\",\"apiKey\":\"sk_live_123456_AbCdEfGh12345678\"}";

        Reply withoutReverse = post("/connections/" + id + "/account", co.apiKey(), "{\"fields\":" + valid + "}");
        assertProblem(400, "validation-error", withoutReverse);
        assertEquals("reverseScopes", withoutReverse.json().path("errors").get(0).path("field").asText());

        Reply contractExpired = post("/connections/" + id + "/account", co.apiKey(),
                "{\"fields\":" + expired + ",\"reverseScopes\":[\"vendor.catalog.read\"]}");
        assertEquals("FAILED", contractExpired.json().path("status").asText());
        assertEquals("CONTRACT_EXPIRED", contractExpired.json().path("statusDetail").asText());

        Reply active = post("/connections/" + id + "/account", co.apiKey(),
                "{\"fields\":" + valid + ",\"reverseScopes\":[\"vendor.catalog.read\"]}");
        assertEquals(active.body(), "ACTIVE", active.json().path("status").asText());
        assertEquals("vendor.catalog.read", active.json().path("grantedReverseScopes").get(0).asText());
        assertFalse(active.body().contains("AbCdEfGh12345678"));
    }

    @Test
    public void companiesNeverSeeEachOthersConnections() throws Exception {
        TestCompany a = newCompany();
        TestCompany b = newCompany();
        String aId = activeOpenBoardConnection(a, "tenant-a");

        assertProblem(404, "not-found", get("/connections/" + aId, b.apiKey()));
        assertProblem(404, "not-found", post("/connections/" + aId + "/disconnect", b.apiKey(), null));
        assertProblem(404, "not-found", post("/connections/" + aId + "/reactivate", b.apiKey(), null));
        assertProblem(404, "not-found", post("/connections/" + aId + "/account", b.apiKey(),
                Credentials.openBoardFields("tenant-b")));
        assertEquals(0, get("/connections", b.apiKey()).json().path("totalFound").asInt());
        assertEquals("ACTIVE", status(a.apiKey(), aId));
        assertEquals(1, get("/connections", a.apiKey()).json().path("totalFound").asInt());

        // b may connect the same integration on its own
        String bId = activeOpenBoardConnection(b, "tenant-b");
        assertFalse(aId.equals(bId));
    }

    @Test
    public void badInputIsAClearProblem() throws Exception {
        TestCompany co = newCompany();
        assertProblem(400, "validation-error", post("/connections", co.apiKey(), "{\"integrationId\":\"openboard\",\"x\":1}"));
        assertProblem(400, "bad-request", post("/connections", co.apiKey(), "{not json"));
        assertProblem(400, "validation-error", post("/connections", co.apiKey(), "{}"));
        assertProblem(400, "validation-error", post("/connections", co.apiKey(), "{\"integrationId\":42}"));
        assertProblem(404, "not-found", post("/connections", co.apiKey(), "{\"integrationId\":\"no-such\"}"));
        assertProblem(400, "validation-error", get("/integrations?limit=1000", co.apiKey()));
        assertProblem(400, "validation-error", get("/integrations?offset=abc", co.apiKey()));
        assertProblem(400, "validation-error", get("/connections?status=SLEEPING", co.apiKey()));
        assertProblem(404, "not-found", get("/connections/does-not-exist", co.apiKey()));
        assertProblem(404, "not-found", get("/nothing-here", co.apiKey()));
        assertProblem(405, "method-not-allowed", send("DELETE", "/integrations", co.apiKey(), null));
    }

    /**
     * A request for an address under /api that no endpoint serves is answered 404 without a WARN line
     * in the log for each (CXF's default): a scanner or a client polling while the host boots would
     * otherwise fill it.
     */
    @Test
    public void requestsForAddressesNoEndpointServesAreNotLoggedAsWarnings() throws Exception {
        String path = "/api/v0/nothing-" + UUID.randomUUID();
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                "http://127.0.0.1:" + System.getProperty("hiremarket.test.http.port") + path)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(404, r.statusCode());
        // CXF logs through java.util.logging; a warning written after the request shows its line would be there by now
        String marker = "log marker " + UUID.randomUUID();
        Logger.getLogger(MarketplaceIT.class.getName()).warning(marker);
        Path log = Path.of(System.getProperty("karaf.log", System.getProperty("karaf.data") + "/log"), "karaf.log");
        await("the marker in " + log, WAIT, () -> read(log).contains(marker));
        String written = read(log);
        assertTrue("the log keeps warnings", written.contains("WARN") && written.contains(marker));
        assertFalse("no warning for " + path, written.contains(path));
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            return "";
        }
    }
}
