package org.hiremarket.core.internal.rest;

import java.util.List;

import javax.annotation.Priority;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerRequestFilter;
import javax.ws.rs.container.PreMatching;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.MediaType;

/**
 * A client that accepts {@code application/problem+json} (alone, or besides {@code application/json}:
 * what generated clients and Postman collections send, since the API's errors are problem
 * documents) accepts JSON: the API answers JSON, so such a request is served, not refused with 406.
 */
@PreMatching
@Priority(60)
final class ProblemAcceptFilter implements ContainerRequestFilter {

    @Override
    public void filter(ContainerRequestContext request) {
        List<String> accept = request.getHeaders().get(HttpHeaders.ACCEPT);
        if (accept == null || accept.isEmpty()) {
            return;
        }
        String all = String.join(",", accept);
        if (acceptsProblemJsonOnly(all)) {
            request.getHeaders().putSingle(HttpHeaders.ACCEPT, all + ", " + MediaType.APPLICATION_JSON);
        }
    }

    /** @return whether the header names {@code application/problem+json} but nothing JSON answers match */
    static boolean acceptsProblemJsonOnly(String accept) {
        boolean problem = false;
        for (String part : accept.split(",")) {
            String type = part.split(";")[0].trim().toLowerCase(java.util.Locale.ROOT);
            if (type.equals("application/json") || type.equals("application/*") || type.equals("*/*")) {
                return false;
            }
            problem |= type.equals(Problem.MEDIA_TYPE);
        }
        return problem;
    }
}
