package org.hiremarket.core.internal.rest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Map;

import javax.ws.rs.Consumes;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.MultivaluedMap;
import javax.ws.rs.core.Response;

import org.junit.Test;

/** RFC 6749 §5.2: a token request that is not a form is an invalid_request, not a 415 (issue 25). */
public class OAuthTokenResourceTest {

    private static HttpHeaders contentType(String type) {
        return (HttpHeaders) Proxy.newProxyInstance(HttpHeaders.class.getClassLoader(), new Class<?>[] { HttpHeaders.class },
                (p, m, a) -> m.getName().equals("getMediaType") && type != null ? MediaType.valueOf(type) : null);
    }

    private static Map<String, String> body(Response r) {
        OAuthTokenResource.TokenError e = (OAuthTokenResource.TokenError) r.getEntity();
        return Map.of("error", e.error(), "error_description", e.error_description());
    }

    @Test
    public void aBodyThatIsNotAFormIsAnsweredInvalidRequest() {
        OAuthTokenResource r = new OAuthTokenResource(null);
        String[][] cases = { { "application/json", "{\"grant_type\": \"client_credentials\"}" }, { "text/plain", "x" },
                { null, null }, { null, "grant_type=client_credentials" }, { "*/*", "grant_type=client_credentials" },
                { "application/*", "grant_type=client_credentials" } };
        for (String[] c : cases) {
            Response res = r.token(contentType(c[0]), c[1]);
            assertEquals(c[0], 400, res.getStatus());
            assertEquals("invalid_request", body(res).get("error"));
            assertTrue(body(res).get("error_description"), body(res).get("error_description")
                    .contains("application/x-www-form-urlencoded"));
            assertEquals("no-store", res.getHeaderString("Cache-Control"));
        }
    }

    @Test
    public void aFormStillReachesTheGrant() {
        OAuthTokenResource r = new OAuthTokenResource(null);
        Response missing = r.token(contentType("application/x-www-form-urlencoded; charset=UTF-8"), "scope=jobs_read");
        assertEquals(400, missing.getStatus());
        assertEquals("grant_type is required", body(missing).get("error_description"));
        Response other = r.token(contentType("application/x-www-form-urlencoded"), "grant_type=password");
        assertEquals("unsupported_grant_type", body(other).get("error"));
        Response repeated = r.token(contentType("application/x-www-form-urlencoded"), "grant_type=a&grant_type=b");
        assertEquals("invalid_request", body(repeated).get("error"));
        Response broken = r.token(contentType("application/x-www-form-urlencoded"), "grant_type=%zz");
        assertEquals("invalid_request", body(broken).get("error"));
    }

    @Test
    public void formsAreDecoded() {
        MultivaluedMap<String, String> f = OAuthTokenResource.parseForm("a=1&b=x%20y+z&c&&d=%C3%A9");
        assertEquals("1", f.getFirst("a"));
        assertEquals("x y z", f.getFirst("b"));
        assertEquals("", f.getFirst("c"));
        assertEquals("é", f.getFirst("d"));
        assertNull(OAuthTokenResource.parseForm("a=%"));
    }

    @Test
    public void theEndpointDeclaresNoConsumedTypeSoNoRequestIsRefusedWith415() throws Exception {
        Method token = OAuthTokenResource.class.getMethod("token", HttpHeaders.class, String.class);
        assertNull(token.getAnnotation(Consumes.class));
        assertNull(OAuthTokenResource.class.getAnnotation(Consumes.class));
    }
}
