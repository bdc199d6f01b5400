package org.hiremarket.core.internal.company;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import javax.persistence.EntityManager;

import org.hiremarket.core.internal.identity.Caller;
import org.hiremarket.core.internal.persistence.Database;
import org.hiremarket.core.internal.persistence.InMemoryUnit;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/**
 * Checking a company API key on the real persistence unit: a key that matched is not looked up
 * again for a moment, but its secret is still compared every time, and revoking it ends it at once.
 */
public class ApiKeyCheckTest {

    private InMemoryUnit unit;
    private final AtomicInteger transactions = new AtomicInteger();
    /** Run once right after the next transaction committed (another request, in between). */
    private volatile Runnable afterNext;
    private CompanyService companies;

    @Before
    public void open() {
        unit = new InMemoryUnit(true);
        Database real = unit.database();
        companies = new CompanyService(new Database() {
            @Override
            public <R> R tx(Function<EntityManager, R> work) {
                transactions.incrementAndGet();
                R result = real.tx(work);
                Runnable then = afterNext;
                afterNext = null;
                if (then != null) {
                    then.run();
                }
                return result;
            }
        });
    }

    @After
    public void close() {
        unit.close();
    }

    @Test
    public void aKeyThatMatchedIsCheckedAgainWithoutATransactionAndItsSecretStillCounts() {
        CompanyService.CreatedCompany acme = companies.createCompany("Acme");
        String key = acme.plainKey();
        Caller first = companies.authenticate(key).orElseThrow();
        assertEquals(acme.company().id(), first.companyId());
        int before = transactions.get();
        for (int i = 0; i < 100; i++) {
            assertEquals(acme.company().id(), companies.authenticate(key).orElseThrow().companyId());
        }
        assertEquals("answered from the keys checked a moment ago", before, transactions.get());

        // the same key id with another secret: refused, although that key id was checked a moment ago
        String forged = key.substring(0, key.length() - 4) + (key.endsWith("AAAA") ? "BBBB" : "AAAA");
        assertTrue(companies.authenticate(forged).isEmpty());
        assertEquals(acme.company().id(), companies.authenticate(key).orElseThrow().companyId());
    }

    @Test
    public void aRevokedKeyIsRefusedAtOnceAlthoughItWasCheckedAMomentAgo() {
        CompanyService.CreatedCompany acme = companies.createCompany("Acme");
        assertTrue(companies.authenticate(acme.plainKey()).isPresent());
        companies.revokeApiKey(acme.company().id(), acme.key().id());
        assertTrue(companies.authenticate(acme.plainKey()).isEmpty());
        // and another key of the company still works
        CompanyService.CreatedKey second = companies.createApiKey(acme.company().id(), "second");
        assertEquals(acme.company().id(), companies.authenticate(second.plainKey()).orElseThrow().companyId());
    }

    @Test
    public void unknownKeysAreLookedUpEachTime() {
        companies.createCompany("Acme");
        String unknown = "hm_abcdefghjk_" + "x".repeat(43);
        int before = transactions.get();
        for (int i = 0; i < 3; i++) {
            assertTrue(companies.authenticate(unknown).isEmpty());
        }
        assertEquals("looked up each time, never remembered", before + 3, transactions.get());
    }

    /** A revocation that commits after a check read the key, before the check remembers it. */
    @Test
    public void aKeyRevokedWhileItWasBeingCheckedIsNotRemembered() {
        CompanyService.CreatedCompany acme = companies.createCompany("Acme");
        afterNext = () -> companies.revokeApiKey(acme.company().id(), acme.key().id());
        // this check read the key before the revocation and may let this one request through
        companies.authenticate(acme.plainKey());
        assertTrue("refused from then on", companies.authenticate(acme.plainKey()).isEmpty());
    }
}
