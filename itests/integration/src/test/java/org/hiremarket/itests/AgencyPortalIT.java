package org.hiremarket.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The recruiter portal through HTTP and the console: a customer invites an agency by mail, the
 * recruiter signs up, joins as a recruiter, accepts, is activated by the admin and receives a job;
 * its first candidate starts the assignment and the hire completes it with its revenue on the
 * dashboard; a person who applied on their own is not attributed; cancelling; isolation.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class AgencyPortalIT extends HireMarketTestSupport {

    static final String PASSWORD = "correct horse battery staple";
    static final Pattern VERIFICATION = Pattern.compile("Verification token: (hmo_\\S+)");
    static final Pattern INVITATION = Pattern.compile("Invitation token: (hmi_\\S+)");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Override
    protected Option[] extraOptions() {
        return new Option[] {
            editConfigurationFilePut("etc/org.hiremarket.identity.cfg", "password.reset.requests.per.address", "200") };
    }

    record Answer(int status, String body) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }

        String type() {
            return json().path("type").asText().replace("urn:hiremarket:problem:", "");
        }
    }

    private Answer call(String method, String path, String header, Object body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl() + path)).timeout(Duration.ofSeconds(60))
                .header("Accept", "application/json");
        if (header != null) {
            String[] h = header.split(": ", 2);
            b.header(h[0], h[1]);
        }
        if (body != null) {
            b.header("Content-Type", "application/json");
            b.method(method, HttpRequest.BodyPublishers.ofString(body instanceof String s ? s
                    : JSON.writeValueAsString(body)));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        ContractCheck.record(method, path, r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body());
        return new Answer(r.statusCode(), r.body());
    }

    private static String bearer(String token) {
        return "Authorization: Bearer " + token;
    }

    private static String key(String apiKey) {
        return "X-SmartToken: " + apiKey;
    }

    private static Answer ok(int status, Answer a) {
        assertEquals("HTTP status; body: " + a.body(), status, a.status());
        return a;
    }

    private static void problem(int status, String type, Answer a) {
        ok(status, a);
        assertEquals(a.body(), type, a.type());
    }

    private static String unique(String s) {
        return s + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static List<String> tokens(String email, Pattern p) throws IOException {
        return tokensIn(email, p);
    }

    /** A recruiter invited by the company: signed up, verified, joined as a recruiter, profile saved, accepted. */
    record Agency(String id, String email, String session) {
    }

    private Agency invitedRecruiter(TestCompany co, String name) throws Exception {
        String email = unique("recruiter") + "@agency.example";
        Answer invited = ok(201, call("POST", "/agencies/invitations", key(co.apiKey()), Map.of("email", email)));
        assertEquals("SENT", invited.json().path("status").asText());
        awaitTrue("the invitation mail", () -> tokens(email, INVITATION).size() == 1);
        ok(202, call("POST", "/partner/auth/signup", null,
                Map.of("name", "Rita Recruiter", "email", email, "companyName", name, "password", PASSWORD)));
        awaitTrue("the verification mail", () -> tokens(email, VERIFICATION).size() == 1);
        ok(204, call("POST", "/partner/auth/verification", null, Map.of("token", tokens(email, VERIFICATION).get(0))));
        String session = ok(200, call("POST", "/partner/auth/login", null, Map.of("email", email, "password",
                PASSWORD))).json().path("accessToken").asText();
        String id = ok(200, call("GET", "/partner/account", bearer(session), null)).json().path("id").asText();
        ok(200, call("PUT", "/partner/account/vendor-type", bearer(session), Map.of("vendorType", "RECRUITER")));
        ok(200, call("PUT", "/partner/profile", bearer(session), Map.of("name", name, "website",
                "https://agency.example", "description", "We find engineers.", "address",
                Map.of("city", "Hamburg", "countryCode", "DE"))));
        Answer accepted = ok(200, call("POST", "/partner/agency/invitations/accept", bearer(session),
                Map.of("token", tokens(email, INVITATION).get(0))));
        assertEquals(co.name(), accepted.json().path("companyName").asText());
        return new Agency(id, email, session);
    }

    private String job(TestCompany co, String title) throws Exception {
        Reply j = post("/jobs", co.apiKey(), String.format(AssessmentIT.JOB, title));
        assertStatus(201, j);
        return j.json().path("id").asText();
    }

    private static Map<String, Object> candidate(String email) {
        return Map.of("firstName", "Ada", "lastName", "Lovelace", "email", email,
                "location", Map.of("countryCode", "DE", "city", "Hamburg"));
    }

    private static final Map<String, Object> PERCENT = Map.of("type", "PERCENTAGE", "percentage", 20,
            "firstYearSalary", 60000, "currency", "EUR");

    @Test
    public void anInvitedAgencyWorksAJobFromAssignmentToHireAndSeesItsRevenue() throws Exception {
        TestCompany co = createCompany(unique("Hiring Co"));
        Agency agency = invitedRecruiter(co, unique("Rita's Recruiting"));
        String jobId = job(co, "Platform engineer");

        // not activated yet: the customer sees it and is told why
        JsonNode listed = null;
        for (JsonNode a : ok(200, call("GET", "/agencies", key(co.apiKey()), null)).json()) {
            if (a.path("id").asText().equals(agency.id())) {
                listed = a;
            }
        }
        assertNotNull(listed);
        assertFalse(listed.path("assignable").asBoolean());
        assertTrue(listed.toString(), listed.path("reason").asText().contains("not activated"));
        assertEquals("[\"INVITATION\"]", listed.path("via").toString());
        problem(409, "agency-not-assignable", call("POST", "/jobs/" + jobId + "/assignments", key(co.apiKey()),
                Map.of("agencyId", agency.id(), "terms", PERCENT)));

        String activated = console("marketplace:agency-activate " + agency.id());
        assertTrue(activated, activated.contains("is active"));
        Answer sent = ok(201, call("POST", "/jobs/" + jobId + "/assignments", key(co.apiKey()),
                Map.of("agencyId", agency.id(), "terms", PERCENT)));
        String assignmentId = sent.json().path("id").asText();
        assertEquals("NEW", sent.json().path("status").asText());
        problem(409, "already-assigned", call("POST", "/jobs/" + jobId + "/assignments", key(co.apiKey()),
                Map.of("agencyId", agency.id(), "terms", PERCENT)));

        // the agency's list and details: company, job ad and location, date, status
        JsonNode row = ok(200, call("GET", "/partner/agency/assignments", bearer(agency.session()), null)).json()
                .path("content").get(0);
        assertEquals(assignmentId, row.path("id").asText());
        assertEquals(co.name(), row.path("companyName").asText());
        assertEquals("Platform engineer", row.path("jobTitle").asText());
        assertEquals("Berlin", row.path("city").asText());
        assertEquals("NEW", row.path("status").asText());
        JsonNode details = ok(200, call("GET", "/partner/agency/assignments/" + assignmentId, bearer(agency.session()),
                null)).json();
        assertEquals("Platform engineer", details.path("job").path("title").asText());
        assertEquals(0, details.path("people").size());

        // a resume parsed into a draft the recruiter checks (nothing stored)
        HttpRequest upload = HttpRequest.newBuilder(URI.create(baseUrl() + "/partner/agency/resumes?fileName=ada.txt"))
                .header("Authorization", "Bearer " + agency.session()).header("Content-Type", "text/plain")
                .header("Accept", "application/json").POST(HttpRequest.BodyPublishers.ofString("Ada Lovelace\n"
                        + "ada.draft@example.org\n+44 20 7946 0958\nLondon, United Kingdom\n\nExperience\n"
                        + "Analyst, Babbage Ltd, 1842 - present\n\nSkills\nMathematics, Programming\n"))
                .build();
        HttpResponse<String> parsed = HTTP.send(upload, HttpResponse.BodyHandlers.ofString());
        ContractCheck.record("POST", "/partner/agency/resumes", parsed.statusCode(),
                parsed.headers().firstValue("Content-Type").orElse(""), parsed.body());
        assertEquals(parsed.body(), 200, parsed.statusCode());
        JsonNode draft = JSON.readTree(parsed.body());
        assertEquals("Ada", draft.path("candidate").path("firstName").asText());
        assertEquals("Lovelace", draft.path("candidate").path("lastName").asText());
        assertEquals("ada.draft@example.org", draft.path("candidate").path("email").asText());
        assertEquals("GB", draft.path("candidate").path("location").path("countryCode").asText());

        // the first candidate starts the assignment and is the agency's
        String email = unique("ada") + "@example.com";
        Answer submitted = ok(200, call("POST", "/partner/agency/assignments/" + assignmentId + "/candidates",
                bearer(agency.session()), Map.of("candidate", candidate(email), "rating", 5, "review", "Excellent")));
        assertTrue(submitted.json().path("attributed").asBoolean());
        assertEquals("IN_PROGRESS", submitted.json().path("assignmentStatus").asText());
        assertEquals("Active", submitted.json().path("person").path("status").asText());
        JsonNode assignment = ok(200, call("GET", "/agencies/assignments/" + assignmentId, key(co.apiKey()), null))
                .json();
        JsonNode submission = assignment.path("submissions").get(0);
        String applicationId = submission.path("applicationId").asText();
        JsonNode application = get("/applications/" + applicationId, co.apiKey()).json();
        assertEquals("AGENCY", application.path("source").path("type").asText());

        // the client's rating reaches the agency
        ok(200, call("PUT", "/agencies/assignments/" + assignmentId + "/submissions/" + submission.path("id").asText()
                + "/rating", key(co.apiKey()), Map.of("rating", 4)));
        JsonNode person = ok(200, call("GET", "/partner/agency/assignments/" + assignmentId, bearer(agency.session()),
                null)).json().path("people").get(0);
        assertEquals(4.0, person.path("clientAverageRating").asDouble(), 0.001);
        assertEquals("Ada Lovelace", person.path("name").asText());

        // hired: the assignment is completed, its revenue on the dashboard
        for (String status : List.of("OFFERED", "HIRED")) {
            assertStatus(200, send("PUT", "/applications/" + applicationId + "/status", co.apiKey(),
                    "{\"status\": \"" + status + "\"}"));
        }
        JsonNode done = ok(200, call("GET", "/agencies/assignments/" + assignmentId, key(co.apiKey()), null)).json();
        assertEquals("COMPLETED", done.path("status").asText());
        assertEquals(12000.0, done.path("revenue").asDouble(), 0.001);
        assertEquals("Hired", ok(200, call("GET", "/partner/agency/assignments/" + assignmentId,
                bearer(agency.session()), null)).json().path("people").get(0).path("status").asText());
        JsonNode dashboard = ok(200, call("GET", "/partner/agency/dashboard", bearer(agency.session()), null)).json();
        assertEquals(1, dashboard.path("customers").asInt());
        assertEquals(1, dashboard.path("orders").asInt());
        assertEquals(5.0, dashboard.path("averageReview").asDouble(), 0.001);
        assertEquals("EUR", dashboard.path("revenueThisMonth").get(0).path("currency").asText());
        assertEquals(12000.0, dashboard.path("revenueThisMonth").get(0).path("amount").asDouble(), 0.001);
        assertEquals(12, dashboard.path("revenueByMonth").size());
        problem(409, "assignment-closed", call("POST", "/partner/agency/assignments/" + assignmentId + "/candidates",
                bearer(agency.session()), Map.of("candidate", candidate(unique("late") + "@example.com"))));
        Map<String, String> console = consoleRow("marketplace:assignments -c " + co.id() + " --no-format",
                List.of("ID", "Company", "Job", "Agency", "Status", "Submitted", "Sent", "Updated"), assignmentId);
        assertEquals("COMPLETED", console.get("Status"));
        assertEquals("1", console.get("Submitted"));
    }

    @Test
    public void aPersonWhoAppliedOnTheirOwnIsNotTheAgencysAndACancelledAssignmentTakesNoMore() throws Exception {
        TestCompany co = createCompany(unique("Own Applicants"));
        Agency agency = invitedRecruiter(co, unique("Second Agency"));
        console("marketplace:agency-activate " + agency.id());
        String jobId = job(co, "Data engineer");
        String otherJob = job(co, "Data analyst");
        String email = unique("grace") + "@example.com";
        assertStatus(201, post("/jobs/" + otherJob + "/applications", co.apiKey(),
                "{\"candidate\": {\"firstName\": \"Grace\", \"lastName\": \"Hopper\", \"email\": \"" + email + "\"}}"));
        String assignmentId = ok(201, call("POST", "/jobs/" + jobId + "/assignments", key(co.apiKey()),
                Map.of("agencyId", agency.id(), "terms", Map.of("type", "FIXED_FEE", "fee", 5000, "currency", "EUR"))))
                .json().path("id").asText();
        Answer own = ok(200, call("POST", "/partner/agency/assignments/" + assignmentId + "/candidates",
                bearer(agency.session()), Map.of("candidate", Map.of("firstName", "Grace", "lastName", "Hopper",
                        "email", email))));
        assertFalse(own.json().path("attributed").asBoolean());
        assertTrue(own.body(), own.json().path("message").asText().contains("on their own"));
        JsonNode sub = ok(200, call("GET", "/agencies/assignments/" + assignmentId, key(co.apiKey()), null)).json()
                .path("submissions").get(0);
        assertFalse(sub.path("attributed").asBoolean());
        assertEquals("API", get("/applications/" + sub.path("applicationId").asText(), co.apiKey()).json()
                .path("source").path("type").asText());

        assertEquals("CANCELLED", ok(200, call("POST", "/agencies/assignments/" + assignmentId + "/cancel",
                key(co.apiKey()), null)).json().path("status").asText());
        assertEquals("CANCELLED", ok(200, call("GET", "/partner/agency/assignments/" + assignmentId,
                bearer(agency.session()), null)).json().path("status").asText());
        problem(409, "assignment-closed", call("POST", "/partner/agency/assignments/" + assignmentId + "/candidates",
                bearer(agency.session()), Map.of("candidate", candidate(unique("x") + "@example.com"))));
    }

    /** An agency never sees another agency's assignments or a job it was not sent; no customer reaches another's. */
    @Test
    public void anAgencySeesOnlyItsOwnAssignments() throws Exception {
        TestCompany co = createCompany(unique("Two Agencies"));
        Agency a = invitedRecruiter(co, unique("Agency A"));
        Agency b = invitedRecruiter(co, unique("Agency B"));
        console("marketplace:agency-activate " + a.id());
        String jobId = job(co, "Secret role");
        String assignmentId = ok(201, call("POST", "/jobs/" + jobId + "/assignments", key(co.apiKey()),
                Map.of("agencyId", a.id(), "terms", PERCENT))).json().path("id").asText();
        problem(404, "not-found", call("GET", "/partner/agency/assignments/" + assignmentId, bearer(b.session()), null));
        problem(404, "not-found", call("POST", "/partner/agency/assignments/" + assignmentId + "/candidates",
                bearer(b.session()), Map.of("candidate", candidate(unique("y") + "@example.com"))));
        assertEquals(0, ok(200, call("GET", "/partner/agency/assignments", bearer(b.session()), null)).json()
                .path("totalFound").asInt());
        // another company sees neither the assignment nor can it send jobs to an agency it does not work with
        TestCompany other = createCompany(unique("Other Co"));
        problem(404, "not-found", call("GET", "/agencies/assignments/" + assignmentId, key(other.apiKey()), null));
        problem(404, "not-found", call("POST", "/agencies/assignments/" + assignmentId + "/cancel", key(other.apiKey()),
                null));
        problem(404, "not-found", call("POST", "/jobs/" + job(other, "Other job") + "/assignments", key(other.apiKey()),
                Map.of("agencyId", a.id(), "terms", PERCENT)));
        // the realms: an agency's session reaches no customer endpoint, a company's key no agency endpoint
        assertEquals(401, call("GET", "/jobs/" + jobId, bearer(a.session()), null).status());
        assertEquals(401, call("GET", "/partner/agency/assignments", key(co.apiKey()), null).status());
    }

    /** A user of the company with jobs_manage, signed in: their session token. */
    private String signedInUser(TestCompany co, String email) throws Exception {
        ok(201, call("POST", "/users", key(co.apiKey()), Map.of("firstname", "Hanna", "lastname", "Hiring", "email",
                email, "systemRole", Map.of("id", "EXTENDED"), "language", Map.of("code", "en"), "location",
                Map.of("countryCode", "DE", "city", "Berlin"))));
        Pattern activation = Pattern.compile("Activation token: (hmo_\\S+)");
        awaitTrue("the activation mail", () -> tokens(email, activation).size() == 1);
        ok(204, call("POST", "/auth/activate", null, Map.of("token", tokens(email, activation).get(0), "password",
                PASSWORD)));
        return ok(200, call("POST", "/auth/login", null, Map.of("email", email, "password", PASSWORD))).json()
                .path("accessToken").asText();
    }

    private static List<String> kinds(JsonNode feed) {
        List<String> out = new ArrayList<>();
        feed.path("content").forEach(s -> out.add(s.path("kind").asText()));
        return out;
    }

    /**
     * The agency's message reaches the user who assigned the job (their feed and a mail), the user's
     * reply the agency's feed; an agency's proposal is accepted into an assignment, and the feed tells.
     */
    @Test
    public void messagesReachTheAssignersFeedRepliesTheAgencysAndAnAcceptedProposalIsAnAssignment() throws Exception {
        TestCompany co = createCompany(unique("Talking Co"));
        Agency agency = invitedRecruiter(co, unique("Chatty Agency"));
        console("marketplace:agency-activate " + agency.id());
        String userEmail = unique("hanna") + "@talking.example";
        String user = signedInUser(co, userEmail);
        String jobId = job(co, "Site reliability engineer");
        String assignmentId = ok(201, call("POST", "/jobs/" + jobId + "/assignments", bearer(user),
                Map.of("agencyId", agency.id(), "terms", PERCENT))).json().path("id").asText();

        Answer sent = ok(201, call("POST", "/partner/agency/assignments/" + assignmentId + "/messages",
                bearer(agency.session()), Map.of("text", "Is remote work possible for this role?")));
        String messageId = sent.json().path("id").asText();
        JsonNode userFeed = ok(200, call("GET", "/feed", bearer(user), null)).json();
        assertEquals(List.of("MESSAGE"), kinds(userFeed));
        assertTrue(userFeed.toString(), userFeed.path("content").get(0).path("summary").asText()
                .contains("Is remote work possible"));
        assertEquals("the message went to the user, not to everyone", 0,
                ok(200, call("GET", "/feed", key(co.apiKey()), null)).json().path("totalFound").asInt());
        awaitTrue("the mail to the assigner", () -> mailsTo(userEmail).stream()
                .anyMatch(m -> m.contains("Is remote work possible")));
        ok(201, call("POST", "/agencies/assignments/" + assignmentId + "/messages", bearer(user),
                Map.of("text", "Yes, two days a week.", "inReplyTo", messageId)));
        JsonNode agencyFeed = ok(200, call("GET", "/partner/agency/feed", bearer(agency.session()), null)).json();
        assertEquals(List.of("REPLY"), kinds(agencyFeed));
        assertEquals(2, ok(200, call("GET", "/partner/agency/assignments/" + assignmentId + "/messages",
                bearer(agency.session()), null)).json().size());
        problem(404, "not-found", call("POST", "/agencies/assignments/" + assignmentId + "/messages", bearer(user),
                Map.of("text", "x", "inReplyTo", UUID.randomUUID().toString())));

        // a proposal for a job with a public ad, accepted: an assignment with the proposed terms
        String publicJob = job(co, "Backend engineer");
        assertStatus(200, send("PUT", "/jobs/" + publicJob + "/ad", co.apiKey(), "{\"visibility\": \"PUBLIC\"}"));
        Answer proposal = ok(201, call("POST", "/partner/agency/proposals", bearer(agency.session()),
                Map.of("companyId", co.id(), "jobId", publicJob, "message", "We know ten people for this.", "terms",
                        Map.of("type", "FIXED_FEE", "fee", 8000, "currency", "EUR"))));
        assertEquals("PENDING", proposal.json().path("status").asText());
        problem(409, "proposal-pending", call("POST", "/partner/agency/proposals", bearer(agency.session()),
                Map.of("companyId", co.id(), "jobId", publicJob, "terms",
                        Map.of("type", "FIXED_FEE", "fee", 8000, "currency", "EUR"))));
        problem(404, "not-found", call("POST", "/partner/agency/proposals", bearer(agency.session()),
                Map.of("companyId", co.id(), "jobId", jobId, "terms",
                        Map.of("type", "FIXED_FEE", "fee", 8000, "currency", "EUR"))));
        JsonNode toCompany = ok(200, call("GET", "/agencies/proposals", bearer(user), null)).json().get(0);
        assertEquals(proposal.json().path("id").asText(), toCompany.path("id").asText());
        JsonNode accepted = ok(200, call("POST", "/agencies/proposals/" + toCompany.path("id").asText() + "/accept",
                bearer(user), null)).json();
        assertEquals("ACCEPTED", accepted.path("status").asText());
        JsonNode created = ok(200, call("GET", "/agencies/assignments/" + accepted.path("assignmentId").asText(),
                key(co.apiKey()), null)).json();
        assertEquals("NEW", created.path("status").asText());
        assertEquals("FIXED_FEE", created.path("terms").path("type").asText());
        assertEquals(List.of("PROPOSAL_ACCEPTED", "PROPOSAL_SENT", "REPLY"),
                kinds(ok(200, call("GET", "/partner/agency/feed", bearer(agency.session()), null)).json()));
        problem(409, "invalid-status-change", call("POST", "/agencies/proposals/" + toCompany.path("id").asText()
                + "/decline", bearer(user), null));
    }
}
