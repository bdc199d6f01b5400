package org.hiremarket.core.internal.company;

import static org.hiremarket.core.internal.common.Refusals.refused;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.util.List;

import org.hiremarket.core.internal.common.ApiException;
import org.hiremarket.core.internal.identity.Caller;
import org.hiremarket.core.internal.persistence.InMemoryUnit;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/**
 * Companies and their API keys on the in-memory database: a company never revokes, lists or adds to
 * another company's keys, a revoked key stops at once, and company names are unique in any case.
 */
public class CompanyKeysTest {

    private InMemoryUnit unit;
    private CompanyService companies;
    private CompanyService.CreatedCompany acme;
    private CompanyService.CreatedCompany globex;

    @Before
    public void open() {
        unit = new InMemoryUnit(true);
        companies = new CompanyService(unit.database());
        acme = companies.createCompany("Acme");
        globex = companies.createCompany("Globex");
    }

    @After
    public void close() {
        unit.close();
    }

    private ApiKeyInfo stored(String recordId) {
        return unit.database().tx(em -> ApiKeyInfo.of(em.find(ApiKeyEntity.class, recordId)));
    }

    @Test
    public void aCompanyCannotRevokeAnotherCompanysKey() {
        ApiKeyInfo before = stored(globex.key().id());
        for (String id : new String[] { globex.key().id(), "no-such-key" }) {
            ApiException e = refused(404, "not-found", () -> companies.revokeApiKey(acme.company().id(), id));
            assertEquals("API key '" + id + "' does not exist", e.detail());
        }
        assertEquals(before, stored(globex.key().id()));
        assertNull(stored(globex.key().id()).revokedAt());
        assertEquals(Caller.apiKey(globex.company().id(), globex.key().id()),
                companies.authenticate(globex.plainKey()).orElseThrow());
        // its own key it may revoke
        ApiKeyInfo revoked = companies.revokeApiKey(acme.company().id(), acme.key().id());
        assertNotNull(revoked.revokedAt());
        assertEquals(revoked, stored(acme.key().id()));
        assertTrue(companies.authenticate(acme.plainKey()).isEmpty());
        assertEquals("revoking again keeps the first time", revoked.revokedAt(),
                companies.revokeApiKey(acme.company().id(), acme.key().id()).revokedAt());
    }

    @Test
    public void keysAreListedAndCreatedPerCompany() {
        CompanyService.CreatedKey second = companies.createApiKey(acme.company().id(), "ci");
        assertTrue(second.plainKey().startsWith("hm_" + second.key().keyId() + "_"));
        assertEquals("ci", second.key().label());
        assertEquals(List.of(acme.key().id(), second.key().id()), companies.listApiKeys(acme.company().id()).stream()
                .map(ApiKeyInfo::id).toList());
        assertEquals(List.of(globex.key().id()), companies.listApiKeys(globex.company().id()).stream()
                .map(ApiKeyInfo::id).toList());
        assertEquals(acme.company().id(), companies.authenticate(second.plainKey()).orElseThrow().companyId());
        assertEquals("first key", acme.key().label());
        refused(404, "not-found", () -> companies.createApiKey("no-such-company", "x"));
        assertEquals(List.of(), companies.listApiKeys("no-such-company"));
    }

    @Test
    public void companyNamesAreUniqueInAnyCase() {
        ApiException e = refused(409, "company-exists", () -> companies.createCompany(" ACME "));
        assertEquals("a company named 'ACME' already exists", e.detail());
        assertEquals(2, companies.listCompanies().size());
        assertEquals("Acme", companies.findCompany(acme.company().id()).orElseThrow().name());
        assertTrue(companies.findCompany("no-such-company").isEmpty());
        refused(400, "validation-error", () -> companies.createCompany(" "));
    }
}
