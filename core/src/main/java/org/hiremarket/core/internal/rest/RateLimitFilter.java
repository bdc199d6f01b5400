package org.hiremarket.core.internal.rest;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import javax.annotation.Priority;
import javax.servlet.http.HttpServletRequest;
import javax.ws.rs.Priorities;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerRequestFilter;
import javax.ws.rs.core.Context;

import org.apache.cxf.jaxrs.utils.JAXRSUtils;
import org.hiremarket.core.internal.identity.Caller;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;

/**
 * Per-credential rate limiting (Bucket4j token buckets): each API key, OAuth client and session
 * has its own bucket, anonymous calls share one per client address. Over the limit the answer is
 * 429 with {@code Retry-After}. Runs after authentication, so a caller cannot spend another's budget.
 */
@Priority(Priorities.AUTHENTICATION + 100)
final class RateLimitFilter implements ContainerRequestFilter {

    private static final int MAX_TRACKED = 100_000;

    private final int perSecond;
    private final int burst;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    @Context
    private HttpServletRequest http;

    RateLimitFilter(int perSecond, int burst) {
        this.perSecond = perSecond;
        this.burst = Math.max(burst, perSecond);
    }

    @Override
    public void filter(ContainerRequestContext request) {
        if (perSecond <= 0) {
            return;
        }
        Caller caller = (Caller) JAXRSUtils.getCurrentMessage().get(CallerProvider.KEY);
        String key = caller != null ? caller.kind() + ":" + caller.credentialId() : "address:" + http.getRemoteAddr();
        ConsumptionProbe probe = bucket(key).tryConsumeAndReturnRemaining(1);
        if (!probe.isConsumed()) {
            long seconds = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(probe.getNanosToWaitForRefill()) + 1);
            request.abortWith(javax.ws.rs.core.Response.fromResponse(ProblemResponses.of(Problem.of(429,
                    "rate-limited", "Too many requests", "this credential made more than " + perSecond
                            + " requests per second; retry after " + seconds + " s",
                    null))).header("Retry-After", String.valueOf(seconds)).build());
        }
    }

    private Bucket bucket(String key) {
        Bucket b = buckets.get(key);
        if (b != null) {
            return b;
        }
        if (buckets.size() > MAX_TRACKED) {
            // buckets that are full again hold no information
            buckets.entrySet().removeIf(e -> e.getValue().getAvailableTokens() >= burst);
        }
        return buckets.computeIfAbsent(key, k -> Bucket.builder().addLimit(Bandwidth.builder().capacity(burst)
                .refillGreedy(perSecond, Duration.ofSeconds(1)).build()).build());
    }
}
