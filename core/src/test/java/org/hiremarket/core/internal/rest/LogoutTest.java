package org.hiremarket.core.internal.rest;

import static org.hiremarket.core.internal.common.Refusals.refused;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.fail;

import org.hiremarket.core.internal.identity.Caller;
import org.hiremarket.core.internal.identity.SystemRole;
import org.hiremarket.core.internal.identity.TestSessions;
import org.hiremarket.core.internal.identity.TokenService;
import org.hiremarket.core.internal.persistence.InMemoryUnit;
import org.junit.After;
import org.junit.Test;

/** {@code POST /auth/logout}: ends the session it is called with, and only a person's session can call it. */
public class LogoutTest {

    private final InMemoryUnit unit = new InMemoryUnit(true);
    private final TokenService tokens = TestSessions.tokens(unit.database());
    private final AuthResource resource = new AuthResource(null, tokens, null);

    @After
    public void close() {
        unit.close();
    }

    @Test
    public void logoutEndsTheCallersSessionOnly() throws Exception {
        String mine = TestSessions.session(unit.database(), tokens, "company-1", SystemRole.STANDARD);
        String other = TestSessions.session(unit.database(), tokens, "company-1", SystemRole.STANDARD);
        Caller me = tokens.authenticate(mine);
        assertEquals(204, resource.logout(me).getStatus());
        try {
            tokens.authenticate(mine);
            fail("the session outlived its logout");
        } catch (TokenService.InvalidToken e) {
            assertEquals("the access token has been revoked", e.getMessage());
        }
        assertEquals(Caller.Kind.USER, tokens.authenticate(other).kind());
    }

    @Test
    public void apiKeysAndClientsCannotLogOut() throws Exception {
        String session = TestSessions.session(unit.database(), tokens, "company-1", SystemRole.ADMINISTRATOR);
        String recordId = tokens.authenticate(session).credentialId();
        // even one naming a session's record: nothing is revoked
        for (Caller c : new Caller[] { Caller.apiKey("company-1", recordId), new Caller("company-1", recordId,
                Caller.Kind.OAUTH_CLIENT, java.util.Set.of(), null) }) {
            assertEquals("only a person's session can log out; revoke API keys and clients instead",
                    refused(400, "bad-request", () -> resource.logout(c)).detail());
        }
        assertEquals(recordId, tokens.authenticate(session).credentialId());
    }
}
