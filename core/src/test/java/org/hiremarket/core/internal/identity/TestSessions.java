package org.hiremarket.core.internal.identity;

import java.util.Map;
import java.util.UUID;

import org.hiremarket.core.internal.persistence.Database;

/**
 * For tests outside this package: a TokenService on the test's database, and sessions of people
 * stored there, without PBKDF2 (the session is issued as a login issues it).
 */
public final class TestSessions {

    private TestSessions() {
    }

    /** @return a TokenService with IdentityConfig's defaults */
    public static TokenService tokens(Database db) {
        return new TokenService(db, IdentityFixture.config(IdentityConfig.class, Map.of()));
    }

    /** @return the bearer token of a new session of a new active user of the company with that role */
    public static String session(Database db, TokenService tokens, String companyId, SystemRole role) {
        return db.tx(em -> {
            UserEntity u = new UserEntity(UUID.randomUUID().toString(), companyId, System.currentTimeMillis());
            u.setName("Test", role.name());
            u.setEmail(null);
            u.setRole(role);
            u.setLanguageCode("en");
            u.setLocation("DE", "Berlin");
            em.persist(u);
            return tokens.issueSession(em, u).token();
        });
    }

    /** @return the id of a new active user of the company, with an email, without a session */
    public static String user(Database db, String companyId, String email, String firstName) {
        return db.tx(em -> {
            UserEntity u = new UserEntity(UUID.randomUUID().toString(), companyId, System.currentTimeMillis());
            u.setName(firstName, "Tester");
            u.setEmail(email);
            u.setRole(SystemRole.EXTENDED);
            u.setLanguageCode("en");
            u.setLocation("DE", "Berlin");
            em.persist(u);
            return u.getId();
        });
    }
}
