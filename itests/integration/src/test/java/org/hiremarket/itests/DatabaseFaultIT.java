package org.hiremarket.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Driver;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.ops4j.pax.exam.Option;
import org.osgi.framework.Bundle;

/**
 * A database fault inside the running distribution, without a restart: Derby shuts the database
 * (or its whole engine) down, as it does after a storage error. Calls that need the database are
 * answered 503 {@code database-unavailable} at once while the storage is broken, the readiness
 * check says not ready while {@code /ping} (liveness) stays 200, and once the storage is back the
 * API recovers by itself: the data is all there. Also the storage quotas that keep one company
 * from filling the disk (what made Derby stop in the first place), here set low.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class DatabaseFaultIT extends HireMarketTestSupport {

    private static final String CANDIDATE = "{\"firstName\": \"Fault\", \"lastName\": \"Tolerant\", \"email\": \"%s\"}";

    @Test
    public void storageFaultIsAnswered503AtOnceAndTheHostRecoversByItself() throws Exception {
        TestCompany company = createCompany("Fault " + UUID.randomUUID());
        String email = "fault-" + UUID.randomUUID() + "@example.com";
        Reply created = post("/candidates", company.apiKey(), String.format(CANDIDATE, email));
        assertStatus(201, created);
        String id = created.json().path("id").asText();
        assertReady();

        // the storage breaks: the database cannot be booted again (its service.properties is gone,
        // root ignores file modes) and Derby shuts it down under the running host
        Path db = Path.of(System.getProperty("karaf.data"), "derby", "hiremarket");
        Path props = db.resolve("service.properties");
        Path away = db.resolve("service.properties.fault");
        Files.move(props, away);
        try {
            shutdown("jdbc:derby:" + db + ";shutdown=true", "08006");

            // every call that needs the database: 503 database-unavailable, well under the old 10 s
            for (int i = 0; i < 5; i++) {
                long t0 = System.nanoTime();
                Reply r = get("/candidates/" + id, company.apiKey());
                long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
                assertProblem(503, "database-unavailable", r);
                assertTrue("answered after " + ms + " ms", ms < 3_000);
            }
            long t0 = System.nanoTime();
            Reply write = post("/candidates", company.apiKey(), String.format(CANDIDATE, "x" + email));
            assertProblem(503, "database-unavailable", write);
            assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0) < 3_000);

            Reply ready = get("/ready", null);
            assertProblem(503, "database-unavailable", ready);
            assertStatus(200, get("/ping", null));
            assertFalse("nothing was created meanwhile", Files.exists(props));
        } finally {
            // the storage is back
            Files.move(away, props);
        }

        // recovers without a restart, within a bounded time, with its data
        await("the API answers again", Duration.ofSeconds(30), () -> httpStatus("/candidates/" + id, company.apiKey()) == 200);
        assertEquals(email, get("/candidates/" + id, company.apiKey()).json().path("email").asText());
        assertReady();
        assertStatus(201, post("/candidates", company.apiKey(), String.format(CANDIDATE, "after-" + email)));
    }

    @Test
    public void engineShutdownIsRecoveredWithoutARestart() throws Exception {
        TestCompany company = createCompany("Engine " + UUID.randomUUID());
        String email = "engine-" + UUID.randomUUID() + "@example.com";
        Reply created = post("/candidates", company.apiKey(), String.format(CANDIDATE, email));
        assertStatus(201, created);
        String id = created.json().path("id").asText();

        // the whole Derby engine stops (the storage is fine)
        shutdown("jdbc:derby:;shutdown=true", "XJ015");

        // at most a short blip of 503s (never a 500, never a 10 s wait), then the API works again
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (true) {
            long t0 = System.nanoTime();
            Reply r = get("/candidates/" + id, company.apiKey());
            long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
            assertTrue("answered after " + ms + " ms", ms < 3_000);
            if (r.status() == 200) {
                assertEquals(email, r.json().path("email").asText());
                break;
            }
            assertProblem(503, "database-unavailable", r);
            if (System.nanoTime() > deadline) {
                fail("the API did not recover within 15 s");
            }
            java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
        }
        assertReady();
        assertStatus(201, post("/candidates", company.apiKey(), String.format(CANDIDATE, "after-" + email)));
    }

    @Test
    public void derbyLogIsRotatedAndBounded() throws Exception {
        Path logs = Path.of(System.getProperty("karaf.data"), "log");
        assertTrue("Derby logs into a rolling file: " + java.util.Arrays.toString(logs.toFile().list()),
                Files.exists(logs.resolve("derby-0.log")));
        assertFalse("no unbounded derby.log", Files.exists(logs.resolve("derby.log")));
        assertEquals("4", System.getProperty("derby.stream.error.rollingFile.count"));
        assertEquals("1048576", System.getProperty("derby.stream.error.rollingFile.limit"));
    }

    @Override
    protected Option[] extraOptions() {
        return new Option[] {
            editConfigurationFilePut("etc/org.hiremarket.storage.cfg", "attachments.per.candidate", "3"),
            editConfigurationFilePut("etc/org.hiremarket.storage.cfg", "storage.per.company.mb", "1") };
    }

    @Test
    public void attachmentsBeyondTheQuotasAreRefused() throws Exception {
        TestCompany company = createCompany("Quota " + UUID.randomUUID());
        String first = post("/candidates", company.apiKey(), String.format(CANDIDATE, "q1-" + UUID.randomUUID()
                + "@example.com")).json().path("id").asText();
        String second = post("/candidates", company.apiKey(), String.format(CANDIDATE, "q2-" + UUID.randomUUID()
                + "@example.com")).json().path("id").asText();
        for (int i = 0; i < 3; i++) {
            assertStatus(201, post("/candidates/" + first + "/attachments", company.apiKey(), file("small" + i + ".txt", 1000)));
        }
        Reply tooMany = post("/candidates/" + first + "/attachments", company.apiKey(), file("small3.txt", 1000));
        assertProblem(409, "quota-exceeded", tooMany);
        assertTrue(tooMany.body(), tooMany.json().path("detail").asText().contains("at most 3 attachments"));
        assertEquals(3, get("/candidates/" + first + "/attachments", company.apiKey()).json().size());

        // 1 MiB per company: one file of 690 KiB fits, a second one does not
        assertStatus(201, post("/candidates/" + second + "/attachments", company.apiKey(), file("cv.txt", 690 * 1024)));
        Reply full = post("/candidates/" + second + "/attachments", company.apiKey(), file("cv2.txt", 690 * 1024));
        assertProblem(409, "quota-exceeded", full);
        assertTrue(full.body(), full.json().path("detail").asText().contains("storage.per.company.mb"));
        assertEquals(1, get("/candidates/" + second + "/attachments", company.apiKey()).json().size());
    }

    private static String file(String name, int bytes) {
        return "{\"name\": \"" + name + "\", \"contentType\": \"text/plain\", \"content\": \""
                + java.util.Base64.getEncoder().encodeToString("x".repeat(bytes).getBytes(java.nio.charset.StandardCharsets.UTF_8))
                + "\"}";
    }

    @Test
    public void readinessIsPublicAndSaysReady() throws Exception {
        assertReady();
        assertStatus(200, get("/ping", null));
    }

    // ------------------------------------------------------------------------------------------

    private void assertReady() throws Exception {
        Reply ready = get("/ready", null);
        assertStatus(200, ready);
        assertEquals("ready", ready.json().path("status").asText());
    }

    private int httpStatus(String path, String apiKey) {
        try {
            return get(path, apiKey).status();
        } catch (Exception e) {
            return -1;
        }
    }

    /** Shuts a Derby database or the engine down from inside the container, through Derby's own driver. */
    private void shutdown(String url, String expectedState) throws Exception {
        Bundle derby = null;
        for (Bundle b : bundleContext.getBundles()) {
            if (b.getSymbolicName() != null && b.getSymbolicName().equals("derby")) {
                derby = b;
            }
        }
        assertNotNull("the derby bundle", derby);
        Driver driver = (Driver) derby.loadClass("org.apache.derby.jdbc.EmbeddedDriver").getConstructor().newInstance();
        try {
            driver.connect(url, new Properties()).close();
            fail("Derby answers a shutdown with an exception");
        } catch (SQLException expected) {
            assertEquals(expected.getMessage(), expectedState, expected.getSQLState());
        }
    }
}
