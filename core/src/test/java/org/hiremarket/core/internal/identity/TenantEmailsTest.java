package org.hiremarket.core.internal.identity;

import static org.hiremarket.core.internal.common.Refusals.refused;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.Set;

import org.hiremarket.core.internal.common.ApiException;
import org.hiremarket.core.internal.common.FieldError;
import org.hiremarket.core.internal.company.CompanyEntity;
import org.hiremarket.core.internal.identity.UserViews.CodeRef;
import org.hiremarket.core.internal.identity.UserViews.CreateUser;
import org.hiremarket.core.internal.identity.UserViews.IdRef;
import org.hiremarket.core.internal.identity.UserViews.LocationIn;
import org.hiremarket.core.internal.identity.UserViews.UpdateUser;
import org.hiremarket.core.internal.identity.UserViews.UserView;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/**
 * A person may be a user of several companies with one email; no company learns of another's users,
 * and signing in stays unambiguous. A user may be created without an email (the get-started guide's
 * call), and signs in once one is set.
 */
public class TenantEmailsTest {

    private static final String OTHER = "company-2";
    private static final String PASSWORD = "a long and unusual passphrase 7";

    private IdentityFixture f;

    @Before
    public void open() {
        f = new IdentityFixture();
        f.db.tx(em -> {
            em.persist(new CompanyEntity(IdentityFixture.COMPANY, "Acme Corp", 1L));
            em.persist(new CompanyEntity(OTHER, "Globex", 1L));
            return null;
        });
    }

    @After
    public void close() {
        f.close();
    }

    private static Caller otherKey() {
        return Caller.apiKey(OTHER, "key-2");
    }


    private String activeUser(Caller as, String email, String password) {
        String id = f.users.create(as, IdentityFixture.newUser(email, SystemRole.STANDARD)).id();
        f.auth.activate(f.lastToken(email, IdentityFixture.ACTIVATION), password);
        return id;
    }

    @Test
    public void oneEmailMayBeAUserOfTwoCompaniesButOnlyOnceInEach() {
        UserView a = f.users.create(IdentityFixture.apiKey(), IdentityFixture.newUser("pat@example.org", SystemRole.STANDARD));
        UserView b = f.users.create(otherKey(), IdentityFixture.newUser("Pat@Example.org", SystemRole.RESTRICTED));
        assertFalse(a.id().equals(b.id()));
        ApiException again = refused(() -> f.users.create(otherKey(),
                IdentityFixture.newUser("pat@example.org", SystemRole.STANDARD)));
        assertEquals(409, again.status());
        assertEquals("email-taken", again.type());
        assertTrue(again.detail(), again.detail().contains("your company"));
        String third = f.users.create(otherKey(), IdentityFixture.newUser("sam@example.org", SystemRole.STANDARD)).id();
        ApiException patched = refused(() -> f.users.update(otherKey(), third,
                new UpdateUser(null, null, "PAT@example.org", null, null, null)));
        assertEquals("email-taken", patched.type());
        // a user keeps its own email without a conflict with itself
        assertEquals("sam@example.org", f.users.update(otherKey(), third,
                new UpdateUser(null, null, "sam@example.org", null, null, null)).email());
    }

    @Test
    public void aPasswordThatFitsOneCompanysUserSignsInThere() throws Exception {
        activeUser(IdentityFixture.apiKey(), "pat@example.org", PASSWORD);
        String globexPat = activeUser(otherKey(), "pat@example.org", "another long passphrase 8");
        TokenService.Issued s = f.auth.login("pat@example.org", "another long passphrase 8", "127.0.0.1");
        assertEquals(globexPat, f.tokens.authenticate(s.token()).userId());
        assertEquals(OTHER, f.tokens.authenticate(s.token()).companyId());
    }

    @Test
    public void aPasswordThatFitsSeveralAsksWhichCompanyAndNamesOnlyThose() throws Exception {
        String acmePat = activeUser(IdentityFixture.apiKey(), "pat@example.org", PASSWORD);
        activeUser(otherKey(), "pat@example.org", PASSWORD);
        f.db.tx(em -> {
            em.persist(new CompanyEntity("company-3", "Initech", 1L));
            return null;
        });
        activeUser(Caller.apiKey("company-3", "key-3"), "pat@example.org", "a third long passphrase 9");
        ApiException which = refused(() -> f.auth.login("pat@example.org", PASSWORD, "127.0.0.1"));
        assertEquals(409, which.status());
        assertEquals("company-required", which.type());
        List<String> named = which.errors().stream().map(FieldError::message).toList();
        assertEquals(List.of(IdentityFixture.COMPANY + " (Acme Corp)", OTHER + " (Globex)"),
                named.stream().sorted().toList());
        assertFalse("a company the password does not fit is not named", named.toString().contains("Initech"));
        TokenService.Issued s = f.auth.login("pat@example.org", PASSWORD, IdentityFixture.COMPANY, "127.0.0.1");
        assertEquals(acmePat, f.tokens.authenticate(s.token()).userId());
        ApiException wrong = refused(() -> f.auth.login("pat@example.org", "not the passphrase at all", "127.0.0.1"));
        assertEquals(401, wrong.status());
        ApiException elsewhere = refused(() -> f.auth.login("pat@example.org", PASSWORD, "company-3", "127.0.0.1"));
        assertEquals("the company's user has another password", 401, elsewhere.status());
    }

    @Test
    public void aUserWithoutEmailSignsInOnceOneIsSet() {
        CreateUser guide = new CreateUser("Susan", "Santos", null, new IdRef("ADMINISTRATOR"), new CodeRef("en"),
                new LocationIn("US", "San Francisco"));
        UserView susan = f.users.create(IdentityFixture.apiKey(), guide);
        assertNull(susan.email());
        assertEquals("EMAIL_REQUIRED", susan.signIn());
        assertTrue("no mail without an address", f.mailer.sent.isEmpty());
        // two such users in one company are no conflict
        assertNotNull(f.users.create(IdentityFixture.apiKey(), guide).id());

        UserView withEmail = f.users.update(IdentityFixture.apiKey(), susan.id(),
                new UpdateUser(null, null, "susan@example.com", null, null, null));
        assertEquals("ACTIVATION_PENDING", withEmail.signIn());
        assertEquals(1, f.mailer.to("susan@example.com", "Welcome").size());
        f.auth.activate(f.lastToken("susan@example.com", IdentityFixture.ACTIVATION), PASSWORD);
        assertEquals("READY", f.users.get(IdentityFixture.apiKey(), susan.id()).signIn());
        assertNotNull(f.auth.login("susan@example.com", PASSWORD, "127.0.0.1").token());
        // a signed-in person's new email sends no second activation
        f.users.update(IdentityFixture.apiKey(), susan.id(), new UpdateUser(null, null, "s.santos@example.com", null,
                null, null));
        assertTrue(f.mailer.to("s.santos@example.com", "Welcome").isEmpty());
        assertNotNull(f.auth.login("s.santos@example.com", PASSWORD, "127.0.0.1").token());
    }

    @Test
    public void aResetReachesEveryCompanyTheEmailIsAUserOf() {
        activeUser(IdentityFixture.apiKey(), "pat@example.org", PASSWORD);
        activeUser(otherKey(), "pat@example.org", "another long passphrase 8");
        f.auth.requestReset("pat@example.org", "127.0.0.1");
        IdentityFixture.await("two reset mails", () -> f.mailer.to("pat@example.org", "Reset").size() == 2);
        Set<String> subjects = Set.copyOf(f.mailer.to("pat@example.org", "Reset").stream()
                .map(IdentityFixture.Mail::subject).toList());
        assertEquals(Set.of("Reset your HireMarket password (Acme Corp)", "Reset your HireMarket password (Globex)"),
                subjects);
    }
}
