package org.hiremarket.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Pattern;

import org.hiremarket.itests.ApiClient.Credential;
import org.hiremarket.itests.ApiClient.Response;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The customer API through HTTP on the real distribution: the get-started guide's calls with both
 * credential types, OAuth 2.0 client credentials, the tenant isolation matrix, idempotency,
 * validation, the employee portal's visibility rules, rate limiting and the OpenAPI document.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class CustomerApiIT extends HireMarketTestSupport {

    static final String SEED_USER = "{\"firstname\": \"Susan\", \"lastname\": \"Santos\", \"email\": \"%s\","
            + " \"systemRole\": {\"id\": \"ADMINISTRATOR\"}, \"language\": {\"code\": \"en\"},"
            + " \"location\": {\"countryCode\": \"US\", \"city\": \"San Francisco\"}}";

    /** The get-started guide's body exactly as written: no email. */
    static final String GUIDE_USER = "{\n    \"firstname\": \"Susan\",\n    \"lastname\": \"Santos\", \n"
            + "    \"systemRole\": {\"id\": \"ADMINISTRATOR\"}, \n    \"language\": {\"code\":\"en\"},\n"
            + "    \"location\": {\"countryCode\": \"US\", \"city\":\"San Francisco\"}\n}";

    static final String SEED_JOB = "{\"title\": \"%s\", \"location\": {\"countryCode\": \"US\", \"city\": \"San Francisco\"},"
            + " \"industry\": {\"id\": \"computer_software\"}, \"function\": {\"id\": \"engineering\"},"
            + " \"experienceLevel\": {\"id\": \"mid_senior_level\"}}";

    private ApiClient api() {
        return new ApiClient(baseUrl());
    }

    // ---------------------------------------------------------------- the get-started guide

    @Test
    public void seedCreateUserAnswers201WithBothCredentialTypes() throws Exception {
        TestCompany acme = createCompany("Seed Users " + UUID.randomUUID());
        Credential key = Credential.apiKey(acme.apiKey());

        String email = unique("susan") + "@example.com";
        Response r = api().call("POST", "/users", key, String.format(SEED_USER, email));
        assertEquals(r.toString(), 201, r.status());
        assertSeedUser(r.json());
        assertTrue(r.header("Location").endsWith("/users/" + r.json().path("id").asText()));
        // a new user gets an activation mail in the outbox
        assertTrue("activation mail for " + email, activationToken(email) != null);

        // an OAuth client creates users with roles its scopes cover, never an administrator (issue 25)
        Credential oauth = Credential.bearer("oauth", accessToken(acme, List.of("users_read", "users_manage",
                "jobs_read", "candidates_read", "assessments_read"), null));
        Response adminViaOauth = api().call("POST", "/users", oauth, String.format(SEED_USER, unique("susan2")
                + "@example.com"));
        assertEquals(adminViaOauth.toString(), 403, adminViaOauth.status());
        Response viaOauth = api().call("POST", "/users", oauth, String.format(SEED_USER, unique("susan3") + "@example.com")
                .replace("ADMINISTRATOR", "RESTRICTED"));
        assertEquals(viaOauth.toString(), 201, viaOauth.status());
        assertEquals("RESTRICTED", viaOauth.json().path("systemRole").path("id").asText());

        // the guide's literal call, with no email: 201 with the guide's fields, from an API key and from an
        // administrator's session; the user signs in once an email is set (then the activation mail goes out)
        Response literal = api().call("POST", "/users", key, GUIDE_USER);
        assertEquals(literal.toString(), 201, literal.status());
        assertSeedUser(literal.json());
        assertTrue(literal.json().path("email").isMissingNode());
        assertEquals("EMAIL_REQUIRED", literal.json().path("signIn").asText());
        String adminEmail = unique("admin") + "@example.com";
        Response admin = api().call("POST", "/users", key, String.format(SEED_USER, adminEmail));
        Response activated = api().call("POST", "/auth/activate", null, Map.of("token", activationToken(adminEmail),
                "password", "a long passphrase for the admin 42"));
        assertEquals(activated.toString(), 204, activated.status());
        Response login = api().call("POST", "/auth/login", null, Map.of("email", adminEmail,
                "password", "a long passphrase for the admin 42"));
        Credential session = Credential.bearer("session", login.json().path("accessToken").asText());
        Response bySession = api().call("POST", "/users", session, GUIDE_USER);
        assertEquals(bySession.toString(), 201, bySession.status());
        assertSeedUser(bySession.json());
        String later = unique("susan-later") + "@example.com";
        Response emailSet = api().call("PATCH", "/users/" + literal.json().path("id").asText(), key, Map.of("email", later));
        assertEquals(emailSet.toString(), 200, emailSet.status());
        assertEquals("ACTIVATION_PENDING", emailSet.json().path("signIn").asText());
        assertTrue("activation mail once the email is set", activationToken(later) != null);
        assertEquals(201, admin.status());

        Response job = api().call("POST", "/jobs", key, String.format(SEED_JOB, "Senior Software Engineer"));
        assertEquals(job.toString(), 201, job.status());
        assertEquals("CREATED", job.json().path("status").asText());
        assertEquals("Computer Software", job.json().path("industry").path("label").asText());

        // SmartRecruiters' job location fields, the country code in any case: stored and returned
        Response located = api().call("POST", "/jobs", key, String.format(SEED_JOB, "Located").replace(
                "\"location\": {\"countryCode\": \"US\", \"city\": \"San Francisco\"}",
                "\"location\": {\"countryCode\": \"us\", \"regionCode\": \"CA\", \"region\": \"California\","
                        + " \"city\": \"San Francisco\", \"address\": \"1 Market St\", \"postalCode\": \"94105\","
                        + " \"hybrid\": true, \"latitude\": 37.79, \"longitude\": -122.39}"));
        assertEquals(located.toString(), 201, located.status());
        JsonNode where = api().call("GET", "/jobs/" + located.json().path("id").asText(), key, null).json().path("location");
        assertEquals("US", where.path("countryCode").asText());
        assertEquals("CA", where.path("regionCode").asText());
        assertEquals("California", where.path("region").asText());
        assertEquals("1 Market St", where.path("address").asText());
        assertEquals("94105", where.path("postalCode").asText());
        assertTrue(where.path("hybrid").asBoolean());
        assertEquals(37.79, where.path("latitude").asDouble(), 1e-9);
    }

    @Test
    public void oneEmailMayBeAUserOfTwoCompaniesWithoutEitherLearningOfTheOther() throws Exception {
        TestCompany acme = createCompany("Tenant A " + UUID.randomUUID());
        TestCompany globex = createCompany("Tenant B " + UUID.randomUUID());
        String email = unique("both") + "@example.com";
        String body = String.format(SEED_USER, email).replace("ADMINISTRATOR", "STANDARD");
        assertEquals(201, api().call("POST", "/users", Credential.apiKey(acme.apiKey()), body).status());
        Response inB = api().call("POST", "/users", Credential.apiKey(globex.apiKey()), body);
        assertEquals("creating the user in B says nothing of A: " + inB, 201, inB.status());
        Response twiceInB = api().call("POST", "/users", Credential.apiKey(globex.apiKey()), body);
        assertEquals(409, twiceInB.status());
        assertEquals("urn:hiremarket:problem:email-taken", twiceInB.json().path("type").asText());
    }

    private static void assertSeedUser(JsonNode u) {
        assertEquals("Susan", u.path("firstName").asText());
        assertEquals("Santos", u.path("lastName").asText());
        assertEquals("ADMINISTRATOR", u.path("systemRole").path("id").asText());
        assertEquals("ADMINISTRATOR", u.path("systemRole").path("name").asText());
        assertEquals("en", u.path("language").path("code").asText());
        assertTrue(u.path("active").asBoolean());
        assertTrue(u.path("updatedOn").asText().matches("\\d{4}-\\d\\d-\\d\\dT.*Z"));
        assertEquals("United States", u.path("location").path("country").asText());
        assertEquals("US", u.path("location").path("countryCode").asText());
        assertEquals("San Francisco", u.path("location").path("city").asText());
    }

    // ---------------------------------------------------------------- OAuth 2.0

    @Test
    public void oauthTokenIssueScopesRevocationAndExpiry() throws Exception {
        TestCompany acme = createCompany("OAuth " + UUID.randomUUID());
        Credential key = Credential.apiKey(acme.apiKey());
        Response client = api().call("POST", "/credentials/oauth-clients", key,
                Map.of("name", "reporting", "scopes", List.of("jobs_read", "candidates_read")));
        assertEquals(client.toString(), 201, client.status());
        String clientId = client.json().path("clientId").asText();
        String secret = client.json().path("clientSecret").asText();
        // the secret is shown once: the list never has it
        assertFalse(api().call("GET", "/credentials/oauth-clients", key, null).body().contains(secret));

        // form client authentication, scope narrowing
        Response token = api().form("/oauth/token", "grant_type=client_credentials&scope=jobs_read&client_id="
                + clientId + "&client_secret=" + secret, Map.of());
        assertEquals(token.toString(), 200, token.status());
        assertEquals("Bearer", token.json().path("token_type").asText());
        assertEquals("jobs_read", token.json().path("scope").asText());
        int expiresIn = token.json().path("expires_in").asInt();
        assertTrue("expires_in " + expiresIn, expiresIn > 0 && expiresIn <= 3600);
        assertTrue(token.json().path("refresh_token").isMissingNode());
        assertEquals("no-store", token.header("Cache-Control"));
        Credential narrow = Credential.bearer("oauth", token.json().path("access_token").asText());
        assertEquals(200, api().call("GET", "/jobs", narrow, null).status());

        // insufficient scope: 403 naming the scope, RFC 6750 challenge
        Response forbidden = api().call("POST", "/jobs", narrow, String.format(SEED_JOB, "x"));
        assertEquals(403, forbidden.status());
        assertTrue(forbidden.header("WWW-Authenticate"), forbidden.header("WWW-Authenticate")
                .contains("error=\"insufficient_scope\"") && forbidden.header("WWW-Authenticate").contains("jobs_manage"));
        assertEquals(403, api().call("GET", "/candidates", narrow, null).status());

        // errors of the token endpoint (RFC 6749 §5.2)
        Response badScope = api().form("/oauth/token", "grant_type=client_credentials&scope=users_manage",
                Map.of("Authorization", basic(clientId, secret)));
        assertEquals(400, badScope.status());
        assertEquals("invalid_scope", badScope.json().path("error").asText());
        Response badSecret = api().form("/oauth/token", "grant_type=client_credentials",
                Map.of("Authorization", basic(clientId, secret + "x")));
        assertEquals(401, badSecret.status());
        assertEquals("invalid_client", badSecret.json().path("error").asText());
        assertEquals("Basic realm=\"hiremarket\"", badSecret.header("WWW-Authenticate"));
        Response badGrant = api().form("/oauth/token", "grant_type=password",
                Map.of("Authorization", basic(clientId, secret)));
        assertEquals("unsupported_grant_type", badGrant.json().path("error").asText());
        assertEquals(400, api().form("/oauth/token", "scope=jobs_read", Map.of("Authorization", basic(clientId, secret)))
                .status());

        // a token that is not one: 401 invalid_token with a challenge
        Response invalid = api().call("GET", "/jobs", Credential.bearer("oauth", "hma_nonsense"), null);
        assertEquals(401, invalid.status());
        assertTrue(invalid.header("WWW-Authenticate").contains("error=\"invalid_token\""));

        // revoking the client ends its tokens at once
        assertEquals(200, api().call("DELETE", "/credentials/oauth-clients/" + clientId, key, null).status());
        Response revoked = api().call("GET", "/jobs", narrow, null);
        assertEquals(401, revoked.status());
        assertTrue(revoked.header("WWW-Authenticate").contains("invalid_token"));
        assertEquals(401, api().form("/oauth/token", "grant_type=client_credentials",
                Map.of("Authorization", basic(clientId, secret))).status());

        // expiry: with a 1 s lifetime the token stops working by itself
        console("config:property-set -p org.hiremarket.identity access.token.seconds 1");
        try {
            String[] shortLived = new String[1];
            awaitTrue("tokens issued for 1 s", () -> {
                Response t = tokenForNewClient(key);
                shortLived[0] = t.json().path("access_token").asText();
                return t.json().path("expires_in").asInt() == 1;
            });
            Credential expiring = Credential.bearer("oauth", shortLived[0]);
            awaitTrue("token expired", () -> {
                Response r = api().call("GET", "/jobs", expiring, null);
                return r.status() == 401 && r.body().contains("expired");
            });
        } finally {
            console("config:property-delete -p org.hiremarket.identity access.token.seconds");
            awaitTrue("token lifetime back to the default",
                    () -> tokenForNewClient(key).json().path("expires_in").asInt() == 3600);
        }
    }

    /** A new client's token; throws (so that a poll retries) while the API is being republished. */
    private Response tokenForNewClient(Credential key) throws Exception {
        Response c = api().call("POST", "/credentials/oauth-clients", key,
                Map.of("name", "short " + UUID.randomUUID(), "scopes", List.of("jobs_read")));
        if (c.status() != 201) {
            throw new IllegalStateException("not ready: " + c);
        }
        Response t = api().form("/oauth/token", "grant_type=client_credentials", Map.of("Authorization",
                basic(c.json().path("clientId").asText(), c.json().path("clientSecret").asText())));
        if (t.status() != 200) {
            throw new IllegalStateException("not ready: " + t);
        }
        return t;
    }

    private String newClient(Credential key) throws Exception {
        Response c = api().call("POST", "/credentials/oauth-clients", key,
                Map.of("name", "client " + UUID.randomUUID(), "scopes", List.of("jobs_read")));
        assertEquals(c.toString(), 201, c.status());
        return c.json().path("clientId").asText();
    }

    // ---------------------------------------------------------------- isolation matrix

    @Test
    public void anotherCompanysIdsAre404ForEveryCredentialType() throws Exception {
        TestCompany a = createCompany("Isolation A " + UUID.randomUUID());
        TestCompany b = createCompany("Isolation B " + UUID.randomUUID());
        Credential aKey = Credential.apiKey(a.apiKey());

        // company A's data
        String userId = api().call("POST", "/users", aKey, String.format(SEED_USER, unique("a") + "@example.com"))
                .json().path("id").asText();
        String jobId = api().call("POST", "/jobs", aKey, String.format(SEED_JOB, "A's job")).json().path("id").asText();
        Response app = api().call("POST", "/jobs/" + jobId + "/applications", aKey,
                Map.of("candidate", candidate(unique("cand") + "@example.org")));
        assertEquals(app.toString(), 201, app.status());
        String applicationId = app.json().path("id").asText();
        String candidateId = app.json().path("candidate").path("id").asText();
        String attachmentId = api().call("POST", "/candidates/" + candidateId + "/attachments", aKey,
                Map.of("name", "cv.txt", "contentType", "text/plain", "content",
                        Base64.getEncoder().encodeToString("A's resume".getBytes(StandardCharsets.UTF_8))))
                .json().path("id").asText();
        String clientId = newClient(aKey);
        String keyRecordId = api().call("GET", "/credentials/api-keys", aKey, null).json().get(0).path("id").asText();

        // company B's three kinds of credentials
        Credential bKey = Credential.apiKey(b.apiKey());
        Credential bOauth = Credential.bearer("oauth", accessToken(b, List.of("users_read", "users_manage", "jobs_read",
                "jobs_manage", "candidates_read", "candidates_manage", "integrations_manage"), null));
        Credential bSession = Credential.bearer("session", session(b, "ADMINISTRATOR"));

        String job = "{\"title\": \"stolen\"}";
        List<String[]> calls = List.of(
                new String[] { "GET", "/users/" + userId, null },
                new String[] { "PATCH", "/users/" + userId, "{\"firstname\": \"Mallory\"}" },
                new String[] { "POST", "/users/" + userId + "/deactivate", null },
                new String[] { "GET", "/jobs/" + jobId, null },
                new String[] { "PATCH", "/jobs/" + jobId, job },
                new String[] { "PUT", "/jobs/" + jobId + "/status", "{\"status\": \"CANCELLED\"}" },
                new String[] { "PUT", "/jobs/" + jobId + "/ad", "{\"visibility\": \"PUBLIC\"}" },
                new String[] { "DELETE", "/jobs/" + jobId + "/ad", null },
                new String[] { "GET", "/jobs/" + jobId + "/applications", null },
                new String[] { "POST", "/jobs/" + jobId + "/applications", "{\"candidateId\": \"" + candidateId + "\"}" },
                new String[] { "GET", "/candidates/" + candidateId, null },
                new String[] { "PATCH", "/candidates/" + candidateId, "{\"firstName\": \"Mallory\"}" },
                new String[] { "GET", "/candidates/" + candidateId + "/applications", null },
                new String[] { "GET", "/candidates/" + candidateId + "/attachments", null },
                new String[] { "GET", "/candidates/" + candidateId + "/attachments/" + attachmentId, null },
                new String[] { "POST", "/candidates/" + candidateId + "/attachments",
                        "{\"name\": \"x.txt\", \"contentType\": \"text/plain\", \"content\": \"eA==\"}" },
                new String[] { "GET", "/applications/" + applicationId, null },
                new String[] { "PUT", "/applications/" + applicationId + "/status", "{\"status\": \"REJECTED\"}" },
                new String[] { "PUT", "/applications/" + applicationId + "/labels", "{\"labels\": [\"X\"]}" },
                new String[] { "GET", "/applications?jobId=" + jobId, null });
        for (Credential as : List.of(bKey, bOauth, bSession)) {
            for (String[] c : calls) {
                Response r = api().call(c[0], c[1], as, c[2]);
                assertEquals(as.kind() + " " + c[0] + " " + c[1] + ": " + r.body(), 404, r.status());
                assertTrue(r.header("Content-Type").startsWith("application/problem+json"));
            }
            // lists never show A's records
            for (String list : List.of("/users", "/jobs", "/candidates", "/applications")) {
                Response r = api().call("GET", list + "?limit=100", as, null);
                assertEquals(as.kind() + " " + list, 200, r.status());
                for (String id : List.of(userId, jobId, candidateId, applicationId)) {
                    assertFalse(as.kind() + " sees A's " + id + " in " + list, r.body().contains(id));
                }
            }
        }
        // credentials: B's key and session cannot revoke A's (OAuth clients never manage credentials)
        for (Credential as : List.of(bKey, bSession)) {
            assertEquals(404, api().call("DELETE", "/credentials/oauth-clients/" + clientId, as, null).status());
            assertEquals(404, api().call("DELETE", "/credentials/api-keys/" + keyRecordId, as, null).status());
            assertFalse(api().call("GET", "/credentials/oauth-clients", as, null).body().contains(clientId));
        }
        assertEquals(403, api().call("GET", "/credentials/oauth-clients", bOauth, null).status());
        // and A's data is untouched
        Response still = api().call("GET", "/applications/" + applicationId, aKey, null);
        assertEquals("NEW", still.json().path("status").asText());
        assertEquals("A's job", api().call("GET", "/jobs/" + jobId, aKey, null).json().path("title").asText());
    }

    // ---------------------------------------------------------------- idempotency

    @Test
    public void idempotencyKeyReplaysRefusesChangedBodyAndSerializesDuplicates() throws Exception {
        TestCompany acme = createCompany("Idempotency " + UUID.randomUUID());
        Credential key = Credential.apiKey(acme.apiKey());
        String idem = UUID.randomUUID().toString();
        Map<String, Object> body = candidate(unique("idem") + "@example.org");

        Response first = api().call("POST", "/candidates", key, body, "Idempotency-Key", idem);
        assertEquals(first.toString(), 201, first.status());
        Response replay = api().call("POST", "/candidates", key, body, "Idempotency-Key", idem);
        assertEquals(201, replay.status());
        assertEquals("true", replay.header("Idempotent-Replayed"));
        assertEquals(first.json(), replay.json());
        assertEquals(first.header("Location"), replay.header("Location"));

        Response changed = api().call("POST", "/candidates", key, candidate(unique("other") + "@example.org"),
                "Idempotency-Key", idem);
        assertEquals(changed.toString(), 422, changed.status());

        // concurrent duplicates: one creation, the rest replayed or told to retry (409)
        String concurrentKey = UUID.randomUUID().toString();
        String email = unique("race") + "@example.org";
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Response>> futures = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                Callable<Response> c = () -> api().call("POST", "/candidates", key, candidate(email), "Idempotency-Key",
                        concurrentKey);
                futures.add(pool.submit(c));
            }
            // a duplicate waits for the first request's transaction and then gets its answer
            Set<String> created = new HashSet<>();
            int replayed = 0;
            for (Future<Response> f : futures) {
                Response r = f.get();
                assertEquals(r.toString(), 201, r.status());
                created.add(r.json().path("id").asText());
                replayed += "true".equals(r.header("Idempotent-Replayed")) ? 1 : 0;
            }
            assertEquals("every 201 names the same candidate", 1, created.size());
            assertEquals("one created it, seven got its answer", 7, replayed);
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, api().call("GET", "/candidates?email=" + email, key, null).json().path("totalFound").asInt());

        // keys are scoped per company: the same key in another company is a new request
        TestCompany other = createCompany("Idempotency other " + UUID.randomUUID());
        Response elsewhere = api().call("POST", "/candidates", Credential.apiKey(other.apiKey()), body,
                "Idempotency-Key", idem);
        assertEquals(201, elsewhere.status());
        assertNull(elsewhere.header("Idempotent-Replayed"));
        assertFalse(elsewhere.json().path("id").asText().equals(first.json().path("id").asText()));

        // a failed request is not remembered: fixing the body and retrying with the same key works
        String retryKey = UUID.randomUUID().toString();
        assertEquals(400, api().call("POST", "/jobs", key, "{\"title\": \"\"}", "Idempotency-Key", retryKey).status());
        assertEquals(201, api().call("POST", "/jobs", key, String.format(SEED_JOB, "fixed"), "Idempotency-Key", retryKey)
                .status());
    }

    @Test
    public void aSecretIsNeverKeptForAReplayAndAnswersOnlyGoBackToTheirCredential() throws Exception {
        TestCompany acme = createCompany("Idempotent secrets " + UUID.randomUUID());
        Credential key = Credential.apiKey(acme.apiKey());
        Response second = api().call("POST", "/credentials/api-keys", key, Map.of("label", "second"));
        assertEquals(second.toString(), 201, second.status());
        Credential otherKey = Credential.apiKey(second.json().path("apiKey").asText());

        String idem = UUID.randomUUID().toString();
        Response created = api().call("POST", "/credentials/api-keys", key, Map.of("label", "ci"), "Idempotency-Key", idem);
        assertEquals(created.toString(), 201, created.status());
        String secret = created.json().path("apiKey").asText();
        assertTrue(secret, secret.startsWith("hm_"));
        String client = "{\"name\": \"reporting\", \"scopes\": [\"jobs_read\"]}";
        String clientIdem = UUID.randomUUID().toString();
        Response createdClient = api().call("POST", "/credentials/oauth-clients", key, client, "Idempotency-Key", clientIdem);
        assertEquals(createdClient.toString(), 201, createdClient.status());
        String clientSecret = createdClient.json().path("clientSecret").asText();
        assertFalse(clientSecret.isEmpty());

        // nothing of either secret is in the database, in any form the idempotency records take
        try (java.sql.Connection c = dataSource().getConnection();
                java.sql.PreparedStatement q = c.prepareStatement("SELECT BODY FROM HM_IDEMPOTENCY WHERE COMPANYID = ?")) {
            q.setString(1, acme.id());
            try (java.sql.ResultSet rows = q.executeQuery()) {
                int n = 0;
                while (rows.next()) {
                    n++;
                    byte[] body = rows.getBytes(1);
                    String text = body == null ? "" : new String(body, StandardCharsets.UTF_8);
                    assertFalse(text, text.contains(secret) || text.contains(clientSecret));
                }
                assertEquals("both requests are remembered", 2, n);
            }
        }

        // the retry learns what was created and where, never the secret
        Response retry = api().call("POST", "/credentials/api-keys", key, Map.of("label", "ci"), "Idempotency-Key", idem);
        assertEquals(retry.toString(), 409, retry.status());
        assertEquals("urn:hiremarket:problem:secret-not-replayed", retry.json().path("type").asText());
        assertEquals(created.header("Location"), retry.header("Location"));
        assertFalse(retry.body().contains(secret));
        Response clientRetry = api().call("POST", "/credentials/oauth-clients", key, client, "Idempotency-Key", clientIdem);
        assertEquals(409, clientRetry.status());
        assertFalse(clientRetry.body().contains(clientSecret));

        // another credential of the same company never gets the first answer
        Response stolen = api().call("POST", "/credentials/api-keys", otherKey, Map.of("label", "ci"), "Idempotency-Key", idem);
        assertEquals(stolen.toString(), 422, stolen.status());
        assertEquals("urn:hiremarket:problem:idempotency-key-reused", stolen.json().path("type").asText());
        String jobIdem = UUID.randomUUID().toString();
        assertEquals(201, api().call("POST", "/jobs", key, String.format(SEED_JOB, "Own"), "Idempotency-Key", jobIdem)
                .status());
        Response otherJob = api().call("POST", "/jobs", otherKey, String.format(SEED_JOB, "Own"), "Idempotency-Key", jobIdem);
        assertEquals(otherJob.toString(), 422, otherJob.status());
        assertEquals(3, api().call("GET", "/credentials/api-keys", key, null).json().size());
    }

    private javax.sql.DataSource dataSource() throws Exception {
        var refs = bundleContext.getServiceReferences(javax.sql.DataSource.class, "(osgi.jndi.service.name=hiremarket)");
        assertFalse("the hiremarket DataSource", refs.isEmpty());
        return bundleContext.getService(refs.iterator().next());
    }

    // ---------------------------------------------------------------- validation

    @Test
    public void badInputIsA4xxProblemWithFieldErrors() throws Exception {
        TestCompany acme = createCompany("Validation " + UUID.randomUUID());
        Credential key = Credential.apiKey(acme.apiKey());

        Response bad = api().call("POST", "/users", key, "{\"firstname\": \"\", \"lastname\": \"X\", \"email\": \"nope\","
                + " \"systemRole\": {\"id\": \"BOSS\"}, \"language\": {\"code\": \"xx\"},"
                + " \"location\": {\"countryCode\": \"ZZ\", \"city\": \"Somewhere\"}}");
        assertProblemWithFields(bad, 400, "firstname", "email", "systemRole.id", "language.code", "location.countryCode");

        assertProblemWithFields(api().call("POST", "/users", key, "{\"firstname\": \"A\", \"surname\": \"B\"}"), 400,
                "surname");
        // every unknown field at once, nested ones with their path
        assertProblemWithFields(api().call("POST", "/users", key, "{\"firstname\": \"A\", \"surname\": \"B\","
                + " \"nickname\": \"C\", \"location\": {\"countryCode\": \"US\", \"town\": \"X\"}}"), 400, "surname",
                "nickname", "location.town");
        assertProblemWithFields(api().call("POST", "/jobs", key, "{\"title\": 42}"), 400, "title");
        assertProblemWithFields(api().call("POST", "/jobs", key, "{\"title\": \"T\", \"location\": {\"countryCode\":"
                + " \"US\", \"city\": \"X\"}, \"industry\": {\"id\": \"alchemy\"}, \"function\": {\"id\": \"engineering\"},"
                + " \"experienceLevel\": {\"id\": \"guru\"}, \"headcount\": 0}"), 400, "industry.id", "experienceLevel.id",
                "headcount");
        Response malformed = api().call("POST", "/jobs", key, "{\"title\": ");
        assertEquals(400, malformed.status());
        assertFalse("no internals in " + malformed.body(), malformed.body().contains("Exception")
                || malformed.body().contains("at org."));
        assertProblemWithFields(api().call("GET", "/jobs?limit=1000", key, null), 400, "limit");
        // clients that accept problem documents (generated clients, Postman) get JSON, not 406
        for (String accept : new String[] { "application/problem+json", "application/json, application/problem+json" }) {
            Response listed = api().call("GET", "/jobs", key, null, "Accept", accept);
            assertEquals(accept + ": " + listed, 200, listed.status());
            assertTrue(listed.header("Content-Type"), listed.header("Content-Type").startsWith("application/json"));
        }
        Response html = api().call("GET", "/jobs", key, null, "Accept", "text/html");
        assertEquals(406, html.status());
        assertEquals("urn:hiremarket:problem:not-acceptable", html.json().path("type").asText());
        // a body that is not JSON: 415, and nothing created
        int jobsBefore = api().call("GET", "/jobs", key, null).json().path("totalFound").asInt();
        Response xml = api().raw("POST", "/jobs", key, "<job><title>T</title></job>", "application/xml", Map.of());
        assertEquals(xml.toString(), 415, xml.status());
        assertEquals("urn:hiremarket:problem:unsupported-media-type", xml.json().path("type").asText());
        assertEquals("send the body as application/json", xml.json().path("detail").asText());
        assertEquals(jobsBefore, api().call("GET", "/jobs", key, null).json().path("totalFound").asInt());
        assertProblemWithFields(api().call("GET", "/jobs?status=OPEN", key, null), 400, "status");

        String email = unique("dup") + "@example.com";
        assertEquals(201, api().call("POST", "/users", key, String.format(SEED_USER, email)).status());
        Response duplicate = api().call("POST", "/users", key, String.format(SEED_USER, email.toUpperCase()));
        assertEquals(409, duplicate.status());

        Response attachment = api().call("POST", "/candidates", key, candidate(unique("att") + "@example.org"));
        Response fake = api().call("POST", "/candidates/" + attachment.json().path("id").asText() + "/attachments", key,
                Map.of("name", "cv.pdf", "contentType", "application/pdf", "content",
                        Base64.getEncoder().encodeToString("not a pdf".getBytes(StandardCharsets.UTF_8))));
        assertProblemWithFields(fake, 400, "content");

        // over 1 MiB: 413, also when the size is not announced
        String big = "{\"firstName\": \"" + "a".repeat(1_100_000) + "\"}";
        Response tooLarge = api().call("POST", "/candidates", key, big);
        assertEquals(413, tooLarge.status());
        assertEquals("urn:hiremarket:problem:payload-too-large", tooLarge.json().path("type").asText());

        // nothing half-written: the refused requests created nothing
        assertEquals(1, api().call("GET", "/users?limit=100", key, null).json().path("totalFound").asInt());
        assertEquals(1, api().call("GET", "/candidates", key, null).json().path("totalFound").asInt());
        assertEquals(0, api().call("GET", "/jobs", key, null).json().path("totalFound").asInt());
    }

    private static void assertProblemWithFields(Response r, int status, String... fields) {
        assertEquals(r.toString(), status, r.status());
        assertTrue(r.header("Content-Type"), r.header("Content-Type").startsWith("application/problem+json"));
        Set<String> named = new HashSet<>();
        r.json().path("errors").forEach(e -> named.add(e.path("field").asText()));
        for (String f : fields) {
            assertTrue("field " + f + " in " + r.body(), named.contains(f));
        }
    }

    // ---------------------------------------------------------------- employee portal

    @Test
    public void employeesSeePublicAndInternalAdsAnonymousOnlyPublic() throws Exception {
        TestCompany acme = createCompany("Employees " + UUID.randomUUID());
        Credential key = Credential.apiKey(acme.apiKey());
        String publicJob = publishedJob(key, "Public role", "PUBLIC");
        String internalJob = publishedJob(key, "Internal role", "INTERNAL");
        String privateJob = publishedJob(key, "Private role", "PRIVATE");
        String unpublished = api().call("POST", "/jobs", key, String.format(SEED_JOB, "Draft")).json().path("id").asText();

        Credential employee = Credential.bearer("session", session(acme, "EMPLOYEE"));
        Response seen = api().call("GET", "/employee/jobs", employee, null);
        assertEquals(seen.toString(), 200, seen.status());
        assertTrue(seen.body().contains(publicJob) && seen.body().contains(internalJob));
        assertFalse(seen.body().contains(privateJob) || seen.body().contains(unpublished));
        assertEquals(2, seen.json().path("totalFound").asInt());
        assertEquals(404, api().call("GET", "/employee/jobs/" + privateJob, employee, null).status());
        assertEquals(200, api().call("GET", "/employee/jobs/" + internalJob, employee, null).status());

        Response anonymous = api().call("GET", "/public/companies/" + acme.id() + "/jobs", Credential.NONE, null);
        assertEquals(200, anonymous.status());
        assertEquals(1, anonymous.json().path("totalFound").asInt());
        assertTrue(anonymous.body().contains(publicJob));
        assertEquals(404, api().call("GET", "/public/companies/" + acme.id() + "/jobs/" + internalJob, Credential.NONE,
                null).status());

        // an employee of another company sees none of these
        TestCompany other = createCompany("Employees other " + UUID.randomUUID());
        Credential stranger = Credential.bearer("session", session(other, "EMPLOYEE"));
        assertEquals(0, api().call("GET", "/employee/jobs", stranger, null).json().path("totalFound").asInt());
        assertEquals(404, api().call("GET", "/employee/jobs/" + internalJob, stranger, null).status());

        // EMPLOYEE reaches only the employee endpoints; others are not employees
        assertEquals(403, api().call("GET", "/jobs", employee, null).status());
        assertEquals(403, api().call("GET", "/users", employee, null).status());
        assertEquals(403, api().call("GET", "/employee/jobs", key, null).status());

        // the profile pre-fills the application, which carries the EMPLOYEE label
        Response profile = api().call("PUT", "/employee/profile", employee, Map.of("phone", "+49 30 1234567",
                "location", Map.of("countryCode", "DE", "city", "Berlin"),
                "experience", List.of(Map.of("title", "Support Engineer", "company", "Acme", "startDate", "2020-01")),
                "education", List.of(Map.of("institution", "TU Berlin", "degree", "BSc", "startDate", "2015-10",
                        "endDate", "2019-09"))));
        assertEquals(profile.toString(), 200, profile.status());
        Response applied = api().call("POST", "/employee/jobs/" + internalJob + "/applications", employee, null);
        assertEquals(applied.toString(), 201, applied.status());
        assertEquals(List.of("EMPLOYEE"), labels(applied.json()));
        assertEquals("EMPLOYEE", applied.json().path("source").path("type").asText());
        assertEquals(409, api().call("POST", "/employee/jobs/" + internalJob + "/applications", employee, null).status());
        assertEquals(404, api().call("POST", "/employee/jobs/" + privateJob + "/applications", employee, null).status());

        JsonNode staffView = api().call("GET", "/applications/" + applied.json().path("id").asText(), key, null).json();
        assertEquals(List.of("EMPLOYEE"), labels(staffView));
        JsonNode candidate = api().call("GET", "/candidates/" + staffView.path("candidate").path("id").asText(), key, null)
                .json();
        assertEquals("+49 30 1234567", candidate.path("phone").asText());
        assertEquals("Support Engineer", candidate.path("experience").get(0).path("title").asText());
        assertEquals("TU Berlin", candidate.path("education").get(0).path("institution").asText());
        assertEquals(1, api().call("GET", "/employee/applications", employee, null).json().path("totalFound").asInt());
        // the label stays when the hiring team edits labels
        Response relabel = api().call("PUT", "/applications/" + applied.json().path("id").asText() + "/labels", key,
                Map.of("labels", List.of("referral_bonus")));
        assertEquals(List.of("EMPLOYEE", "REFERRAL_BONUS"), labels(relabel.json()));
    }

    private static List<String> labels(JsonNode application) {
        List<String> out = new ArrayList<>();
        application.path("labels").forEach(l -> out.add(l.asText()));
        return out;
    }

    private String publishedJob(Credential key, String title, String visibility) throws Exception {
        String id = api().call("POST", "/jobs", key, String.format(SEED_JOB, title)).json().path("id").asText();
        Response r = api().call("PUT", "/jobs/" + id + "/ad", key, Map.of("visibility", visibility));
        assertEquals(r.toString(), 200, r.status());
        assertEquals("SOURCING", r.json().path("status").asText());
        return id;
    }

    // ---------------------------------------------------------------- applications

    @Test
    public void applicationStatusFlowWithHistoryAndNoDuplicateCandidates() throws Exception {
        TestCompany acme = createCompany("Applications " + UUID.randomUUID());
        Credential key = Credential.apiKey(acme.apiKey());
        String job1 = api().call("POST", "/jobs", key, String.format(SEED_JOB, "One")).json().path("id").asText();
        String job2 = api().call("POST", "/jobs", key, String.format(SEED_JOB, "Two")).json().path("id").asText();
        String email = unique("flow") + "@example.org";

        Response a1 = api().call("POST", "/jobs/" + job1 + "/applications", key, Map.of("candidate", candidate(email),
                "source", Map.of("type", "AGENCY", "name", "TalentBridge"), "labels", List.of("senior")));
        assertEquals(a1.toString(), 201, a1.status());
        assertEquals("AGENCY", a1.json().path("source").path("type").asText());
        // the same person again: same candidate, no second application to the same job
        Response again = api().call("POST", "/jobs/" + job1 + "/applications", key, Map.of("candidate",
                candidate(email.toUpperCase())));
        assertEquals(409, again.status());
        Response a2 = api().call("POST", "/jobs/" + job2 + "/applications", key, Map.of("candidate", candidate(email)));
        assertEquals(201, a2.status());
        assertEquals(a1.json().path("candidate").path("id"), a2.json().path("candidate").path("id"));
        assertEquals(1, api().call("GET", "/candidates?email=" + email, key, null).json().path("totalFound").asInt());

        String id = a1.json().path("id").asText();
        for (String s : List.of("IN_REVIEW", "INTERVIEW", "OFFERED", "HIRED")) {
            Response r = api().call("PUT", "/applications/" + id + "/status", key, Map.of("status", s, "note", "to " + s));
            assertEquals(r.toString(), 200, r.status());
        }
        Response backwards = api().call("PUT", "/applications/" + id + "/status", key, Map.of("status", "NEW"));
        assertEquals(409, backwards.status());
        JsonNode history = api().call("GET", "/applications/" + id, key, null).json().path("history");
        assertEquals(5, history.size());
        assertEquals("NEW", history.get(0).path("to").asText());
        assertEquals("OFFERED", history.get(4).path("from").asText());
        assertEquals("HIRED", history.get(4).path("to").asText());
        assertEquals("to HIRED", history.get(4).path("note").asText());

        Response withdrawn = api().call("PUT", "/applications/" + a2.json().path("id").asText() + "/status", key,
                Map.of("status", "WITHDRAWN"));
        assertEquals("WITHDRAWN", withdrawn.json().path("status").asText());
        assertEquals(1, api().call("GET", "/applications?status=HIRED", key, null).json().path("totalFound").asInt());
        assertEquals(1, api().call("GET", "/applications?label=SENIOR", key, null).json().path("totalFound").asInt());
    }

    // ---------------------------------------------------------------- rate limiting

    @Test
    public void aCredentialOverItsRateGets429WithRetryAfter() throws Exception {
        TestCompany acme = createCompany("Rate " + UUID.randomUUID());
        Credential key = Credential.apiKey(acme.apiKey());
        // one request a second, no burst: two requests within a second meet the limit however slow the machine
        console("config:property-set -p org.hiremarket.api rate.limit.per.second 1");
        try {
            console("config:property-set -p org.hiremarket.api rate.limit.burst 1");
            Response[] limited = new Response[1];
            awaitTrue("a 429", () -> {
                for (int i = 0; i < 10; i++) {
                    Response r = api().call("GET", "/jobs", key, null);
                    if (r.status() == 429) {
                        limited[0] = r;
                        return true;
                    }
                }
                return false;
            });
            assertEquals("urn:hiremarket:problem:rate-limited", limited[0].json().path("type").asText());
            int retryAfter = Integer.parseInt(limited[0].header("Retry-After"));
            assertTrue(retryAfter >= 1);
            // another credential has a budget of its own
            TestCompany other = createCompany("Rate other " + UUID.randomUUID());
            assertEquals(200, api().call("GET", "/jobs", Credential.apiKey(other.apiKey()), null).status());
        } finally {
            console("config:property-delete -p org.hiremarket.api rate.limit.per.second");
            console("config:property-delete -p org.hiremarket.api rate.limit.burst");
            awaitTrue("default rate limit back", () -> {
                for (int i = 0; i < 10; i++) {
                    if (api().call("GET", "/jobs", key, null).status() != 200) {
                        return false;
                    }
                }
                return true;
            });
        }
    }

    // ---------------------------------------------------------------- OpenAPI

    @Test
    public void theOpenApiDocumentDescribesTheWholeApi() throws Exception {
        Response doc = api().call("GET", "/openapi.json", Credential.NONE, null);
        assertEquals(200, doc.status());
        JsonNode oas = doc.json();
        assertTrue(oas.path("openapi").asText().startsWith("3."));
        for (String path : List.of("/users", "/users/{id}", "/jobs", "/jobs/{id}/ad", "/candidates", "/applications/{id}/status",
                "/oauth/token", "/credentials/oauth-clients", "/employee/jobs", "/public/companies/{companyId}/jobs",
                "/integrations", "/connections/{id}")) {
            assertTrue("documents " + path, oas.path("paths").has(path));
        }
        assertTrue(oas.path("components").path("securitySchemes").has("OAuth2"));
        // an absolute server address, so an imported collection works as it is
        assertEquals(baseUrl(), oas.path("servers").get(0).path("url").asText());
        // per operation: the OAuth scope it needs, or no OAuth at all where clients cannot be granted it
        assertTrue(oas.path("paths").path("/jobs").path("get").path("security").toString(),
                oas.path("paths").path("/jobs").path("get").path("security").toString().contains("{\"OAuth2\":[\"jobs_read\"]}"));
        assertFalse(oas.path("paths").path("/credentials/api-keys").path("post").path("security").toString()
                .contains("OAuth2"));
        assertEquals(200, api().call("GET", "/openapi.yaml", Credential.NONE, null).status());
        // written for the standard linter run after the tests (itests/lint-openapi.sh)
        String out = System.getProperty("hiremarket.openapi.out");
        if (out != null && !out.isEmpty()) {
            Files.writeString(Path.of(out), doc.body());
        }
    }

    // ---------------------------------------------------------------- helpers

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static Map<String, Object> candidate(String email) {
        return Map.of("firstName", "Grace", "lastName", "Hopper", "email", email, "phone", "+1 555 0100",
                "location", Map.of("countryCode", "US", "city", "Arlington"));
    }

    static String basic(String id, String secret) {
        return "Basic " + Base64.getEncoder().encodeToString((id + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }

    /** Creates an OAuth client with the scopes and exchanges its credentials for an access token (Basic auth). */
    String accessToken(TestCompany company, List<String> scopes, String scope) throws Exception {
        Response c = api().call("POST", "/credentials/oauth-clients", Credential.apiKey(company.apiKey()),
                Map.of("name", "it " + UUID.randomUUID(), "scopes", scopes));
        assertEquals(c.toString(), 201, c.status());
        Response t = api().form("/oauth/token", "grant_type=client_credentials" + (scope == null ? "" : "&scope=" + scope),
                Map.of("Authorization", basic(c.json().path("clientId").asText(), c.json().path("clientSecret").asText())));
        assertEquals(t.toString(), 200, t.status());
        return t.json().path("access_token").asText();
    }

    /** Creates a person with the role, activates them from the mail in the outbox, logs in: a session token. */
    String session(TestCompany company, String role) throws Exception {
        String email = unique(role.toLowerCase()) + "@example.com";
        Response u = api().call("POST", "/users", Credential.apiKey(company.apiKey()), Map.of("firstname", "Pat",
                "lastname", "Person", "email", email, "systemRole", Map.of("id", role), "language", Map.of("code", "en"),
                "location", Map.of("countryCode", "DE", "city", "Berlin")));
        assertEquals(u.toString(), 201, u.status());
        String[] token = new String[1];
        awaitTrue("activation mail for " + email, () -> (token[0] = activationToken(email)) != null);
        String password = "pw-" + UUID.randomUUID();
        assertEquals(204, api().call("POST", "/auth/activate", Credential.NONE, Map.of("token", token[0], "password",
                password)).status());
        Response login = api().call("POST", "/auth/login", Credential.NONE, Map.of("email", email, "password", password));
        assertEquals(login.toString(), 200, login.status());
        return login.json().path("accessToken").asText();
    }

    /** The activation token in the outbox mail to {@code email}, or null. */
    static String activationToken(String email) throws IOException {
        List<String> tokens = tokensIn(email, Pattern.compile("Activation token: (hmo_\\S+)"));
        return tokens.isEmpty() ? null : tokens.get(0);
    }
}
