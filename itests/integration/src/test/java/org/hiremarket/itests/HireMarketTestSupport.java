package org.hiremarket.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.configureConsole;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.karafDistributionConfiguration;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.logLevel;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.PrivilegedExceptionAction;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.inject.Inject;
import javax.security.auth.Subject;

import org.apache.karaf.jaas.boot.principal.RolePrincipal;
import org.apache.karaf.jaas.boot.principal.UserPrincipal;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.api.console.SessionFactory;
import org.junit.After;
import org.junit.Before;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.karaf.options.LogLevelOption.LogLevel;
import org.osgi.framework.BundleContext;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Boots the real distribution once per test class and gives tests HTTP, console and polling
 * helpers. Ports are picked free in the test driver and handed to the container.
 */
public abstract class HireMarketTestSupport {

    protected static final ObjectMapper JSON = new ObjectMapper();
    protected static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    protected BundleContext bundleContext;

    @Inject
    protected SessionFactory sessionFactory;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** Pax Exam injects as soon as the shell is up; wait until the boot features have started too. */
    @Before
    public void awaitHireMarketReady() {
        await("HireMarket REST API and console", Duration.ofSeconds(120), () -> {
            try {
                return get("/integrations", null).status() == 401 && console("marketplace:companies").contains("Name");
            } catch (Exception notYet) {
                return false;
            }
        });
        ContractCheck.drain(); // waiting is not part of the test (404s until the API is published)
    }

    /** The API's OpenAPI document, as this container serves it (read once). */
    private static JsonNode openApi;

    /**
     * Every answer this test's calls got is one the OpenAPI document describes: a documented status
     * and, for a JSON success, every field the documented schema requires ({@link ContractCheck}).
     */
    @After
    public void answersMatchTheOpenApiDocument() throws Exception {
        List<ContractCheck.Call> calls = ContractCheck.drain();
        if (calls.isEmpty()) {
            return;
        }
        if (openApi == null) {
            HttpResponse<String> doc = http.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/openapi.json"))
                    .timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
            if (doc.statusCode() != 200) {
                // a test that stopped the API (the database, the REST bundle) has nothing to compare
                return;
            }
            openApi = JSON.readTree(doc.body());
        }
        List<String> violations = ContractCheck.violations(openApi, calls);
        assertTrue("answers the OpenAPI document does not describe:\n  " + String.join("\n  ", violations),
                violations.isEmpty());
    }

    @Configuration
    public Option[] config() {
        String distribution = requiredProperty("hiremarket.distribution");
        List<Option> options = new ArrayList<>(Arrays.asList(
                karafDistributionConfiguration().frameworkUrl(new File(distribution).toURI().toString())
                        .name("HireMarket").unpackDirectory(new File(requiredProperty("hiremarket.exam.dir")))
                        .useDeployFolder(false),
                configureConsole().ignoreLocalConsole(),
                logLevel(LogLevel.INFO),
                editConfigurationFilePut("etc/org.ops4j.pax.web.cfg", "org.osgi.service.http.port",
                        String.valueOf(httpPortFor())),
                editConfigurationFilePut("etc/org.apache.karaf.shell.cfg", "sshPort", String.valueOf(freePort())),
                editConfigurationFilePut("etc/org.apache.karaf.management.cfg", "rmiRegistryPort",
                        String.valueOf(freePort())),
                editConfigurationFilePut("etc/org.apache.karaf.management.cfg", "rmiServerPort",
                        String.valueOf(freePort())),
                systemProperty("hiremarket.test.http.port").value(String.valueOf(httpPortFor())),
                // Pax Exam installs its own bundles into the booting container, and the deployer then
                // restarts bundles; the boot class preloader (a boot-speed hint only) loading classes
                // at the same moment made pax-jdbc-derby's start fail now and then ("javax.naming.
                // Referenceable not found by derby"), leaving a container without a database
                systemProperty("hiremarket.preload.enabled").value("false"),
                systemProperty("hiremarket.faulty.plugin").value(requiredProperty("hiremarket.faulty.plugin")),
                systemProperty("hiremarket.openboard.plugin").value(requiredProperty("hiremarket.openboard.plugin")),
                systemProperty("hiremarket.openapi.out").value(System.getProperty("hiremarket.openapi.out", ""))));
        options.addAll(Arrays.asList(extraOptions()));
        return options.toArray(new Option[0]);
    }

    /** Options a test class adds, for example a shorter plugin timeout. */
    protected Option[] extraOptions() {
        return new Option[0];
    }

    private static Integer httpPort;

    private static synchronized int httpPortFor() {
        if (httpPort == null) {
            httpPort = freePort();
        }
        return httpPort;
    }

    protected static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    protected static String requiredProperty(String name) {
        String v = System.getProperty(name);
        if (v == null) {
            throw new IllegalStateException("system property " + name + " is not set (run the tests through Maven)");
        }
        return v;
    }

    // ---------------------------------------------------------------- console

    /** Runs a console command as an admin and returns what it printed. */
    protected String console(String command) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream ps = new PrintStream(out, true, StandardCharsets.UTF_8);
        Subject subject = new Subject();
        subject.getPrincipals().add(new UserPrincipal("itest"));
        subject.getPrincipals().add(new RolePrincipal("admin"));
        subject.getPrincipals().add(new RolePrincipal("manager"));
        subject.getPrincipals().add(new RolePrincipal("viewer"));
        subject.getPrincipals().add(new RolePrincipal("systembundles"));
        Object result = Subject.doAs(subject, (PrivilegedExceptionAction<Object>) () -> {
            try (Session session = sessionFactory.create(System.in, ps, ps)) {
                session.put("APPLICATION", System.getProperty("karaf.name", "root"));
                session.put("USER", "itest");
                return session.execute(command);
            }
        });
        ps.flush();
        String printed = out.toString(StandardCharsets.UTF_8);
        return result == null ? printed : printed + result;
    }

    /** The columns of {@code marketplace:integrations}; without formatting it prints tab-separated rows only. */
    private static final java.util.List<String> INTEGRATION_COLUMNS = java.util.List.of("ID", "Name", "Kind", "Vendor",
            "Bundle", "State", "Active", "Connections", "Health", "Circuit", "Calls/failed", "Partner", "Offer");
    /** The columns of {@code marketplace:orders}. */
    protected static final java.util.List<String> ORDER_COLUMNS = java.util.List.of("ID", "Company", "Integration",
            "Package", "Status", "Attempts", "Placed", "Updated", "Last error");
    /** The columns of {@code marketplace:connections}. */
    protected static final java.util.List<String> CONNECTION_COLUMNS = java.util.List.of("ID", "Company", "Integration",
            "Status", "Stored status", "Detail", "Updated");

    /**
     * The rows a console command prints with {@code --no-format} (tab-separated, no header), each by
     * column name; rows of another width (other output) are left out.
     */
    protected java.util.List<java.util.Map<String, String>> consoleRows(String command, java.util.List<String> columns)
            throws Exception {
        java.util.List<java.util.Map<String, String>> rows = new java.util.ArrayList<>();
        for (String line : console(command).lines().toList()) {
            String[] cells = line.split("\t", -1);
            if (cells.length == columns.size()) {
                java.util.Map<String, String> row = new java.util.LinkedHashMap<>();
                for (int i = 0; i < cells.length; i++) {
                    row.put(columns.get(i), cells[i].trim());
                }
                rows.add(row);
            }
        }
        return rows;
    }

    /** The row of one id in a console table ({@code null} when it is not listed). */
    protected java.util.Map<String, String> consoleRow(String command, java.util.List<String> columns, String id)
            throws Exception {
        return consoleRows(command, columns).stream().filter(r -> r.get("ID").equals(id)).findFirst().orElse(null);
    }

    /** The row of {@code marketplace:integrations --no-format} for one integration id; {@code null} when not listed. */
    protected java.util.Map<String, String> integrationRow(String id) throws Exception {
        return consoleRow("marketplace:integrations --no-format", INTEGRATION_COLUMNS, id);
    }

    /** A company created through the console, with its API key. */
    protected record TestCompany(String id, String name, String apiKey) {
    }

    protected TestCompany createCompany(String name) throws Exception {
        String out = console("marketplace:company-create \"" + name + "\"");
        Matcher id = Pattern.compile("Company id: (\\S+)").matcher(out);
        Matcher key = Pattern.compile("API key: (hm_\\S+)").matcher(out);
        assertTrue("company-create printed: " + out, id.find() && key.find());
        return new TestCompany(id.group(1), name, key.group(1));
    }

    // ---------------------------------------------------------------- HTTP

    /** A response with its body parsed when it is JSON. */
    protected record Reply(int status, String contentType, String wwwAuthenticate, String location, String body) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }
    }

    protected String baseUrl() {
        return "http://127.0.0.1:" + System.getProperty("hiremarket.test.http.port") + "/api/v1";
    }

    protected Reply get(String path, String apiKey) throws Exception {
        return send("GET", path, apiKey, null);
    }

    protected Reply post(String path, String apiKey, String jsonBody) throws Exception {
        return send("POST", path, apiKey, jsonBody);
    }

    protected Reply send(String method, String path, String apiKey, String jsonBody) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl() + path)).timeout(Duration.ofSeconds(60))
                .header("Accept", "application/json");
        if (apiKey != null) {
            b.header("X-SmartToken", apiKey);
        }
        if (jsonBody != null) {
            b.header("Content-Type", "application/json");
            b.method(method, HttpRequest.BodyPublishers.ofString(jsonBody));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        ContractCheck.record(method, path, r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body());
        return new Reply(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""),
                r.headers().firstValue("WWW-Authenticate").orElse(null),
                r.headers().firstValue("Location").orElse(null), r.body());
    }

    protected void assertStatus(int expected, Reply r) {
        assertEquals("HTTP status; body: " + r.body(), expected, r.status());
    }

    protected void assertProblem(int expected, String typeSlug, Reply r) {
        assertStatus(expected, r);
        assertTrue("problem+json expected, got " + r.contentType(), r.contentType().startsWith("application/problem+json"));
        JsonNode p = r.json();
        assertEquals("urn:hiremarket:problem:" + typeSlug, p.path("type").asText());
        assertEquals(expected, p.path("status").asInt());
        assertTrue("a problem has a detail", p.path("detail").asText().length() > 0);
    }

    // ---------------------------------------------------------------- mail

    /** The mails the host wrote to its outbox ({@code data/mail/outbox}, no SMTP in the tests) for {@code email}. */
    protected static java.util.List<String> mailsTo(String email) throws IOException {
        java.util.List<String> out = new java.util.ArrayList<>();
        java.nio.file.Path outbox = java.nio.file.Path.of(System.getProperty("karaf.data"), "mail", "outbox");
        if (java.nio.file.Files.isDirectory(outbox)) {
            try (java.nio.file.DirectoryStream<java.nio.file.Path> files = java.nio.file.Files.newDirectoryStream(outbox,
                    "*.eml")) {
                for (java.nio.file.Path f : files) {
                    String mail = java.nio.file.Files.readString(f, java.nio.charset.StandardCharsets.UTF_8);
                    if (mail.contains("To: " + email)) {
                        out.add(mail);
                    }
                }
            }
        }
        return out;
    }

    /** Every value of {@code pattern}'s first group in the mails to {@code email} (tokens, say). */
    protected static java.util.List<String> tokensIn(String email, Pattern pattern) throws IOException {
        java.util.List<String> out = new java.util.ArrayList<>();
        for (String mail : mailsTo(email)) {
            Matcher m = pattern.matcher(mail);
            while (m.find()) {
                out.add(m.group(1));
            }
        }
        return out;
    }

    // ---------------------------------------------------------------- waiting

    /** Polls {@code condition} every 50 ms until it holds or {@code timeout} passes. */
    protected static void await(String what, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return;
            }
            java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
        }
        fail("timed out after " + timeout + " waiting for " + what);
    }

    /** {@link #await} for conditions that call the API. */
    protected interface Check {
        boolean holds() throws Exception;
    }

    protected static void awaitTrue(String what, Check check) {
        await(what, WAIT, () -> {
            try {
                return check.holds();
            } catch (Exception e) {
                return false;
            }
        });
    }

    // ---------------------------------------------------------------- flows

    /**
     * Changes a plugin's configuration through the console and waits until its component runs with
     * it: Declarative Services applies it asynchronously, then shows it in the component's service
     * properties. Once, in a full run, a change had not arrived after 30 s (cause not found; the
     * etc/ file watcher reapplying an older copy of the .cfg file is the likely one), so a change
     * that has not arrived after 10 s is made again, 3 times at most.
     */
    protected void configureComponent(String pid, String componentName, String key, String value) throws Exception {
        String filter = "(component.name=" + componentName + ")";
        for (int attempt = 1; ; attempt++) {
            console("config:property-set -p " + pid + " " + key + " " + value);
            long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
            while (System.nanoTime() < deadline) {
                org.osgi.framework.ServiceReference<?>[] refs = bundleContext.getServiceReferences((String) null, filter);
                if (refs != null && java.util.Arrays.stream(refs)
                        .anyMatch(r -> value.equals(String.valueOf(r.getProperty(key))))) {
                    return;
                }
                java.util.concurrent.locks.LockSupport.parkNanos(java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(50));
            }
            if (attempt == 3) {
                fail(componentName + " does not run with " + key + " = " + value + " after 3 attempts; the"
                        + " configuration: " + console("config:property-list -p " + pid));
            }
        }
    }

    /** Installs a plugin feature through the console and offers it on the marketplace. */
    protected void installAndActivate(String feature, String integrationId) throws Exception {
        console("feature:install " + feature);
        awaitTrue(integrationId + " deployed",
                () -> integrationRow(integrationId) != null);
        String out = console("marketplace:activate " + integrationId);
        assertTrue(out, out.contains("is now offered"));
    }

    protected String status(String apiKey, String connectionId) throws Exception {
        return get("/connections/" + connectionId, apiKey).json().path("status").asText();
    }

    /** Starts a connection and authorizes every scope the integration asks for. */
    protected String startAndAuthorize(String apiKey, String integrationId) throws Exception {
        Reply started = post("/connections", apiKey, "{\"integrationId\":\"" + integrationId + "\"}");
        assertStatus(201, started);
        JsonNode c = started.json();
        assertEquals("SCOPE_REVIEW", c.path("status").asText());
        List<String> scopes = new ArrayList<>();
        c.path("requestedScopes").forEach(s -> scopes.add(s.path("id").asText()));
        assertTrue("an integration asks for scopes", !scopes.isEmpty());
        Reply authorized = post("/connections/" + c.path("id").asText() + "/authorize", apiKey,
                JSON.writeValueAsString(java.util.Map.of("scopes", scopes)));
        assertStatus(200, authorized);
        assertEquals("AWAITING_ACCOUNT", authorized.json().path("status").asText());
        return c.path("id").asText();
    }
}
