package org.hiremarket.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * Dropping a plugin jar into {@code deploy/}, updating it and deleting it take effect live: the
 * integration appears, its connections become UNAVAILABLE when it goes and ACTIVE when it is back.
 * A vendor's KAR (features and bundle in one archive) installs and uninstalls from the console.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class HotDeployIT extends HireMarketTestSupport {

    @Test
    public void deployFolderInstallUpdateAndRemoval() throws Exception {
        Path deploy = Path.of(System.getProperty("karaf.base"), "deploy");
        Path jar = deploy.resolve("openboard.jar");
        Files.copy(Path.of(System.getProperty("hiremarket.openboard.plugin")), jar, StandardCopyOption.REPLACE_EXISTING);

        awaitTrue("openboard deployed from deploy/",
                () -> integrationRow("openboard") != null);
        console("marketplace:activate openboard");
        TestCompany co = createCompany("Hot deploy customer");
        awaitTrue("openboard offered", () -> get("/integrations/openboard", co.apiKey()).status() == 200);

        String id = startAndAuthorize(co.apiKey(), "openboard");
        Reply r = post("/connections/" + id + "/account", co.apiKey(), Credentials.openBoardFields("hot-board"));
        assertEquals(r.body(), "ACTIVE", r.json().path("status").asText());

        // bundle:update keeps the connection
        long bundleId = Arrays.stream(bundleContext.getBundles())
                .filter(b -> "org.hiremarket.plugin.openboard".equals(b.getSymbolicName())).findFirst()
                .orElseThrow().getBundleId();
        console("bundle:update " + bundleId);
        awaitTrue("ACTIVE after update", () -> "ACTIVE".equals(status(co.apiKey(), id)));

        Files.delete(jar);
        awaitTrue("UNAVAILABLE after the jar is deleted", () -> "UNAVAILABLE".equals(status(co.apiKey(), id)));
        // still offered by the admin: answered with what was last known of it, as unavailable
        Reply absent = get("/integrations/openboard", co.apiKey());
        assertEquals(200, absent.status());
        assertEquals("UNAVAILABLE", absent.json().path("status").asText());
        assertEquals("OpenBoard Jobs", absent.json().path("name").asText());

        Files.copy(Path.of(System.getProperty("hiremarket.openboard.plugin")), jar, StandardCopyOption.REPLACE_EXISTING);
        awaitTrue("ACTIVE when the jar is back", () -> "ACTIVE".equals(status(co.apiKey(), id)));
        Reply back = get("/integrations/openboard", co.apiKey());
        assertEquals("the admin's activation survives a redeploy", 200, back.status());
        assertEquals("AVAILABLE", back.json().path("status").asText());
    }

    @Test
    public void aVendorsKarInstallsAndUninstallsFromTheConsole() throws Exception {
        // a KAR as a vendor ships it: a features repository and the bundle it names, in Maven layout
        Path kar = Files.createTempDirectory("kar").resolve("faulty-connector-1.0.kar");
        try (OutputStream file = Files.newOutputStream(kar); ZipOutputStream zip = new ZipOutputStream(file)) {
            zip.putNextEntry(new ZipEntry("repository/com/example/vendor/faulty-connector/1.0/faulty-connector-1.0-features.xml"));
            zip.write(("<features name=\"faulty-connector-1.0\" xmlns=\"http://karaf.apache.org/xmlns/features/v1.6.0\">"
                    + "<feature name=\"faulty-connector\" version=\"1.0\" install=\"auto\">"
                    + "<bundle>mvn:com.example.vendor/faulty-connector/1.0</bundle></feature></features>")
                    .getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
            zip.putNextEntry(new ZipEntry("repository/com/example/vendor/faulty-connector/1.0/faulty-connector-1.0.jar"));
            Files.copy(Path.of(System.getProperty("hiremarket.faulty.plugin")), zip);
            zip.closeEntry();
        }
        console("kar:install " + kar.toUri());
        assertTrue(console("kar:list"), console("kar:list").contains("faulty-connector-1.0"));
        awaitTrue("the KAR's integrations deployed",
                () -> integrationRow("faulty-throws") != null);
        String activated = console("marketplace:activate faulty-assess");
        assertTrue(activated, activated.contains("is now offered"));
        TestCompany co = createCompany("KAR customer");
        awaitTrue("offered", () -> get("/integrations/faulty-assess", co.apiKey()).status() == 200);

        console("kar:uninstall faulty-connector-1.0");
        awaitTrue("the KAR's integrations gone with it",
                () -> integrationRow("faulty-throws") == null);
        assertTrue(Arrays.stream(bundleContext.getBundles())
                .noneMatch(b -> b.getLocation().contains("com.example.vendor/faulty-connector")));
        assertEquals("still offered by the admin, answered as unavailable", "UNAVAILABLE",
                get("/integrations/faulty-assess", co.apiKey()).json().path("status").asText());
    }
}
