package org.hiremarket.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.hiremarket.itests.ApiClient.Credential;
import org.hiremarket.itests.ApiClient.Response;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * Issue 25, identity part, through HTTP on the real distribution: the privilege escalation of an
 * OAuth client through user creation and promotion, password reset throttling, and the token
 * endpoint's answer to a body that is not a form. The distribution's default limits apply
 * (3 reset mails per email in 15 minutes, 10 reset requests per client address in a minute).
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class IdentityHardeningIT extends HireMarketTestSupport {

    private static final String USER = "{\"firstname\": \"Eve\", \"lastname\": \"Attacker\", \"email\": \"%s\","
            + " \"systemRole\": {\"id\": \"%s\"}, \"language\": {\"code\": \"en\"},"
            + " \"location\": {\"countryCode\": \"US\", \"city\": \"Boston\"}}";

    private ApiClient api() {
        return new ApiClient(baseUrl());
    }

    private static String email(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    }

    private String accessToken(TestCompany company, List<String> scopes) throws Exception {
        Response c = api().call("POST", "/credentials/oauth-clients", Credential.apiKey(company.apiKey()),
                Map.of("name", "it " + UUID.randomUUID(), "scopes", scopes));
        assertEquals(c.toString(), 201, c.status());
        Response t = api().form("/oauth/token", "grant_type=client_credentials&client_id=" + c.json().path("clientId")
                .asText() + "&client_secret=" + c.json().path("clientSecret").asText(), Map.of());
        assertEquals(t.toString(), 200, t.status());
        return t.json().path("access_token").asText();
    }

    // ---------------------------------------------------------------- privilege escalation

    @Test
    public void anOAuthClientCannotCreateOrPromoteAnAdministrator() throws Exception {
        TestCompany acme = createCompany("Escalation " + UUID.randomUUID());
        Credential key = Credential.apiKey(acme.apiKey());
        Credential client = Credential.bearer("oauth", accessToken(acme, List.of("users_read", "users_manage")));

        // the attack of the report: create an administrator with an email the client controls
        String attacker = email("eve");
        Response created = api().call("POST", "/users", client, String.format(USER, attacker, "ADMINISTRATOR"));
        assertProblem(403, "role-exceeds-credential", created);
        assertTrue(created.body(), created.json().path("detail").asText().contains("credentials_manage"));
        assertEquals("no such user", 0, api().call("GET", "/users?limit=100", key, null).json().path("content")
                .findValues("email").stream().filter(e -> e.asText().equals(attacker)).count());
        assertFalse("no activation mail", outboxMentions(attacker));

        // nor any role beyond its scopes, nor a promotion by PATCH
        assertProblem(403, "role-exceeds-credential",
                api().call("POST", "/users", client, String.format(USER, email("eve"), "RESTRICTED")));
        String standard = api().call("POST", "/users", key, String.format(USER, email("pat"), "STANDARD")).json()
                .path("id").asText();
        Response promoted = api().call("PATCH", "/users/" + standard, client, "{\"systemRole\": {\"id\": \"ADMINISTRATOR\"}}");
        assertProblem(403, "role-exceeds-credential", promoted);
        assertEquals("STANDARD", api().call("GET", "/users/" + standard, key, null).json().path("systemRole").path("id")
                .asText());

        // a client whose scopes cover a role may assign it; API keys may assign any role
        Credential wide = Credential.bearer("oauth", accessToken(acme, List.of("users_read", "users_manage", "jobs_read",
                "candidates_read", "assessments_read")));
        assertEquals(201, api().call("POST", "/users", wide, String.format(USER, email("rita"), "RESTRICTED")).status());
        assertEquals(201, api().call("POST", "/users", key, String.format(USER, email("ada"), "ADMINISTRATOR")).status());
    }

    private void assertProblem(int status, String slug, Response r) {
        assertEquals(r.toString(), status, r.status());
        assertTrue(r.header("Content-Type"), r.header("Content-Type").startsWith("application/problem+json"));
        assertEquals("urn:hiremarket:problem:" + slug, r.json().path("type").asText());
    }

    // ---------------------------------------------------------------- password reset

    @Test
    public void passwordResetsAreThrottledPerEmailAndPerClientAddress() throws Exception {
        TestCompany acme = createCompany("Reset " + UUID.randomUUID());
        Credential key = Credential.apiKey(acme.apiKey());
        String victim = email("victim");
        String other = email("other");
        for (String e : List.of(victim, other)) {
            assertEquals(201, api().call("POST", "/users", key, String.format(USER, e, "STANDARD")).status());
        }

        // 8 requests for one address, one for an unknown address: every answer the same
        List<String> answers = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            answers.add(reset(victim));
        }
        answers.add(reset(email("nobody")));
        for (String a : answers) {
            assertEquals(answers.get(0), a);
        }
        assertTrue(answers.get(0), answers.get(0).startsWith("202 "));
        // the reset worker works in order: once the later request's mail is there, all earlier ones are done
        assertEquals(answers.get(0), reset(other));
        awaitTrue("the reset mail to " + other, () -> resetMails(other) == 1);
        assertEquals("at most 3 reset mails per address in 15 minutes", 3, resetMails(victim));

        // the 11th request from this client address in a minute: 429, whatever the email
        Response limited = api().call("POST", "/auth/password-reset", Credential.NONE, Map.of("email", email("nobody")));
        assertProblem(429, "too-many-requests", limited);
        int retryAfter = Integer.parseInt(limited.header("Retry-After"));
        assertTrue("Retry-After " + retryAfter + " s: within the minute's window", retryAfter >= 1 && retryAfter <= 60);
    }

    private String reset(String email) throws Exception {
        Response r = api().call("POST", "/auth/password-reset", Credential.NONE, Map.of("email", email));
        return r.status() + " " + r.body();
    }

    private static boolean outboxMentions(String email) throws IOException {
        return mails(email).size() > 0;
    }

    private static int resetMails(String email) throws IOException {
        return (int) mails(email).stream().filter(m -> m.contains("Reset token: hmo_")).count();
    }

    private static List<String> mails(String email) throws IOException {
        return mailsTo(email);
    }

    // ---------------------------------------------------------------- token endpoint

    @Test
    public void theTokenEndpointAnswersANonFormBodyInvalidRequest() throws Exception {
        Response json = api().raw("POST", "/oauth/token", null,
                "{\"grant_type\": \"client_credentials\", \"client_id\": \"x\", \"client_secret\": \"y\"}",
                "application/json", Map.of());
        assertEquals(json.toString(), 400, json.status());
        assertTrue(json.header("Content-Type"), json.header("Content-Type").startsWith("application/json"));
        assertEquals("invalid_request", json.json().path("error").asText());
        assertTrue(json.json().path("error_description").asText().contains("application/x-www-form-urlencoded"));
        assertEquals("no-store", json.header("Cache-Control"));

        Response none = api().raw("POST", "/oauth/token", null, null, null, Map.of());
        assertEquals(none.toString(), 400, none.status());
        assertEquals("invalid_request", none.json().path("error").asText());

        Response text = api().raw("POST", "/oauth/token", null, "grant_type=client_credentials", "text/plain", Map.of());
        assertEquals(text.toString(), 400, text.status());
        assertEquals("invalid_request", text.json().path("error").asText());

        // a form still reaches the grant
        Response form = api().form("/oauth/token", "grant_type=client_credentials&client_id=x&client_secret=y", Map.of());
        assertEquals(form.toString(), 401, form.status());
        assertEquals("invalid_client", form.json().path("error").asText());
    }
}
