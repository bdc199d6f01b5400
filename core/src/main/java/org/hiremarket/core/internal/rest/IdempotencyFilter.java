package org.hiremarket.core.internal.rest;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Duration;

import javax.annotation.Priority;
import javax.ws.rs.HttpMethod;
import javax.ws.rs.Priorities;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerRequestFilter;
import javax.ws.rs.container.ContainerResponseContext;
import javax.ws.rs.container.ContainerResponseFilter;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;

import org.apache.cxf.jaxrs.utils.JAXRSUtils;
import org.hiremarket.core.internal.common.ApiException;
import org.hiremarket.core.internal.identity.Caller;
import org.hiremarket.core.internal.idempotency.IdempotencyStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * {@code Idempotency-Key} on authenticated POSTs: a replay answers the first response (with
 * {@code Idempotent-Replayed: true}), the same key with another body is 422, a concurrent duplicate
 * is 409. Keys are scoped to the caller's company. Only successful responses are remembered, so a
 * request that failed may be retried with the same key.
 */
@Priority(Priorities.AUTHENTICATION + 200)
final class IdempotencyFilter implements ContainerRequestFilter, ContainerResponseFilter {

    static final String HEADER = "Idempotency-Key";
    private static final String RESERVATION = IdempotencyFilter.class.getName() + ".reservation";
    private static final Logger LOG = LoggerFactory.getLogger(IdempotencyFilter.class);

    private final IdempotencyStore store;
    private final ObjectMapper mapper;
    private final Duration retention;

    IdempotencyFilter(IdempotencyStore store, ObjectMapper mapper, Duration retention) {
        this.store = store;
        this.mapper = mapper;
        this.retention = retention;
    }

    @Override
    public void filter(ContainerRequestContext request) throws IOException {
        String key = request.getHeaderString(HEADER);
        if (key == null || !HttpMethod.POST.equals(request.getMethod())) {
            return;
        }
        Caller caller = (Caller) JAXRSUtils.getCurrentMessage().get(CallerProvider.KEY);
        if (caller == null) {
            // anonymous endpoints (login, token) create nothing a retry could duplicate
            return;
        }
        if (key.isEmpty() || key.length() > 255 || !key.chars().allMatch(c -> c >= 0x21 && c <= 0x7e)) {
            request.abortWith(ProblemResponses.of(ApiException.validation(HEADER,
                    "must be 1 to 255 visible ASCII characters, for example a UUID")));
            return;
        }
        byte[] body = request.hasEntity() ? request.getEntityStream().readAllBytes() : new byte[0];
        request.setEntityStream(new ByteArrayInputStream(body));
        try {
            IdempotencyStore.Outcome outcome = store.begin(caller.companyId(), key,
                    IdempotencyStore.fingerprint(request.getMethod(), request.getUriInfo().getPath(), body), retention);
            if (outcome instanceof IdempotencyStore.Replay r) {
                Response.ResponseBuilder b = Response.status(r.status()).header("Idempotent-Replayed", "true");
                if (r.body() != null) {
                    b.entity(r.body()).type(MediaType.APPLICATION_JSON_TYPE);
                }
                if (r.location() != null) {
                    b.header(HttpHeaders.LOCATION, r.location());
                }
                request.abortWith(b.build());
            } else if (outcome instanceof IdempotencyStore.Proceed p) {
                request.setProperty(RESERVATION, p.reservation());
            }
        } catch (ApiException e) {
            request.abortWith(ProblemResponses.of(e));
        }
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        Object reservation = request.getProperty(RESERVATION);
        if (reservation == null) {
            return;
        }
        request.removeProperty(RESERVATION);
        String id = (String) reservation;
        try {
            if (response.getStatus() >= 200 && response.getStatus() < 300) {
                byte[] body = response.hasEntity() ? mapper.writeValueAsBytes(response.getEntity()) : null;
                String location = response.getHeaderString(HttpHeaders.LOCATION);
                store.complete(id, response.getStatus(), location, body);
            } else {
                store.release(id);
            }
        } catch (JsonProcessingException | RuntimeException e) {
            LOG.warn("Could not remember the response of an idempotent request: {}", e.toString());
            try {
                store.release(id);
            } catch (RuntimeException ignored) {
                // the reservation is taken over once it counts as abandoned
            }
        }
    }
}
