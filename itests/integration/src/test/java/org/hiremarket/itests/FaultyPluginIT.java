package org.hiremarket.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import java.io.File;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * A plugin that throws and one that hangs (test bundles built in the reactor) end their
 * connections FAILED with a reason, within the configured time limit, while the host keeps
 * answering.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class FaultyPluginIT extends HireMarketTestSupport {

    private static final long TIMEOUT_MS = 2000;

    @Override
    protected Option[] extraOptions() {
        return new Option[] { editConfigurationFilePut("etc/org.hiremarket.marketplace.cfg", "plugin.call.timeout.ms",
                String.valueOf(TIMEOUT_MS)) };
    }

    @Before
    public void faultyPluginIsDeployed() throws Exception {
        if (integrationRow("faulty-throws") == null) {
            String jar = new File(System.getProperty("hiremarket.faulty.plugin")).toURI().toString();
            console("bundle:install -s " + jar);
            awaitTrue("faulty integrations deployed", () -> {
                String out = console("marketplace:integrations --no-format");
                return out.contains("faulty-throws") && out.contains("faulty-hangs");
            });
            console("marketplace:activate faulty-throws");
            console("marketplace:activate faulty-hangs");
        }
    }

    @Test
    public void pluginThatThrowsEndsFailedWithReason() throws Exception {
        TestCompany co = createCompany("Throws victim");
        String id = startAndAuthorize(co.apiKey(), "faulty-throws");
        Reply r = post("/connections/" + id + "/account", co.apiKey(), "{\"fields\":{\"boardId\":\"b1\"}}");
        assertStatus(200, r);
        assertEquals("FAILED", r.json().path("status").asText());
        assertEquals("PLUGIN_ERROR", r.json().path("statusDetail").asText());
        // the customer gets a plain sentence and a reference, never the plugin's exception
        String description = r.json().path("statusDescription").asText();
        assertFalse(r.body(), r.body().contains("simulated bug") || r.body().contains("IllegalStateException"));
        java.util.regex.Matcher ref = java.util.regex.Pattern.compile("reference ([0-9a-f-]{36})").matcher(description);
        assertTrue(description, ref.find());
        // the platform admin finds the detail under that reference in the log, and in the console
        java.nio.file.Path log = java.nio.file.Path.of(System.getProperty("karaf.log",
                System.getProperty("karaf.data") + "/log"), "karaf.log");
        awaitTrue("the reference in the log", () -> java.nio.file.Files.readAllLines(log).stream()
                .anyMatch(l -> l.contains(ref.group(1)) && l.contains("faulty-throws")));
        assertTrue(java.nio.file.Files.readString(log).contains("simulated bug in the vendor plugin"));
        assertTrue(console("marketplace:integrations -v --no-format").contains("simulated bug in the vendor plugin"));
        assertStatus(200, get("/integrations", co.apiKey()));
    }

    @Test
    public void pluginThatHangsEndsFailedWithinTheTimeoutWhileTheHostAnswers() throws Exception {
        TestCompany co = createCompany("Hang victim");
        String id = startAndAuthorize(co.apiKey(), "faulty-hangs");
        long start = System.nanoTime();
        CompletableFuture<Reply> submit = CompletableFuture.supplyAsync(() -> {
            try {
                return post("/connections/" + id + "/account", co.apiKey(), "{\"fields\":{\"boardId\":\"b1\"}}");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        // while the plugin hangs, the host answers other requests promptly
        awaitTrue("connection VALIDATING", () -> "VALIDATING".equals(status(co.apiKey(), id)));
        long t0 = System.nanoTime();
        assertStatus(200, get("/integrations", co.apiKey()));
        assertTrue("the host answered while a plugin hangs",
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0) < TIMEOUT_MS);

        Reply r = submit.get(TIMEOUT_MS + 20_000, TimeUnit.MILLISECONDS);
        long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertStatus(200, r);
        assertEquals("FAILED", r.json().path("status").asText());
        assertEquals("PLUGIN_TIMEOUT", r.json().path("statusDetail").asText());
        assertTrue("failed within the time limit (took " + tookMs + " ms)", tookMs < TIMEOUT_MS + 5000);

        // the stuck call does not affect another vendor's connections
        TestCompany other = createCompany("Unaffected");
        String otherId = startAndAuthorize(other.apiKey(), "faulty-throws");
        assertEquals("AWAITING_ACCOUNT", status(other.apiKey(), otherId));
    }
}
