package org.hiremarket.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * Dropping a plugin jar into {@code deploy/}, updating it and deleting it take effect live: the
 * integration appears, its connections become UNAVAILABLE when it goes and ACTIVE when it is back.
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
                () -> console("marketplace:integrations --no-format").contains("openboard"));
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
}
