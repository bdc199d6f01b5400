package org.hiremarket.core.internal.identity;

import static org.hiremarket.core.internal.common.Refusals.refused;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import org.hiremarket.core.internal.common.ApiException;
import org.hiremarket.core.internal.identity.UserViews.CreateUser;
import org.hiremarket.core.internal.identity.UserViews.UpdateUser;
import org.hiremarket.core.internal.identity.UserViews.UserView;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Scripts written for the SmartRecruiters API: what {@code GET /users/{id}} answers can be sent back,
 * both spellings of the names are taken, and country codes in any case.
 */
public class UserRoundTripTest {

    /** The API's own JSON rules (unknown fields refused, no coercion). */
    private final ObjectMapper json = org.hiremarket.core.internal.rest.RestServer.objectMapper();
    private IdentityFixture f;

    @Before
    public void open() {
        f = new IdentityFixture();
    }

    @After
    public void close() {
        f.close();
    }


    @Test
    public void whatAGetAnswersCanBeSentBack() throws Exception {
        CreateUser in = json.readValue("{\"firstName\": \"Susan\", \"lastName\": \"Santos\", \"email\": \"s@example.com\","
                + " \"systemRole\": {\"id\": \"STANDARD\", \"name\": \"STANDARD\"}, \"language\": {\"code\": \"en\"},"
                + " \"location\": {\"countryCode\": \"us\", \"city\": \"San Francisco\", \"country\": \"United States\"}}",
                CreateUser.class);
        UserView created = f.users.create(IdentityFixture.apiKey(), in);
        assertEquals("Susan", created.firstName());
        assertEquals("US", created.location().countryCode());

        String answer = json.writeValueAsString(created).replace("\"Santos\"", "\"Santos-Ruiz\"");
        UserView after = f.users.update(IdentityFixture.apiKey(), created.id(), json.readValue(answer, UpdateUser.class));
        assertEquals("Santos-Ruiz", after.lastName());
        assertEquals("STANDARD", after.systemRole().id());
        assertEquals("United States", after.location().country());
    }

    @Test
    public void readOnlyFieldsSentBackMustStillBeTrue() throws Exception {
        UserView u = f.users.create(IdentityFixture.apiKey(), IdentityFixture.newUser("p@example.org", SystemRole.STANDARD));
        ApiException otherId = refused(() -> f.users.update(IdentityFixture.apiKey(), u.id(),
                new UpdateUser("someone-else", null, null, null, null, null, null, null, null, null)));
        assertEquals("id", otherId.errors().get(0).field());
        ApiException active = refused(() -> f.users.update(IdentityFixture.apiKey(), u.id(),
                new UpdateUser(null, null, null, null, null, null, null, false, null, null)));
        assertEquals("active", active.errors().get(0).field());
        assertTrue(active.detail(), active.detail().contains("/deactivate"));
        ApiException role = refused(() -> f.users.update(IdentityFixture.apiKey(), u.id(), new UpdateUser(null, null, null,
                new UserViews.IdRef("STANDARD", "ADMINISTRATOR"), null, null)));
        assertEquals("systemRole.name", role.errors().get(0).field());
        ApiException country = refused(() -> f.users.update(IdentityFixture.apiKey(), u.id(), new UpdateUser(null, null,
                null, null, null, new UserViews.LocationIn("DE", "Berlin", "France"))));
        assertEquals("location.country", country.errors().get(0).field());
        assertEquals("nothing changed", "DE", f.users.get(IdentityFixture.apiKey(), u.id()).location().countryCode());
    }
}
