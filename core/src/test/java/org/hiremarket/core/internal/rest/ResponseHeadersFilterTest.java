package org.hiremarket.core.internal.rest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;

import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerResponseContext;
import javax.ws.rs.core.MultivaluedHashMap;
import javax.ws.rs.core.MultivaluedMap;

import org.junit.Test;

/**
 * Every answer is {@code no-store}; an error without a body becomes a problem document; and a 5xx of
 * a request the API was withdrawn under (a configuration change) becomes the 503 to retry, even when
 * the new API is already published by the time it answers.
 */
public class ResponseHeadersFilterTest {

    /** The response's status, entity and headers, as the filter leaves them. */
    private static final class Answer {
        int status;
        Object entity;
        final MultivaluedMap<String, Object> headers = new MultivaluedHashMap<>();
    }

    private static ContainerRequestContext request(Map<String, Object> properties) {
        return (ContainerRequestContext) Proxy.newProxyInstance(ResponseHeadersFilterTest.class.getClassLoader(),
                new Class<?>[] {ContainerRequestContext.class}, (p, m, a) -> switch (m.getName()) {
                    case "getProperty" -> properties.get(a[0]);
                    default -> null;
                });
    }

    private static ContainerResponseContext response(Answer answer) {
        return (ContainerResponseContext) Proxy.newProxyInstance(ResponseHeadersFilterTest.class.getClassLoader(),
                new Class<?>[] {ContainerResponseContext.class}, (p, m, a) -> switch (m.getName()) {
                    case "getStatus" -> answer.status;
                    case "setStatus" -> {
                        answer.status = (Integer) a[0];
                        yield null;
                    }
                    case "hasEntity" -> answer.entity != null;
                    case "setEntity" -> {
                        answer.entity = a[0];
                        yield null;
                    }
                    case "getHeaders" -> answer.headers;
                    default -> null;
                });
    }

    @Test
    public void aServerErrorOfARequestTheApiWasWithdrawnUnderIsA503() {
        ApiAvailability availability = new ApiAvailability();
        availability.publishedOne();
        Map<String, Object> properties = new HashMap<>();
        ContainerRequestContext request = request(properties);
        properties.put(ApiAvailability.ENTERED, 0L);
        // withdrawn and published anew while the request ran; its failure was mapped to a 500 with a body
        availability.withdrawingOne();
        availability.publishedOne();
        Answer a = new Answer();
        a.status = 500;
        a.entity = Problem.of(500, "internal-error", "Internal error", "reference x", null);
        new ResponseHeadersFilter(availability).filter(request, response(a));
        assertEquals(503, a.status);
        assertEquals("1", a.headers.getFirst("Retry-After"));
        assertEquals("urn:hiremarket:problem:service-unavailable", ((Problem) a.entity).type());
        assertEquals("no-store", a.headers.getFirst("Cache-Control"));
    }

    @Test
    public void aServerErrorOfAnUndisturbedRequestStaysAnError() {
        ApiAvailability availability = new ApiAvailability();
        availability.publishedOne();
        Map<String, Object> properties = new HashMap<>();
        properties.put(ApiAvailability.ENTERED, 0L);
        Answer mapped = new Answer();
        mapped.status = 500;
        Problem bug = Problem.of(500, "internal-error", "Internal error", "reference x", null);
        mapped.entity = bug;
        new ResponseHeadersFilter(availability).filter(request(properties), response(mapped));
        assertEquals(500, mapped.status);
        assertEquals(bug, mapped.entity);
        // CXF's own 500 without a body gets one
        Answer bare = new Answer();
        bare.status = 500;
        new ResponseHeadersFilter(availability).filter(request(properties), response(bare));
        assertEquals(500, bare.status);
        assertEquals("urn:hiremarket:problem:internal-error", ((Problem) bare.entity).type());
    }

    @Test
    public void whileNothingIsPublishedAServerErrorIsA503AndOtherAnswersAreLeftAlone() {
        ApiAvailability availability = new ApiAvailability();
        Answer bare = new Answer();
        bare.status = 500;
        new ResponseHeadersFilter(availability).filter(request(Map.of()), response(bare));
        assertEquals(503, bare.status);
        Answer notFound = new Answer();
        notFound.status = 404;
        new ResponseHeadersFilter(availability).filter(request(Map.of()), response(notFound));
        assertEquals(404, notFound.status);
        assertEquals("urn:hiremarket:problem:not-found", ((Problem) notFound.entity).type());
        Answer ok = new Answer();
        ok.status = 200;
        ok.entity = "body";
        new ResponseHeadersFilter(availability).filter(request(Map.of()), response(ok));
        assertEquals(200, ok.status);
        assertTrue(ok.headers.containsKey("Cache-Control"));
    }
}
