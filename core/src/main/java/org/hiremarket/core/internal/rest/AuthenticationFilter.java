package org.hiremarket.core.internal.rest;

import java.util.Optional;

import javax.annotation.Priority;
import javax.ws.rs.Priorities;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerRequestFilter;
import javax.ws.rs.container.PreMatching;

import org.apache.cxf.jaxrs.utils.JAXRSUtils;
import org.hiremarket.core.internal.common.ApiException;
import org.hiremarket.core.internal.company.Caller;
import org.hiremarket.core.internal.company.CompanyService;

/**
 * Authenticates every request by its company API key in {@code X-SmartToken}. No key or an unknown
 * or revoked key is a 401 with {@code WWW-Authenticate}; the key never reaches a log.
 */
@PreMatching
@Priority(Priorities.AUTHENTICATION)
final class AuthenticationFilter implements ContainerRequestFilter {

    static final String HEADER = "X-SmartToken";

    private final CompanyService companies;

    AuthenticationFilter(CompanyService companies) {
        this.companies = companies;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        String token = request.getHeaderString(HEADER);
        if (token == null || token.isBlank()) {
            request.abortWith(ProblemResponses.of(ApiException.unauthorized(
                    "send your company API key in the " + HEADER + " header")));
            return;
        }
        Optional<Caller> caller = companies.authenticate(token);
        if (caller.isEmpty()) {
            request.abortWith(ProblemResponses.of(ApiException.unauthorized(
                    "the API key in " + HEADER + " is not valid or has been revoked")));
            return;
        }
        JAXRSUtils.getCurrentMessage().put(CallerProvider.KEY, caller.get());
    }
}
