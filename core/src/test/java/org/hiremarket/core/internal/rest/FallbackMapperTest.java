package org.hiremarket.core.internal.rest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import javax.ws.rs.core.Response;

import org.junit.Test;

/**
 * An unexpected failure is a 500 with a reference; the same failure while the API is withdrawn to
 * apply a configuration change (the services it used going away) is a 503 to retry.
 */
public class FallbackMapperTest {

    @Test
    public void anUnexpectedFailureIsA500WithAReference() {
        Response r = new ExceptionMappers.FallbackMapper(() -> false).toResponse(new IllegalStateException("secret"));
        assertEquals(500, r.getStatus());
        Problem p = (Problem) r.getEntity();
        assertEquals("urn:hiremarket:problem:internal-error", p.type());
        assertTrue(p.detail(), p.detail().contains("quote reference") && !p.detail().contains("secret"));
    }

    @Test
    public void whileTheApiIsWithdrawnItIsA503ToRetry() {
        Response r = new ExceptionMappers.FallbackMapper(() -> true)
                .toResponse(new IllegalStateException("Service has been unregistered"));
        assertEquals(503, r.getStatus());
        assertEquals("1", r.getHeaderString("Retry-After"));
        assertEquals(Problem.MEDIA_TYPE, r.getMediaType().toString());
        assertEquals("urn:hiremarket:problem:service-unavailable", ((Problem) r.getEntity()).type());
    }

    @Test
    public void aClientThatWentAwayIsNoError() {
        Response r = new ExceptionMappers.FallbackMapper(() -> true)
                .toResponse(new java.io.IOException("Connection reset by peer"));
        assertEquals(499, r.getStatus());
    }
}
