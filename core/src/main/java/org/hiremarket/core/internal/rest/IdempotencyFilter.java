package org.hiremarket.core.internal.rest;

import java.io.ByteArrayInputStream;
import java.io.IOException;

import javax.annotation.Priority;
import javax.ws.rs.HttpMethod;
import javax.ws.rs.Priorities;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerRequestFilter;

import org.apache.cxf.jaxrs.utils.JAXRSUtils;
import org.hiremarket.core.internal.identity.Caller;
import org.hiremarket.core.internal.idempotency.IdempotencyStore;
import org.hiremarket.core.internal.common.ApiException;

/**
 * {@code Idempotency-Key} on authenticated POSTs: checks the key and takes the request's
 * fingerprint (method, path, body) before the body is read; {@link IdempotentInvoker} then runs
 * the request with its record. Keys are scoped to the caller's company.
 */
@Priority(Priorities.AUTHENTICATION + 200)
final class IdempotencyFilter implements ContainerRequestFilter {

    static final String HEADER = "Idempotency-Key";
    /** The message property holding the request's {@link IdempotencyStore.Request}. */
    static final String REQUEST = IdempotencyFilter.class.getName() + ".request";

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
        JAXRSUtils.getCurrentMessage().put(REQUEST, new IdempotencyStore.Request(caller.companyId(),
                IdempotencyStore.credentialOf(caller), key,
                IdempotencyStore.fingerprint(request.getMethod(), request.getUriInfo().getPath(), body)));
    }
}
