package org.hiremarket.core.internal.rest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.BeforeClass;
import org.junit.Test;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;

/**
 * The OpenAPI document of every resource the server publishes is complete enough to generate a
 * client from: real success statuses with schemas, the problem statuses each operation can answer,
 * required fields and enumerations of request bodies, and the token endpoint's form.
 */
public class OpenApiDocumentTest {

    private static OpenAPI doc;

    @BeforeClass
    public static void build() {
        doc = OpenApi.build(RestServer.documented(null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, new RestServer.Partners(null, null, null, null, null, null)));
    }

    private static Operation op(String method, String path) {
        PathItem item = doc.getPaths().get(path);
        assertNotNull(path, item);
        Operation op = item.readOperationsMap().get(PathItem.HttpMethod.valueOf(method));
        assertNotNull(method + " " + path, op);
        return op;
    }

    private static Schema<?> component(String ref) {
        String name = ref.substring(ref.lastIndexOf('/') + 1);
        Schema<?> s = doc.getComponents().getSchemas().get(name);
        assertNotNull(name, s);
        return s;
    }

    private static Schema<?> jsonSchema(ApiResponse r) {
        return r.getContent().get("application/json").getSchema();
    }

    @Test
    public void thePartnerApiHasItsTagAndItsOwnCredentialsOnly() {
        assertTrue(doc.getComponents().getSecuritySchemes().containsKey("MarketplaceToken"));
        assertTrue(doc.getComponents().getSecuritySchemes().containsKey("PartnerSession"));
        List<String> partnerOps = new ArrayList<>();
        doc.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, op) -> {
            if (!path.startsWith("/partner/")) {
                op.getSecurity().forEach(r -> assertTrue(method + " " + path + " takes a partner credential",
                        !r.containsKey("MarketplaceToken") && !r.containsKey("PartnerSession")));
                return;
            }
            partnerOps.add(method + " " + path);
            assertEquals(List.of("partner"), op.getTags());
            assertNull(method + " " + path + " takes an Idempotency-Key the partner API does not keep",
                    op.getParameters() == null ? null : op.getParameters().stream()
                            .filter(p -> "Idempotency-Key".equals(p.getName())).findFirst().orElse(null));
            op.getSecurity().forEach(r -> assertTrue(method + " " + path + " takes a customer credential",
                    !r.containsKey("SmartToken") && !r.containsKey("OAuth2") && !r.containsKey("Session")));
        }));
        assertTrue(partnerOps.toString(), partnerOps.size() >= 30);
        // a token reads and reports; changes need a session; sign-up and login need nothing
        assertEquals(List.of("MarketplaceToken", "PartnerSession"), schemes(op("GET", "/partner/offers")));
        assertEquals(List.of("MarketplaceToken", "PartnerSession"),
                schemes(op("POST", "/partner/assessments/{orderId}/reports")));
        assertEquals(List.of("PartnerSession"), schemes(op("POST", "/partner/offers")));
        assertEquals(List.of("PartnerSession"), schemes(op("PUT", "/partner/profile/logo")));
        assertEquals(List.of(), schemes(op("POST", "/partner/auth/signup")));
        assertEquals(List.of(), schemes(op("GET", "/public/partners/{partnerId}/logo")));
        assertTrue(op("POST", "/partner/auth/login").getResponses().containsKey("403"));
        assertTrue(op("GET", "/partner/profile").getResponses().containsKey("404"));
    }

    private static List<String> schemes(Operation op) {
        List<String> out = new ArrayList<>();
        op.getSecurity().forEach(r -> out.addAll(r.keySet()));
        return out;
    }

    @Test
    public void everyOperationDocumentsItsRealSuccessStatusAndNoDefault() {
        List<String> missing = new ArrayList<>();
        doc.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, op) -> {
            if (op.getResponses().containsKey("default")
                    || op.getResponses().keySet().stream().noneMatch(c -> c.startsWith("2"))) {
                missing.add(method + " " + path);
            }
        }));
        assertEquals("operations without a documented success status", List.of(), missing);
    }

    @Test
    public void createsAnswer201WithWhatWasCreatedAndItsLocation() {
        for (String[] create : new String[][] { { "/users", "UserView" }, { "/jobs", "JobView" },
                { "/candidates", "CandidateView" }, { "/credentials/api-keys", "CreatedApiKey" },
                { "/credentials/oauth-clients", "CreatedClient" }, { "/connections", "ConnectionView" },
                { "/jobs/{id}/applications", "ApplicationView" }, { "/applications/{id}/assessments", "OrderView" } }) {
            Map<String, ApiResponse> responses = op("POST", create[0]).getResponses();
            ApiResponse created = responses.get("201");
            assertNotNull(create[0], created);
            assertEquals(create[0], "#/components/schemas/" + create[1], jsonSchema(created).get$ref());
            assertNotNull(create[0], created.getHeaders().get("Location"));
            assertNull(create[0] + " has no 200", responses.get("200"));
        }
        Schema<?> key = component("CreatedApiKey");
        assertTrue("the secret is in the schema", key.getProperties().containsKey("apiKey"));
    }

    @Test
    public void readsAnswer200WithTheirSchemaAndBodilessAnswersHaveNoContent() {
        assertEquals("#/components/schemas/UserView", jsonSchema(op("GET", "/users/{id}").getResponses().get("200")).get$ref());
        assertEquals("#/components/schemas/Session", jsonSchema(op("POST", "/auth/login").getResponses().get("200")).get$ref());
        ApiResponse logout = op("POST", "/auth/logout").getResponses().get("204");
        assertNotNull(logout);
        assertNull(logout.getContent());
        ApiResponse reset = op("POST", "/auth/password-reset").getResponses().get("202");
        assertNotNull(reset);
        assertNull(reset.getContent());
        assertNotNull(op("DELETE", "/jobs/{id}/hiring-steps/{stepId}").getResponses().get("204"));
        assertNotNull("a file download", op("GET", "/candidates/{id}/attachments/{attachmentId}").getResponses().get("200")
                .getContent().get("*/*"));
    }

    @Test
    public void theTokenEndpointTakesAFormAndAnswersTokensAndOAuthErrors() {
        Operation token = op("POST", "/oauth/token");
        Schema<?> form = token.getRequestBody().getContent().get("application/x-www-form-urlencoded").getSchema();
        Schema<?> fields = form.get$ref() == null ? form : component(form.get$ref());
        assertEquals(List.of("grant_type"), fields.getRequired());
        assertTrue(fields.getProperties().keySet().containsAll(List.of("grant_type", "scope", "client_id", "client_secret")));
        assertEquals(List.of("client_credentials"), fields.getProperties().get("grant_type").getEnum());
        Schema<?> issued = component(jsonSchema(token.getResponses().get("200")).get$ref());
        assertTrue(issued.getRequired().containsAll(List.of("access_token", "token_type", "expires_in", "scope")));
        assertEquals("#/components/schemas/TokenError", jsonSchema(token.getResponses().get("400")).get$ref());
        assertEquals("#/components/schemas/TokenError", jsonSchema(token.getResponses().get("401")).get$ref());
        assertTrue("anonymous", token.getSecurity().isEmpty());
    }

    @Test
    public void everyOperationListsTheProblemsItCanAnswer() {
        doc.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, op) -> {
            String name = method + " " + path;
            Map<String, ApiResponse> r = op.getResponses();
            assertTrue(name, r.containsKey("400") && r.containsKey("429"));
            assertTrue(name, r.containsKey("503"));
            if (op.getRequestBody() != null) {
                assertTrue(name, r.containsKey("408") && r.containsKey("413") && r.containsKey("415"));
            }
            if (method != PathItem.HttpMethod.GET) {
                assertTrue(name, r.containsKey("409"));
            }
            if (path.contains("{")) {
                assertTrue(name, r.containsKey("404"));
            }
        }));
        assertTrue("a filter naming another company's job", op("GET", "/applications").getResponses().containsKey("404"));
        assertTrue(!op("GET", "/jobs").getResponses().containsKey("404"));
        assertTrue("a body naming an integration that may not exist", op("POST", "/connections").getResponses()
                .containsKey("404"));
        assertTrue("a body naming a connection two levels down", op("POST", "/jobs/{id}/hiring-steps").getResponses()
                .containsKey("404"));
        assertTrue(!op("POST", "/jobs").getResponses().containsKey("404"));
        Operation createJob = op("POST", "/jobs");
        assertTrue(createJob.getResponses().keySet().containsAll(List.of("401", "403", "409", "413", "415", "422")));
        assertTrue("the key that makes a retry safe", createJob.getParameters().stream()
                .anyMatch(p -> p.getName().equals("Idempotency-Key") && p.getIn().equals("header")));
        assertEquals("problems are problem documents", "#/components/schemas/Problem", createJob.getResponses().get("409")
                .getContent().get("application/problem+json").getSchema().get$ref());
        assertTrue("no credentials, no 401", !op("POST", "/auth/login").getResponses().containsKey("401")
                || op("POST", "/auth/login").getResponses().get("401").getContent().get("application/problem+json") != null);
    }

    @Test
    public void theJobFeedsAreAnonymousAndDocumentTheirFormatsAndConditionalAnswers() {
        for (String[] feed : new String[][] { { "/public/companies/{companyId}/feed.xml", "application/xml",
                "getPublicCompaniesByCompanyIdFeedXml" }, { "/public/companies/{companyId}/feed.jsonld",
                        "application/ld+json", "getPublicCompaniesByCompanyIdFeedJsonld" } }) {
            Operation op = op("GET", feed[0]);
            assertTrue("anonymous", op.getSecurity().isEmpty());
            assertEquals(List.of("public"), op.getTags());
            assertEquals(feed[2], op.getOperationId());
            ApiResponse ok = op.getResponses().get("200");
            assertEquals(feed[0], List.of(feed[1]), new ArrayList<>(ok.getContent().keySet()));
            assertTrue(ok.getHeaders().keySet().containsAll(List.of("ETag", "Cache-Control", "Last-Modified")));
            ApiResponse notModified = op.getResponses().get("304");
            assertNull("304 has no body", notModified.getContent());
            assertNotNull(notModified.getHeaders().get("ETag"));
            assertTrue(op.getParameters().stream()
                    .anyMatch(p -> p.getName().equals("If-None-Match") && p.getIn().equals("header")));
            assertEquals(List.of("200", "304", "400", "404", "429", "503"), new ArrayList<>(op.getResponses().keySet()));
        }
    }

    @Test
    public void responsesAreInTheOrderOfTheirStatus() {
        List<String> codes = new ArrayList<>(op("POST", "/jobs").getResponses().keySet());
        List<String> sorted = new ArrayList<>(codes);
        sorted.sort(null);
        assertEquals(sorted, codes);
        assertEquals("201", codes.get(0));
    }

    @Test
    public void requestBodiesSayWhatIsRequiredAndWhichValuesAreAllowed() {
        Schema<?> createUser = component(op("POST", "/users").getRequestBody().getContent().get("application/json")
                .getSchema().get$ref());
        assertEquals(List.of("firstname", "language", "lastname", "location", "systemRole"), createUser.getRequired());
        assertEquals("email", createUser.getProperties().get("email").getFormat());
        Schema<?> createJob = component(op("POST", "/jobs").getRequestBody().getContent().get("application/json")
                .getSchema().get$ref());
        assertTrue(createJob.getRequired().containsAll(List.of("title", "location")));
        Schema<?> status = component(op("PUT", "/jobs/{id}/status").getRequestBody().getContent().get("application/json")
                .getSchema().get$ref());
        assertEquals(List.of("status"), status.getRequired());
        assertTrue(status.getProperties().get("status").getEnum().contains("SOURCING"));
    }
}
