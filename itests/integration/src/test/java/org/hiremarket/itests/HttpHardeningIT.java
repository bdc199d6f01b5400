package org.hiremarket.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The HTTP edge of issue #25: failed authentications limited per client address (Medium), and the
 * Low findings — no WADL without credentials, {@code Cache-Control: no-store}, {@code Location} never
 * taken from the {@code Host} header, problem documents for errors, no forged lines in the log. Raw
 * sockets are used where a header must be set that Java's HTTP client refuses ({@code Host}) or a
 * distinct loopback source address is needed.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class HttpHardeningIT extends HireMarketTestSupport {

    /** A raw HTTP/1.1 answer. */
    record Raw(int status, Map<String, String> headers, String body) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        JsonNode json() throws IOException {
            return JSON.readTree(body);
        }
    }

    private Raw raw(String source, String method, String path, Map<String, String> headers, String body)
            throws IOException {
        try (Socket s = new Socket()) {
            s.setSoTimeout(10_000);
            s.bind(new InetSocketAddress(source, 0));
            s.connect(new InetSocketAddress("127.0.0.1",
                    Integer.parseInt(System.getProperty("hiremarket.test.http.port"))), 5000);
            StringBuilder req = new StringBuilder(method + " " + path + " HTTP/1.1\r\n");
            Map<String, String> all = new LinkedHashMap<>();
            all.put("Host", "127.0.0.1");
            all.put("Accept", "application/json");
            all.putAll(headers);
            all.put("Connection", "close");
            byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
            if (body != null) {
                all.put("Content-Type", "application/json");
                all.put("Content-Length", String.valueOf(bytes.length));
            }
            all.forEach((k, v) -> req.append(k).append(": ").append(v).append("\r\n"));
            req.append("\r\n");
            s.getOutputStream().write(req.toString().getBytes(StandardCharsets.ISO_8859_1));
            s.getOutputStream().write(bytes);
            s.getOutputStream().flush();
            String answer = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int end = answer.indexOf("\r\n\r\n");
            String head = end < 0 ? answer : answer.substring(0, end);
            String rest = end < 0 ? "" : answer.substring(end + 4);
            String[] lines = head.split("\r\n");
            Map<String, String> h = new LinkedHashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                if (colon > 0) {
                    h.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                            lines[i].substring(colon + 1).trim());
                }
            }
            if ("chunked".equalsIgnoreCase(h.get("transfer-encoding"))) {
                rest = dechunk(rest);
            }
            return new Raw(Integer.parseInt(lines[0].substring(9, 12)), h, rest);
        }
    }

    private static String dechunk(String chunked) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < chunked.length()) {
            int eol = chunked.indexOf("\r\n", i);
            if (eol < 0) {
                break;
            }
            int size = Integer.parseInt(chunked.substring(i, eol).trim().split(";")[0], 16);
            if (size == 0) {
                break;
            }
            out.append(chunked, eol + 2, Math.min(chunked.length(), eol + 2 + size));
            i = eol + 2 + size + 2;
        }
        return out.toString();
    }

    private static void assertProblem(Raw r, int status, String slug) throws IOException {
        assertEquals("status; body: " + r.body(), status, r.status());
        assertTrue("problem+json expected, got " + r.header("Content-Type") + ": " + r.body(),
                String.valueOf(r.header("Content-Type")).startsWith("application/problem+json"));
        assertEquals("urn:hiremarket:problem:" + slug, r.json().path("type").asText());
    }

    // ---------------------------------------------------------------- failed authentication (Medium)

    @Test
    public void failedAuthenticationsFromOneAddressArePausedWith429() throws Exception {
        TestCompany acme = createCompany("Auth limit " + UUID.randomUUID());
        String attacker = "127.0.0.77";
        Raw limited = null;
        int failures = 0;
        // default: 100 failures in a burst, then 600 a minute
        for (int i = 0; i < 400 && limited == null; i++) {
            Raw r = raw(attacker, "GET", "/api/v1/jobs", Map.of("X-SmartToken", "hm_guess" + i), null);
            if (r.status() == 429) {
                limited = r;
            } else {
                assertProblem(r, 401, "unauthorized");
                failures++;
            }
        }
        assertNotNull("bad keys from one address are paused after a burst", limited);
        assertTrue("the burst allows a few typos first: " + failures, failures >= 20 && failures <= 200);
        assertProblem(limited, 429, "too-many-requests");
        assertTrue(Integer.parseInt(limited.header("Retry-After")) >= 1);
        // bearer tokens count too, and the pause is refused before any lookup (the budget refills at
        // 10 a second, so one guess may come through as a 401 before the pause answers again)
        Raw bearer = null;
        for (int i = 0; i < 20 && (bearer == null || bearer.status() != 429); i++) {
            bearer = raw(attacker, "GET", "/api/v1/jobs", Map.of("Authorization", "Bearer hma_guess" + i), null);
            if (bearer.status() != 429) {
                assertProblem(bearer, 401, "invalid-token");
            }
        }
        assertProblem(bearer, 429, "too-many-requests");
        // another address is not affected, and neither are public endpoints or valid keys from elsewhere
        assertProblem(raw("127.0.0.78", "GET", "/api/v1/jobs", Map.of("X-SmartToken", "hm_typo"), null), 401,
                "unauthorized");
        assertEquals(200, raw(attacker, "GET", "/api/v1/ping", Map.of(), null).status());
        assertEquals(200, raw("127.0.0.78", "GET", "/api/v1/jobs", Map.of("X-SmartToken", acme.apiKey()), null)
                .status());
        // no credential at all is a plain 401, never counted (health checks poll like that)
        assertProblem(raw("127.0.0.79", "GET", "/api/v1/jobs", Map.of(), null), 401, "unauthorized");
    }

    // ---------------------------------------------------------------- Low findings

    @Test
    public void wadlIsNotServed() throws Exception {
        TestCompany acme = createCompany("Wadl " + UUID.randomUUID());
        for (String path : new String[] {"/api/v1/users?_wadl", "/api/v1?_wadl", "/api/v1/?_wadl",
                "/api/v1/jobs?_wadl&_type=xml"}) {
            Raw anonymous = raw("127.0.0.1", "GET", path, Map.of(), null);
            assertFalse(path + " served a WADL: " + anonymous.body(), anonymous.body().contains("application"
                    + " xmlns") || anonymous.body().contains("wadl.dev.java.net"));
            assertProblem(anonymous, 404, "not-found");
            Raw withKey = raw("127.0.0.1", "GET", path, Map.of("X-SmartToken", acme.apiKey()), null);
            assertFalse(path + " served a WADL: " + withKey.body(), withKey.body().contains("wadl.dev.java.net"));
            assertProblem(withKey, 404, "not-found");
        }
    }

    @Test
    public void responsesAreNeverStoredByCaches() throws Exception {
        TestCompany acme = createCompany("Cache " + UUID.randomUUID());
        for (String path : new String[] {"/api/v1/users", "/api/v1/jobs", "/api/v1/candidates", "/api/v1/ping"}) {
            Raw r = raw("127.0.0.1", "GET", path, Map.of("X-SmartToken", acme.apiKey()), null);
            assertEquals(path + ": " + r.body(), 200, r.status());
            assertEquals(path, "no-store", r.header("Cache-Control"));
        }
        Raw unauthorized = raw("127.0.0.1", "GET", "/api/v1/users", Map.of(), null);
        assertEquals("no-store", unauthorized.header("Cache-Control"));
    }

    @Test
    public void locationNeverReflectsTheHostHeader() throws Exception {
        TestCompany acme = createCompany("Host " + UUID.randomUUID());
        Raw created = raw("127.0.0.1", "POST", "/api/v1/jobs",
                Map.of("Host", "evil.example:666", "X-SmartToken", acme.apiKey()),
                String.format(CustomerApiIT.SEED_JOB, "Host header check"));
        assertEquals(created.body(), 201, created.status());
        String location = created.header("Location");
        String expected = "http://127.0.0.1:" + System.getProperty("hiremarket.test.http.port") + "/api/v1/jobs/";
        assertTrue("Location from the local address, not Host: " + location, location.startsWith(expected));
        assertFalse(location.contains("evil"));
        // and it works
        assertEquals(200, raw("127.0.0.1", "GET", location.substring(location.indexOf("/api/")),
                Map.of("X-SmartToken", acme.apiKey()), null).status());
        // links built from the API's base (an application lives under /applications, not under its job)
        String jobPath = location.substring(location.indexOf("/api/"));
        Raw applied = raw("127.0.0.1", "POST", jobPath + "/applications",
                Map.of("Host", "evil.example:666", "X-SmartToken", acme.apiKey()),
                "{\"candidate\": {\"firstName\": \"Ada\", \"lastName\": \"Host\", \"email\": \"ada@host.example\"}}");
        assertEquals(applied.body(), 201, applied.status());
        String applicationLocation = applied.header("Location");
        assertTrue("Location from the local address, not Host: " + applicationLocation,
                applicationLocation.startsWith("http://127.0.0.1:" + System.getProperty("hiremarket.test.http.port")
                        + "/api/v1/applications/"));
    }

    @Test
    public void errorsJettyAnswersItselfAreProblemDocuments() throws Exception {
        // a path outside /api
        Raw outside = raw("127.0.0.1", "GET", "/nothing/here", Map.of(), null);
        assertProblem(outside, 404, "not-found");
        assertFalse(outside.body().contains("<html"));
        // a malformed percent-encoding in the URI
        Raw badUri = raw("127.0.0.1", "GET", "/api/v1/jobs/%zz", Map.of(), null);
        assertEquals(badUri.body(), 400, badUri.status());
        assertProblem(badUri, 400, "bad-request");
        // request headers over 8 KiB
        Raw tooLarge = raw("127.0.0.1", "GET", "/api/v1/ping", Map.of("X-Padding", "x".repeat(10_000)), null);
        assertProblem(tooLarge, 431, "headers-too-large");
        // not HTTP at all
        try (Socket s = new Socket("127.0.0.1", Integer.parseInt(System.getProperty("hiremarket.test.http.port")))) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write("GARBAGE / NONSENSE\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            String answer = new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            // Jetty reads the unknown version as a bad HTTP version: 505
            assertTrue(answer, answer.startsWith("HTTP/1.1 505") || answer.startsWith("HTTP/1.1 400"));
            assertTrue(answer, answer.contains("application/problem+json"));
            assertFalse(answer, answer.contains("<h1>"));
        }
    }

    @Test
    public void configurationChangesUnderLoadAnswer503NeverAnError() throws Exception {
        // an identity setting restarts the token service and with it every service and the API that
        // use it: requests in flight meanwhile are told to retry, none fails with a 500 or loses its answer
        TestCompany acme = createCompany("Republish " + UUID.randomUUID());
        AtomicBoolean running = new AtomicBoolean(true);
        ConcurrentHashMap<Integer, AtomicInteger> statuses =
                new ConcurrentHashMap<>();
        Queue<String> unexpected = new ConcurrentLinkedQueue<>();
        ExecutorService load = Executors.newFixedThreadPool(4);
        List<Future<?>> workers = new ArrayList<>();
        for (int w = 0; w < 4; w++) {
            boolean write = w % 2 == 0;
            workers.add(load.submit(() -> {
                while (running.get()) {
                    Reply r = write
                            ? post("/credentials/oauth-clients", acme.apiKey(),
                                    "{\"name\": \"load " + UUID.randomUUID() + "\", \"scopes\": [\"jobs_read\"]}")
                            : get("/jobs", acme.apiKey());
                    statuses.computeIfAbsent(r.status(), s -> new AtomicInteger())
                            .incrementAndGet();
                    boolean ok = r.status() == (write ? 201 : 200);
                    boolean retry = r.status() == 503 && r.body().contains("service-unavailable");
                    if (!ok && !retry) {
                        unexpected.add(r.status() + " " + r.body());
                    }
                }
                return null;
            }));
        }
        try {
            for (int i = 0; i < 4; i++) {
                console("config:property-set -p org.hiremarket.identity access.token.seconds " + (1800 + i));
                awaitTrue("republished after change " + i, () -> get("/jobs", acme.apiKey()).status() == 200);
            }
        } finally {
            console("config:property-delete -p org.hiremarket.identity access.token.seconds");
            running.set(false);
            for (Future<?> f : workers) {
                f.get(60, TimeUnit.SECONDS);
            }
            load.shutdown();
        }
        awaitTrue("republished after the last change", () -> get("/jobs", acme.apiKey()).status() == 200);
        assertTrue("answers other than success or 503 while the API was republished: " + unexpected + "; all: "
                + statuses, unexpected.isEmpty());
        assertTrue("the load ran through the changes: " + statuses, statuses.getOrDefault(201,
                new AtomicInteger()).get() > 0);
    }

    @Test
    public void anonymousInputCannotForgeLogLines() throws Exception {
        // a path with an encoded line break and a fake log line, to a resource that does not exist
        String marker = "FORGED" + UUID.randomUUID().toString().replace("-", "");
        String forged = "/api/v1/nothing%0D%0A2026-01-01T00:00:00,000%20%7C%20ERROR%20%7C%20" + marker;
        Raw r = raw("127.0.0.1", "GET", forged, Map.of(), null);
        assertTrue("answered: " + r.status(), r.status() == 404 || r.status() == 400);
        java.nio.file.Path log = java.nio.file.Path.of(System.getProperty("karaf.data"), "log", "karaf.log");
        String text = java.nio.file.Files.readString(log, StandardCharsets.UTF_8);
        for (String line : text.split("\n")) {
            if (line.contains(marker)) {
                assertFalse("a log line starts with the forged text: " + line, line.startsWith("2026-01-01"));
                assertFalse("request data logged at ERROR: " + line, line.contains("| ERROR |"));
            }
        }
    }
}
