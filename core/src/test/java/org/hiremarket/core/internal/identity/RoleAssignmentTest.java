package org.hiremarket.core.internal.identity;

import static org.hiremarket.core.internal.identity.SystemRole.ADMINISTRATOR;
import static org.hiremarket.core.internal.identity.SystemRole.EMPLOYEE;
import static org.hiremarket.core.internal.identity.SystemRole.EXTENDED;
import static org.hiremarket.core.internal.identity.SystemRole.RESTRICTED;
import static org.hiremarket.core.internal.identity.SystemRole.STANDARD;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.hiremarket.core.internal.common.ApiException;
import org.hiremarket.core.internal.identity.UserViews.IdRef;
import org.hiremarket.core.internal.identity.UserViews.UpdateUser;
import org.junit.Before;
import org.junit.Test;

/**
 * No credential may create a user with, or move a user to or from, a system role whose scopes
 * exceed its own (issue 25: an OAuth client with users_manage created an ADMINISTRATOR it then
 * signed in as). UserService on the in-memory database, every credential kind against every role.
 */
public class RoleAssignmentTest {

    private static IdentityFixture f;

    // once per JVM, from @Before: see InMemoryUnit#shared
    static void start() {
        if (f != null) {
            return;
        }
        f = new IdentityFixture();
        // another administrator, so moving one away from ADMINISTRATOR never meets the last-administrator rule
        f.users.create(IdentityFixture.apiKey(), IdentityFixture.newUser(email(), ADMINISTRATOR));
    }

    @Before
    public void openOnce() {
        start();
    }

    private static Set<Scope> scopes(Scope... s) {
        return s.length == 0 ? EnumSet.noneOf(Scope.class) : EnumSet.copyOf(Arrays.asList(s));
    }

    private static final Set<Scope> ALL_CLIENT_SCOPES = Arrays.stream(Scope.values()).filter(Scope::grantableToClients)
            .collect(Collectors.toCollection(() -> EnumSet.noneOf(Scope.class)));

    /** Every credential under test, and the roles it may assign: written out, not derived from the code. */
    private static Map<String, Object[]> matrix() {
        Map<String, Object[]> m = new LinkedHashMap<>();
        m.put("API key", new Object[] { IdentityFixture.apiKey(), EnumSet.allOf(SystemRole.class) });
        m.put("ADMINISTRATOR session", new Object[] { IdentityFixture.session(ADMINISTRATOR), EnumSet.allOf(SystemRole.class) });
        m.put("EXTENDED session", new Object[] { IdentityFixture.session(EXTENDED),
                EnumSet.of(EXTENDED, STANDARD, RESTRICTED, EMPLOYEE) });
        m.put("STANDARD session", new Object[] { IdentityFixture.session(STANDARD), EnumSet.of(STANDARD, RESTRICTED, EMPLOYEE) });
        m.put("RESTRICTED session", new Object[] { IdentityFixture.session(RESTRICTED), EnumSet.of(RESTRICTED) });
        m.put("EMPLOYEE session", new Object[] { IdentityFixture.session(EMPLOYEE), EnumSet.of(EMPLOYEE) });
        m.put("OAuth users_manage", new Object[] { IdentityFixture.oauth(scopes(Scope.USERS_MANAGE)),
                EnumSet.noneOf(SystemRole.class) });
        m.put("OAuth users_read users_manage", new Object[] {
                IdentityFixture.oauth(scopes(Scope.USERS_READ, Scope.USERS_MANAGE)), EnumSet.noneOf(SystemRole.class) });
        m.put("OAuth every client scope", new Object[] { IdentityFixture.oauth(ALL_CLIENT_SCOPES),
                EnumSet.of(EXTENDED, STANDARD, RESTRICTED, EMPLOYEE) });
        m.put("OAuth restricted's scopes", new Object[] { IdentityFixture.oauth(scopes(Scope.USERS_MANAGE, Scope.JOBS_READ,
                Scope.CANDIDATES_READ, Scope.ASSESSMENTS_READ)), EnumSet.of(RESTRICTED) });
        m.put("OAuth standard's scopes", new Object[] { IdentityFixture.oauth(scopes(Scope.USERS_MANAGE, Scope.USERS_READ,
                Scope.JOBS_READ, Scope.CANDIDATES_READ, Scope.CANDIDATES_MANAGE, Scope.ASSESSMENTS_READ)),
                EnumSet.of(STANDARD, RESTRICTED, EMPLOYEE) });
        m.put("OAuth jobs_read candidates_manage", new Object[] { IdentityFixture.oauth(scopes(Scope.USERS_MANAGE,
                Scope.JOBS_READ, Scope.CANDIDATES_MANAGE)), EnumSet.of(EMPLOYEE) });
        return m;
    }

    private static String email() {
        return "u-" + UUID.randomUUID() + "@example.com";
    }

    private static long userCount() {
        return f.db.tx(em -> em.createQuery("SELECT COUNT(u) FROM UserEntity u", Long.class).getSingleResult());
    }

    @Test
    public void createWithARoleIsAllowedExactlyWhenTheCredentialCoversIt() {
        for (Map.Entry<String, Object[]> e : matrix().entrySet()) {
            Caller caller = (Caller) e.getValue()[0];
            @SuppressWarnings("unchecked")
            Set<SystemRole> allowed = (Set<SystemRole>) e.getValue()[1];
            for (SystemRole role : SystemRole.values()) {
                String what = e.getKey() + " creating " + role;
                long before = userCount();
                String email = email();
                try {
                    UserViews.UserView u = f.users.create(caller, IdentityFixture.newUser(email, role));
                    assertTrue(what + " was allowed", allowed.contains(role));
                    assertEquals(role.name(), u.systemRole().id());
                    assertEquals(before + 1, userCount());
                } catch (ApiException refused) {
                    assertTrue(what + " was refused: " + refused.getMessage(), !allowed.contains(role));
                    assertRoleProblem(what, refused);
                    assertEquals(what + ": nothing was written", before, userCount());
                    assertTrue(what + ": no mail was sent", f.mailer.to(email, "").isEmpty());
                }
            }
        }
    }

    @Test
    public void promotingOrDemotingIsAllowedExactlyWhenTheCredentialCoversBothRoles() {
        for (Map.Entry<String, Object[]> e : matrix().entrySet()) {
            Caller caller = (Caller) e.getValue()[0];
            @SuppressWarnings("unchecked")
            Set<SystemRole> allowed = (Set<SystemRole>) e.getValue()[1];
            for (SystemRole from : SystemRole.values()) {
                for (SystemRole to : SystemRole.values()) {
                    if (from == to) {
                        continue;
                    }
                    String id = f.users.create(IdentityFixture.apiKey(), IdentityFixture.newUser(email(), from)).id();
                    String what = e.getKey() + " moving " + from + " to " + to;
                    boolean expected = allowed.contains(from) && allowed.contains(to);
                    try {
                        UserViews.UserView u = f.users.update(caller, id, new UpdateUser(null, null, null, new IdRef(to.name()),
                                null, null));
                        assertTrue(what + " was allowed", expected);
                        assertEquals(to.name(), u.systemRole().id());
                    } catch (ApiException refused) {
                        assertTrue(what + " was refused: " + refused.getMessage(), !expected);
                        assertRoleProblem(what, refused);
                        assertEquals(what + ": the role is unchanged", from.name(),
                                f.users.get(IdentityFixture.apiKey(), id).systemRole().id());
                    }
                }
            }
        }
    }

    @Test
    public void theProblemNamesTheMissingScopes() {
        try {
            f.users.create(IdentityFixture.oauth(scopes(Scope.USERS_READ, Scope.USERS_MANAGE)),
                    IdentityFixture.newUser(email(), ADMINISTRATOR));
            fail("an OAuth client with users_manage created an administrator");
        } catch (ApiException e) {
            assertEquals(403, e.status());
            assertEquals("role-exceeds-credential", e.type());
            for (Scope s : ADMINISTRATOR.scopes()) {
                boolean held = s == Scope.USERS_READ || s == Scope.USERS_MANAGE;
                assertEquals(s.wire() + " in " + e.getMessage(), !held, e.getMessage().contains(s.wire()));
            }
        }
        try {
            f.users.create(IdentityFixture.oauth(ALL_CLIENT_SCOPES), IdentityFixture.newUser(email(), ADMINISTRATOR));
            fail("an OAuth client created an administrator");
        } catch (ApiException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("(credentials_manage)"));
        }
    }

    @Test
    public void otherChangesToAHigherUserStayAllowed() {
        String admin = f.users.create(IdentityFixture.apiKey(), IdentityFixture.newUser(email(), ADMINISTRATOR)).id();
        UserViews.UserView u = f.users.update(IdentityFixture.oauth(scopes(Scope.USERS_MANAGE)), admin,
                new UpdateUser("Renamed", null, null, null, null, null));
        assertEquals("Renamed", u.firstName());
        // leaving the role out is no change of role
        u = f.users.update(IdentityFixture.oauth(scopes(Scope.USERS_MANAGE)), admin,
                new UpdateUser(null, null, null, null, null, null));
        assertEquals(ADMINISTRATOR.name(), u.systemRole().id());
    }

    private static void assertRoleProblem(String what, ApiException e) {
        assertEquals(what + ": " + e.getMessage(), 403, e.status());
        assertEquals(what, "role-exceeds-credential", e.type());
    }
}
