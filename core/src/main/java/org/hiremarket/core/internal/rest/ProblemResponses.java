package org.hiremarket.core.internal.rest;

import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.Response;

import org.hiremarket.core.internal.common.ApiException;

/** Builds problem responses; every 401 carries {@code WWW-Authenticate}. */
final class ProblemResponses {

    static final String CHALLENGE = "SmartToken realm=\"hiremarket\"";

    private ProblemResponses() {
    }

    static Response of(ApiException e) {
        return of(Problem.of(e.status(), e.type(), e.title(), e.detail(), e.errors()));
    }

    static Response of(Problem p) {
        Response.ResponseBuilder b = Response.status(p.status()).type(Problem.MEDIA_TYPE).entity(p);
        if (p.status() == 401) {
            b.header(HttpHeaders.WWW_AUTHENTICATE, CHALLENGE);
        }
        return b.build();
    }
}
