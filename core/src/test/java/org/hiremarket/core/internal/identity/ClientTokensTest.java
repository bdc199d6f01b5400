package org.hiremarket.core.internal.identity;

import static org.hiremarket.core.internal.common.Refusals.refused;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.hiremarket.core.internal.common.ApiException;
import org.hiremarket.core.internal.identity.CredentialService.ClientView;
import org.hiremarket.core.internal.identity.CredentialService.CreatedClient;
import org.hiremarket.core.internal.identity.CredentialService.OAuthError;
import org.junit.After;
import org.junit.Test;

/**
 * OAuth clients and their access tokens (CredentialService, TokenService): only grantable scopes, a
 * token narrowed to a subset of the client's, and a token refused once it is revoked, expired, or its
 * client revoked; no company reaches another's clients.
 */
public class ClientTokensTest {

    private final IdentityFixture f = new IdentityFixture(Map.of("access_token_seconds", 600));
    private final CredentialService credentials = new CredentialService(f.db, f.tokens);

    @After
    public void stop() {
        f.close();
    }

    private CreatedClient client(Caller as, String... scopes) {
        return credentials.createClient(as, "HR sync", List.of(scopes));
    }

    private OAuthError oauthError(String clientId, String secret, String scope) {
        try {
            credentials.exchange(clientId, secret, scope);
        } catch (OAuthError e) {
            return e;
        }
        throw new AssertionError("the exchange succeeded");
    }

    private long rows(String entity) {
        return f.db.tx(em -> em.createQuery("SELECT COUNT(x) FROM " + entity + " x", Long.class).getSingleResult());
    }

    @Test
    public void aClientGetsOnlyGrantableScopes() {
        CreatedClient c = client(IdentityFixture.apiKey(), "jobs_read", "users_manage", "jobs_read");
        assertTrue(c.clientId().startsWith("hmclient_"));
        assertTrue(c.clientSecret().startsWith("hmc_"));
        assertEquals("HR sync", c.name());
        assertEquals(List.of("users_manage", "jobs_read"), c.scopes());
        assertEquals(List.of(new ClientView(c.clientId(), "HR sync", List.of("users_manage", "jobs_read"),
                c.createdAt(), null)), credentials.listClients(IdentityFixture.apiKey()));

        String grantable = "users_read, users_manage, jobs_read, jobs_manage, candidates_read, candidates_manage,"
                + " integrations_manage, assessments_read, assessments_manage";
        for (String bad : List.of("credentials_manage", "employee_portal", "JOBS_READ", "everything")) {
            ApiException e = refused(400, "validation-error", () -> client(IdentityFixture.apiKey(), "jobs_read", bad));
            assertEquals("scopes", e.errors().get(0).field());
            assertEquals("'" + bad + "' is not a scope a client may have; choose from " + grantable,
                    e.errors().get(0).message());
        }
        assertEquals("choose at least one scope", refused(400, "validation-error",
                () -> credentials.createClient(IdentityFixture.apiKey(), "x", List.of())).errors().get(0).message());
        assertEquals("choose at least one scope", refused(400, "validation-error",
                () -> credentials.createClient(IdentityFixture.apiKey(), "x", null)).errors().get(0).message());
        assertEquals("name", refused(400, "validation-error",
                () -> credentials.createClient(IdentityFixture.apiKey(), " ", List.of("jobs_read"))).errors().get(0)
                .field());
        assertEquals("nothing stored for a refused client", 1, rows("OAuthClientEntity"));
    }

    @Test
    public void aTokenCarriesTheClientsScopesOrANarrowedSubset() throws Exception {
        CreatedClient c = client(IdentityFixture.apiKey(), "jobs_read", "jobs_manage", "candidates_read");
        TokenService.Issued all = credentials.exchange(c.clientId(), c.clientSecret(), null);
        assertTrue(all.token().startsWith("hma_"));
        assertEquals(600, all.expiresInSeconds());
        assertEquals(EnumSet.of(Scope.JOBS_READ, Scope.JOBS_MANAGE, Scope.CANDIDATES_READ), all.scopes());
        Caller caller = f.tokens.authenticate(all.token());
        assertEquals(new Caller(IdentityFixture.COMPANY, c.clientId(), Caller.Kind.OAUTH_CLIENT,
                EnumSet.of(Scope.JOBS_READ, Scope.JOBS_MANAGE, Scope.CANDIDATES_READ), null), caller);
        assertEquals(all.scopes(), credentials.exchange(c.clientId(), c.clientSecret(), "  ").scopes());

        TokenService.Issued narrowed = credentials.exchange(c.clientId(), c.clientSecret(), " jobs_read  candidates_read ");
        assertEquals(EnumSet.of(Scope.JOBS_READ, Scope.CANDIDATES_READ), narrowed.scopes());
        Caller narrow = f.tokens.authenticate(narrowed.token());
        assertEquals(Set.of(Scope.JOBS_READ, Scope.CANDIDATES_READ), narrow.scopes());
        assertTrue(!narrow.has(Scope.JOBS_MANAGE));
        long expires = f.db.tx(em -> em.createQuery("SELECT MAX(t.expiresAt) FROM AccessTokenEntity t", Long.class)
                .getSingleResult());
        long inSeconds = (expires - System.currentTimeMillis()) / 1000;
        assertTrue("expires in " + inSeconds, inSeconds > 590 && inSeconds <= 600);
    }

    @Test
    public void aScopeBeyondTheClientsIsRefused() {
        CreatedClient c = client(IdentityFixture.apiKey(), "jobs_read");
        long before = rows("AccessTokenEntity");
        for (String scope : List.of("jobs_manage", "jobs_read jobs_manage", "credentials_manage", "nonsense")) {
            OAuthError e = oauthError(c.clientId(), c.clientSecret(), scope);
            assertEquals(scope, 400, e.status());
            assertEquals(scope, "invalid_scope", e.error());
        }
        assertEquals("scope 'jobs_manage' is unknown or not granted to this client",
                oauthError(c.clientId(), c.clientSecret(), "jobs_read jobs_manage").getMessage());
        assertEquals("no token issued", before, rows("AccessTokenEntity"));
    }

    @Test
    public void aWrongUnknownOrRevokedClientIsInvalidClient() {
        CreatedClient c = client(IdentityFixture.apiKey(), "jobs_read");
        CreatedClient other = client(IdentityFixture.apiKey(), "jobs_read");
        String[][] attempts = { { c.clientId(), other.clientSecret() }, { c.clientId(), null },
            { "hmclient_unknown", c.clientSecret() }, { null, c.clientSecret() } };
        for (String[] a : attempts) {
            OAuthError e = oauthError(a[0], a[1], null);
            assertEquals(401, e.status());
            assertEquals("invalid_client", e.error());
            assertEquals("client authentication failed", e.getMessage());
        }
        credentials.revokeClient(IdentityFixture.apiKey(), c.clientId());
        assertEquals("invalid_client", oauthError(c.clientId(), c.clientSecret(), null).error());
        assertEquals(0, rows("AccessTokenEntity"));
    }

    @Test
    public void revokingAClientEndsItsTokensAndOnlyItsTokens() throws Exception {
        CreatedClient c = client(IdentityFixture.apiKey(), "jobs_read");
        CreatedClient keep = client(IdentityFixture.apiKey(), "jobs_read");
        String token = credentials.exchange(c.clientId(), c.clientSecret(), null).token();
        String kept = credentials.exchange(keep.clientId(), keep.clientSecret(), null).token();
        ClientView revoked = credentials.revokeClient(IdentityFixture.apiKey(), c.clientId());
        assertNotNull(revoked.revokedAt());
        assertEquals("the access token has been revoked", f.refusedToken(token));
        assertEquals(keep.clientId(), f.tokens.authenticate(kept).credentialId());
        // revoking again keeps the first revocation time
        assertEquals(revoked.revokedAt(), credentials.revokeClient(IdentityFixture.apiKey(), c.clientId()).revokedAt());
        assertNull(credentials.listClients(IdentityFixture.apiKey()).stream()
                .filter(v -> v.clientId().equals(keep.clientId())).findFirst().orElseThrow().revokedAt());
    }

    @Test
    public void aTokenOfAClientRevokedElsewhereIsRefused() throws Exception {
        CreatedClient c = client(IdentityFixture.apiKey(), "jobs_read");
        String token = credentials.exchange(c.clientId(), c.clientSecret(), null).token();
        // the client revoked, its tokens not (yet): as another node, or an older version, could leave it
        f.db.tx(em -> {
            em.find(OAuthClientEntity.class, c.clientId()).revoke(System.currentTimeMillis());
            return null;
        });
        assertEquals("the client has been revoked", f.refusedToken(token));
    }

    @Test
    public void expiredMalformedAndUnknownTokensAreRefused() throws Exception {
        CreatedClient c = client(IdentityFixture.apiKey(), "jobs_read");
        String token = credentials.exchange(c.clientId(), c.clientSecret(), null).token();
        String other = credentials.exchange(c.clientId(), c.clientSecret(), null).token();
        String recordId = f.tokens.authenticate(token).credentialId();
        assertEquals(c.clientId(), recordId);
        f.db.tx(em -> em.createQuery("UPDATE AccessTokenEntity t SET t.expiresAt = :at WHERE t.tokenHash = :h")
                .setParameter("at", System.currentTimeMillis())
                .setParameter("h", org.hiremarket.core.internal.common.SecretTokens.hash(token)).executeUpdate());
        assertEquals("the access token has expired", f.refusedToken(token));
        assertEquals(Set.of(Scope.JOBS_READ), f.tokens.authenticate(other).scopes());

        assertEquals("the access token is malformed", f.refusedToken("hma_"));
        assertEquals("the access token is malformed", f.refusedToken("not a token"));
        // a well-formed token with a known id but another secret
        String forged = token.substring(0, token.length() - 4) + (token.endsWith("AAAA") ? "BBBB" : "AAAA");
        assertEquals("the access token is unknown", f.refusedToken(forged));
        assertEquals("the access token is unknown", f.refusedToken("hms_" + token.substring(4)));
    }

    @Test
    public void theTokenLifetimeIsAtMostAnHour() throws Exception {
        IdentityFixture g = new IdentityFixture(Map.of("access_token_seconds", 7200));
        try {
            CredentialService cs = new CredentialService(g.db, g.tokens);
            CreatedClient c = cs.createClient(IdentityFixture.apiKey(), "HR", List.of("jobs_read"));
            assertEquals(3600, cs.exchange(c.clientId(), c.clientSecret(), null).expiresInSeconds());
        } finally {
            g.close();
        }
    }

    @Test
    public void noCompanyReachesAnotherCompanysClients() throws Exception {
        Caller other = Caller.apiKey("company-2", "key-2");
        CreatedClient theirs = client(other, "jobs_read");
        String token = credentials.exchange(theirs.clientId(), theirs.clientSecret(), null).token();
        for (String id : new String[] { theirs.clientId(), "hmclient_unknown", null }) {
            ApiException e = refused(404, "not-found", () -> credentials.revokeClient(IdentityFixture.apiKey(), id));
            assertEquals("OAuth client '" + id + "' does not exist", e.detail());
        }
        assertNull(credentials.listClients(other).get(0).revokedAt());
        assertEquals("company-2", f.tokens.authenticate(token).companyId());
        assertEquals(List.of(), credentials.listClients(IdentityFixture.apiKey()));
        try {
            credentials.revokeClient(IdentityFixture.apiKey(), theirs.clientId());
            fail();
        } catch (ApiException expected) {
            assertEquals(404, expected.status());
        }
    }
}
