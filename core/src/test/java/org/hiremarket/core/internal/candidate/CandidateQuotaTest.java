package org.hiremarket.core.internal.candidate;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.hiremarket.core.internal.candidate.CandidateViews.AttachmentIn;
import org.hiremarket.core.internal.candidate.CandidateViews.CandidateIn;
import org.hiremarket.core.internal.common.ApiException;
import org.hiremarket.core.internal.company.TestCompanies;
import org.hiremarket.core.internal.identity.Caller;
import org.hiremarket.core.internal.persistence.Database;
import org.hiremarket.core.internal.persistence.InMemoryUnit;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/** Storage quotas: attachments per candidate and bytes per company, enforced in the attaching transaction. */
public class CandidateQuotaTest {

    private InMemoryUnit unit;
    private Database db;
    private Caller acme;
    private Caller other;

    @Before
    public void setUp() {
        unit = new InMemoryUnit(true);
        db = unit.database();
        acme = company("acme");
        other = company("other");
    }

    @After
    public void tearDown() {
        unit.close();
    }

    @Test
    public void attachmentsPerCandidateAreBoundedAndNothingIsWrittenWhenRefused() {
        CandidateService service = new CandidateService(db, 3, 0);
        String id = candidate(service, acme, "a@example.com");
        for (int i = 0; i < 3; i++) {
            service.addAttachment(acme, id, file("cv" + i + ".txt", 100));
        }
        ApiException refused = refused(() -> service.addAttachment(acme, id, file("cv3.txt", 100)));
        assertTrue(refused.detail(), refused.detail().contains("at most 3 attachments"));
        assertTrue(refused.detail(), refused.detail().contains("attachments.per.candidate"));
        assertEquals("nothing written", 3, service.attachments(acme, id).size());
        // another candidate has its own count
        String second = candidate(service, acme, "b@example.com");
        service.addAttachment(acme, second, file("cv.txt", 100));
    }

    @Test
    public void storagePerCompanyIsBoundedAcrossCandidates() {
        CandidateService service = new CandidateService(db, 0, 1000);
        String first = candidate(service, acme, "a@example.com");
        String second = candidate(service, acme, "b@example.com");
        service.addAttachment(acme, first, file("a.txt", 400));
        service.addAttachment(acme, second, file("b.txt", 400));
        ApiException refused = refused(() -> service.addAttachment(acme, second, file("c.txt", 201)));
        assertTrue(refused.detail(), refused.detail().contains("storage.per.company.mb"));
        assertEquals("nothing written", 1, service.attachments(acme, second).size());
        // what still fits is taken
        service.addAttachment(acme, first, file("d.txt", 200));
        // another company's storage is its own
        String theirs = candidate(service, other, "a@example.com");
        service.addAttachment(other, theirs, file("e.txt", 900));
    }

    @Test
    public void concurrentAttachesCannotPassTheLimitTogether() throws Exception {
        CandidateService service = new CandidateService(db, 3, 0);
        String id = candidate(service, acme, "race@example.com");
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                String name = "f" + i + ".txt";
                Callable<Boolean> attach = () -> {
                    start.await();
                    try {
                        service.addAttachment(acme, id, file(name, 50));
                        return true;
                    } catch (ApiException e) {
                        assertEquals("quota-exceeded", e.type());
                        return false;
                    }
                };
                results.add(pool.submit(attach));
            }
            start.countDown();
            int accepted = 0;
            for (Future<Boolean> f : results) {
                accepted += f.get(60, TimeUnit.SECONDS) ? 1 : 0;
            }
            assertEquals(3, accepted);
            assertEquals(3, service.attachments(acme, id).size());
        } finally {
            pool.shutdownNow();
        }
    }

    // ------------------------------------------------------------------------------------------

    private Caller company(String name) {
        return TestCompanies.create(db, name);
    }

    private static String candidate(CandidateService service, Caller caller, String email) {
        return service.create(caller, new CandidateIn("Ada", "Lovelace", email, null, null, null, null)).id();
    }

    private static AttachmentIn file(String name, int bytes) {
        byte[] text = "x".repeat(bytes).getBytes(StandardCharsets.UTF_8);
        return new AttachmentIn(name, "text/plain", Base64.getEncoder().encodeToString(text));
    }

    private static ApiException refused(Runnable call) {
        try {
            call.run();
        } catch (ApiException e) {
            assertEquals(409, e.status());
            assertEquals("quota-exceeded", e.type());
            return e;
        }
        fail("accepted beyond the quota");
        return null;
    }
}
