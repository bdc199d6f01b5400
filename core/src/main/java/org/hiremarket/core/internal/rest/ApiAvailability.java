package org.hiremarket.core.internal.rest;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import javax.servlet.http.HttpServletRequest;

import org.apache.cxf.message.Message;
import org.apache.cxf.phase.PhaseInterceptorChain;
import org.apache.cxf.transport.http.AbstractHTTPDestination;

/**
 * Whether the REST API serves requests, and whether it was withdrawn while a given request ran. A
 * configuration change withdraws the API and the services it calls, then publishes it anew; a
 * request that was running meanwhile may fail in any way (a service gone, CXF's server destroyed
 * under it), and even when the new API is already published by the time it answers, that failure is
 * no error of the request's or the host's: it is answered 503 {@code service-unavailable}, to retry.
 * <p>
 * The HTTP edge stamps every API request on entry ({@link #enter}); whoever turns a failure into an
 * answer asks {@link #disrupted} with that stamp.
 */
final class ApiAvailability {

    /** The one the running host uses. */
    static final ApiAvailability API = new ApiAvailability();

    /** Request attribute: the withdrawal count when the request entered. */
    static final String ENTERED = "org.hiremarket.api.entered";

    private final AtomicInteger published = new AtomicInteger();
    private final AtomicLong withdrawals = new AtomicLong();

    /** Whether the API serves requests right now. */
    boolean published() {
        return published.get() > 0;
    }

    /** A REST server was published. */
    void publishedOne() {
        published.incrementAndGet();
    }

    /** A REST server is being withdrawn: requests running now are disrupted. */
    void withdrawingOne() {
        withdrawals.incrementAndGet();
        published.decrementAndGet();
    }

    /** Stamps a request entering now. */
    void enter(HttpServletRequest request) {
        request.setAttribute(ENTERED, withdrawals.get());
    }

    /**
     * @param entered the request's stamp ({@link #ENTERED}); {@code null} when unknown
     * @return whether the API is not published now, or was withdrawn since the request entered
     */
    boolean disrupted(Object entered) {
        return !published() || (entered instanceof Long stamp && stamp != withdrawals.get());
    }

    /** The stamp of the request CXF is handling on this thread; {@code null} outside one. */
    static Object enteredOfCurrentRequest() {
        Message m = PhaseInterceptorChain.getCurrentMessage();
        Object request = m == null ? null : m.get(AbstractHTTPDestination.HTTP_REQUEST);
        return request instanceof HttpServletRequest r ? r.getAttribute(ENTERED) : null;
    }
}
