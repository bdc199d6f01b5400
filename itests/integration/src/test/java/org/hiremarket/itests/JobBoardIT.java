package org.hiremarket.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.zip.CRC32;

import javax.xml.parsers.DocumentBuilderFactory;

import org.hiremarket.itests.ApiClient.Credential;
import org.hiremarket.itests.ApiClient.Response;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.osgi.framework.ServiceReference;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Job boards end to end on the real distribution with the demo board OpenBoard: a job's PUBLIC ad
 * posted, live with the board's reference, re-sent once when edited, withdrawn when filled or the
 * board is disconnected, refused with the board's reason, delivered exactly once across a stop and
 * start of the board's bundle; the board's applicants arriving attributed and deduplicated, also
 * from a remote board with its board token; and the job feed aggregators pull, which carries
 * exactly the PUBLIC ads of sourcing jobs and honours {@code If-None-Match}.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class JobBoardIT extends HireMarketTestSupport {

    static final String OPENBOARD_PID = "org.hiremarket.plugin.openboard";
    static final String DESCRIBED_JOB = "{\"title\": \"%s\", \"location\": {\"countryCode\": \"SE\", \"city\": \"Malmö\"},"
            + " \"industry\": {\"id\": \"computer_software\"}, \"function\": {\"id\": \"engineering\"},"
            + " \"experienceLevel\": {\"id\": \"mid_senior_level\"}, \"description\": {\"jobDescription\": \"%s\"}}";
    static final String TEXT = "Build the integrations that bring our job ads to every board in the Nordics.";

    @Override
    protected Option[] extraOptions() {
        return new Option[] {
            editConfigurationFilePut("etc/org.hiremarket.mailbox.cfg", "retry.initial.ms", "200"),
            editConfigurationFilePut("etc/org.hiremarket.mailbox.cfg", "retry.max.ms", "1000"),
            editConfigurationFilePut("etc/" + OPENBOARD_PID + ".cfg", "application.delay.ms", "200") };
    }

    @Before
    public void openBoardIsOffered() throws Exception {
        if (integrationRow("openboard") == null) {
            installAndActivate("hiremarket-plugin-openboard", "openboard");
        }
        board("mode", "normal");
    }

    /** Changes OpenBoard's configuration and waits until its component runs with it. */
    private void board(String key, String value) throws Exception {
        configureComponent(OPENBOARD_PID, "org.hiremarket.plugin.openboard.OpenBoardConnector", key, value);
    }

    /** What the demo board reports of itself: its counters and catalogue (its stats service). */
    @SuppressWarnings("unchecked")
    private Map<String, Object> boardStats() throws Exception {
        Collection<ServiceReference<Supplier>> refs = bundleContext.getServiceReferences(Supplier.class,
                "(hiremarket.demo.stats=openboard)");
        assertEquals("one OpenBoard", 1, refs.size());
        ServiceReference<Supplier> ref = refs.iterator().next();
        try {
            return (Map<String, Object>) bundleContext.getService(ref).get();
        } finally {
            bundleContext.ungetService(ref);
        }
    }

    private long stat(String key) throws Exception {
        return ((Number) boardStats().get(key)).longValue();
    }

    /** The board's catalogue entries of one posting. */
    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> boardEntries(String postingId) throws Exception {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Object o : (Collection<Object>) boardStats().get("postings")) {
            Map<String, Object> m = (Map<String, Object>) o;
            if (m.values().contains(postingId)) {
                out.add(m);
            }
        }
        return out;
    }

    /** An ACTIVE OpenBoard connection of the company. */
    private String openBoard(TestCompany co, String boardId) throws Exception {
        String id = startAndAuthorize(co.apiKey(), "openboard");
        CRC32 crc = new CRC32();
        crc.update(boardId.getBytes(StandardCharsets.UTF_8));
        String token = String.format("%08x", crc.getValue()) + "0123456789abcdef01234567";
        Reply r = post("/connections/" + id + "/account", co.apiKey(),
                "{\"fields\":{\"boardId\":\"" + boardId + "\",\"feedToken\":\"" + token + "\"}}");
        assertEquals(r.body(), "ACTIVE", r.json().path("status").asText());
        return id;
    }

    /** Whether a thread is inside OpenBoard's publish right now (the test runs in the container's JVM). */
    private static boolean boardIsPublishing() {
        return Thread.getAllStackTraces().values().stream().anyMatch(stack -> Arrays.stream(stack).anyMatch(
                f -> f.getClassName().startsWith("org.hiremarket.plugin.openboard.") && f.getMethodName().equals("publish")));
    }

    private String publicJob(TestCompany co, String title, String text) throws Exception {
        Reply j = post("/jobs", co.apiKey(), String.format(DESCRIBED_JOB, title, text));
        assertStatus(201, j);
        String id = j.json().path("id").asText();
        assertStatus(200, send("PUT", "/jobs/" + id + "/ad", co.apiKey(), "{\"visibility\": \"PUBLIC\"}"));
        return id;
    }

    private JsonNode posting(TestCompany co, String id) throws Exception {
        Reply r = get("/postings/" + id, co.apiKey());
        assertStatus(200, r);
        return r.json();
    }

    /** The posting's history, its changes of status only (notes that keep the status are left out). */
    private List<String> statusSteps(TestCompany co, String id) throws Exception {
        List<String> steps = new ArrayList<>();
        posting(co, id).path("history").forEach(e -> {
            if (!e.path("to").asText().equals(e.path("from").asText())) {
                steps.add(e.path("to").asText());
            }
        });
        return steps;
    }

    private void awaitStatus(TestCompany co, String postingId, String status) {
        awaitTrue("posting " + postingId + " " + status, () -> status.equals(posting(co, postingId).path("status").asText()));
    }

    private String post(TestCompany co, String jobId, String connectionId) throws Exception {
        Reply r = post("/jobs/" + jobId + "/postings", co.apiKey(), "{\"connectionId\": \"" + connectionId + "\"}");
        assertStatus(201, r);
        assertEquals("PENDING", r.json().path("status").asText());
        assertEquals(baseUrl() + "/postings/" + r.json().path("id").asText(), r.location());
        return r.json().path("id").asText();
    }

    @Test
    public void aPostedAdGoesLiveIsSentOnceMoreWhenEditedAndComesDownWhenTheJobIsFilled() throws Exception {
        TestCompany co = createCompany("Boards " + UUID.randomUUID());
        String conn = openBoard(co, "acme-" + Long.toHexString(System.nanoTime()));
        String job = publicJob(co, "Integration engineer", TEXT);
        long adsBefore = stat("ads");
        long updatesBefore = stat("updates");

        String id = post(co, job, conn);
        awaitStatus(co, id, "LIVE");
        JsonNode live = posting(co, id);
        assertTrue(live.toString(), live.path("boardReference").asText().startsWith("ob-"));
        assertTrue(live.toString(), live.path("url").asText().contains(live.path("boardReference").asText()));
        assertEquals(adsBefore + 1, stat("ads"));
        assertProblem(409, "already-posted", post("/jobs/" + job + "/postings", co.apiKey(),
                "{\"connectionId\": \"" + conn + "\"}"));

        assertStatus(200, send("PATCH", "/jobs/" + job, co.apiKey(), "{\"title\": \"Senior integration engineer\"}"));
        awaitTrue("version 2 live", () -> posting(co, id).path("liveVersion").asInt() == 2
                && "LIVE".equals(posting(co, id).path("status").asText()));
        assertEquals("re-sent once", updatesBefore + 1, stat("updates"));
        assertEquals("no new ad for an update", adsBefore + 1, stat("ads"));
        assertStatus(200, send("PATCH", "/jobs/" + job, co.apiKey(), "{\"headcount\": 3}"));
        assertEquals("an edit the ad does not show sends nothing", 2, posting(co, id).path("adVersion").asInt());

        long withdrawalsBefore = stat("withdrawals");
        assertStatus(200, send("PUT", "/jobs/" + job + "/status", co.apiKey(), "{\"status\": \"FILLED\"}"));
        JsonNode withdrawn = posting(co, id);
        assertEquals("WITHDRAWN", withdrawn.path("status").asText());
        assertEquals("The job is FILLED; its ad was taken down from the board", withdrawn.path("reason").asText());
        awaitTrue("the board took it down", () -> stat("withdrawals") == withdrawalsBefore + 1);
        assertEquals(List.of("PENDING", "LIVE", "UPDATE_PENDING", "LIVE", "WITHDRAWN"), statusSteps(co, id));
        JsonNode history = posting(co, id).path("history");
        assertEquals("the board's confirmation is noted", "The board took the ad down",
                history.get(history.size() - 1).path("detail").asText());

        // the console shows it to the platform admin
        String rows = console("marketplace:postings -c " + co.id() + " --no-format");
        assertTrue(rows, rows.contains(id) && rows.contains("WITHDRAWN") && rows.contains("openboard"));
        Reply listed = get("/postings?connectionId=" + conn + "&status=WITHDRAWN", co.apiKey());
        assertStatus(200, listed);
        assertEquals(1, listed.json().path("totalFound").asInt());
    }

    @Test
    public void internalAdsNeverLeaveAndARefusedAdFailsWithTheBoardsReason() throws Exception {
        TestCompany co = createCompany("Refusals " + UUID.randomUUID());
        String conn = openBoard(co, "refu-" + Long.toHexString(System.nanoTime()));
        long adsBefore = stat("ads");
        String internal = publicJob(co, "Internal only", TEXT);
        assertStatus(200, send("PUT", "/jobs/" + internal + "/ad", co.apiKey(), "{\"visibility\": \"INTERNAL\"}"));
        assertProblem(409, "ad-not-public", post("/jobs/" + internal + "/postings", co.apiKey(),
                "{\"connectionId\": \"" + conn + "\"}"));
        assertEquals(0, get("/postings", co.apiKey()).json().path("totalFound").asInt());

        String shortText = publicJob(co, "Short ad", "Too short.");
        String id = post(co, shortText, conn);
        awaitStatus(co, id, "FAILED");
        JsonNode failed = posting(co, id);
        assertEquals("INVALID_AD", failed.path("statusCode").asText());
        assertTrue(failed.toString(), failed.path("reason").asText().contains("30"));
        assertEquals("nothing reached the board", adsBefore, stat("ads"));
    }

    @Test
    public void theBoardStoppedMidDeliveryAndStartedAgainHasThePostingExactlyOnce() throws Exception {
        TestCompany co = createCompany("Restart " + UUID.randomUUID());
        String conn = openBoard(co, "rest-" + Long.toHexString(System.nanoTime()));
        board("slow.ms", "60000");
        board("mode", "slow");
        String id = post(co, publicJob(co, "Patient engineer", TEXT), conn);
        awaitTrue("the board is answering the publish (slowly)", JobBoardIT::boardIsPublishing);
        console("bundle:stop org.hiremarket.plugin.openboard");
        try {
            assertEquals("PENDING", posting(co, id).path("status").asText());
            console("config:property-set -p " + OPENBOARD_PID + " mode normal");
        } finally {
            console("bundle:start org.hiremarket.plugin.openboard");
        }
        board("mode", "normal");
        awaitStatus(co, id, "LIVE");
        awaitTrue("the board has it", () -> boardEntries(id).size() == 1);
        assertEquals("live once", List.of("PENDING", "LIVE"), statusSteps(co, id));
        assertEquals(1, boardEntries(id).size());
    }

    @Test
    public void disconnectingTheBoardWithdrawsItsPostingsAndApplicantsArriveAttributedAndDeduplicated()
            throws Exception {
        TestCompany co = createCompany("Applicants " + UUID.randomUUID());
        String conn = openBoard(co, "appl-" + Long.toHexString(System.nanoTime()));
        String job = publicJob(co, "Popular engineer", TEXT);
        String id = post(co, job, conn);
        awaitStatus(co, id, "LIVE");
        // OpenBoard sends two applicants of its own for each new ad
        awaitTrue("two applicants", () -> posting(co, id).path("applications").asInt() == 2);
        Reply apps = get("/applications?jobId=" + job, co.apiKey());
        assertStatus(200, apps);
        assertEquals(2, apps.json().path("totalFound").asInt());
        JsonNode first = apps.json().path("content").get(0);
        assertEquals("JOB_BOARD", first.path("source").path("type").asText());
        assertEquals("OpenBoard Jobs", first.path("source").path("name").asText());

        // the board's own service, remote, with the connection's board token
        Reply token = post("/connections/" + conn + "/board-token", co.apiKey(), null);
        assertStatus(201, token);
        String boardToken = token.json().path("token").asText();
        ApiClient api = new ApiClient(baseUrl());
        Credential asBoard = Credential.bearer("board", boardToken);
        String reference = posting(co, id).path("boardReference").asText();
        Response created = api.call("POST", "/job-boards/applications", asBoard, Map.of("reference", reference,
                "firstName", "Grace", "lastName", "Hopper", "email", "grace@example.org"));
        assertEquals(created.toString(), 201, created.status());
        Response again = api.call("POST", "/job-boards/applications", asBoard, Map.of("reference", reference,
                "firstName", "Grace", "lastName", "Hopper", "email", "GRACE@example.org"));
        assertEquals(again.toString(), 200, again.status());
        assertTrue(again.json().path("duplicate").asBoolean());
        assertEquals(3, posting(co, id).path("applications").asInt());
        assertEquals("a customer key is no board token", 401, api.call("POST", "/job-boards/applications",
                Credential.bearer("customer", co.apiKey()), Map.of("reference", reference, "firstName", "Eve",
                        "lastName", "E", "email", "eve@example.org")).status());
        assertEquals("a board token is no customer credential", 401,
                api.call("GET", "/postings", asBoard, null).status());

        long withdrawalsBefore = stat("withdrawals");
        assertStatus(200, post("/connections/" + conn + "/disconnect", co.apiKey(), null));
        JsonNode withdrawn = posting(co, id);
        assertEquals("WITHDRAWN", withdrawn.path("status").asText());
        assertEquals("The connection was disconnected by the customer", withdrawn.path("reason").asText());
        awaitTrue("the board was told", () -> stat("withdrawals") == withdrawalsBefore + 1);
        assertProblem(409, "connection-not-active", post("/jobs/" + job + "/postings", co.apiKey(),
                "{\"connectionId\": \"" + conn + "\"}"));
        assertEquals("a withdrawn posting takes no applicants", 409, api.call("POST", "/job-boards/applications",
                asBoard, Map.of("reference", reference, "firstName", "Ann", "lastName", "A", "email", "ann@example.org"))
                .status());
    }

    private ApiClient api() {
        return new ApiClient(baseUrl());
    }

    private String publishedJob(Credential key, String title, String visibility) throws Exception {
        Response created = api().call("POST", "/jobs", key, String.format(CustomerApiIT.SEED_JOB, title));
        assertEquals(created.toString(), 201, created.status());
        String id = created.json().path("id").asText();
        Response r = api().call("PUT", "/jobs/" + id + "/ad", key, Map.of("visibility", visibility));
        assertEquals(r.toString(), 200, r.status());
        return id;
    }

    /** The {@code <referencenumber>} of every {@code <job>}, in order, read by the JDK's parser. */
    private static List<String> xmlReferences(String xml) throws Exception {
        // the host's own answer: whichever DOM parser the container offers, with its defaults
        Element source = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)))
                .getDocumentElement();
        assertEquals("source", source.getNodeName());
        NodeList refs = source.getElementsByTagName("referencenumber");
        List<String> out = new ArrayList<>();
        for (int i = 0; i < refs.getLength(); i++) {
            out.add(refs.item(i).getTextContent());
        }
        return out;
    }

    private static List<String> jsonLdIdentifiers(JsonNode feed) {
        List<String> out = new ArrayList<>();
        feed.path("itemListElement").forEach(p -> out.add(p.path("identifier").path("value").asText()));
        return out;
    }

    @Test
    public void theFeedCarriesExactlyThePublicSourcingAdsAndHonoursIfNoneMatch() throws Exception {
        TestCompany acme = createCompany("Feed " + UUID.randomUUID());
        Credential key = Credential.apiKey(acme.apiKey());
        String older = publishedJob(key, "R&D <Lead> engineer", "PUBLIC");
        List<String> hidden = new ArrayList<>(List.of(publishedJob(key, "Internal role", "INTERNAL"),
                publishedJob(key, "Private role", "PRIVATE")));
        String onHold = publishedJob(key, "On hold role", "PUBLIC");
        assertEquals(200, api().call("PUT", "/jobs/" + onHold + "/status", key, Map.of("status", "ON_HOLD")).status());
        hidden.add(onHold);
        hidden.add(api().call("POST", "/jobs", key, String.format(CustomerApiIT.SEED_JOB, "Draft")).json().path("id")
                .asText());
        TestCompany other = createCompany("Feed other " + UUID.randomUUID());
        hidden.add(publishedJob(Credential.apiKey(other.apiKey()), "Other company's role", "PUBLIC"));
        String feedPath = "/public/companies/" + acme.id() + "/feed.xml";

        Response xml = api().call("GET", feedPath, Credential.NONE, null);
        assertEquals(xml.toString(), 200, xml.status());
        assertTrue(xml.header("Content-Type"), xml.header("Content-Type").startsWith("application/xml"));
        assertEquals("public, max-age=300", xml.header("Cache-Control"));
        assertNotNull(xml.header("Last-Modified"));
        String tag = xml.header("ETag");
        assertTrue("a strong entity tag: " + tag, tag.startsWith("\"") && tag.endsWith("\""));
        assertEquals(List.of(older), xmlReferences(xml.body()));
        assertTrue("text escaped, not dropped", xml.body().contains("R&amp;D &lt;Lead&gt; engineer"));
        assertTrue("the ad's public address", xml.body().contains("<url>" + baseUrl() + "/public/companies/" + acme.id()
                + "/jobs/" + older + "</url>"));

        Response jsonLd = api().call("GET", "/public/companies/" + acme.id() + "/feed.jsonld", Credential.NONE, null);
        assertEquals(jsonLd.toString(), 200, jsonLd.status());
        assertTrue(jsonLd.header("Content-Type"), jsonLd.header("Content-Type").startsWith("application/ld+json"));
        assertEquals("ItemList", jsonLd.json().path("@type").asText());
        assertEquals(List.of(older), jsonLdIdentifiers(jsonLd.json()));
        assertEquals("JobPosting", jsonLd.json().path("itemListElement").get(0).path("@type").asText());
        for (String id : hidden) {
            assertFalse(id + " is not in the XML feed", xml.body().contains(id));
            assertFalse(id + " is not in the JSON-LD feed", jsonLd.body().contains(id));
        }

        // the copy the client holds is current: 304, no body; also named weakly or in a list
        for (String condition : List.of(tag, "W/" + tag, "\"old\", " + tag, "*")) {
            Response notModified = api().call("GET", feedPath, Credential.NONE, null, "If-None-Match", condition);
            assertEquals(condition, 304, notModified.status());
            assertEquals("", notModified.body());
            assertEquals(tag, notModified.header("ETag"));
        }
        assertEquals(200, api().call("GET", feedPath, Credential.NONE, null, "If-None-Match", jsonLd.header("ETag"))
                .status());

        // a new public ad: another feed, newest first, and the old copy is no longer current
        String newer = publishedJob(key, "Nurse", "PUBLIC");
        Response changed = api().call("GET", feedPath, Credential.NONE, null, "If-None-Match", tag);
        assertEquals(200, changed.status());
        assertNotEquals(tag, changed.header("ETag"));
        assertEquals(List.of(newer, older), xmlReferences(changed.body()));

        Response unknown = api().call("GET", "/public/companies/" + UUID.randomUUID() + "/feed.xml", Credential.NONE, null);
        assertEquals(404, unknown.status());
        assertTrue(unknown.header("Content-Type").startsWith("application/problem+json"));
    }
}
