package org.hiremarket.core.internal.rest;

import java.util.Optional;

import javax.annotation.Priority;
import javax.servlet.http.HttpServletRequest;
import javax.ws.rs.Priorities;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerRequestFilter;
import javax.ws.rs.container.ResourceInfo;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.HttpHeaders;

import org.apache.cxf.jaxrs.utils.JAXRSUtils;
import org.hiremarket.core.internal.common.ApiException;
import org.hiremarket.core.internal.company.CompanyService;
import org.hiremarket.core.internal.identity.Caller;
import org.hiremarket.core.internal.identity.PartnerAuthService;
import org.hiremarket.core.internal.identity.PartnerCaller;
import org.hiremarket.core.internal.identity.TokenService;

/**
 * Authenticates every request that is not {@link Public}: a company API key in
 * {@code X-SmartToken} (full access), or {@code Authorization: Bearer} with an OAuth access token or
 * a person's session. Then checks the {@link Requires scope} the resource needs. Failures follow
 * RFC 6750 §3: 401 with a {@code WWW-Authenticate} challenge ({@code invalid_token} for a bad
 * bearer), 403 {@code insufficient_scope} naming the scope. Credentials never reach a log.
 *
 * <p>Resources marked {@link PartnerApi} are the partner realm's: they take a partner session or a
 * Marketplace API token ({@code X-SmartToken} or {@code Authorization: Bearer}) and nothing else;
 * every other resource takes company credentials only. A credential of one realm is unknown in the
 * other (401), so nothing a partner holds reaches customer data and the other way round.
 */
@Priority(Priorities.AUTHENTICATION)
final class AuthenticationFilter implements ContainerRequestFilter {

    static final String API_KEY_HEADER = "X-SmartToken";
    static final String REALM = "realm=\"hiremarket\"";
    static final String PARTNER_REALM = "realm=\"hiremarket-partners\"";

    private final CompanyService companies;
    private final TokenService tokens;
    private final PartnerAuthService partners;
    private final AuthFailureLimiter failures;

    @Context
    private ResourceInfo resource;

    @Context
    private HttpServletRequest http;

    /**
     * Hands the authenticated caller to the resource ({@link CallerProvider}): the current CXF
     * message. A seam for unit tests, where there is no current message.
     */
    java.util.function.Consumer<Caller> accepted = caller -> JAXRSUtils.getCurrentMessage().put(CallerProvider.KEY,
            caller);

    /** Hands an authenticated partner to the resource ({@link PartnerCallerProvider}); a seam for unit tests. */
    java.util.function.Consumer<PartnerCaller> acceptedPartner = partner -> JAXRSUtils.getCurrentMessage()
            .put(PartnerCallerProvider.KEY, partner);

    AuthenticationFilter(CompanyService companies, TokenService tokens, PartnerAuthService partners,
            AuthFailureLimiter failures) {
        this.companies = companies;
        this.tokens = tokens;
        this.partners = partners;
        this.failures = failures;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        if (resource.getResourceMethod().isAnnotationPresent(Public.class)
                || resource.getResourceClass().isAnnotationPresent(Public.class)) {
            return;
        }
        boolean presented = presentsCredential(request);
        String address = presented && failures.enabled() ? http.getRemoteAddr() : null;
        if (address != null) {
            long wait = failures.retryAfterSeconds(address);
            if (wait > 0) {
                // refused before the credential is looked up: guessing costs the guesser, not the host
                request.abortWith(javax.ws.rs.core.Response.fromResponse(ProblemResponses.of(Problem.of(429,
                        "too-many-requests", "Too many failed authentications",
                        "this client address sent too many invalid credentials; retry after " + wait + " s", null)))
                        .header("Retry-After", String.valueOf(wait)).build());
                return;
            }
        }
        boolean partnerRealm = resource.getResourceClass().isAnnotationPresent(PartnerApi.class);
        Caller caller;
        try {
            if (partnerRealm) {
                acceptedPartner.accept(authenticatePartner(request));
                return;
            }
            caller = authenticate(request);
        } catch (ApiException e) {
            if (address != null && e.status() == 401) {
                failures.failed(address);
            }
            request.abortWith(ProblemResponses.of(e));
            return;
        }
        Requires needed = Optional.ofNullable(resource.getResourceMethod().getAnnotation(Requires.class))
                .orElse(resource.getResourceClass().getAnnotation(Requires.class));
        if (needed != null && !caller.has(needed.value())) {
            String scope = needed.value().wire();
            String detail = caller.kind() == Caller.Kind.USER
                    ? "your system role does not allow this (it needs " + scope + ")"
                    : "this access token lacks the scope " + scope;
            request.abortWith(ProblemResponses.of(new ChallengedProblem(403, "insufficient-scope", "Forbidden", detail,
                    "Bearer " + REALM + ", error=\"insufficient_scope\", scope=\"" + scope + "\"")));
            return;
        }
        accepted.accept(caller);
    }

    /** Whether the request carries an API key or a bearer token (a missing credential is no failed guess). */
    private static boolean presentsCredential(ContainerRequestContext request) {
        String key = request.getHeaderString(API_KEY_HEADER);
        String authorization = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        return (key != null && !key.isBlank())
                || (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7));
    }

    private Caller authenticate(ContainerRequestContext request) {
        String key = request.getHeaderString(API_KEY_HEADER);
        String authorization = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (key != null && !key.isBlank()) {
            return companies.authenticate(key).orElseThrow(() -> new ChallengedProblem(401, "unauthorized",
                    "Authentication required", "the API key in " + API_KEY_HEADER + " is not valid or has been revoked",
                    "SmartToken " + REALM));
        }
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            String bearer = authorization.substring(7).trim();
            try {
                return tokens.authenticate(bearer);
            } catch (TokenService.InvalidToken e) {
                throw new ChallengedProblem(401, "invalid-token", "Invalid access token", e.getMessage(),
                        "Bearer " + REALM + ", error=\"invalid_token\", error_description=\"" + e.getMessage() + "\"");
            }
        }
        throw new ChallengedProblem(401, "unauthorized", "Authentication required",
                "send an API key in " + API_KEY_HEADER + " or an access token in Authorization: Bearer",
                "Bearer " + REALM + ", SmartToken " + REALM);
    }

    /** The partner realm: a Marketplace API token in either header, or a partner session as a bearer token. */
    private PartnerCaller authenticatePartner(ContainerRequestContext request) {
        String key = request.getHeaderString(API_KEY_HEADER);
        String authorization = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (key != null && !key.isBlank()) {
            return partners.authenticateToken(key.trim()).orElseThrow(() -> new ChallengedProblem(401, "unauthorized",
                    "Authentication required", "the Marketplace API token in " + API_KEY_HEADER
                            + " is not valid or has been revoked", "SmartToken " + PARTNER_REALM));
        }
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            String bearer = authorization.substring(7).trim();
            if (bearer.startsWith(TokenService.PARTNER_SESSION_PREFIX + "_")) {
                try {
                    return partners.authenticateSession(bearer);
                } catch (TokenService.InvalidToken e) {
                    throw new ChallengedProblem(401, "invalid-token", "Invalid access token", e.getMessage(),
                            "Bearer " + PARTNER_REALM + ", error=\"invalid_token\", error_description=\""
                                    + e.getMessage() + "\"");
                }
            }
            return partners.authenticateToken(bearer).orElseThrow(() -> new ChallengedProblem(401, "invalid-token",
                    "Invalid access token", "the token is not a partner session or Marketplace API token, or it has"
                            + " been revoked",
                    "Bearer " + PARTNER_REALM + ", error=\"invalid_token\", error_description=\"the token is not valid"
                            + " on the partner API\""));
        }
        throw new ChallengedProblem(401, "unauthorized", "Authentication required",
                "send a Marketplace API token in " + API_KEY_HEADER + " or Authorization: Bearer, or a partner session"
                        + " in Authorization: Bearer",
                "Bearer " + PARTNER_REALM + ", SmartToken " + PARTNER_REALM);
    }

    /** A problem that carries its {@code WWW-Authenticate} challenge. */
    static final class ChallengedProblem extends ApiException {
        private static final long serialVersionUID = 1L;
        private final String challenge;

        ChallengedProblem(int status, String type, String title, String detail, String challenge) {
            super(status, type, title, detail, null);
            this.challenge = challenge;
        }

        @Override
        public java.util.Map<String, String> headers() {
            return java.util.Map.of(HttpHeaders.WWW_AUTHENTICATE, challenge);
        }
    }
}
