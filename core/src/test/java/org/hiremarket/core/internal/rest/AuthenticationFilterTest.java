package org.hiremarket.core.internal.rest;

import static org.hiremarket.core.internal.identity.SystemRole.ADMINISTRATOR;
import static org.hiremarket.core.internal.identity.SystemRole.EMPLOYEE;
import static org.hiremarket.core.internal.identity.SystemRole.EXTENDED;
import static org.hiremarket.core.internal.identity.SystemRole.RESTRICTED;
import static org.hiremarket.core.internal.identity.SystemRole.STANDARD;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import javax.servlet.http.HttpServletRequest;
import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.PATCH;
import javax.ws.rs.POST;
import javax.ws.rs.PUT;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ResourceInfo;
import javax.ws.rs.core.Response;

import org.hiremarket.core.internal.common.ManualClock;
import org.hiremarket.core.internal.company.CompanyService;
import org.hiremarket.core.internal.identity.Caller;
import org.hiremarket.core.internal.identity.PartnerAuthService;
import org.hiremarket.core.internal.identity.PartnerCaller;
import org.hiremarket.core.internal.identity.TestPartners;
import org.hiremarket.core.internal.identity.CredentialService;
import org.hiremarket.core.internal.identity.Scope;
import org.hiremarket.core.internal.identity.SystemRole;
import org.hiremarket.core.internal.identity.TestSessions;
import org.hiremarket.core.internal.identity.TokenService;
import org.hiremarket.core.internal.persistence.InMemoryUnit;
import org.junit.Before;
import org.junit.Test;

/**
 * The filter that enforces scopes, on real resource methods and real credentials (API key, OAuth
 * access tokens, people's sessions) in the in-memory database: what each system role may and may not
 * call, a narrowed OAuth token, 401 for a missing or bad credential and 403 {@code insufficient_scope}
 * with its challenge.
 */
public class AuthenticationFilterTest {

    private static final String ALL_CHALLENGE = "Bearer realm=\"hiremarket\", SmartToken realm=\"hiremarket\"";

    /** Every resource class that needs a credential. */
    private static final List<Class<?>> GUARDED = List.of(JobResource.class, UserResource.class, CandidateResource.class,
            ApplicationResource.class, AssessmentResource.class, ConnectionResource.class, CredentialResource.class,
            EmployeeResource.class, IntegrationResource.class, AgencyResource.class, JobAssignmentResource.class,
            FeedResource.class);

    /** One database for the class: the unit takes seconds to start; a test that revokes uses its own credential. */
    private static InMemoryUnit unit;
    private static CompanyService companies;
    private static TokenService tokens;
    private static CredentialService credentials;
    private static PartnerAuthService partnerAuth;
    private static String partnerId;
    private static String partnerSession;
    private static String partnerToken;
    private static CompanyService.CreatedCompany acme;
    private static final Map<SystemRole, String> sessions = new EnumMap<>(SystemRole.class);
    private final List<Caller> accepted = new ArrayList<>();
    private final List<PartnerCaller> acceptedPartners = new ArrayList<>();

    // once per JVM, from @Before: see InMemoryUnit#shared
    static void open() {
        if (unit != null) {
            return;
        }
        unit = new InMemoryUnit(true);
        companies = new CompanyService(unit.database());
        tokens = TestSessions.tokens(unit.database());
        credentials = new CredentialService(unit.database(), tokens);
        partnerAuth = TestPartners.auth(unit.database(), tokens, null);
        partnerId = TestPartners.verified(unit.database(), "partner@filter.example", "Filter Boards");
        partnerSession = TestPartners.session(unit.database(), tokens, partnerId);
        partnerToken = partnerAuth.createToken(TestPartners.signedIn(partnerId), "filter test").token();
        acme = companies.createCompany("Acme");
        for (SystemRole role : SystemRole.values()) {
            sessions.put(role, TestSessions.session(unit.database(), tokens, acme.company().id(), role));
        }
    }

    @Before
    public void openOnce() {
        open();
    }

    /** What the filter did with one request. */
    private record Outcome(Response aborted, Caller caller) {
        int status() {
            return aborted.getStatus();
        }

        Problem problem() {
            return (Problem) aborted.getEntity();
        }

        String challenge() {
            return aborted.getHeaderString("WWW-Authenticate");
        }
    }

    private AuthenticationFilter filter(AuthFailureLimiter limiter, Method method, String address) {
        AuthenticationFilter f = new AuthenticationFilter(companies, tokens, partnerAuth, limiter);
        set(f, "resource", Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] { ResourceInfo.class },
                (p, m, a) -> switch (m.getName()) {
                    case "getResourceMethod" -> method;
                    case "getResourceClass" -> method.getDeclaringClass();
                    default -> throw new UnsupportedOperationException(m.getName());
                }));
        set(f, "http", Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] { HttpServletRequest.class },
                (p, m, a) -> switch (m.getName()) {
                    case "getRemoteAddr" -> address;
                    default -> throw new UnsupportedOperationException(m.getName());
                }));
        f.accepted = accepted::add;
        f.acceptedPartner = acceptedPartners::add;
        return f;
    }

    private static void set(Object target, String field, Object value) {
        try {
            Field fl = target.getClass().getDeclaredField(field);
            fl.setAccessible(true);
            fl.set(target, value);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    private Outcome call(AuthFailureLimiter limiter, String address, Method method, String... headers) {
        Map<String, String> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (int i = 0; i < headers.length; i += 2) {
            h.put(headers[i], headers[i + 1]);
        }
        Response[] aborted = new Response[1];
        ContainerRequestContext request = (ContainerRequestContext) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] { ContainerRequestContext.class }, (p, m, a) -> switch (m.getName()) {
                    case "getHeaderString" -> h.get((String) a[0]);
                    case "abortWith" -> {
                        assertNull("aborted once", aborted[0]);
                        aborted[0] = (Response) a[0];
                        yield null;
                    }
                    default -> throw new UnsupportedOperationException(m.getName());
                });
        accepted.clear();
        acceptedPartners.clear();
        filter(limiter, method, address).filter(request);
        assertTrue("not both aborted and accepted", aborted[0] == null || accepted.isEmpty());
        assertTrue("not both aborted and accepted", aborted[0] == null || acceptedPartners.isEmpty());
        assertTrue("one realm only", accepted.isEmpty() || acceptedPartners.isEmpty());
        return new Outcome(aborted[0], accepted.isEmpty() ? null : accepted.get(0));
    }

    private Outcome call(Method method, String... headers) {
        return call(new AuthFailureLimiter(0, 0), "192.0.2.1", method, headers);
    }

    private static Method method(Class<?> type, String name) {
        List<Method> found = Arrays.stream(type.getDeclaredMethods()).filter(m -> m.getName().equals(name)
                && Modifier.isPublic(m.getModifiers())).toList();
        assertEquals(type.getSimpleName() + "." + name, 1, found.size());
        return found.get(0);
    }

    /** Every public JAX-RS method of the guarded resources. */
    private static List<Method> guardedMethods() {
        List<Method> out = new ArrayList<>();
        for (Class<?> c : GUARDED) {
            for (Method m : c.getDeclaredMethods()) {
                if (Modifier.isPublic(m.getModifiers()) && (m.isAnnotationPresent(GET.class)
                        || m.isAnnotationPresent(POST.class) || m.isAnnotationPresent(PUT.class)
                        || m.isAnnotationPresent(PATCH.class) || m.isAnnotationPresent(DELETE.class))) {
                    out.add(m);
                }
            }
        }
        return out;
    }

    private static String bearer(String token) {
        return "Bearer " + token;
    }

    private Outcome asRole(SystemRole role, Method m) {
        return call(m, "Authorization", bearer(sessions.get(role)));
    }

    private static void assertInsufficient(String what, Outcome o, Scope needed, boolean session) {
        assertNotNull(what + " was let through", o.aborted());
        assertEquals(what, 403, o.status());
        assertEquals(what, Problem.TYPE_PREFIX + "insufficient-scope", o.problem().type());
        assertEquals(what, session ? "your system role does not allow this (it needs " + needed.wire() + ")"
                : "this access token lacks the scope " + needed.wire(), o.problem().detail());
        assertEquals(what, "Bearer realm=\"hiremarket\", error=\"insufficient_scope\", scope=\"" + needed.wire() + "\"",
                o.challenge());
    }

    /** What each role may call, written out from docs/rest-api.md's role table. */
    @Test
    public void eachRoleMayCallWhatTheRoleTableSaysAndNothingElse() {
        Map<Method, Set<SystemRole>> table = new LinkedHashMap<>();
        Set<SystemRole> readers = EnumSet.of(ADMINISTRATOR, EXTENDED, STANDARD, RESTRICTED);
        table.put(method(JobResource.class, "list"), readers);
        table.put(method(JobResource.class, "get"), readers);
        table.put(method(JobResource.class, "create"), EnumSet.of(ADMINISTRATOR, EXTENDED));
        table.put(method(JobResource.class, "status"), EnumSet.of(ADMINISTRATOR, EXTENDED));
        table.put(method(JobResource.class, "publish"), EnumSet.of(ADMINISTRATOR, EXTENDED));
        table.put(method(JobResource.class, "apply"), EnumSet.of(ADMINISTRATOR, EXTENDED, STANDARD));
        table.put(method(JobResource.class, "applications"), readers);
        table.put(method(UserResource.class, "list"), EnumSet.of(ADMINISTRATOR, EXTENDED, STANDARD));
        table.put(method(UserResource.class, "create"), EnumSet.of(ADMINISTRATOR));
        table.put(method(UserResource.class, "deactivate"), EnumSet.of(ADMINISTRATOR));
        table.put(method(CandidateResource.class, "list"), readers);
        table.put(method(CandidateResource.class, "create"), EnumSet.of(ADMINISTRATOR, EXTENDED, STANDARD));
        table.put(method(CandidateResource.class, "attach"), EnumSet.of(ADMINISTRATOR, EXTENDED, STANDARD));
        table.put(method(ApplicationResource.class, "status"), EnumSet.of(ADMINISTRATOR, EXTENDED, STANDARD));
        table.put(method(ApplicationResource.class, "order"), EnumSet.of(ADMINISTRATOR, EXTENDED));
        table.put(method(ApplicationResource.class, "orders"), readers);
        table.put(method(AssessmentResource.class, "list"), readers);
        table.put(method(AssessmentResource.class, "cancel"), EnumSet.of(ADMINISTRATOR, EXTENDED));
        table.put(method(ConnectionResource.class, "list"), EnumSet.of(ADMINISTRATOR));
        table.put(method(ConnectionResource.class, "packages"), readers);
        table.put(method(IntegrationResource.class, "list"), EnumSet.of(ADMINISTRATOR));
        table.put(method(CredentialResource.class, "apiKeys"), EnumSet.of(ADMINISTRATOR));
        table.put(method(CredentialResource.class, "createClient"), EnumSet.of(ADMINISTRATOR));
        table.put(method(EmployeeResource.class, "jobs"), EnumSet.of(EMPLOYEE));
        table.put(method(EmployeeResource.class, "apply"), EnumSet.of(EMPLOYEE));
        for (Map.Entry<Method, Set<SystemRole>> e : table.entrySet()) {
            for (SystemRole role : SystemRole.values()) {
                String what = role + " calling " + e.getKey().getDeclaringClass().getSimpleName() + "."
                        + e.getKey().getName();
                Outcome o = asRole(role, e.getKey());
                if (e.getValue().contains(role)) {
                    assertNull(what + " was refused", o.aborted());
                    assertNotNull(what + ": the caller is handed on", o.caller());
                    assertEquals(what, role.scopes(), o.caller().scopes());
                    assertEquals(what, Caller.Kind.USER, o.caller().kind());
                    assertEquals(what, acme.company().id(), o.caller().companyId());
                } else {
                    assertNotNull(what + " was let through", o.aborted());
                    assertEquals(what, 403, o.status());
                }
            }
        }
    }

    /** Every guarded method: a session passes exactly when its role holds the scope the method needs. */
    @Test
    public void everyGuardedMethodNeedsAScopeAndEverySessionIsCheckedAgainstIt() {
        List<Method> methods = guardedMethods();
        assertTrue("found " + methods.size(), methods.size() >= 50);
        for (Method m : methods) {
            Requires r = m.isAnnotationPresent(Requires.class) ? m.getAnnotation(Requires.class)
                    : m.getDeclaringClass().getAnnotation(Requires.class);
            String name = m.getDeclaringClass().getSimpleName() + "." + m.getName();
            assertNotNull(name + " needs no scope", r);
            for (SystemRole role : SystemRole.values()) {
                Outcome o = asRole(role, m);
                if (role.scopes().contains(r.value())) {
                    assertNull(role + " calling " + name, o.aborted());
                    assertEquals(role + " calling " + name, role.scopes(), o.caller().scopes());
                } else {
                    assertInsufficient(role + " calling " + name, o, r.value(), true);
                }
            }
            Outcome key = call(m, "X-SmartToken", acme.plainKey());
            assertNull("an API key may call " + name, key.aborted());
            assertEquals(Caller.apiKey(acme.company().id(), acme.key().id()), key.caller());
        }
    }

    @Test
    public void aMethodsOwnScopeOverridesItsClasss() {
        // AssessmentResource needs assessments_read, its cancel assessments_manage
        assertNull(asRole(STANDARD, method(AssessmentResource.class, "get")).aborted());
        assertInsufficient("STANDARD cancelling", asRole(STANDARD, method(AssessmentResource.class, "cancel")),
                Scope.ASSESSMENTS_MANAGE, true);
        // ConnectionResource needs integrations_manage, its packages assessments_read
        assertNull(asRole(RESTRICTED, method(ConnectionResource.class, "packages")).aborted());
        assertInsufficient("RESTRICTED listing connections", asRole(RESTRICTED, method(ConnectionResource.class, "list")),
                Scope.INTEGRATIONS_MANAGE, true);
    }

    @Test
    public void anOAuthTokenHasItsClientsScopesOrTheNarrowedOnes() throws Exception {
        CredentialService.CreatedClient client = credentials.createClient(Caller.apiKey(acme.company().id(), "k"),
                "ATS sync", List.of("jobs_read", "jobs_manage", "candidates_read"));
        String full = credentials.exchange(client.clientId(), client.clientSecret(), null).token();
        String narrowed = credentials.exchange(client.clientId(), client.clientSecret(), "jobs_read").token();
        Method list = method(JobResource.class, "list");
        Method create = method(JobResource.class, "create");

        Outcome reads = call(list, "Authorization", bearer(narrowed));
        assertNull(reads.aborted());
        assertEquals(new Caller(acme.company().id(), client.clientId(), Caller.Kind.OAUTH_CLIENT,
                Set.of(Scope.JOBS_READ), null), reads.caller());
        assertInsufficient("narrowed token creating a job", call(create, "Authorization", bearer(narrowed)),
                Scope.JOBS_MANAGE, false);
        assertEquals(Set.of(Scope.JOBS_READ, Scope.JOBS_MANAGE, Scope.CANDIDATES_READ),
                call(create, "Authorization", bearer(full)).caller().scopes());
        assertInsufficient("client applying", call(method(JobResource.class, "apply"), "Authorization", bearer(full)),
                Scope.CANDIDATES_MANAGE, false);
        // "bearer" in any case
        assertNull(call(list, "Authorization", "bEaReR " + narrowed + " ").aborted());

        // a client with every scope it may have still cannot manage credentials or reach the employee portal
        CredentialService.CreatedClient all = credentials.createClient(Caller.apiKey(acme.company().id(), "k"), "all",
                Arrays.stream(Scope.values()).filter(Scope::grantableToClients).map(Scope::wire).toList());
        String allToken = credentials.exchange(all.clientId(), all.clientSecret(), null).token();
        assertInsufficient("client managing credentials", call(method(CredentialResource.class, "createApiKey"),
                "Authorization", bearer(allToken)), Scope.CREDENTIALS_MANAGE, false);
        assertInsufficient("client in the employee portal", call(method(EmployeeResource.class, "profile"),
                "Authorization", bearer(allToken)), Scope.EMPLOYEE_PORTAL, false);
        assertNull(call(method(IntegrationResource.class, "list"), "Authorization", bearer(allToken)).aborted());
    }

    @Test
    public void aCredentialOfOneRealmIsUnknownInTheOther() {
        Method jobs = method(JobResource.class, "list");
        Method account = method(PartnerResource.class, "account");
        String apiKey = acme.plainKey();
        // partner credentials on the customer API: 401, nothing accepted
        for (String[] headers : new String[][] { { "X-SmartToken", partnerToken },
            { "Authorization", bearer(partnerToken) }, { "Authorization", bearer(partnerSession) } }) {
            Outcome o = call(jobs, headers);
            assertNotNull(Arrays.toString(headers) + " let through to the customer API", o.aborted());
            assertEquals(401, o.status());
            assertTrue(acceptedPartners.isEmpty());
        }
        // customer credentials on the partner API: 401 with the partner realm's challenge
        Outcome key = call(account, "X-SmartToken", apiKey);
        assertEquals(401, key.status());
        assertEquals("SmartToken realm=\"hiremarket-partners\"", key.challenge());
        for (String session : sessions.values()) {
            Outcome o = call(account, "Authorization", bearer(session));
            assertNotNull("a customer session let through to the partner API", o.aborted());
            assertEquals(401, o.status());
            assertEquals(Problem.TYPE_PREFIX + "invalid-token", o.problem().type());
        }
        Outcome none = call(account);
        assertEquals(401, none.status());
        assertEquals("Bearer realm=\"hiremarket-partners\", SmartToken realm=\"hiremarket-partners\"", none.challenge());
        // partner credentials on the partner API: the partner, by how it authenticated
        for (String[] headers : new String[][] { { "X-SmartToken", partnerToken },
            { "Authorization", bearer(partnerToken) } }) {
            assertNull(call(account, headers).aborted());
            assertEquals(partnerId, acceptedPartners.get(0).partnerId());
            assertEquals(PartnerCaller.Kind.TOKEN, acceptedPartners.get(0).kind());
            assertTrue("no customer caller", accepted.isEmpty());
        }
        assertNull(call(account, "Authorization", bearer(partnerSession)).aborted());
        assertEquals(new PartnerCaller(partnerId, acceptedPartners.get(0).credentialId(), PartnerCaller.Kind.SESSION),
                acceptedPartners.get(0));
        // a partner session that ended is refused with the reason
        tokens.revoke(acceptedPartners.get(0).credentialId());
        Outcome ended = call(account, "Authorization", bearer(partnerSession));
        assertEquals(401, ended.status());
        assertEquals("the access token has been revoked", ended.problem().detail());
        partnerSession = TestPartners.session(unit.database(), tokens, partnerId);
    }

    @Test
    public void aMissingCredentialIs401WithBothChallenges() {
        Method list = method(JobResource.class, "list");
        for (String[] headers : new String[][] { {}, { "X-SmartToken", "  " }, { "Authorization", "Basic dXNlcjpwdw==" },
            { "Authorization", "Bearer" } }) {
            Outcome o = call(list, headers);
            assertEquals(Arrays.toString(headers), 401, o.status());
            assertEquals(Problem.TYPE_PREFIX + "unauthorized", o.problem().type());
            assertEquals("send an API key in X-SmartToken or an access token in Authorization: Bearer",
                    o.problem().detail());
            assertEquals(ALL_CHALLENGE, o.challenge());
        }
    }

    @Test
    public void aBadApiKeyIs401WithTheSmartTokenChallenge() {
        Method list = method(JobResource.class, "list");
        CompanyService.CreatedKey second = companies.createApiKey(acme.company().id(), "second");
        companies.revokeApiKey(acme.company().id(), second.key().id());
        for (String key : List.of("hm_abcdefghjk_" + "x".repeat(43), "nonsense", second.plainKey())) {
            Outcome o = call(list, "X-SmartToken", key);
            assertEquals(key, 401, o.status());
            assertEquals(Problem.TYPE_PREFIX + "unauthorized", o.problem().type());
            assertEquals("the API key in X-SmartToken is not valid or has been revoked", o.problem().detail());
            assertEquals("SmartToken realm=\"hiremarket\"", o.challenge());
        }
        // the API key is looked at first: a bad key is refused even beside a good bearer token
        assertEquals(401, call(list, "X-SmartToken", "nonsense", "Authorization", bearer(sessions.get(ADMINISTRATOR)))
                .status());
    }

    @Test
    public void aBadBearerTokenIs401InvalidToken() {
        Method list = method(JobResource.class, "list");
        String session = TestSessions.session(unit.database(), tokens, acme.company().id(), EXTENDED);
        Caller c = call(list, "Authorization", bearer(session)).caller();
        tokens.revoke(c.credentialId());
        Outcome revoked = call(list, "Authorization", bearer(session));
        assertEquals(401, revoked.status());
        assertEquals(Problem.TYPE_PREFIX + "invalid-token", revoked.problem().type());
        assertEquals("the access token has been revoked", revoked.problem().detail());
        assertEquals("Bearer realm=\"hiremarket\", error=\"invalid_token\", error_description=\"the access token has"
                + " been revoked\"", revoked.challenge());
        Outcome malformed = call(list, "Authorization", bearer("hma_"));
        assertEquals("the access token is malformed", malformed.problem().detail());
    }

    @Test
    public void publicMethodsNeedNoCredentialAndAuthenticatedOnesNoScope() {
        Outcome login = call(method(AuthResource.class, "login"));
        assertNull(login.aborted());
        assertNull("nothing authenticated", login.caller());
        // a public class: its methods too
        Method ping = Arrays.stream(PingResource.class.getDeclaredMethods()).filter(m -> m.isAnnotationPresent(GET.class))
                .findFirst().orElseThrow();
        assertNull(call(ping, "X-SmartToken", "nonsense").caller());
        // logout needs a credential but no scope: every role's session passes
        for (SystemRole role : SystemRole.values()) {
            assertEquals(role.scopes(), asRole(role, method(AuthResource.class, "logout")).caller().scopes());
        }
        assertEquals(401, call(method(AuthResource.class, "logout")).status());
    }

    @Test
    public void failedCredentialsFromAnAddressArePausedBeforeTheyAreLookedUp() {
        ManualClock clock = new ManualClock();
        AuthFailureLimiter limiter = new AuthFailureLimiter(60, 2, clock);
        Method list = method(JobResource.class, "list");
        // no credential (a blank key, another scheme) and insufficient scope are no failed guesses
        for (int i = 0; i < 3; i++) {
            assertEquals(401, call(limiter, "203.0.113.5", list).status());
            assertEquals(401, call(limiter, "203.0.113.5", list, "X-SmartToken", " ").status());
            assertEquals(401, call(limiter, "203.0.113.5", list, "Authorization", "Basic dXNlcjpwdw==").status());
            assertEquals(403, call(limiter, "203.0.113.5", list, "Authorization", bearer(sessions.get(EMPLOYEE)))
                    .status());
        }
        assertEquals(0, limiter.retryAfterSeconds("203.0.113.5"));
        assertEquals(401, call(limiter, "203.0.113.5", list, "X-SmartToken", "nonsense").status());
        assertEquals(401, call(limiter, "203.0.113.5", list, "Authorization", bearer("hma_nonsense")).status());
        Outcome paused = call(limiter, "203.0.113.5", list, "X-SmartToken", acme.plainKey());
        assertEquals(429, paused.status());
        assertEquals(Problem.TYPE_PREFIX + "too-many-requests", paused.problem().type());
        assertEquals("1", paused.aborted().getHeaderString("Retry-After"));
        assertEquals("this client address sent too many invalid credentials; retry after 1 s", paused.problem().detail());
        // another address is not paused; after a second this one may try again
        assertNull(call(limiter, "203.0.113.6", list, "X-SmartToken", acme.plainKey()).aborted());
        clock.advance(TimeUnit.SECONDS.toNanos(1));
        assertNull(call(limiter, "203.0.113.5", list, "X-SmartToken", acme.plainKey()).aborted());
    }
}
