package org.hiremarket.core.internal.rest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Map;

import javax.ws.rs.Consumes;
import javax.ws.rs.POST;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;

import org.junit.Test;

/** RFC 6749 §5.2: a token request that is not a form is an invalid_request, not a 415 (issue 25). */
public class OAuthTokenResourceTest {

    private static HttpHeaders contentType(String type) {
        return (HttpHeaders) Proxy.newProxyInstance(HttpHeaders.class.getClassLoader(), new Class<?>[] { HttpHeaders.class },
                (p, m, a) -> m.getName().equals("getHeaderString") && HttpHeaders.CONTENT_TYPE.equals(a[0]) ? type : null);
    }

    @Test
    public void aJsonOrEmptyBodyIsAnsweredInvalidRequest() {
        OAuthTokenResource r = new OAuthTokenResource(null);
        for (String type : new String[] { "application/json", "text/plain", null, "application/json\u0000<x>" }) {
            Response res = r.notAForm(contentType(type));
            assertEquals(400, res.getStatus());
            @SuppressWarnings("unchecked")
            Map<String, String> body = (Map<String, String>) res.getEntity();
            assertEquals("invalid_request", body.get("error"));
            assertTrue(body.get("error_description"), body.get("error_description")
                    .contains("application/x-www-form-urlencoded"));
            assertTrue(body.get("error_description"), !body.get("error_description").contains("\u0000"));
            assertEquals("no-store", res.getHeaderString("Cache-Control"));
        }
    }

    @Test
    public void everyMediaTypeReachesOneOfTheTwoMethods() throws Exception {
        Method form = OAuthTokenResource.class.getMethod("token", HttpHeaders.class, javax.ws.rs.core.MultivaluedMap.class);
        Method other = OAuthTokenResource.class.getMethod("notAForm", HttpHeaders.class);
        assertEquals(MediaType.APPLICATION_FORM_URLENCODED, form.getAnnotation(Consumes.class).value()[0]);
        // no @Consumes: any other type (or none) is taken by the fallback instead of being refused with 415
        assertNull(other.getAnnotation(Consumes.class));
        assertTrue(other.isAnnotationPresent(POST.class));
        assertNull(OAuthTokenResource.class.getAnnotation(Consumes.class));
    }
}
