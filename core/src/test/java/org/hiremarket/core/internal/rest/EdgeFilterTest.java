package org.hiremarket.core.internal.rest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.reflect.Proxy;

import javax.servlet.ServletOutputStream;
import javax.servlet.WriteListener;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.junit.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Pieces of the HTTP edge filter that need no running server (the whole is covered by SlowClientIT). */
public class EdgeFilterTest {

    private static HttpServletRequest requestWithCharset(String charset) {
        return (HttpServletRequest) Proxy.newProxyInstance(getClass0(), new Class<?>[] {HttpServletRequest.class},
                (p, m, a) -> "getCharacterEncoding".equals(m.getName()) ? charset : null);
    }

    private static ClassLoader getClass0() {
        return EdgeFilterTest.class.getClassLoader();
    }

    /** A servlet stream into {@code sink} whose writes and close fail ("Broken pipe") while {@code broken[0]}. */
    private static ServletOutputStream stream(ByteArrayOutputStream sink, boolean[] broken) {
        return new ServletOutputStream() {
            @Override
            public void write(int b) throws IOException {
                if (broken[0]) {
                    throw new IOException("Broken pipe");
                }
                sink.write(b);
            }

            @Override
            public void close() throws IOException {
                if (broken[0]) {
                    throw new IOException("Broken pipe");
                }
            }

            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void setWriteListener(WriteListener writeListener) {
            }
        };
    }

    @Test
    public void unknownCharsetsAreRefusedKnownOnesAndNoneAccepted() {
        assertTrue(EdgeFilter.charsetSupported(requestWithCharset(null)));
        assertTrue(EdgeFilter.charsetSupported(requestWithCharset("UTF-8")));
        assertTrue(EdgeFilter.charsetSupported(requestWithCharset("\"iso-8859-1\"")));
        assertFalse(EdgeFilter.charsetSupported(requestWithCharset("bogus")));
        assertFalse(EdgeFilter.charsetSupported(requestWithCharset(";;;\u0000")));
    }

    @Test
    public void problemDocumentsAreValidJsonWhateverTheText() throws IOException {
        JsonNode p = new ObjectMapper().readTree(EdgeFilter.problemJson(429, "too-many-requests", "Too \"many\"",
                "a\\b\nc\u0001"));
        assertEquals("urn:hiremarket:problem:too-many-requests", p.path("type").asText());
        assertEquals(429, p.path("status").asInt());
        assertEquals("Too \"many\"", p.path("title").asText());
        assertEquals("a\\b\nc\u0001", p.path("detail").asText());
    }

    @Test
    public void afterTheClientWentAwayFurtherWritesAndTheCloseAreQuiet() throws IOException {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        boolean[] broken = {false};
        ServletOutputStream out = stream(sink, broken);
        HttpServletResponse response = (HttpServletResponse) Proxy.newProxyInstance(getClass0(),
                new Class<?>[] {HttpServletResponse.class},
                (p, m, a) -> "getOutputStream".equals(m.getName()) ? out : null);
        ServletOutputStream tolerant = new EdgeFilter.AbortTolerant(response, true, () -> false).getOutputStream();
        tolerant.write('a');
        broken[0] = true;
        try {
            tolerant.write('b');
            fail("the first failure reaches the writer");
        } catch (IOException expected) {
            assertTrue(ClientAbortInterceptor.clientGone(expected));
        }
        tolerant.write('c');
        tolerant.flush();
        tolerant.close();
        assertEquals("a", sink.toString());
    }

    @Test
    public void whileTheApiIsNotPublishedEveryRequestIsA503ProblemToRetry() throws Exception {
        String[] uri = {"/api/v1/jobs"};
        HttpServletRequest request = request(uri);
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        java.util.Map<String, Object> answered = new java.util.HashMap<>();
        ServletOutputStream out = stream(sink, new boolean[1]);
        HttpServletResponse response = (HttpServletResponse) Proxy.newProxyInstance(getClass0(),
                new Class<?>[] {HttpServletResponse.class}, (p, m, a) -> {
                    switch (m.getName()) {
                        case "getOutputStream":
                            return out;
                        case "getStatus":
                            return answered.getOrDefault("setStatus", 200);
                        case "getContentType":
                            return answered.get("setContentType");
                        case "setStatus":
                        case "setContentType":
                            answered.put(m.getName(), a[0]);
                            return null;
                        case "setHeader":
                            answered.put(String.valueOf(a[0]), a[1]);
                            return null;
                        default:
                            return null;
                    }
                });
        ApiAvailability availability = new ApiAvailability();
        int[] passed = {0};
        EdgeFilter filter = new EdgeFilter(1_000, 1_000, 10, 10_000, 1, availability);
        filter.doFilter(request, response, (rq, rs) -> passed[0]++);
        assertEquals(0, passed[0]);
        assertEquals(503, answered.get("setStatus"));
        assertEquals(Problem.MEDIA_TYPE, answered.get("setContentType"));
        assertEquals("1", answered.get("Retry-After"));
        assertEquals("urn:hiremarket:problem:service-unavailable",
                new ObjectMapper().readTree(sink.toString()).path("type").asText());
        availability.publishedOne();
        answered.clear();
        sink.reset();
        filter.doFilter(request, response, (rq, rs) -> passed[0]++);
        assertEquals("published: the request goes on", 1, passed[0]);
        // withdrawn after the request came in: CXF's servlet finds no service and answers 404 in HTML
        filter.doFilter(request, response, (rq, rs) -> {
            HttpServletResponse r = (HttpServletResponse) rs;
            r.setStatus(404);
            r.setContentType("text/html");
            answered.put("status", 404);
            r.getWriter().write("<html><body>No service was found.</body></html>");
        });
        assertEquals(503, answered.get("setStatus"));
        assertTrue(sink.toString(), sink.toString().startsWith("{\"type\":\"urn:hiremarket:problem:service-unavailable\""));
        assertFalse(sink.toString().contains("html"));
        // another address under /api: not the API, so a 404 (as a problem document), published or not
        uri[0] = "/api/v0/nothing";
        availability.withdrawingOne();
        answered.clear();
        sink.reset();
        filter.doFilter(request, response, (rq, rs) -> {
            HttpServletResponse r = (HttpServletResponse) rs;
            r.setStatus(404);
            r.setContentType("text/html");
            r.getWriter().write("<html><body>No service was found.</body></html>");
        });
        assertEquals(404, answered.get("setStatus"));
        assertTrue(sink.toString(), sink.toString().startsWith("{\"type\":\"urn:hiremarket:problem:not-found\""));
    }

    /** A GET to the URI, from 127.0.0.1, keeping its attributes. */
    private static HttpServletRequest request(String[] uri) {
        java.util.Map<Object, Object> attributes = new java.util.HashMap<>();
        return (HttpServletRequest) Proxy.newProxyInstance(getClass0(),
                new Class<?>[] {HttpServletRequest.class}, (p, m, a) -> switch (m.getName()) {
                    case "getDispatcherType" -> javax.servlet.DispatcherType.REQUEST;
                    case "getRequestURI" -> uri[0];
                    case "getRemoteAddr" -> "127.0.0.1";
                    case "getContentLengthLong" -> -1L;
                    case "getAttribute" -> attributes.get(a[0]);
                    case "setAttribute" -> attributes.put(a[0], a[1]);
                    default -> null;
                });
    }

    /** A response recording its status and Retry-After, its body going to the sink. */
    private static HttpServletResponse response(java.util.Map<String, Object> answered, ByteArrayOutputStream sink) {
        ServletOutputStream out = stream(sink, new boolean[1]);
        return (HttpServletResponse) Proxy.newProxyInstance(getClass0(),
                new Class<?>[] {HttpServletResponse.class}, (p, m, a) -> {
                    switch (m.getName()) {
                        case "getOutputStream":
                            return out;
                        case "setStatus":
                        case "sendError":
                            answered.put("status", a[0]);
                            return null;
                        case "setHeader":
                            answered.put(String.valueOf(a[0]), a[1]);
                            return null;
                        case "isCommitted":
                            return false;
                        default:
                            return null;
                    }
                });
    }

    @Test
    public void aFailureOfARequestTheApiWasWithdrawnUnderIsA503ToRetry() throws Exception {
        ApiAvailability availability = new ApiAvailability();
        availability.publishedOne();
        EdgeFilter filter = new EdgeFilter(1_000, 1_000, 10, 10_000, 1, availability);
        java.util.Map<String, Object> answered = new java.util.HashMap<>();
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        HttpServletResponse response = response(answered, sink);
        // withdrawn and already published anew while the request ran: CXF's servlet fails for the old server
        javax.servlet.FilterChain republishedThenFails = (rq, rs) -> {
            availability.withdrawingOne();
            availability.publishedOne();
            throw new javax.servlet.ServletException("destination is gone");
        };
        filter.doFilter(request(new String[] {"/api/v1/jobs"}), response, republishedThenFails);
        assertEquals(503, answered.get("status"));
        assertEquals("1", answered.get("Retry-After"));
        assertTrue(sink.toString(), sink.toString().contains("service-unavailable"));
        // the same with a 500 sent as an error rather than thrown
        answered.clear();
        sink.reset();
        filter.doFilter(request(new String[] {"/api/v1/jobs"}), response, (rq, rs) -> {
            availability.withdrawingOne();
            availability.publishedOne();
            ((HttpServletResponse) rs).sendError(500);
        });
        assertEquals(503, answered.get("status"));
        // without a withdrawal a failure stays what it is: the exception reaches Jetty, the 500 is sent
        answered.clear();
        filter.doFilter(request(new String[] {"/api/v1/jobs"}), response,
                (rq, rs) -> ((HttpServletResponse) rs).sendError(500));
        assertEquals(500, answered.get("status"));
        try {
            filter.doFilter(request(new String[] {"/api/v1/jobs"}), response, (rq, rs) -> {
                throw new javax.servlet.ServletException("a bug");
            });
            fail("the failure reaches Jetty");
        } catch (javax.servlet.ServletException expected) {
            assertEquals("a bug", expected.getMessage());
        }
        // nor is another path's failure during a withdrawal the API's
        answered.clear();
        filter.doFilter(request(new String[] {"/api/v0/other"}), response, (rq, rs) -> {
            availability.withdrawingOne();
            availability.publishedOne();
            ((HttpServletResponse) rs).sendError(500);
        });
        assertEquals(500, answered.get("status"));
    }

    @Test
    public void onlyAGoneClientCountsAsGone() {
        assertTrue(ClientAbortInterceptor.clientGone(new IOException("x", new java.nio.channels.ClosedChannelException())));
        assertTrue(ClientAbortInterceptor.clientGone(new IOException("Connection reset by peer")));
        assertFalse(ClientAbortInterceptor.clientGone(new IOException("disk full")));
    }

    @Test
    public void jettyErrorsAreProblemDocumentsThatEchoNothing() throws IOException {
        for (int status : new int[] {400, 404, 405, 408, 413, 414, 431, 500, 503, 505, 418}) {
            JsonNode p = new ObjectMapper().readTree(StatusProblems.json(status));
            assertEquals(status, p.path("status").asInt());
            assertTrue(p.path("type").asText().startsWith("urn:hiremarket:problem:"));
        }
        assertEquals("urn:hiremarket:problem:headers-too-large",
                new ObjectMapper().readTree(StatusProblems.json(431)).path("type").asText());
    }
}
