package org.hiremarket.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.hiremarket.itests.ApiClient.Credential;
import org.hiremarket.itests.ApiClient.Response;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Issue 26: a Postman collection generated from the served OpenAPI document with the standard
 * converter (openapi-to-postmanv2) runs green with newman against the container for the read
 * operations, after setting only the API key (and, as anyone would, the ids in the paths). Both
 * tools are pinned and run through {@code npx}, like the OpenAPI linter.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class PostmanCollectionIT extends HireMarketTestSupport {

    static final String CONVERTER = "openapi-to-postmanv2@6.4.2";
    static final String NEWMAN = "newman@6.2.2";

    private ApiClient api() {
        return new ApiClient(baseUrl());
    }

    @Test
    public void theGeneratedCollectionRunsGreenForEveryReadOperation() throws Exception {
        TestCompany acme = createCompany("Postman " + UUID.randomUUID());
        Credential key = Credential.apiKey(acme.apiKey());
        // what the paths of the read operations name: one of each
        String jobId = created(api().call("POST", "/jobs", key, String.format(CustomerApiIT.SEED_JOB, "Postman job")));
        assertEquals(200, api().call("PUT", "/jobs/" + jobId + "/ad", key, Map.of("visibility", "PUBLIC")).status());
        Response applied = api().call("POST", "/jobs/" + jobId + "/applications", key, Map.of("candidate",
                Map.of("firstName", "Ada", "lastName", "Postman", "email", "ada-" + UUID.randomUUID() + "@example.org")));
        String applicationId = created(applied);
        String candidateId = applied.json().path("candidate").path("id").asText();
        String attachmentId = created(api().call("POST", "/candidates/" + candidateId + "/attachments", key,
                Map.of("name", "cv.txt", "contentType", "text/plain", "content",
                        Base64.getEncoder().encodeToString("Ada's resume".getBytes(StandardCharsets.UTF_8)))));
        String stepId = created(api().call("POST", "/jobs/" + jobId + "/hiring-steps", key, Map.of("name", "Interview")));
        String userId = created(api().call("POST", "/users", key, Map.of("firstname", "Grace", "lastname", "Postman",
                "systemRole", Map.of("id", "STANDARD"), "language", Map.of("code", "en"),
                "location", Map.of("countryCode", "US", "city", "Boston"))));
        Map<String, String> ids = Map.of("jobs", jobId, "applications", applicationId, "candidates", candidateId,
                "attachmentId", attachmentId, "stepId", stepId, "users", userId, "companyId", acme.id(), "jobId", jobId);

        Path dir = Files.createTempDirectory("hiremarket-postman");
        Path doc = dir.resolve("openapi.json");
        Response served = api().call("GET", "/openapi.json", Credential.NONE, null);
        assertEquals(200, served.status());
        Files.writeString(doc, served.body());
        Path generated = dir.resolve("generated.json");
        run(dir, "npx", "--yes", "-p", CONVERTER, "openapi2postmanv2", "-s", doc.toString(), "-o", generated.toString(),
                "-p", "-O", "folderStrategy=Tags,enableOptionalParameters=false");

        ObjectNode collection = (ObjectNode) JSON.readTree(generated.toFile());
        assertEquals("the collection reaches the server the document names", baseUrl(),
                collection.path("variable").get(0).path("value").asText());
        assertEquals("the API key is the collection's credential", "{{apiKey}}",
                collection.path("auth").path("apikey").findValues("value").stream().map(JsonNode::asText)
                        .filter(v -> v.startsWith("{{")).findFirst().orElse(null));
        List<String> kept = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        keepReads(collection.withArray("item"), ids, kept, skipped);
        // every read operation is answered 2xx: the collection's own test, run by newman on each request
        ObjectNode test = collection.putArray("event").addObject().put("listen", "test");
        test.putObject("script").put("type", "text/javascript").putArray("exec")
                .add("pm.test(pm.info.requestName + ' answers 2xx', function () {"
                        + " pm.expect(pm.response.code).to.be.within(200, 299); });");
        Path reads = dir.resolve("reads.json");
        JSON.writerWithDefaultPrettyPrinter().writeValue(reads.toFile(), collection);
        Path report = dir.resolve("report.json");
        String out = run(dir, "npx", "--yes", NEWMAN, "run", reads.toString(), "--env-var", "apiKey=" + acme.apiKey(),
                "--reporters", "cli,json", "--reporter-json-export", report.toString(), "--color", "off");

        JsonNode stats = JSON.readTree(report.toFile()).path("run").path("stats");
        assertEquals(out, kept.size(), stats.path("requests").path("total").asInt());
        assertEquals(out, 0, stats.path("requests").path("failed").asInt());
        assertEquals(out, 0, stats.path("assertions").path("failed").asInt());
        assertEquals(out, kept.size(), stats.path("assertions").path("total").asInt());
        int gets = 0;
        for (JsonNode item : served.json().path("paths")) {
            gets += item.has("get") ? 1 : 0;
        }
        assertEquals("every read operation of the document ran or is accounted for: " + kept + "; left out: " + skipped,
                gets, kept.size() + skipped.size());
        long partnerReads = skipped.stream().filter(s -> s.startsWith("GET /partner/")).count();
        long agencyReads = skipped.stream().filter(s -> s.contains("agencies/assignments/:")).count();
        assertTrue(kept + "; left out: " + skipped, kept.size() >= gets - 10 - partnerReads - agencyReads);
        // left out only: the employee portal (a person's session, not an API key), the partner API (a
        // partner's credentials) and paths naming something this company has none of (integrations,
        // connections, assessment orders, postings, partners' logos)
        for (String s : skipped) {
            assertTrue(s, s.contains("/employee/") || s.startsWith("GET /partner/") || s.contains("integrations/:")
                    || s.contains("connections/:") || s.contains("assessments/:") || s.contains("postings/:")
                    || s.contains("public/partners/:") || s.contains("agencies/assignments/:"));
        }
    }

    private static String created(Response r) {
        assertEquals(r.toString(), 201, r.status());
        return r.json().path("id").asText();
    }

    /**
     * Keeps the GET requests whose path variables name something we have; the others are dropped.
     * A variable {@code :id} names a record of the path's first segment ({@code jobs/:id}).
     */
    private static void keepReads(ArrayNode items, Map<String, String> ids, List<String> kept, List<String> skipped) {
        for (int i = items.size() - 1; i >= 0; i--) {
            JsonNode item = items.get(i);
            if (item.has("item")) {
                keepReads((ArrayNode) item.path("item"), ids, kept, skipped);
                if (item.path("item").isEmpty()) {
                    items.remove(i);
                }
                continue;
            }
            JsonNode request = item.path("request");
            JsonNode url = request.path("url");
            List<String> segments = new ArrayList<>();
            url.path("path").forEach(s -> segments.add(s.asText()));
            String name = request.path("method").asText() + " /" + String.join("/", segments);
            // the employee portal takes a person's session, the partner API a partner's credential: not the API key
            boolean keep = request.path("method").asText().equals("GET") && !segments.get(0).equals("employee")
                    && !segments.get(0).equals("partner");
            for (JsonNode variable : url.path("variable")) {
                String var = variable.path("key").asText();
                // ":id" is the id of what the segment before it names: jobs/:id, public/companies/:companyId/jobs/:id
                int at = segments.indexOf(":" + var);
                String value = ids.get(var.equals("id") && at > 0 ? segments.get(at - 1) : var);
                if (value == null) {
                    keep = false;
                } else {
                    ((ObjectNode) variable).put("value", value);
                }
            }
            if (keep) {
                kept.add(name);
            } else {
                if (request.path("method").asText().equals("GET")) {
                    skipped.add(name);
                }
                items.remove(i);
            }
        }
    }

    /** Runs a command in {@code dir} and returns its output; fails the test when it does not exit 0. */
    private static String run(Path dir, String... command) throws Exception {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("output.txt").toFile()).start();
        if (!p.waitFor(10, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not finish within 10 minutes");
        }
        String out = Files.readString(dir.resolve("output.txt"));
        assertEquals(String.join(" ", command) + " failed:\n" + out, 0, p.exitValue());
        return out;
    }
}
