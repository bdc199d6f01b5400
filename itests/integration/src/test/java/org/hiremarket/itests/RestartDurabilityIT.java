package org.hiremarket.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.After;
import org.junit.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Nothing acknowledged is lost: the unpacked distribution runs as a real process, a company, its
 * API key, an installed plugin, the admin's activation and an ACTIVE connection survive a
 * {@code kill -9} of the JVM and a normal stop; creations sent with an {@code Idempotency-Key} while
 * the JVM is killed are, once retried, each created exactly once and answered 201 (never a 409 for a
 * request of the dead process). Also proves the documented console access for
 * scripts ({@code bin/add-console-user}, then {@code bin/client -b}).
 */
public class RestartDurabilityIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private KarafProcess karaf;
    private String jobId;

    @After
    public void killKaraf() throws Exception {
        killJvm();
    }

    @Test
    public void dataSurvivesKillMinusNineAndARestart() throws Exception {
        unpack();
        start();
        awaitStatus("/integrations", null, 401);
        String password = karaf.addConsoleUser("itest");

        String created = console(password, "marketplace:company-create \"Durable Inc\"");
        String apiKey = KarafProcess.match(created, "(?m)^API key: (hm_\\S+)");
        console(password, "feature:install hiremarket-plugin-openboard");
        awaitTrue(() -> console(password, "marketplace:integrations --no-format").contains("openboard"));
        console(password, "marketplace:activate openboard");

        String id = connectOpenBoard(apiKey);
        assertEquals("ACTIVE", field("/connections/" + id, apiKey, "status"));

        // assessment orders in flight at the vendor when the host dies (the demo vendor takes 5 s)
        console(password, "feature:install hiremarket-plugin-skillcheck");
        awaitTrue(() -> console(password, "marketplace:integrations --no-format").contains("skillcheck"));
        console(password, "marketplace:activate skillcheck");
        String assessments = connectSkillCheck(apiKey);
        List<String> orders = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            orders.add(placeOrder(apiKey, assessments, "durable" + i + "@example.com"));
        }
        awaitTrue(() -> orders.stream().allMatch(o -> orderStatus(apiKey, o).equals("SENT")
                || orderStatus(apiKey, o).equals("IN_PROGRESS")));

        // idempotent creations in flight when the host dies
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            keys.add("crash-" + i + "-" + java.util.UUID.randomUUID());
        }
        java.util.concurrent.atomic.AtomicInteger answered = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.ExecutorService burst = java.util.concurrent.Executors.newFixedThreadPool(8);
        for (String key : keys) {
            burst.submit(() -> {
                try {
                    send("POST", "/jobs", apiKey, jobBody(key), "Idempotency-Key", key);
                    answered.incrementAndGet();
                } catch (Exception cutOff) {
                    // the host died under it
                }
            });
        }
        awaitTrue(() -> answered.get() >= 40);
        killJvm();
        burst.shutdownNow();
        assertTrue(burst.awaitTermination(60, TimeUnit.SECONDS));
        assertTrue("requests were still in flight at the kill: " + answered.get(), answered.get() < keys.size());

        start();
        awaitStatus("/integrations/openboard", apiKey, 200);
        assertEquals("the connection survived kill -9", "ACTIVE", field("/connections/" + id, apiKey, "status"));

        // every retry gets the first answer or runs afresh: never a duplicate, never a 409 for a dead request
        java.util.concurrent.ExecutorService retries = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            List<java.util.concurrent.Future<?>> done = new ArrayList<>();
            for (String key : keys) {
                done.add(retries.submit(() -> {
                    HttpResponse<String> r = send("POST", "/jobs", apiKey, jobBody(key), "Idempotency-Key", key);
                    assertEquals(key + ": " + r.body(), 201, r.statusCode());
                    HttpResponse<String> again = send("POST", "/jobs", apiKey, jobBody(key), "Idempotency-Key", key);
                    assertEquals(again.body(), "true", again.headers().firstValue("Idempotent-Replayed").orElse(""));
                    assertEquals(JSON.readTree(r.body()).path("id").asText(), JSON.readTree(again.body()).path("id").asText());
                    return null;
                }));
            }
            for (java.util.concurrent.Future<?> f : done) {
                f.get(120, TimeUnit.SECONDS);
            }
        } finally {
            retries.shutdownNow();
        }
        java.util.Map<String, Integer> titles = new java.util.HashMap<>();
        for (int offset = 0;; offset += 100) {
            JsonNode jobs = JSON.readTree(send("GET", "/jobs?limit=100&offset=" + offset, apiKey, null).body());
            jobs.path("content").forEach(j -> titles.merge(j.path("title").asText(), 1, Integer::sum));
            if (jobs.path("content").size() < 100) {
                break;
            }
        }
        for (String key : keys) {
            assertEquals("jobs created for " + key, Integer.valueOf(1), titles.get(key));
        }
        JsonNode page = JSON.readTree(send("GET", "/connections", apiKey, null).body());
        assertEquals(2, page.path("totalFound").asInt());
        // every order survived and completes once: the host delivers open orders again after a restart
        awaitTrue(() -> orders.stream().allMatch(o -> orderStatus(apiKey, o).equals("COMPLETED")));
        for (String o : orders) {
            JsonNode order = JSON.readTree(send("GET", "/assessments/" + o, apiKey, null).body());
            long completed = 0;
            for (JsonNode e : order.path("history")) {
                completed += e.path("to").asText().equals("COMPLETED") ? 1 : 0;
            }
            assertEquals(order.toString(), 1, completed);
        }
        assertEquals(5, JSON.readTree(send("GET", "/assessments", apiKey, null).body()).path("totalFound").asInt());

        // a normal stop and start as well
        Commands.run(null, karaf.home.resolve("bin/stop").toString());
        assertTrue("Karaf stopped", karaf.awaitExit(60));
        start();
        awaitStatus("/integrations/openboard", apiKey, 200);
        assertEquals("ACTIVE", field("/connections/" + id, apiKey, "status"));
    }

    // ------------------------------------------------------------------------------------------

    private void unpack() throws Exception {
        karaf = new KarafProcess("durability");
        // a burst of a thousand creations and their retries is not what this test is about
        karaf.set("etc/org.hiremarket.api.cfg", "rate.limit.per.second", 0);
        // the demo vendor completes orders 5 s after taking them: long enough to die in between
        Files.writeString(karaf.home.resolve("etc/org.hiremarket.plugin.skillcheck.cfg"), "completion.delay.ms = 5000\n");
    }

    private void start() throws IOException {
        karaf.start();
    }

    /** SIGKILL to the Karaf JVM and its launcher script: no shutdown hook runs. */
    private void killJvm() throws Exception {
        if (karaf != null) {
            karaf.kill();
        }
    }

    private String console(String password, String command) throws Exception {
        return karaf.console("itest", password, command);
    }

    private String connectOpenBoard(String apiKey) throws Exception {
        JsonNode started = JSON.readTree(send("POST", "/connections", apiKey, "{\"integrationId\":\"openboard\"}").body());
        String id = started.path("id").asText();
        List<String> scopes = new ArrayList<>();
        started.path("requestedScopes").forEach(s -> scopes.add(s.path("id").asText()));
        send("POST", "/connections/" + id + "/authorize", apiKey, JSON.writeValueAsString(java.util.Map.of("scopes", scopes)));
        HttpResponse<String> r = send("POST", "/connections/" + id + "/account", apiKey,
                Credentials.openBoardFields("durable-board"));
        assertEquals(r.body(), 200, r.statusCode());
        return id;
    }

    private String connectSkillCheck(String apiKey) throws Exception {
        JsonNode started = JSON.readTree(send("POST", "/connections", apiKey, "{\"integrationId\":\"skillcheck\"}").body());
        String id = started.path("id").asText();
        List<String> scopes = new ArrayList<>();
        started.path("requestedScopes").forEach(s -> scopes.add(s.path("id").asText()));
        send("POST", "/connections/" + id + "/authorize", apiKey, JSON.writeValueAsString(java.util.Map.of("scopes", scopes)));
        HttpResponse<String> r = send("POST", "/connections/" + id + "/account", apiKey, "{\"fields\":{\"accountId\":"
                + "\"SC-123456\",\"apiKey\":\"sk_live_123456_AbCdEfGh12345678\"},\"reverseScopes\":[\"vendor.catalog.read\"]}");
        assertEquals(r.body(), "ACTIVE", JSON.readTree(r.body()).path("status").asText());
        return id;
    }

    private String placeOrder(String apiKey, String connectionId, String email) throws Exception {
        if (jobId == null) {
            jobId = JSON.readTree(send("POST", "/jobs", apiKey, jobBody("Analyst")).body()).path("id").asText();
        }
        HttpResponse<String> app = send("POST", "/jobs/" + jobId + "/applications", apiKey,
                "{\"candidate\": {\"firstName\": \"Dur\", \"lastName\": \"Able\", \"email\": \"" + email + "\"}}");
        assertEquals(app.body(), 201, app.statusCode());
        HttpResponse<String> o = send("POST", "/applications/" + JSON.readTree(app.body()).path("id").asText()
                + "/assessments", apiKey, "{\"connectionId\":\"" + connectionId + "\",\"packageId\":\"cognitive\"}");
        assertEquals(o.body(), 201, o.statusCode());
        return JSON.readTree(o.body()).path("id").asText();
    }

    private String orderStatus(String apiKey, String orderId) {
        try {
            return field("/assessments/" + orderId, apiKey, "status");
        } catch (Exception e) {
            return "";
        }
    }

    private static String jobBody(String title) {
        return "{\"title\": \"" + title + "\", \"location\": {\"countryCode\": \"DE\", \"city\": \"Berlin\"},"
                + " \"industry\": {\"id\": \"computer_software\"}, \"function\": {\"id\": \"engineering\"},"
                + " \"experienceLevel\": {\"id\": \"entry_level\"}}";
    }

    private HttpResponse<String> send(String method, String path, String apiKey, String body, String... headers)
            throws Exception {
        return karaf.send(method, path, apiKey, body, headers);
    }

    private String field(String path, String apiKey, String name) throws Exception {
        return JSON.readTree(send("GET", path, apiKey, null).body()).path(name).asText();
    }

    private void awaitStatus(String path, String apiKey, int expected) {
        awaitTrue(() -> send("GET", path, apiKey, null).statusCode() == expected);
    }

    private static void awaitTrue(KarafProcess.Check check) {
        KarafProcess.awaitTrue(check);
    }
}
