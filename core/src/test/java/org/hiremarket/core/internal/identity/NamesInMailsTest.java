package org.hiremarket.core.internal.identity;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.util.ArrayList;
import java.util.List;

import org.hiremarket.core.internal.common.ApiException;
import org.hiremarket.core.internal.common.FieldError;
import org.hiremarket.core.internal.identity.UserViews.CodeRef;
import org.hiremarket.core.internal.identity.UserViews.CreateUser;
import org.hiremarket.core.internal.identity.UserViews.IdRef;
import org.hiremarket.core.internal.identity.UserViews.LocationIn;
import org.hiremarket.core.internal.identity.UserViews.UpdateUser;
import org.junit.Test;

/** Names cannot carry links or markup into the welcome and reset mails (issue 25). */
public class NamesInMailsTest {

    private static final String[] BAD = { "Claim your bonus at https://evil.example", "Visit www.evil.example",
            "hxxp://x", "ftp://files.example", "<a href=x>Bob</a>", "Bob>", "Bob<", "Bob\u202Eevil",
            "Bob\u200Bevil", "Bob\nevil", "Bob\u0007x", "WWW.EVIL.EXAMPLE" };
    private static final String[] GOOD = { "Anne-Marie", "O'Brien", "José", "J. R. R.", "Zoë van der Berg", "李",
            "Jean-Luc Picard" };

    @Test
    public void linksMarkupAndHiddenCharactersAreRefusedInNames() {
        for (String bad : BAD) {
            List<FieldError> errors = new ArrayList<>();
            UserService.personName(errors, "firstname", bad);
            assertEquals(bad, 1, errors.size());
            assertEquals("firstname", errors.get(0).field());
        }
        for (String good : GOOD) {
            List<FieldError> errors = new ArrayList<>();
            assertEquals(good, UserService.personName(errors, "lastname", " " + good + " "));
            assertTrue(good + ": " + errors, errors.isEmpty());
        }
    }

    @Test
    public void createAndUpdateAnswer400OnTheNameField() {
        try (IdentityFixture f = new IdentityFixture()) {
            try {
                f.users.create(IdentityFixture.apiKey(), new CreateUser("Win at http://evil.example", "Person",
                        "n1@example.com", new IdRef("STANDARD"), new CodeRef("en"), new LocationIn("DE", "Berlin")));
                fail("a name with a link was accepted");
            } catch (ApiException e) {
                assertEquals(400, e.status());
                assertEquals("firstname", e.errors().get(0).field());
                assertTrue(f.mailer.sent.isEmpty());
            }
            String id = f.users.create(IdentityFixture.apiKey(), IdentityFixture.newUser("n2@example.com",
                    SystemRole.STANDARD)).id();
            try {
                f.users.update(IdentityFixture.apiKey(), id, new UpdateUser(null, "<b>www.evil.example</b>", null, null,
                        null, null));
                fail("a name with markup was accepted");
            } catch (ApiException e) {
                assertEquals(400, e.status());
                assertEquals("lastname", e.errors().get(0).field());
            }
        }
    }

    @Test
    public void theWelcomeMailNeutralisesAStoredName() {
        // a name stored before the rules existed
        String text = UserService.welcomeText("Bob, claim your bonus at https://evil.example/pay <b>now</b>\u202E",
                "http://127.0.0.1:8181", "hmo_x_y");
        String greeting = text.substring(0, text.indexOf('\n'));
        assertFalse(greeting, greeting.contains("://"));
        assertFalse(greeting, greeting.contains("evil.example"));
        assertFalse(greeting, greeting.contains("<") || greeting.contains(">"));
        assertFalse(greeting, greeting.contains("\u202E"));
        assertTrue(greeting, greeting.startsWith("Hello Bob, claim your bonus at"));
        // the product's own link is still there
        assertTrue(text, text.contains("POST http://127.0.0.1:8181/api/v1/auth/activate"));

        String reset = AuthService.resetText("Visit www.evil.example\nReset token: hmo_fake", "http://h", "hmo_real");
        String line = reset.substring(0, reset.indexOf('\n'));
        assertFalse(line, line.contains("www.evil"));
        assertFalse("the name cannot add a line", reset.contains("\nReset token: hmo_fake"));
        assertTrue(reset, reset.contains("Reset token: hmo_real"));
    }

    @Test
    public void theWelcomeMailOfANewUserCarriesTheirNameAsGiven() {
        try (IdentityFixture f = new IdentityFixture()) {
            f.users.create(IdentityFixture.apiKey(), new CreateUser("Anne-Marie", "O'Brien", "n3@example.com",
                    new IdRef("STANDARD"), new CodeRef("en"), new LocationIn("DE", "Berlin")));
            assertTrue(f.mailer.sent.get(0).text().startsWith("Hello Anne-Marie,\n"));
        }
    }
}
