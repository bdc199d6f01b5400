package org.hiremarket.itests;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import javax.imageio.ImageIO;

import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The partner portal through HTTP and the console: sign-up, verification mail and sign-in; the
 * company profile and its logo checks; offers approved or rejected from the console and what
 * customers see; Marketplace API tokens and the realms; the isolation matrix over every partner
 * endpoint; an assessment result reported by a vendor's own service, exactly once.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class PartnerPortalIT extends HireMarketTestSupport {

    static final String SKILLCHECK_PID = "org.hiremarket.plugin.skillcheck";
    static final String PASSWORD = "correct horse battery staple";
    static final Pattern VERIFICATION = Pattern.compile("Verification token: (hmo_\\S+)");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Override
    protected Option[] extraOptions() {
        return new Option[] { editConfigurationFilePut("etc/org.hiremarket.mailbox.cfg", "retry.initial.ms", "200"),
            // every sign-up of this suite comes from 127.0.0.1
            editConfigurationFilePut("etc/org.hiremarket.identity.cfg", "password.reset.requests.per.address", "200") };
    }

    @Before
    public void skillCheckIsOffered() throws Exception {
        if (integrationRow("skillcheck") == null) {
            installAndActivate("hiremarket-plugin-skillcheck", "skillcheck");
        }
        // the demo vendor acknowledges orders but takes its time with results: the partner's own service reports them
        configureComponent(SKILLCHECK_PID, "org.hiremarket.plugin.skillcheck.SkillCheckConnector", "completion.delay.ms",
                "600000");
    }

    // ---------------------------------------------------------------- HTTP with any credential and body

    /** An answer with its raw body. */
    record Answer(int status, String contentType, String location, String etag, String challenge, byte[] bytes) {
        String text() {
            return new String(bytes, StandardCharsets.UTF_8);
        }

        JsonNode json() {
            try {
                return JSON.readTree(bytes);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + text(), e);
            }
        }

        String type() {
            return json().path("type").asText().replace("urn:hiremarket:problem:", "");
        }
    }

    /** @param credential {@code X-SmartToken: ...} or {@code Authorization: Bearer ...}, or {@code null} */
    private Answer call(String method, String path, String credential, String contentType, byte[] body)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl() + path)).timeout(Duration.ofSeconds(60))
                .header("Accept", "application/json, image/*");
        if (credential != null) {
            String[] h = credential.split(": ", 2);
            b.header(h[0], h[1]);
        }
        if (body != null) {
            b.header("Content-Type", contentType);
            b.method(method, HttpRequest.BodyPublishers.ofByteArray(body));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<byte[]> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        String type = r.headers().firstValue("Content-Type").orElse("");
        ContractCheck.record(method, path, r.statusCode(), type,
                type.startsWith("image/") ? "" : new String(r.body(), StandardCharsets.UTF_8));
        return new Answer(r.statusCode(), type, r.headers().firstValue("Location").orElse(null),
                r.headers().firstValue("ETag").orElse(null), r.headers().firstValue("WWW-Authenticate").orElse(null),
                r.body());
    }

    private Answer json(String method, String path, String credential, Object body) throws Exception {
        byte[] bytes = body == null ? null
                : (body instanceof String s ? s : JSON.writeValueAsString(body)).getBytes(StandardCharsets.UTF_8);
        return call(method, path, credential, "application/json", bytes);
    }

    private static String bearer(String token) {
        return "Authorization: Bearer " + token;
    }

    private static String smartToken(String token) {
        return "X-SmartToken: " + token;
    }

    private static void assertAnswer(int status, Answer a) {
        assertEquals("HTTP status; body: " + a.text(), status, a.status());
    }

    private static void assertProblem(int status, String type, Answer a) {
        assertAnswer(status, a);
        assertTrue("problem+json expected, got " + a.contentType(), a.contentType().startsWith("application/problem+json"));
        assertEquals(a.text(), type, a.type());
    }

    private static String unique(String s) {
        return s + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static List<String> mails(String email) throws IOException {
        return mailsTo(email);
    }

    private static List<String> verificationTokens(String email) throws IOException {
        return tokensIn(email, VERIFICATION);
    }

    // ---------------------------------------------------------------- fixtures

    /** A partner signed up, verified and signed in. */
    record Partner(String id, String email, String session) {
    }

    private Partner signedUpAndVerified(String company) throws Exception {
        String email = unique("vendor") + "@partners.example";
        assertAnswer(202, json("POST", "/partner/auth/signup", null,
                Map.of("name", "Pat Vendor", "email", email, "companyName", company, "password", PASSWORD)));
        awaitTrue("the verification mail to " + email, () -> verificationTokens(email).size() == 1);
        assertAnswer(204, json("POST", "/partner/auth/verification", null,
                Map.of("token", verificationTokens(email).get(0))));
        Answer login = json("POST", "/partner/auth/login", null, Map.of("email", email, "password", PASSWORD));
        assertAnswer(200, login);
        String session = login.json().path("accessToken").asText();
        Answer me = json("GET", "/partner/account", bearer(session), null);
        assertAnswer(200, me);
        return new Partner(me.json().path("id").asText(), email, session);
    }

    private void vendorType(Partner p, String type, String category) throws Exception {
        Answer a = json("PUT", "/partner/account/vendor-type", bearer(p.session()), category == null
                ? Map.of("vendorType", type) : Map.of("vendorType", type, "assessmentCategory", category));
        assertAnswer(200, a);
        assertEquals(type, a.json().path("vendorType").asText());
    }

    private void profile(Partner p, String name) throws Exception {
        Answer a = json("PUT", "/partner/profile", bearer(p.session()), Map.of("name", name, "website",
                "https://" + name.toLowerCase().replaceAll("[^a-z0-9]", "") + ".example", "description",
                "We test candidates' skills with short, fair exercises.", "address",
                Map.of("street", "1 Main Street", "city", "Berlin", "postalCode", "10115", "countryCode", "de")));
        assertAnswer(200, a);
        assertEquals("DE", a.json().path("address").path("countryCode").asText());
    }

    private String offer(Partner p, String integrationId, String name) throws Exception {
        Answer a = json("POST", "/partner/offers", bearer(p.session()), Map.of("name", name, "description",
                "Skills tests for developers", "terms", "Per candidate, billed monthly", "amount", 25.5, "currency", "EUR",
                "countries", List.of("de", "AT", "DE"), "integrationId", integrationId));
        assertAnswer(201, a);
        assertEquals("DRAFT", a.json().path("status").asText());
        assertEquals(List.of("AT", "DE"), JSON.convertValue(a.json().path("countries"), List.class));
        assertTrue(a.location(), a.location().endsWith("/partner/offers/" + a.json().path("id").asText()));
        return a.json().path("id").asText();
    }

    private JsonNode offerOf(Partner p, String offerId) throws Exception {
        Answer a = json("GET", "/partner/offers/" + offerId, bearer(p.session()), null);
        assertAnswer(200, a);
        return a.json();
    }

    private String token(Partner p) throws Exception {
        Answer created = json("POST", "/partner/tokens", bearer(p.session()), Map.of("name", "our ATS sync"));
        assertAnswer(201, created);
        String token = created.json().path("token").asText();
        assertTrue(token, token.startsWith("hmp_"));
        return token;
    }

    static byte[] image(String format, int width, int height, boolean transparent) throws IOException {
        BufferedImage img = new BufferedImage(width, height,
                transparent ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        if (!transparent) {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
        }
        g.setColor(new Color(20, 90, 200));
        g.fillOval(width / 4, height / 4, width / 2, height / 2);
        g.dispose();
        if (format.equals("gif") && transparent) {
            // GIF: an indexed image whose background index is transparent
            BufferedImage indexed = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_INDEXED,
                    new java.awt.image.IndexColorModel(8, 2, new byte[] { 0, 20 }, new byte[] { 0, 90 },
                            new byte[] { 0, (byte) 200 }, 0));
            Graphics2D gi = indexed.createGraphics();
            gi.drawImage(img, 0, 0, null);
            gi.dispose();
            img = indexed;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertTrue("ImageIO wrote " + format, ImageIO.write(img, format, out));
        return out.toByteArray();
    }

    // ---------------------------------------------------------------- tests

    @Test
    public void signUpVerifyByMailThenSignInAndOut() throws Exception {
        String email = unique("signup") + "@partners.example";
        // every invalid field at once
        Answer invalid = json("POST", "/partner/auth/signup", null,
                Map.of("name", "", "email", "not-an-email", "companyName", "Boards", "password", "short"));
        assertProblem(400, "validation-error", invalid);
        List<String> fields = new ArrayList<>();
        invalid.json().path("errors").forEach(e -> fields.add(e.path("field").asText()));
        assertEquals(List.of("name", "email", "password"), fields);

        assertAnswer(202, json("POST", "/partner/auth/signup", null,
                Map.of("name", "Sam Signup", "email", email, "companyName", "Signup Boards", "password", PASSWORD)));
        awaitTrue("the verification mail", () -> verificationTokens(email).size() == 1);
        String token = verificationTokens(email).get(0);

        // not verified yet: the right password is told so, a wrong one is not
        assertProblem(403, "email-not-verified",
                json("POST", "/partner/auth/login", null, Map.of("email", email, "password", PASSWORD)));
        assertProblem(401, "unauthorized",
                json("POST", "/partner/auth/login", null, Map.of("email", email, "password", PASSWORD + "x")));

        assertAnswer(204, json("POST", "/partner/auth/verification", null, Map.of("token", token)));
        Answer reused = json("POST", "/partner/auth/verification", null, Map.of("token", token));
        assertProblem(400, "validation-error", reused);
        assertEquals("token", reused.json().path("errors").get(0).path("field").asText());

        Answer login = json("POST", "/partner/auth/login", null, Map.of("email", email.toUpperCase(), "password",
                PASSWORD));
        assertAnswer(200, login);
        String session = login.json().path("accessToken").asText();
        assertTrue(session, session.startsWith("hps_"));
        JsonNode me = json("GET", "/partner/account", bearer(session), null).json();
        assertEquals(email, me.path("email").asText());
        assertEquals("Signup Boards", me.path("companyName").asText());
        assertTrue(me.path("verified").asBoolean());
        assertTrue("no vendor type before it is chosen", me.path("vendorType").isMissingNode());

        // one account per email: signing up again changes nothing and mails the owner
        assertAnswer(202, json("POST", "/partner/auth/signup", null,
                Map.of("name", "Mallory", "email", email, "companyName", "Other", "password", "another long passphrase")));
        awaitTrue("the 'you have an account' mail", () -> mails(email).stream()
                .anyMatch(m -> m.contains("has an account already")));
        assertEquals("no second verification mail", 1, verificationTokens(email).size());
        assertProblem(401, "unauthorized", json("POST", "/partner/auth/login", null,
                Map.of("email", email, "password", "another long passphrase")));

        // a vendor type after verification decides which offers it may make
        Answer type = json("PUT", "/partner/account/vendor-type", bearer(session),
                Map.of("vendorType", "ASSESSMENT"));
        assertProblem(400, "validation-error", type);
        assertEquals("assessmentCategory", type.json().path("errors").get(0).path("field").asText());
        Answer chosen = json("PUT", "/partner/account/vendor-type", bearer(session),
                Map.of("vendorType", "ASSESSMENT", "assessmentCategory", "BACKGROUND_CHECK"));
        assertAnswer(200, chosen);
        assertEquals("[\"ASSESSMENT\"]", chosen.json().path("offerKinds").toString());

        // personal details: contact, a one- or two-sentence description of sensible length
        Answer tooLong = json("PATCH", "/partner/account", bearer(session), Map.of("about", "x".repeat(301)));
        assertProblem(400, "validation-error", tooLong);
        Answer personal = json("PATCH", "/partner/account", bearer(session), Map.of("phone", "+49 30 1234567",
                "contactEmail", "partners@signup.example", "about", "We check backgrounds quickly and fairly."));
        assertAnswer(200, personal);
        assertEquals("+49 30 1234567", personal.json().path("phone").asText());

        assertAnswer(204, json("POST", "/partner/auth/logout", bearer(session), null));
        Answer after = json("GET", "/partner/account", bearer(session), null);
        assertProblem(401, "invalid-token", after);
        assertEquals("Bearer realm=\"hiremarket-partners\", error=\"invalid_token\","
                + " error_description=\"the access token has been revoked\"", after.challenge());
    }

    @Test
    public void theLogoIsCheckedByDecodingItOnceTheProfileIsSaved() throws Exception {
        Partner p = signedUpAndVerified("Logo Checks");
        byte[] transparent = image("png", 300, 120, true);
        assertProblem(409, "profile-not-saved",
                call("PUT", "/partner/profile/logo", bearer(p.session()), "image/png", transparent));
        assertProblem(404, "profile-not-saved", json("GET", "/partner/profile", bearer(p.session()), null));

        Answer invalid = json("PUT", "/partner/profile", bearer(p.session()), Map.of("name", "", "website",
                "ftp://logo.example", "description", "x", "address", Map.of("city", "", "countryCode", "XX")));
        assertProblem(400, "validation-error", invalid);
        List<String> fields = new ArrayList<>();
        invalid.json().path("errors").forEach(e -> fields.add(e.path("field").asText()));
        assertEquals(List.of("name", "website", "address.city", "address.countryCode"), fields);
        profile(p, "Logo Checks");

        // the wrong size, the wrong real type, a renamed file, a huge file: clear 4xx
        Answer wide = call("PUT", "/partner/profile/logo", bearer(p.session()), "image/png", image("png", 301, 120, true));
        assertProblem(400, "validation-error", wide);
        assertTrue(wide.text(), wide.text().contains("must be exactly 300×120 px; this image is 301×120 px"));
        assertProblem(415, "unsupported-image-type",
                call("PUT", "/partner/profile/logo", bearer(p.session()), "image/png", image("bmp", 300, 120, false)));
        assertProblem(415, "unsupported-image-type", call("PUT", "/partner/profile/logo", bearer(p.session()),
                "image/png", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>".getBytes(StandardCharsets.UTF_8)));
        assertProblem(413, "payload-too-large", call("PUT", "/partner/profile/logo", bearer(p.session()), "image/png",
                new byte[300 * 1024]));
        assertAnswer(415, call("PUT", "/partner/profile/logo", bearer(p.session()), "text/plain", transparent));

        // a GIF sent as a PNG: the content decides
        Answer gif = call("PUT", "/partner/profile/logo", bearer(p.session()), "image/png", image("gif", 300, 120, true));
        assertAnswer(200, gif);
        assertEquals("image/gif", gif.json().path("mediaType").asText());
        assertEquals(0, gif.json().path("warnings").size());

        Answer opaque = call("PUT", "/partner/profile/logo", bearer(p.session()), "image/png",
                image("png", 300, 120, false));
        assertAnswer(200, opaque);
        assertEquals(opaque.text(), 1, opaque.json().path("warnings").size());
        assertTrue(opaque.text(), opaque.json().path("warnings").get(0).asText().contains("transparent background"));

        Answer stored = call("PUT", "/partner/profile/logo", bearer(p.session()), "application/octet-stream", transparent);
        assertAnswer(200, stored);
        assertEquals("[]", stored.json().path("warnings").toString());
        assertEquals(300, stored.json().path("width").asInt());
        assertEquals(120, stored.json().path("height").asInt());
        Answer back = call("GET", "/partner/profile/logo", bearer(p.session()), null, null);
        assertAnswer(200, back);
        assertEquals("image/png", back.contentType());
        assertArrayEquals(transparent, back.bytes());
        assertTrue(json("GET", "/partner/profile", bearer(p.session()), null).json().path("logoUrl").asText()
                .contains("/partner/profile/logo?v="));
        // not shown to anyone before an offer is approved
        assertProblem(404, "not-found", call("GET", "/public/partners/" + p.id() + "/logo", null, null, null));
    }

    /**
     * The whole journey of an assessment vendor: offer submitted, approved from the console, shown to
     * customers with the profile and logo; a Marketplace API token lists the customer's connection
     * and reports the order's result exactly once.
     */
    @Test
    public void anApprovedOfferIsShownToCustomersAndTheVendorsServiceReportsAResultOnce() throws Exception {
        Partner p = signedUpAndVerified("SkillCheck GmbH");
        vendorType(p, "ASSESSMENT", "SKILLS_TEST");
        profile(p, "SkillCheck GmbH");
        byte[] logo = image("png", 300, 120, true);
        assertAnswer(200, call("PUT", "/partner/profile/logo", bearer(p.session()), "image/png", logo));
        String offerId = offer(p, "skillcheck", "Developer skills tests");
        // an offer goes to approval; customers see nothing of it meanwhile
        assertAnswer(200, json("POST", "/partner/offers/" + offerId + "/submit", bearer(p.session()), null));
        TestCompany co = createCompany(unique("Customer"));
        JsonNode before = get("/integrations/skillcheck", co.apiKey()).json();
        assertEquals(0, before.path("offers").size());
        assertTrue(before.path("partner").isMissingNode());

        Map<String, String> row = consoleRow("marketplace:offers -s PENDING_APPROVAL --no-format",
                List.of("ID", "Partner", "Kind", "Name", "Integration", "Status", "Visible", "Submitted", "Updated",
                        "Reason"), offerId);
        assertNotNull("the pending offer is listed", row);
        assertEquals("SkillCheck GmbH", row.get("Partner"));
        assertEquals("skillcheck", row.get("Integration"));
        String approved = console("marketplace:offer-approve " + offerId);
        assertTrue(approved, approved.contains("approved; shown beside integration skillcheck"));
        awaitTrue("the approval mail", () -> mails(p.email()).stream().anyMatch(m -> m.contains("was approved")));
        Map<String, String> integration = integrationRow("skillcheck");
        assertEquals("SkillCheck GmbH", integration.get("Partner"));
        assertEquals("APPROVED", integration.get("Offer"));

        JsonNode seen = get("/integrations/skillcheck", co.apiKey()).json();
        assertEquals("SkillCheck GmbH", seen.path("partner").path("name").asText());
        assertEquals("https://skillcheckgmbh.example", seen.path("partner").path("website").asText());
        assertEquals(1, seen.path("offers").size());
        assertEquals("Developer skills tests", seen.path("offers").get(0).path("name").asText());
        assertEquals("SKILLS_TEST", seen.path("offers").get(0).path("assessmentCategory").asText());
        assertEquals(25.5, seen.path("offers").get(0).path("price").path("amount").asDouble(), 0.001);
        String logoUrl = seen.path("partner").path("logoUrl").asText();
        assertTrue(logoUrl, logoUrl.startsWith(baseUrl() + "/public/partners/" + p.id() + "/logo"));
        Answer image = call("GET", logoUrl.substring(baseUrl().length()), null, null, null);
        assertAnswer(200, image);
        assertArrayEquals(logo, image.bytes());
        assertEquals("\"" + image.etag().replace("\"", "") + "\"", image.etag());
        JsonNode listed = get("/integrations", co.apiKey()).json();
        boolean inList = false;
        for (JsonNode i : listed.path("content")) {
            if (i.path("id").asText().equals("skillcheck")) {
                inList = i.path("offers").size() == 1 && i.path("partner").path("id").asText().equals(p.id());
            }
        }
        assertTrue(listed.toString(), inList);

        // a change of the approved offer goes to approval, the approved version stays visible
        Answer changed = json("PATCH", "/partner/offers/" + offerId, bearer(p.session()),
                Map.of("name", "Developer skills tests v2"));
        assertAnswer(200, changed);
        assertEquals("PENDING_APPROVAL", changed.json().path("status").asText());
        assertEquals("Developer skills tests", changed.json().path("live").path("name").asText());
        assertEquals("Developer skills tests",
                get("/integrations/skillcheck", co.apiKey()).json().path("offers").get(0).path("name").asText());

        // the customer connects and orders; the vendor's service sees the connection and reports the result
        String connection = startAndAuthorize(co.apiKey(), "skillcheck");
        assertEquals("ACTIVE", post("/connections/" + connection + "/account", co.apiKey(), AssessmentIT.ACCOUNT).json()
                .path("status").asText());
        String token = token(p);
        Answer connections = json("GET", "/partner/connections", smartToken(token), null);
        assertAnswer(200, connections);
        JsonNode mine = null;
        for (JsonNode c : connections.json()) {
            if (c.path("id").asText().equals(connection)) {
                mine = c;
            }
        }
        assertNotNull(connections.text(), mine);
        assertEquals(co.name(), mine.path("companyName").asText());
        assertEquals("ACTIVE", mine.path("status").asText());
        assertEquals("only the company's name, the status and since when",
                List.of("companyName", "id", "integrationId", "since", "status"), fieldNames(mine));

        Reply job = post("/jobs", co.apiKey(), String.format(AssessmentIT.JOB, "Java developer"));
        Reply application = post("/jobs/" + job.json().path("id").asText() + "/applications", co.apiKey(),
                "{\"candidate\": {\"firstName\": \"Ada\", \"lastName\": \"Lovelace\", \"email\": \""
                        + unique("ada") + "@example.com\"}}");
        Reply order = post("/applications/" + application.json().path("id").asText() + "/assessments", co.apiKey(),
                "{\"connectionId\":\"" + connection + "\",\"packageId\":\"java-dev\"}");
        assertStatus(201, order);
        String orderId = order.json().path("id").asText();
        String result = "{\"status\": \"COMPLETED\", \"result\": {\"score\": 87.5, \"passed\": true, \"summary\":"
                + " \"Strong\", \"completedAt\": \"2026-12-08T10:00:00Z\"}}";
        Answer reported = json("POST", "/partner/assessments/" + orderId + "/reports", bearer(token), result);
        assertAnswer(200, reported);
        assertEquals("ACCEPTED", reported.json().path("outcome").asText());
        Answer again = json("POST", "/partner/assessments/" + orderId + "/reports", smartToken(token), result);
        assertAnswer(200, again);
        assertEquals("ALREADY_RECORDED", again.json().path("outcome").asText());
        JsonNode done = get("/assessments/" + orderId, co.apiKey()).json();
        assertEquals("COMPLETED", done.path("status").asText());
        assertEquals(87.5, done.path("result").path("score").asDouble(), 0.001);
        long completions = 0;
        for (JsonNode e : done.path("history")) {
            completions += e.path("to").asText().equals("COMPLETED") ? 1 : 0;
        }
        assertEquals(done.toString(), 1, completions);

        // withdrawn: gone from the marketplace, and the logo with it
        assertAnswer(200, json("POST", "/partner/offers/" + offerId + "/withdraw", bearer(p.session()), null));
        assertEquals(0, get("/integrations/skillcheck", co.apiKey()).json().path("offers").size());
        assertProblem(404, "not-found", call("GET", "/public/partners/" + p.id() + "/logo", null, null, null));
        // no longer its integration: its service can report nothing more
        assertProblem(404, "not-found",
                json("POST", "/partner/assessments/" + orderId + "/reports", bearer(token), result));
    }

    @Test
    public void aRejectedOfferIsNotShownAndItsPartnerSeesTheReason() throws Exception {
        Partner p = signedUpAndVerified("Rejected Boards");
        vendorType(p, "JOB_BOARD", null);
        Answer early = json("POST", "/partner/offers/" + offer(p, "rejected-board", "Job ads") + "/submit",
                bearer(p.session()), null);
        assertProblem(409, "profile-required", early);
        profile(p, "Rejected Boards");
        String offerId = offer(p, "rejected-board", "Premium job ads");
        assertProblem(400, "validation-error", json("POST", "/partner/offers", bearer(p.session()),
                Map.of("kind", "ASSESSMENT", "name", "x", "description", "y", "countries", List.of("DE"),
                        "integrationId", "rejected-board")));
        assertAnswer(200, json("POST", "/partner/offers/" + offerId + "/submit", bearer(p.session()), null));
        String out = console("marketplace:offer-reject " + offerId + " \"The terms do not name a price\"");
        assertTrue(out, out.contains("rejected: The terms do not name a price"));
        JsonNode o = offerOf(p, offerId);
        assertEquals("REJECTED", o.path("status").asText());
        assertEquals("The terms do not name a price", o.path("rejectionReason").asText());
        assertFalse(o.path("visible").asBoolean());
        assertEquals("[\"DRAFT\",\"PENDING_APPROVAL\",\"REJECTED\"]", statuses(o));
        assertEquals("admin", o.path("history").get(2).path("actor").asText());
        awaitTrue("the rejection mail", () -> mails(p.email()).stream()
                .anyMatch(m -> m.contains("was not approved") && m.contains("The terms do not name a price")));
        // a decided offer cannot be decided again; the console says why
        try {
            fail("approved twice: " + console("marketplace:offer-approve " + offerId));
        } catch (IllegalArgumentException refused) {
            assertTrue(refused.getMessage(), refused.getMessage().contains("is REJECTED and cannot become APPROVED"));
        }
        TestCompany co = createCompany(unique("Looking"));
        for (JsonNode i : get("/integrations", co.apiKey()).json().path("content")) {
            assertFalse(i.toString(), i.path("partner").path("id").asText().equals(p.id()));
        }
        // changed, it is a draft again; submitted, it waits for approval
        assertEquals("DRAFT", json("PATCH", "/partner/offers/" + offerId, bearer(p.session()),
                Map.of("terms", "EUR 99 per ad and month")).json().path("status").asText());
        assertEquals("PENDING_APPROVAL", json("POST", "/partner/offers/" + offerId + "/submit", bearer(p.session()),
                null).json().path("status").asText());
    }

    private static String statuses(JsonNode offer) {
        List<String> out = new ArrayList<>();
        offer.path("history").forEach(e -> out.add(e.path("to").asText()));
        return out.stream().distinct().map(s -> "\"" + s + "\"").toList().toString().replace(" ", "");
    }

    private static List<String> fieldNames(JsonNode n) {
        List<String> out = new ArrayList<>();
        n.fieldNames().forEachRemaining(out::add);
        java.util.Collections.sort(out);
        return out;
    }

    @Test
    public void aMarketplaceTokenWorksOnThePartnerApiOnlyAndARevokedOneAtOnceNoMore() throws Exception {
        Partner p = signedUpAndVerified("Token Boards");
        String token = token(p);
        Answer list = json("GET", "/partner/tokens", bearer(p.session()), null);
        assertAnswer(200, list);
        assertEquals(1, list.json().size());
        assertFalse("the secret is shown once only", list.text().contains(token));
        assertTrue(token.startsWith(list.json().get(0).path("prefix").asText()));
        String tokenId = list.json().get(0).path("id").asText();

        assertAnswer(200, json("GET", "/partner/account", smartToken(token), null));
        assertAnswer(200, json("GET", "/partner/offers", bearer(token), null));
        // a token reads and reports; changes need a person signed in
        assertProblem(403, "session-required", json("PUT", "/partner/account/vendor-type", smartToken(token),
                Map.of("vendorType", "JOB_BOARD")));
        assertProblem(403, "session-required", json("POST", "/partner/tokens", smartToken(token), Map.of()));
        // the realms: a partner credential is unknown to the customer API and the other way round
        assertProblem(401, "unauthorized", json("GET", "/jobs", smartToken(token), null));
        assertProblem(401, "invalid-token", json("GET", "/jobs", bearer(token), null));
        assertProblem(401, "invalid-token", json("GET", "/jobs", bearer(p.session()), null));
        TestCompany co = createCompany(unique("Realm"));
        Answer customerKey = json("GET", "/partner/account", smartToken(co.apiKey()), null);
        assertProblem(401, "unauthorized", customerKey);
        assertEquals("SmartToken realm=\"hiremarket-partners\"", customerKey.challenge());

        assertAnswer(204, json("DELETE", "/partner/tokens/" + tokenId, bearer(p.session()), null));
        assertProblem(401, "unauthorized", json("GET", "/partner/account", smartToken(token), null));
        assertProblem(401, "invalid-token", json("GET", "/partner/account", bearer(token), null));
        JsonNode revoked = json("GET", "/partner/tokens", bearer(p.session()), null).json().get(0);
        assertTrue(revoked.toString(), revoked.path("revokedAt").isNumber());
    }

    /**
     * Partner B, with its session and its token, on every partner endpoint that names partner A's
     * data: not found, and A's data unchanged; the endpoints without ids show B only its own. Neither
     * reaches any customer data.
     */
    @Test
    public void aPartnerReachesNeitherAnotherPartnersDataNorAnyCustomerData() throws Exception {
        Partner a = signedUpAndVerified("Isolated A");
        vendorType(a, "JOB_BOARD", null);
        profile(a, "Isolated A");
        String aOffer = offer(a, "isolated-a-board", "A's ads");
        String aToken = token(a);
        String aTokenId = json("GET", "/partner/tokens", bearer(a.session()), null).json().get(0).path("id").asText();
        Partner b = signedUpAndVerified("Isolated B");
        vendorType(b, "JOB_BOARD", null);
        String bToken = token(b);
        JsonNode aBefore = offerOf(a, aOffer);

        for (String credential : List.of(bearer(b.session()), smartToken(bToken))) {
            assertProblem(404, "not-found", json("GET", "/partner/offers/" + aOffer, credential, null));
            assertProblem(404, "not-found", json("POST", "/partner/assessments/" + UUID.randomUUID() + "/reports",
                    credential, "{\"status\": \"IN_PROGRESS\"}"));
            Answer offers = json("GET", "/partner/offers", credential, null);
            assertAnswer(200, offers);
            assertEquals(0, offers.json().path("totalFound").asInt());
            assertEquals("[]", json("GET", "/partner/connections", credential, null).json().toString());
            assertEquals(b.id(), json("GET", "/partner/account", credential, null).json().path("id").asText());
            assertProblem(404, "profile-not-saved", json("GET", "/partner/profile", credential, null));
            assertProblem(404, "not-found", call("GET", "/partner/profile/logo", credential, null, null));
            assertProblem(404, "not-found", call("GET", "/partner/account/photo", credential, null, null));
            // customer data: no customer endpoint takes a partner credential
            for (String path : List.of("/jobs", "/candidates", "/applications", "/users", "/connections",
                    "/integrations", "/assessments", "/postings", "/credentials/api-keys", "/auth/me")) {
                assertEquals(path, 401, json("GET", path, credential, null).status());
            }
        }
        // changes with B's session on A's ids
        String bSession = bearer(b.session());
        assertProblem(404, "not-found", json("PATCH", "/partner/offers/" + aOffer, bSession, Map.of("name", "Mine")));
        assertProblem(404, "not-found", json("POST", "/partner/offers/" + aOffer + "/submit", bSession, null));
        assertProblem(404, "not-found", json("POST", "/partner/offers/" + aOffer + "/withdraw", bSession, null));
        assertProblem(404, "not-found", json("DELETE", "/partner/offers/" + aOffer, bSession, null));
        assertProblem(404, "not-found", json("DELETE", "/partner/tokens/" + aTokenId, bSession, null));
        // B's token may not even try to change
        assertProblem(403, "session-required",
                json("PATCH", "/partner/offers/" + aOffer, smartToken(bToken), Map.of("name", "Mine")));

        JsonNode aAfter = offerOf(a, aOffer);
        assertEquals(aBefore, aAfter);
        assertEquals("A's token still works", a.id(),
                json("GET", "/partner/account", smartToken(aToken), null).json().path("id").asText());
        assertNull("A's token is not revoked",
                json("GET", "/partner/tokens", bearer(a.session()), null).json().get(0).get("revokedAt"));
    }
}
