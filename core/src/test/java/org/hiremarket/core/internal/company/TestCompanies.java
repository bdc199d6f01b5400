package org.hiremarket.core.internal.company;

import java.util.UUID;

import org.hiremarket.core.internal.identity.Caller;
import org.hiremarket.core.internal.persistence.Database;

/** For service tests: a company stored in the test's database, and its API key as the caller. */
public final class TestCompanies {

    private TestCompanies() {
    }

    /** @return an API-key caller of a new company named {@code name} (key record id {@code key-<name>}) */
    public static Caller create(Database db, String name) {
        String companyId = UUID.randomUUID().toString();
        db.tx(em -> {
            em.persist(new CompanyEntity(companyId, name, System.currentTimeMillis()));
            return null;
        });
        return Caller.apiKey(companyId, "key-" + name);
    }
}
