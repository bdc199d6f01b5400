package org.hiremarket.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import java.io.File;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Assessments end to end through HTTP and the console: packages, orders and results from the demo
 * vendor; disconnect with orders in flight; the plugin stopped, updated and reinstalled mid-flight; retries while the
 * vendor is down; a failing vendor's circuit breaker while another vendor keeps completing; the
 * automatic order of a hiring step.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class AssessmentIT extends HireMarketTestSupport {

    static final String SKILLCHECK_PID = "org.hiremarket.plugin.skillcheck";
    static final String ACCOUNT = "{\"fields\":{\"accountId\":\"SC-123456\",\"apiKey\":\"sk_live_123456_AbCdEfGh12345678\"},"
            + "\"reverseScopes\":[\"vendor.catalog.read\"]}";
    static final String JOB = "{\"title\": \"%s\", \"location\": {\"countryCode\": \"DE\", \"city\": \"Berlin\"},"
            + " \"industry\": {\"id\": \"computer_software\"}, \"function\": {\"id\": \"engineering\"},"
            + " \"experienceLevel\": {\"id\": \"mid_senior_level\"}}";

    @Override
    protected Option[] extraOptions() {
        return new Option[] {
            // quick retries and a breaker that opens and closes within a test
            editConfigurationFilePut("etc/org.hiremarket.mailbox.cfg", "retry.initial.ms", "200"),
            editConfigurationFilePut("etc/org.hiremarket.mailbox.cfg", "retry.max.ms", "1000"),
            editConfigurationFilePut("etc/org.hiremarket.assessments.cfg", "poll.interval.seconds", "2"),
            editConfigurationFilePut("etc/org.hiremarket.marketplace.cfg", "breaker.open.seconds", "3"),
            editConfigurationFilePut("etc/org.hiremarket.marketplace.cfg", "plugin.call.timeout.ms", "3000") };
    }

    @Before
    public void skillCheckIsOffered() throws Exception {
        if (integrationRow("skillcheck") == null) {
            installAndActivate("hiremarket-plugin-skillcheck", "skillcheck");
        }
        vendor("mode", "normal");
        vendor("completion.delay.ms", "300");
    }

    /** Changes the demo vendor's configuration and waits until the vendor runs with it. */
    private void vendor(String key, String value) throws Exception {
        configureComponent(SKILLCHECK_PID, "org.hiremarket.plugin.skillcheck.SkillCheckConnector", key, value);
    }

    // ---------------------------------------------------------------- fixtures

    private String activeSkillCheck(TestCompany co) throws Exception {
        String id = startAndAuthorize(co.apiKey(), "skillcheck");
        Reply r = post("/connections/" + id + "/account", co.apiKey(), ACCOUNT);
        assertEquals(r.body(), "ACTIVE", r.json().path("status").asText());
        return id;
    }

    private String job(TestCompany co) throws Exception {
        Reply j = post("/jobs", co.apiKey(), String.format(JOB, "Java developer"));
        assertStatus(201, j);
        return j.json().path("id").asText();
    }

    private String application(TestCompany co, String jobId, String email) throws Exception {
        Reply a = post("/jobs/" + jobId + "/applications", co.apiKey(), "{\"candidate\": {\"firstName\": \"Ada\","
                + " \"lastName\": \"Lovelace\", \"email\": \"" + email + "\"}}");
        assertStatus(201, a);
        return a.json().path("id").asText();
    }

    private Reply order(TestCompany co, String applicationId, String connectionId, String packageId) throws Exception {
        return post("/applications/" + applicationId + "/assessments", co.apiKey(),
                "{\"connectionId\":\"" + connectionId + "\",\"packageId\":\"" + packageId + "\"}");
    }

    private String placed(TestCompany co, String applicationId, String connectionId, String packageId) throws Exception {
        Reply r = order(co, applicationId, connectionId, packageId);
        assertStatus(201, r);
        assertEquals("PLACED", r.json().path("status").asText());
        assertTrue(r.location(), r.location().endsWith("/assessments/" + r.json().path("id").asText()));
        return r.json().path("id").asText();
    }

    private JsonNode orderOf(TestCompany co, String orderId) throws Exception {
        Reply r = get("/assessments/" + orderId, co.apiKey());
        assertStatus(200, r);
        return r.json();
    }

    private void awaitStatus(TestCompany co, String orderId, String status) {
        awaitTrue("order " + orderId + " " + status, () -> status.equals(orderOf(co, orderId).path("status").asText()));
    }

    private static List<String> historyStatuses(JsonNode order) {
        List<String> out = new ArrayList<>();
        order.path("history").forEach(e -> out.add(e.path("to").asText()));
        return out;
    }

    /** Null values are left out of the JSON the API writes. */
    private static boolean absent(JsonNode n) {
        return n.isMissingNode() || n.isNull();
    }

    private static String unique(String s) {
        return s + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    // ---------------------------------------------------------------- tests

    /**
     * Orders placed at the same moment share a commit: each is stored, and of several for the same
     * application and package exactly one is placed while the others answer 409.
     */
    @Test
    public void ordersPlacedAtTheSameMomentAreEachStoredAndAnApplicationIsOrderedOnce() throws Exception {
        TestCompany co = createCompany(unique("Burst"));
        String connection = activeSkillCheck(co);
        String jobId = job(co);
        String same = application(co, jobId, unique("same") + "@example.com");
        List<String> others = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            others.add(application(co, jobId, unique("other" + i) + "@example.com"));
        }
        ExecutorService clients = Executors.newFixedThreadPool(12);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Reply>> onSame = new ArrayList<>();
        List<Future<Reply>> onOthers = new ArrayList<>();
        try {
            for (int i = 0; i < 6; i++) {
                onSame.add(clients.submit(() -> {
                    go.await(30, TimeUnit.SECONDS);
                    return order(co, same, connection, "java-dev");
                }));
            }
            for (String app : others) {
                onOthers.add(clients.submit(() -> {
                    go.await(30, TimeUnit.SECONDS);
                    return order(co, app, connection, "java-dev");
                }));
            }
            go.countDown();
            int placed = 0;
            for (Future<Reply> f : onSame) {
                Reply r = f.get(60, TimeUnit.SECONDS);
                if (r.status() == 201) {
                    placed++;
                } else {
                    assertProblem(409, "order-exists", r);
                }
            }
            assertEquals("orders placed for the one application", 1, placed);
            for (Future<Reply> f : onOthers) {
                assertStatus(201, f.get(60, TimeUnit.SECONDS));
            }
        } finally {
            clients.shutdownNow();
        }
        Reply stored = get("/assessments?applicationId=" + same, co.apiKey());
        assertStatus(200, stored);
        assertEquals(stored.body(), 1, stored.json().path("totalFound").asInt());
    }

    @Test
    public void orderedAssessmentCompletesAndItsResultIsShown() throws Exception {
        TestCompany co = createCompany(unique("Assess"));
        String connection = activeSkillCheck(co);
        Reply packages = get("/connections/" + connection + "/packages", co.apiKey());
        assertStatus(200, packages);
        assertTrue(packages.body(), packages.body().contains("java-dev") && packages.body().contains("background"));

        String app = application(co, job(co), unique("ada") + "@example.com");
        assertProblem(400, "validation-error", order(co, app, connection, "no-such-package"));
        assertProblem(400, "validation-error", post("/applications/" + app + "/assessments", co.apiKey(), "{}"));
        String orderId = placed(co, app, connection, "java-dev");
        assertProblem(409, "order-exists", order(co, app, connection, "java-dev"));

        awaitStatus(co, orderId, "COMPLETED");
        JsonNode o = orderOf(co, orderId);
        assertEquals(List.of("PLACED", "SENT", "IN_PROGRESS", "COMPLETED"), historyStatuses(o));
        // every step is timestamped, in order
        Instant previous = Instant.EPOCH;
        for (JsonNode step : o.path("history")) {
            Instant at = Instant.parse(step.path("at").asText());
            assertFalse(o.toString(), at.isBefore(previous));
            previous = at;
        }
        // a delivered order has no next attempt
        assertTrue(o.toString(), absent(o.path("delivery").path("nextAttemptAt")));
        JsonNode result = o.path("result");
        double score = result.path("score").asDouble(-1);
        assertTrue(o.toString(), score >= 0 && score <= 100);
        assertEquals(score >= 60, result.path("passed").asBoolean());
        assertFalse(result.path("band").asText().isEmpty());
        assertTrue(result.path("reportUrl").asText().startsWith("https://"));
        assertTrue(result.path("details").size() > 0);
        assertFalse(o.path("vendorReference").asText().isEmpty());
        assertFalse(absent(o.path("finishedAt")));
        assertEquals("Ada", o.path("candidate").path("firstName").asText());

        // the application lists its orders; the company's list filters by status
        Reply ofApp = get("/applications/" + app + "/assessments", co.apiKey());
        assertEquals(1, ofApp.json().path("totalFound").asInt(ofApp.json().path("content").size()));
        assertTrue(get("/assessments?status=COMPLETED", co.apiKey()).body().contains(orderId));

        // the background check carries an attachment and no score
        String bg = placed(co, app, connection, "background");
        awaitStatus(co, bg, "COMPLETED");
        JsonNode bgResult = orderOf(co, bg).path("result");
        assertTrue(bgResult.toString(), absent(bgResult.path("score")));
        assertTrue(bgResult.path("attachments").get(0).path("url").asText().endsWith(".pdf"));

        // another company sees none of it
        TestCompany other = createCompany(unique("Other"));
        assertProblem(404, "not-found", get("/assessments/" + orderId, other.apiKey()));
        assertProblem(404, "not-found", get("/connections/" + connection + "/packages", other.apiKey()));
        assertProblem(404, "not-found", order(other, app, connection, "java-dev"));
        assertFalse(get("/assessments", other.apiKey()).body().contains(orderId));

        // the console lists orders by company and status
        java.util.Map<String, String> row = consoleRow("marketplace:orders --no-format -c " + co.id(), ORDER_COLUMNS,
                orderId);
        assertEquals(co.id(), row.get("Company"));
        assertEquals("skillcheck", row.get("Integration"));
        assertEquals("java-dev", row.get("Package"));
        assertEquals("COMPLETED", row.get("Status"));
        assertEquals(row, consoleRow("marketplace:orders --no-format -c " + co.id() + " -s COMPLETED", ORDER_COLUMNS,
                orderId));
        assertNull(consoleRow("marketplace:orders --no-format -c " + co.id() + " -s PLACED", ORDER_COLUMNS, orderId));
        assertEquals("another company's list has none of its orders", java.util.List.of(),
                consoleRows("marketplace:orders --no-format -c " + other.id(), ORDER_COLUMNS));
        assertTrue(console("marketplace:orders --summary --no-format -i skillcheck").contains("COMPLETED"));
    }

    @Test
    public void readOnlyCredentialsMayReadButNotOrder() throws Exception {
        TestCompany co = createCompany(unique("Scopes"));
        String connection = activeSkillCheck(co);
        String app = application(co, job(co), unique("grace") + "@example.com");
        String orderId = placed(co, app, connection, "cognitive");
        ApiClient api = new ApiClient(baseUrl());
        ApiClient.Response client = api.call("POST", "/credentials/oauth-clients", ApiClient.Credential.apiKey(co.apiKey()),
                Map.of("name", "reader", "scopes", List.of("assessments_read")));
        assertEquals(client.toString(), 201, client.status());
        String basic = "Basic " + java.util.Base64.getEncoder().encodeToString((client.json().path("clientId").asText()
                + ":" + client.json().path("clientSecret").asText()).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        ApiClient.Response token = api.form("/oauth/token", "grant_type=client_credentials", Map.of("Authorization", basic));
        ApiClient.Credential reader = ApiClient.Credential.bearer("oauth", token.json().path("access_token").asText());
        assertEquals(200, api.call("GET", "/assessments/" + orderId, reader, null).status());
        assertEquals(200, api.call("GET", "/connections/" + connection + "/packages", reader, null).status());
        ApiClient.Response denied = api.call("POST", "/applications/" + app + "/assessments", reader,
                Map.of("connectionId", connection, "packageId", "java-dev"));
        assertEquals(denied.toString(), 403, denied.status());
        assertTrue(denied.header("WWW-Authenticate").contains("assessments_manage"));
        assertEquals(403, api.call("POST", "/assessments/" + orderId + "/cancel", reader, null).status());
    }

    @Test
    public void disconnectRefusesNewOrdersWhileOrdersInFlightStillComplete() throws Exception {
        TestCompany co = createCompany(unique("Disconnect"));
        String connection = activeSkillCheck(co);
        String jobId = job(co);
        vendor("completion.delay.ms", "2500");
        List<String> inFlight = new ArrayList<>();
        List<String> apps = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            apps.add(application(co, jobId, unique("inflight" + i) + "@example.com"));
            inFlight.add(placed(co, apps.get(i), connection, "cognitive"));
        }
        awaitTrue("orders sent", () -> "SENT".equals(orderOf(co, inFlight.get(2)).path("status").asText())
                || "IN_PROGRESS".equals(orderOf(co, inFlight.get(2)).path("status").asText()));

        assertEquals("DISCONNECTED", post("/connections/" + connection + "/disconnect", co.apiKey(), null).json()
                .path("status").asText());
        Reply refused = order(co, apps.get(0), connection, "java-dev");
        assertProblem(409, "connection-not-active", refused);
        assertTrue(refused.body(), refused.body().contains("DISCONNECTED"));

        for (String id : inFlight) {
            awaitStatus(co, id, "COMPLETED");
            assertNotNull(orderOf(co, id).path("result").path("band").asText(null));
        }

        vendor("completion.delay.ms", "300");
        assertEquals("ACTIVE", post("/connections/" + connection + "/reactivate", co.apiKey(), null).json()
                .path("status").asText());
        String again = placed(co, apps.get(0), connection, "java-dev");
        awaitStatus(co, again, "COMPLETED");
    }

    @Test
    public void ordersSurviveThePluginBeingStoppedMidFlightWithoutDuplicates() throws Exception {
        TestCompany co = createCompany(unique("StopStart"));
        String connection = activeSkillCheck(co);
        String jobId = job(co);
        vendor("completion.delay.ms", "4000");
        List<String> orders = acknowledgedOrders(co, connection, jobId, "mid", 4, "customer-service");
        console("bundle:stop org.hiremarket.plugin.skillcheck");
        try {
            awaitTrue("connection unavailable", () -> "UNAVAILABLE".equals(status(co.apiKey(), connection)));
            // no new orders while the vendor is away (its packages cannot be checked) ...
            assertProblem(409, "integration-unavailable",
                    order(co, application(co, jobId, unique("later") + "@example.com"), connection, "cognitive"));
            // ... and the ones placed before are kept
            assertEquals(orders.size(), get("/assessments?connectionId=" + connection, co.apiKey()).json()
                    .path("content").size());
        } finally {
            console("bundle:start org.hiremarket.plugin.skillcheck");
        }
        for (String id : orders) {
            completedOnce(co, id);
        }
        assertEquals(orders.size(), get("/assessments?connectionId=" + connection + "&limit=100", co.apiKey()).json()
                .path("content").size());
    }

    @Test
    public void ordersSurviveThePluginBeingUpdatedAndReinstalledMidFlight() throws Exception {
        TestCompany co = createCompany(unique("Reinstall"));
        String connection = activeSkillCheck(co);
        String jobId = job(co);
        vendor("completion.delay.ms", "4000");
        List<String> orders = acknowledgedOrders(co, connection, jobId, "upd", 2, "cognitive");
        // a new version of the vendor's bundle (it forgets what it held in memory)
        console("bundle:update org.hiremarket.plugin.skillcheck");
        awaitTrue("vendor back after the update", () -> "ACTIVE".equals(status(co.apiKey(), connection)));
        orders.addAll(acknowledgedOrders(co, connection, jobId, "re", 2, "cognitive"));
        // the vendor's bundle uninstalled, then installed again from where it came from
        Matcher m = Pattern.compile("(mvn:\\S*hiremarket-plugin-skillcheck\\S*)")
                .matcher(console("bundle:list -l --no-format"));
        assertTrue("location of the SkillCheck bundle", m.find());
        String location = m.group(1);
        console("bundle:uninstall org.hiremarket.plugin.skillcheck");
        try {
            awaitTrue("connection unavailable", () -> "UNAVAILABLE".equals(status(co.apiKey(), connection)));
            assertEquals(orders.size(), get("/assessments?connectionId=" + connection, co.apiKey()).json()
                    .path("content").size());
        } finally {
            console("bundle:install -s " + location);
        }
        awaitTrue("vendor back after the reinstall", () -> "ACTIVE".equals(status(co.apiKey(), connection)));
        Set<String> references = new HashSet<>();
        for (String id : orders) {
            references.add(completedOnce(co, id).path("vendorReference").asText());
        }
        assertEquals("one order at the vendor per order", orders.size(), references.size());
        assertEquals(orders.size(), get("/assessments?connectionId=" + connection + "&limit=100", co.apiKey()).json()
                .path("content").size());
    }

    @Test
    public void ordersAreRetriedWhileTheVendorIsDown() throws Exception {
        orderOutlastsVendorTrouble("Retry", "fail", "down");
    }

    @Test
    public void aVendorThatHangsHitsTheTimeLimitAndItsOrderIsDeliveredOnceItAnswers() throws Exception {
        vendor("slow.ms", "10000");
        // plugin.call.timeout.ms is 3000 in this test: the hanging call is cut off and retried later
        orderOutlastsVendorTrouble("Slow", "slow", "did not answer");
    }

    /**
     * An order placed while SkillCheck is in {@code mode}: its delivery fails with {@code error} and
     * it waits as PLACED while the host keeps answering; once SkillCheck is normal again the order
     * completes, acknowledged once.
     */
    private void orderOutlastsVendorTrouble(String name, String mode, String error) throws Exception {
        TestCompany co = createCompany(unique(name));
        String connection = activeSkillCheck(co);
        String app = application(co, job(co), unique(name.toLowerCase(java.util.Locale.ROOT)) + "@example.com");
        vendor("mode", mode);
        String orderId = placed(co, app, connection, "cognitive");
        awaitTrue("delivery attempted and failed", () -> orderOf(co, orderId).path("delivery").path("attempts").asInt() >= 1);
        JsonNode waiting = orderOf(co, orderId);
        assertEquals("PLACED", waiting.path("status").asText());
        assertTrue(waiting.toString(), waiting.path("delivery").path("lastError").asText().contains(error));
        assertStatus(200, get("/ping", null));
        vendor("mode", "normal");
        completedOnce(co, orderId);
    }

    /** Places {@code n} orders for new applications and waits until the vendor acknowledged the last of them. */
    private List<String> acknowledgedOrders(TestCompany co, String connection, String jobId, String prefix, int n,
            String packageId) throws Exception {
        List<String> orders = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            orders.add(placed(co, application(co, jobId, unique(prefix + i) + "@example.com"), connection, packageId));
        }
        String last = orders.get(n - 1);
        awaitTrue("orders acknowledged", () -> !"PLACED".equals(orderOf(co, last).path("status").asText()));
        return orders;
    }

    /** Waits until the order is COMPLETED, acknowledged and completed once each; @return the order */
    private JsonNode completedOnce(TestCompany co, String orderId) throws Exception {
        awaitStatus(co, orderId, "COMPLETED");
        JsonNode o = orderOf(co, orderId);
        List<String> h = historyStatuses(o);
        assertEquals(h.toString(), 1, h.stream().filter("COMPLETED"::equals).count());
        assertEquals(h.toString(), 1, h.stream().filter("SENT"::equals).count());
        return o;
    }

    @Test
    public void ordersEndExpiredFailedOrCancelledWithTheReasonInTheirHistory() throws Exception {
        TestCompany co = createCompany(unique("Endings"));
        String connection = activeSkillCheck(co);
        String jobId = job(co);
        // the vendor reports that the candidate never started: EXPIRED with the vendor's reason
        String noShow = placed(co, application(co, jobId, unique("noshow") + "@example.com"), connection, "cognitive");
        // the vendor could not carry it out: FAILED with the vendor's reason
        String failed = placed(co, application(co, jobId, unique("unverifiable") + "@example.com"), connection,
                "background");
        for (String[] expected : new String[][] { { noShow, "EXPIRED" }, { failed, "FAILED" } }) {
            awaitStatus(co, expected[0], expected[1]);
            JsonNode o = orderOf(co, expected[0]);
            assertTrue(o.toString(), o.path("statusReason").asText().length() > 0);
            assertTrue(o.toString(), o.path("finishedAt").isTextual());
            assertTrue("no result for " + o, absent(o.path("result")));
            List<String> h = historyStatuses(o);
            assertEquals(h.toString(), expected[1], h.get(h.size() - 1));
        }
        // cancelled by the customer while the candidate is still at it; a finished order cannot be cancelled
        vendor("completion.delay.ms", "600000");
        String open = placed(co, application(co, jobId, unique("cancel") + "@example.com"), connection, "cognitive");
        awaitStatus(co, open, "SENT");
        Reply cancelled = post("/assessments/" + open + "/cancel", co.apiKey(), null);
        assertStatus(200, cancelled);
        assertEquals("CANCELLED", cancelled.json().path("status").asText());
        List<String> h = historyStatuses(orderOf(co, open));
        assertEquals(h.toString(), List.of("PLACED", "SENT", "CANCELLED"), h);
        assertProblem(409, "order-final", post("/assessments/" + open + "/cancel", co.apiKey(), null));
        assertProblem(409, "order-final", post("/assessments/" + noShow + "/cancel", co.apiKey(), null));
    }

    @Test
    public void theHostPollsVendorsThatDoNotPushTheirResults() throws Exception {
        TestCompany co = createCompany(unique("Poll"));
        String connection = activeSkillCheck(co);
        String app = application(co, job(co), unique("poll") + "@example.com");
        vendor("completion.delay.ms", "0");
        vendor("push.results", "false");
        try {
            String orderId = placed(co, app, connection, "cognitive");
            // poll.interval.seconds is 2 in this test
            JsonNode o = completedOnce(co, orderId);
            assertTrue(o.toString(), o.path("result").path("score").isNumber());
            List<String> h = historyStatuses(o);
            // the vendor pushes nothing, so the result was learnt by polling; whether a poll fell
            // between the vendor's start and finish (its two steps) is timing, so IN_PROGRESS may
            // or may not be in the history, but nothing else is, and in order
            List<String> possible = new ArrayList<>(List.of("PLACED", "SENT", "IN_PROGRESS", "COMPLETED"));
            if (!h.contains("IN_PROGRESS")) {
                possible.remove("IN_PROGRESS");
            }
            assertEquals("learnt by polling: " + h, possible, h);
        } finally {
            vendor("push.results", "true");
        }
    }

    @Test
    public void failingVendorOpensItsBreakerWhileAnotherVendorsOrdersComplete() throws Exception {
        if (integrationRow("faulty-assess") == null) {
            String jar = new File(System.getProperty("hiremarket.faulty.plugin")).toURI().toString();
            console("bundle:install -s " + jar);
            awaitTrue("faulty vendor deployed", () -> integrationRow("faulty-assess") != null);
            console("marketplace:activate faulty-assess");
        }
        TestCompany co = createCompany(unique("Breaker"));
        String good = activeSkillCheck(co);
        String bad = startAndAuthorize(co.apiKey(), "faulty-assess");
        assertEquals("ACTIVE", post("/connections/" + bad + "/account", co.apiKey(), "{\"fields\":{\"accountId\":\"x1\"}}")
                .json().path("status").asText());
        String jobId = job(co);
        List<String> badOrders = new ArrayList<>();
        List<String> goodOrders = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            String app = application(co, jobId, unique("b" + i) + "@example.com");
            badOrders.add(placed(co, app, bad, "basic"));
            goodOrders.add(placed(co, app, good, "cognitive"));
        }
        awaitTrue("faulty-assess circuit open", () -> {
            for (JsonNode i : get("/integrations?limit=100", co.apiKey()).json().path("content")) {
                if (i.path("id").asText().equals("faulty-assess")) {
                    return "OPEN".equals(i.path("health").path("circuit").asText())
                            && "DOWN".equals(i.path("health").path("status").asText());
                }
            }
            return false;
        });
        // the console shows the same breaker; 3 s after opening, the next call may already be a trial (HALF_OPEN)
        String circuit = integrationRow("faulty-assess").get("Circuit");
        assertTrue(circuit, circuit.equals("OPEN") || circuit.equals("HALF_OPEN"));
        for (String id : goodOrders) {
            awaitStatus(co, id, "COMPLETED");
        }
        // the failing vendor's orders are kept, waiting for it, never lost or failed
        Set<String> statuses = new HashSet<>();
        for (String id : badOrders) {
            statuses.add(orderOf(co, id).path("status").asText());
        }
        assertEquals(Set.of("PLACED"), statuses);
        assertTrue(orderOf(co, badOrders.get(0)).path("delivery").path("lastError").asText().length() > 0);
        JsonNode skill = null;
        for (JsonNode i : get("/integrations?limit=100", co.apiKey()).json().path("content")) {
            if (i.path("id").asText().equals("skillcheck")) {
                skill = i;
            }
        }
        assertNotNull(skill);
        assertEquals("CLOSED", skill.path("health").path("circuit").asText());
    }

    @Test
    public void enteringAHiringStepOrdersItsAssessmentOnce() throws Exception {
        TestCompany co = createCompany(unique("Steps"));
        String connection = activeSkillCheck(co);
        String jobId = job(co);
        Reply screening = post("/jobs/" + jobId + "/hiring-steps", co.apiKey(), "{\"name\":\"Screening\"}");
        assertStatus(201, screening);
        Reply skills = post("/jobs/" + jobId + "/hiring-steps", co.apiKey(), "{\"name\":\"Skills test\","
                + "\"assessment\":{\"connectionId\":\"" + connection + "\",\"packageId\":\"java-dev\"}}");
        assertStatus(201, skills);
        assertEquals(2, skills.json().path("position").asInt());
        assertEquals("Java developer skills test", skills.json().path("assessment").path("packageName").asText());
        assertProblem(400, "validation-error", post("/jobs/" + jobId + "/hiring-steps", co.apiKey(),
                "{\"name\":\"Bad\",\"assessment\":{\"connectionId\":\"" + connection + "\",\"packageId\":\"nope\"}}"));
        JsonNode steps = get("/jobs/" + jobId + "/hiring-steps", co.apiKey()).json();
        assertEquals("Screening", steps.get(0).path("name").asText());

        String app = application(co, jobId, unique("step") + "@example.com");
        String screeningId = screening.json().path("id").asText();
        String skillsId = skills.json().path("id").asText();
        Reply first = send("PUT", "/applications/" + app + "/hiring-step", co.apiKey(), "{\"stepId\":\"" + screeningId + "\"}");
        assertStatus(200, first);
        assertTrue(first.body(), absent(first.json().path("assessmentOrder")));
        Reply entered = send("PUT", "/applications/" + app + "/hiring-step", co.apiKey(), "{\"stepId\":\"" + skillsId + "\"}");
        assertStatus(200, entered);
        assertEquals(skillsId, entered.json().path("application").path("hiringStepId").asText());
        String orderId = entered.json().path("assessmentOrder").path("id").asText();
        assertEquals(skillsId, entered.json().path("assessmentOrder").path("hiringStepId").asText());
        // back and forth: still the one order
        send("PUT", "/applications/" + app + "/hiring-step", co.apiKey(), "{\"stepId\":\"" + screeningId + "\"}");
        Reply again = send("PUT", "/applications/" + app + "/hiring-step", co.apiKey(), "{\"stepId\":\"" + skillsId + "\"}");
        assertEquals(orderId, again.json().path("assessmentOrder").path("id").asText());
        awaitStatus(co, orderId, "COMPLETED");
        assertEquals(1, get("/applications/" + app + "/assessments", co.apiKey()).json().path("content").size());
        // a step in use cannot be deleted; a step of another job is refused
        assertProblem(409, "step-in-use", send("DELETE", "/jobs/" + jobId + "/hiring-steps/" + skillsId, co.apiKey(), null));
        String otherJob = job(co);
        String otherStep = post("/jobs/" + otherJob + "/hiring-steps", co.apiKey(), "{\"name\":\"Other\"}").json()
                .path("id").asText();
        assertProblem(400, "validation-error",
                send("PUT", "/applications/" + app + "/hiring-step", co.apiKey(), "{\"stepId\":\"" + otherStep + "\"}"));
    }
}
