package org.hiremarket.core.internal.rest;

import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.Response;

import org.hiremarket.core.internal.common.ApiException;

/** Builds problem responses; every 401 carries {@code WWW-Authenticate}. */
final class ProblemResponses {

    static final String CHALLENGE = "Bearer realm=\"hiremarket\", SmartToken realm=\"hiremarket\"";

    private ProblemResponses() {
    }

    static Response of(ApiException e) {
        Response.ResponseBuilder b = Response.status(e.status()).type(Problem.MEDIA_TYPE)
                .entity(Problem.of(e.status(), e.type(), e.title(), e.detail(), e.errors()));
        e.headers().forEach(b::header);
        if (e.status() == 401 && !e.headers().containsKey(HttpHeaders.WWW_AUTHENTICATE)) {
            // every 401 says how to authenticate
            b.header(HttpHeaders.WWW_AUTHENTICATE, CHALLENGE);
        }
        return b.build();
    }

    static Response of(Problem p) {
        return Response.status(p.status()).type(Problem.MEDIA_TYPE).entity(p).build();
    }
}
