package org.hiremarket.core.internal.rest;

import javax.annotation.Priority;
import javax.ws.rs.Priorities;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerResponseContext;
import javax.ws.rs.container.ContainerResponseFilter;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;

/**
 * Applies to every API response: {@code Cache-Control: no-store} (answers carry personal data and
 * secrets; no cache, shared or private, may keep them), and a problem document for an error the
 * runtime answered without a body (for example the WADL generator, which ignores {@code ?_wadl}
 * and answers it with an empty 404: that becomes a 404 {@code not-found} problem).
 */
@Priority(Priorities.HEADER_DECORATOR)
final class ResponseHeadersFilter implements ContainerResponseFilter {

    private final ApiAvailability availability;

    ResponseHeadersFilter() {
        this(ApiAvailability.API);
    }

    ResponseHeadersFilter(ApiAvailability availability) {
        this.availability = availability;
    }

    /** 503 {@code service-unavailable}: the API is starting or applying a configuration change. */
    static Response notPublished() {
        return Response.status(503).type(Problem.MEDIA_TYPE).header("Retry-After", "1")
                .entity(Problem.of(503, "service-unavailable", "Service unavailable",
                        RestServer.NOT_PUBLISHED, null))
                .build();
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (!response.getHeaders().containsKey(HttpHeaders.CACHE_CONTROL)) {
            response.getHeaders().putSingle(HttpHeaders.CACHE_CONTROL, "no-store");
        }
        int status = response.getStatus();
        if (status >= 500 && availability.disrupted(request.getProperty(ApiAvailability.ENTERED))) {
            // a failure of a request whose services went away while the API was withdrawn to apply a
            // configuration change (CXF's own bare 500, or a mapped one): to retry, not an error
            Response r = notPublished();
            response.setStatus(r.getStatus());
            response.getHeaders().putSingle("Retry-After", r.getHeaderString("Retry-After"));
            response.setEntity(r.getEntity(), null, MediaType.valueOf(Problem.MEDIA_TYPE));
            return;
        }
        if (status < 400 || response.hasEntity()) {
            return;
        }
        Problem p = switch (status) {
            case 401 -> {
                if (!response.getHeaders().containsKey(HttpHeaders.WWW_AUTHENTICATE)) {
                    response.getHeaders().putSingle(HttpHeaders.WWW_AUTHENTICATE, ProblemResponses.CHALLENGE);
                }
                yield Problem.of(401, "unauthorized", "Authentication required",
                        "send an API key in X-SmartToken or an access token in Authorization: Bearer", null);
            }
            case 403 -> Problem.of(403, "forbidden", "Forbidden", "this request is not allowed", null);
            case 404 -> Problem.of(404, "not-found", "Not found", "there is no resource at this path", null);
            case 405 -> Problem.of(405, "method-not-allowed", "Method not allowed",
                    "this resource does not support the method", null);
            case 406 -> Problem.of(406, "not-acceptable", "Not acceptable", "this API answers application/json only",
                    null);
            case 415 -> Problem.of(415, "unsupported-media-type", "Unsupported media type",
                    "send the body as application/json", null);
            default -> status >= 500
                    ? Problem.of(status, "internal-error", "Internal error", "the request could not be completed",
                            null)
                    : Problem.of(status, status == 400 ? "bad-request" : "http-" + status,
                            status == 400 ? "Bad request" : "Request refused", "the request was refused", null);
        };
        response.setEntity(p, null, MediaType.valueOf(Problem.MEDIA_TYPE));
    }
}
