package org.hiremarket.core.internal.identity;

import static org.hiremarket.core.internal.common.Refusals.refused;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.hiremarket.core.internal.common.ApiException;
import org.hiremarket.core.internal.common.PageRequest;
import org.hiremarket.core.internal.identity.UserViews.IdRef;
import org.hiremarket.core.internal.identity.UserViews.UpdateUser;
import org.hiremarket.core.internal.identity.UserViews.UserView;
import org.junit.After;
import org.junit.Test;

/**
 * People's sessions on the in-memory database: login opens one with the role's scopes, logout ends
 * it, deactivation and a new password end all of a user's sessions at once, repeated failures pause
 * login (429 with Retry-After), the last administrator stays, and no company reaches another's users.
 * Passwords are stored with few PBKDF2 iterations here (the count is stored with each hash), so
 * logins are fast; only activation and reset derive the full 600,000.
 */
public class SessionsTest {

    private static final String PASSWORD = "a long and unusual passphrase 7";
    private static final String OTHER = "company-2";

    private final IdentityFixture f = new IdentityFixture(Map.of("login_failures_per_account", 3,
            "login_failures_per_address", 5, "session_seconds", 900));

    @After
    public void stop() {
        f.close();
    }

    /** An active user whose password is stored with few iterations; returns its id. */
    private String user(Caller as, String email, SystemRole role) {
        String id = f.users.create(as, IdentityFixture.newUser(email, role)).id();
        f.db.tx(em -> {
            em.find(UserEntity.class, id).setPasswordHash(Passwords.hash(PASSWORD.toCharArray(), 1000));
            return null;
        });
        return id;
    }

    private String user(String email, SystemRole role) {
        return user(IdentityFixture.apiKey(), email, role);
    }

    private Long revokedAt(String tokenRecordId) {
        return f.db.tx(em -> em.find(AccessTokenEntity.class, tokenRecordId).getRevokedAt());
    }

    @Test
    public void loginOpensASessionWithTheRolesScopes() throws Exception {
        String id = user("ada@example.org", SystemRole.STANDARD);
        TokenService.Issued s = f.auth.login(" Ada@Example.org", PASSWORD, "192.0.2.1");
        assertTrue(s.token().startsWith("hms_"));
        assertEquals(900, s.expiresInSeconds());
        assertEquals(SystemRole.STANDARD.scopes(), s.scopes());
        assertEquals("Issued[900s]", s.toString());
        Caller c = f.tokens.authenticate(s.token());
        assertEquals(IdentityFixture.COMPANY, c.companyId());
        assertEquals(Caller.Kind.USER, c.kind());
        assertEquals(id, c.userId());
        assertEquals(SystemRole.STANDARD.scopes(), c.scopes());
        long expires = f.db.tx(em -> em.find(AccessTokenEntity.class, c.credentialId()).getExpiresAt());
        long inSeconds = (expires - System.currentTimeMillis()) / 1000;
        assertTrue("expires in " + inSeconds, inSeconds > 890 && inSeconds <= 900);

        // a role change reaches the session at once: its scopes are the role's as stored now
        f.users.update(IdentityFixture.apiKey(), id, new UpdateUser(null, null, null, new IdRef("RESTRICTED"), null, null));
        assertEquals(SystemRole.RESTRICTED.scopes(), f.tokens.authenticate(s.token()).scopes());
    }

    @Test
    public void logoutEndsThatSessionOnly() throws Exception {
        user("ada@example.org", SystemRole.EXTENDED);
        String first = f.auth.login("ada@example.org", PASSWORD, "192.0.2.1").token();
        String second = f.auth.login("ada@example.org", PASSWORD, "192.0.2.1").token();
        Caller c = f.tokens.authenticate(first);
        f.tokens.revoke(c.credentialId());
        assertEquals("the access token has been revoked", f.refusedToken(first));
        assertEquals(c.userId(), f.tokens.authenticate(second).userId());
        long at = revokedAt(c.credentialId());
        // logging out again changes nothing; an unknown record is no error
        f.tokens.revoke(c.credentialId());
        assertEquals(at, revokedAt(c.credentialId()).longValue());
        f.tokens.revoke("no-such-token");
    }

    @Test
    public void deactivatingAUserEndsAllTheirSessionsAtOnceAndReactivatingRevivesNone() throws Exception {
        String id = user("ada@example.org", SystemRole.STANDARD);
        user("bob@example.org", SystemRole.STANDARD);
        String first = f.auth.login("ada@example.org", PASSWORD, "192.0.2.1").token();
        String second = f.auth.login("ada@example.org", PASSWORD, "192.0.2.2").token();
        String bobs = f.auth.login("bob@example.org", PASSWORD, "192.0.2.3").token();
        String firstRecord = f.tokens.authenticate(first).credentialId();

        UserView off = f.users.setActive(IdentityFixture.apiKey(), id, false);
        assertFalse(off.active());
        assertEquals("the access token has been revoked", f.refusedToken(first));
        assertEquals("the access token has been revoked", f.refusedToken(second));
        assertEquals("another user's session stays", "bob@example.org",
                f.users.get(IdentityFixture.apiKey(), f.tokens.authenticate(bobs).userId()).email());
        ApiException login = refused(401, "unauthorized", () -> f.auth.login("ada@example.org", PASSWORD, "192.0.2.1"));
        assertEquals("the email or the password is wrong, or the user is deactivated", login.detail());
        long at = revokedAt(firstRecord);

        assertTrue(f.users.setActive(IdentityFixture.apiKey(), id, true).active());
        assertEquals("the access token has been revoked", f.refusedToken(first));
        assertEquals("not revoked again", at, revokedAt(firstRecord).longValue());
        f.tokens.authenticate(f.auth.login("ada@example.org", PASSWORD, "192.0.2.1").token());
    }

    @Test
    public void aSessionOfAUserDeactivatedElsewhereIsRefused() throws Exception {
        String id = user("ada@example.org", SystemRole.STANDARD);
        String token = f.auth.login("ada@example.org", PASSWORD, "192.0.2.1").token();
        // as another node would leave it: the user inactive, the session not (yet) revoked
        f.db.tx(em -> {
            em.find(UserEntity.class, id).setActive(false);
            return null;
        });
        assertEquals("the user is deactivated", f.refusedToken(token));
    }

    @Test
    public void repeatedFailuresPauseLoginWith429AndRetryAfter() {
        user("ada@example.org", SystemRole.STANDARD);
        for (int i = 0; i < 3; i++) {
            ApiException e = refused(401, "unauthorized", () -> f.auth.login("ada@example.org", "wrong passphrase here",
                    "192.0.2.1"));
            assertEquals("the email or the password is wrong, or the user is deactivated", e.detail());
        }
        // paused: even the right password, from another address, is refused before it is checked
        ApiException paused = refused(429, "too-many-requests", () -> f.auth.login("ADA@example.org", PASSWORD,
                "192.0.2.99"));
        long retry = Long.parseLong(paused.headers().get("Retry-After"));
        assertTrue("Retry-After " + retry, retry >= 1 && retry <= 900);
        assertTrue(paused.detail(), paused.detail().startsWith("too many failed logins; try again in " + retry));
        assertEquals(Set.of("Retry-After"), paused.headers().keySet());
    }

    @Test
    public void aSuccessfulLoginClearsTheAccountsFailures() {
        user("ada@example.org", SystemRole.STANDARD);
        for (int round = 0; round < 2; round++) {
            for (int i = 0; i < 2; i++) {
                refused(401, "unauthorized", () -> f.auth.login("ada@example.org", "wrong passphrase here", "192.0.2."
                        + 10));
            }
            f.auth.login("ada@example.org", PASSWORD, "192.0.2.11");
        }
        refused(401, "unauthorized", () -> f.auth.login("ada@example.org", "wrong passphrase here", "192.0.2.12"));
        f.auth.login("ada@example.org", PASSWORD, "192.0.2.13");
    }

    @Test
    public void anAddressGuessingManyAccountsIsPausedForAllOfThem() {
        user("ada@example.org", SystemRole.STANDARD);
        for (String guessed : List.of("bob", "carl", "dave")) {
            user(guessed + "@example.org", SystemRole.STANDARD);
        }
        // two failures each at most: no account reaches its own limit of three
        for (String guessed : List.of("bob", "bob", "carl", "carl", "dave")) {
            refused(401, "unauthorized", () -> f.auth.login(guessed + "@example.org", "wrong passphrase here",
                    "198.51.100.7"));
        }
        refused(429, "too-many-requests", () -> f.auth.login("ada@example.org", PASSWORD, "198.51.100.7"));
        // the account itself is not paused elsewhere
        f.auth.login("ada@example.org", PASSWORD, "198.51.100.8");
    }

    @Test
    public void aResetLimitWithoutRoomIsAConfigurationError() {
        for (Map<String, Object> bad : List.<Map<String, Object>>of(Map.of("password_reset_mails_per_email", 0),
                Map.of("password_reset_mail_window_seconds", 0), Map.of("password_reset_requests_per_address", 0),
                Map.of("password_reset_address_window_seconds", 0))) {
            TokenService t = new TokenService(f.db, IdentityFixture.config(IdentityConfig.class, bad));
            try {
                new AuthService(f.db, t, f.mailer, f.clock);
                fail("accepted " + bad);
            } catch (IllegalArgumentException expected) {
                assertEquals("a limit needs at least one request in a positive window", expected.getMessage());
            }
        }
    }

    @Test
    public void loginNeedsBothFields() {
        assertEquals("email", refused(400, "validation-error", () -> f.auth.login(null, PASSWORD, "a")).errors().get(0)
                .field());
        assertEquals("email", refused(400, "validation-error", () -> f.auth.login(" ", PASSWORD, "a")).errors().get(0)
                .field());
        assertEquals("password", refused(400, "validation-error", () -> f.auth.login("a@example.org", null, "a"))
                .errors().get(0).field());
        assertEquals("password", refused(400, "validation-error", () -> f.auth.login("a@example.org", "", "a"))
                .errors().get(0).field());
    }

    @Test
    public void aUserWhoNeverSetAPasswordCannotSignIn() {
        String id = f.users.create(IdentityFixture.apiKey(), IdentityFixture.newUser("new@example.org",
                SystemRole.STANDARD)).id();
        assertNull(f.db.tx(em -> em.find(UserEntity.class, id).getPasswordHash()));
        refused(401, "unauthorized", () -> f.auth.login("new@example.org", PASSWORD, "192.0.2.1"));
    }

    /** A reset ends every session opened with the old password; the new one signs in, the old one not. */
    @Test
    public void aPasswordResetEndsTheSessionsAndReplacesThePassword() throws Exception {
        String id = user("ada@example.org", SystemRole.STANDARD);
        String session = f.auth.login("ada@example.org", PASSWORD, "192.0.2.1").token();
        f.auth.requestReset("ada@example.org", "192.0.2.1");
        IdentityFixture.await("the reset mail", () -> f.mailer.to("ada@example.org", "Reset").size() == 1);
        IdentityFixture.Mail mail = f.mailer.to("ada@example.org", "Reset").get(0);
        assertEquals("Reset your HireMarket password", mail.subject());
        String token = f.lastToken("ada@example.org", IdentityFixture.RESET);
        // a reset token is no activation token
        assertEquals("token", refused(400, "validation-error", () -> f.auth.activate(token, "another passphrase 42"))
                .errors().get(0).field());
        f.auth.confirmReset(token, "a brand new passphrase 8");
        assertEquals("the access token has been revoked", f.refusedToken(session));
        refused(401, "unauthorized", () -> f.auth.login("ada@example.org", PASSWORD, "192.0.2.1"));
        assertEquals(id, f.tokens.authenticate(f.auth.login("ada@example.org", "a brand new passphrase 8",
                "192.0.2.1").token()).userId());
        assertEquals("used once", "token", refused(400, "validation-error",
                () -> f.auth.confirmReset(token, "yet another passphrase 9")).errors().get(0).field());
    }

    @Test
    public void resetsAndActivationsRefuseMissingWeakAndExpiredTokens() {
        String email = "new@example.org";
        String id = f.users.create(IdentityFixture.apiKey(), IdentityFixture.newUser(email, SystemRole.STANDARD)).id();
        String activation = f.lastToken(email, IdentityFixture.ACTIVATION);
        assertEquals("token", refused(400, "validation-error", () -> f.auth.activate(null, PASSWORD)).errors().get(0)
                .field());
        assertEquals("token", refused(400, "validation-error", () -> f.auth.confirmReset(" ", PASSWORD)).errors().get(0)
                .field());
        assertEquals("password", refused(400, "validation-error", () -> f.auth.activate(activation, "short"))
                .errors().get(0).field());
        // an activation token is no reset token
        refused(400, "validation-error", () -> f.auth.confirmReset(activation, PASSWORD));
        f.db.tx(em -> em.createQuery("UPDATE OneTimeTokenEntity t SET t.expiresAt = :at WHERE t.userId = :u")
                .setParameter("at", System.currentTimeMillis() - 1).setParameter("u", id).executeUpdate());
        ApiException expired = refused(400, "validation-error", () -> f.auth.activate(activation, PASSWORD));
        assertEquals("is unknown, used or expired; ask for a new one", expired.errors().get(0).message());
        assertNull(f.db.tx(em -> em.find(UserEntity.class, id).getPasswordHash()));
    }

    @Test
    public void aDeactivatedUserGetsNoResetMail() {
        String id = user("ada@example.org", SystemRole.STANDARD);
        user("bob@example.org", SystemRole.STANDARD);
        f.users.setActive(IdentityFixture.apiKey(), id, false);
        f.auth.requestReset("ada@example.org", "192.0.2.1");
        f.auth.requestReset("bob@example.org", "192.0.2.1");
        // the worker works in order: once bob's mail is out, ada's request was processed
        IdentityFixture.await("bob's reset mail", () -> f.mailer.to("bob@example.org", "Reset").size() == 1);
        assertEquals(List.of(), f.mailer.to("ada@example.org", "Reset"));
        assertEquals("email", refused(400, "validation-error", () -> f.auth.requestReset(" ", "192.0.2.1")).errors()
                .get(0).field());
    }

    @Test
    public void theLastActiveAdministratorCanNeitherBeDeactivatedNorDemoted() {
        String admin = user("admin@example.org", SystemRole.ADMINISTRATOR);
        // another company's administrator, and an inactive one, do not count
        user(Caller.apiKey(OTHER, "key-2"), "admin2@example.org", SystemRole.ADMINISTRATOR);
        String inactive = user("old@example.org", SystemRole.ADMINISTRATOR);
        f.users.setActive(IdentityFixture.apiKey(), inactive, false);

        ApiException off = refused(409, "last-administrator", () -> f.users.setActive(IdentityFixture.apiKey(), admin,
                false));
        assertEquals("this is the company's last active administrator; make someone else administrator first",
                off.detail());
        refused(409, "last-administrator", () -> f.users.update(IdentityFixture.apiKey(), admin, new UpdateUser(null,
                null, null, new IdRef("EXTENDED"), null, null)));
        UserView still = f.users.get(IdentityFixture.apiKey(), admin);
        assertTrue(still.active());
        assertEquals("ADMINISTRATOR", still.systemRole().id());
        // re-activating, renaming, or "changing" to the same role are no demotion
        assertTrue(f.users.setActive(IdentityFixture.apiKey(), admin, true).active());
        assertEquals("ADMINISTRATOR", f.users.update(IdentityFixture.apiKey(), admin, new UpdateUser("Ada", null, null,
                new IdRef("ADMINISTRATOR"), null, null)).systemRole().id());
        // deactivating someone else is no problem
        String standard = user("std@example.org", SystemRole.STANDARD);
        assertFalse(f.users.setActive(IdentityFixture.apiKey(), standard, false).active());

        // with a second active administrator both moves are allowed
        f.users.setActive(IdentityFixture.apiKey(), inactive, true);
        assertEquals("EXTENDED", f.users.update(IdentityFixture.apiKey(), admin, new UpdateUser(null, null, null,
                new IdRef("EXTENDED"), null, null)).systemRole().id());
        refused(409, "last-administrator", () -> f.users.setActive(IdentityFixture.apiKey(), inactive, false));
        f.users.update(IdentityFixture.apiKey(), admin, new UpdateUser(null, null, null, new IdRef("ADMINISTRATOR"),
                null, null));
        assertFalse(f.users.setActive(IdentityFixture.apiKey(), inactive, false).active());
    }

    @Test
    public void aTakenEmailWritesNothingAndMailsNothing() {
        user("ada@example.org", SystemRole.STANDARD);
        int mails = f.mailer.sent.size();
        long users = f.db.tx(em -> em.createQuery("SELECT COUNT(u) FROM UserEntity u", Long.class).getSingleResult());
        ApiException e = refused(409, "email-taken", () -> f.users.create(IdentityFixture.apiKey(),
                IdentityFixture.newUser("ADA@example.org", SystemRole.STANDARD)));
        assertEquals("a user of your company has the email ADA@example.org already", e.detail());
        assertEquals(users, f.db.tx(em -> em.createQuery("SELECT COUNT(u) FROM UserEntity u", Long.class)
                .getSingleResult()).longValue());
        assertEquals(mails, f.mailer.sent.size());
    }

    /** Every user method with another company's user id: 404 like an unknown id, and nothing changed. */
    @Test
    public void noCompanyReachesAnotherCompanysUsers() throws Exception {
        Caller other = Caller.apiKey(OTHER, "key-2");
        String theirs = user(other, "pat@example.org", SystemRole.STANDARD);
        user(other, "admin@example.org", SystemRole.ADMINISTRATOR);
        String session = f.auth.login("pat@example.org", PASSWORD, "192.0.2.1").token();
        UserView before = f.users.get(other, theirs);
        Caller mine = IdentityFixture.apiKey();
        List<Runnable> calls = List.of(() -> f.users.get(mine, theirs),
                () -> f.users.update(mine, theirs, new UpdateUser("Mallory", null, null, new IdRef("RESTRICTED"), null,
                        null)),
                () -> f.users.setActive(mine, theirs, false),
                () -> f.users.setActive(mine, theirs, true),
                () -> f.users.get(mine, null));
        for (Runnable call : calls) {
            refused(404, "not-found", call);
            assertEquals(before, f.users.get(other, theirs));
        }
        assertEquals("user '" + theirs + "' does not exist", refused(404, "not-found", () -> f.users.get(mine, theirs))
                .detail());
        assertEquals(theirs, f.tokens.authenticate(session).userId());
        assertEquals(0, f.users.list(mine, null, null, new PageRequest(0, 100)).totalFound());
        assertEquals(2, f.users.list(other, null, null, new PageRequest(0, 100)).totalFound());
        assertEquals(1, f.users.list(other, SystemRole.STANDARD, true, new PageRequest(0, 100)).totalFound());
        assertEquals(0, f.users.list(other, SystemRole.STANDARD, false, new PageRequest(0, 100)).totalFound());
        assertNotEquals(0, f.users.list(other, null, true, new PageRequest(1, 1)).content().size());
    }

    @Test
    public void noSessionIsOpenedWhenThePasswordFitsNoActiveUser() {
        user("ada@example.org", SystemRole.STANDARD);
        long before = f.db.tx(em -> em.createQuery("SELECT COUNT(t) FROM AccessTokenEntity t", Long.class)
                .getSingleResult());
        try {
            f.auth.login("ada@example.org", "not the passphrase at all", "192.0.2.1");
            fail("logged in with a wrong password");
        } catch (ApiException e) {
            assertEquals(401, e.status());
        }
        refused(401, "unauthorized", () -> f.auth.login("nobody@example.org", PASSWORD, "192.0.2.1"));
        assertEquals(before, f.db.tx(em -> em.createQuery("SELECT COUNT(t) FROM AccessTokenEntity t", Long.class)
                .getSingleResult()).longValue());
    }
}
