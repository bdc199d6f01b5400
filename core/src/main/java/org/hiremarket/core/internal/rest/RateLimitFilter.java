package org.hiremarket.core.internal.rest;

import java.time.Duration;

import javax.annotation.Priority;
import javax.servlet.http.HttpServletRequest;
import javax.ws.rs.Priorities;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerRequestFilter;
import javax.ws.rs.core.Context;

import org.apache.cxf.jaxrs.utils.JAXRSUtils;
import org.hiremarket.core.internal.common.KeyedBuckets;
import org.hiremarket.core.internal.identity.Caller;
import org.hiremarket.core.internal.identity.PartnerCaller;

import io.github.bucket4j.Bandwidth;

/**
 * Per-credential rate limiting (Bucket4j token buckets): each API key, OAuth client and session
 * has its own bucket (a partner's sessions and Marketplace API tokens too), anonymous calls share one per client address. Over the limit the answer is
 * 429 with {@code Retry-After}. Runs after authentication, so a caller cannot spend another's budget.
 */
@Priority(Priorities.AUTHENTICATION + 100)
final class RateLimitFilter implements ContainerRequestFilter {

    private final int perSecond;
    private final KeyedBuckets buckets;

    @Context
    private HttpServletRequest http;

    RateLimitFilter(int perSecond, int burst) {
        this.perSecond = perSecond;
        this.buckets = new KeyedBuckets(Bandwidth.builder().capacity(Math.max(1, Math.max(burst, perSecond)))
                .refillGreedy(Math.max(1, perSecond), Duration.ofSeconds(1)).build());
    }

    @Override
    public void filter(ContainerRequestContext request) {
        if (perSecond <= 0) {
            return;
        }
        Caller caller = (Caller) JAXRSUtils.getCurrentMessage().get(CallerProvider.KEY);
        PartnerCaller partner = (PartnerCaller) JAXRSUtils.getCurrentMessage().get(PartnerCallerProvider.KEY);
        String key = caller != null ? caller.kind() + ":" + caller.credentialId()
                : partner != null ? "PARTNER_" + partner.kind() + ":" + partner.credentialId()
                        : "address:" + http.getRemoteAddr();
        long wait = buckets.tryConsume(key);
        if (wait > 0) {
            long seconds = KeyedBuckets.retryAfterSeconds(wait);
            request.abortWith(javax.ws.rs.core.Response.fromResponse(ProblemResponses.of(Problem.of(429,
                    "rate-limited", "Too many requests", "this credential made more than " + perSecond
                            + " requests per second; retry after " + seconds + " s",
                    null))).header("Retry-After", String.valueOf(seconds)).build());
        }
    }
}
