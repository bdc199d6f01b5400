package org.hiremarket.core.internal.rest;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.handler.ContextHandler;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.BufferUtil;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

/**
 * Errors Jetty answers itself — malformed requests, a bad URI (400), headers too large (431), an
 * unknown path outside {@code /api} (404) — as {@code application/problem+json} like the API's own,
 * instead of Jetty's HTML pages. Pax Web creates the Jetty server and its contexts, so the handler is
 * installed by a {@link HttpConfiguration.Customizer} (a service Pax Web applies to its connectors):
 * it sees the server on the requests it customizes and sets the error handler of the server and of
 * every servlet context (checked at most once a second). Until the first request after a start
 * Jetty's own handler answers.
 */
final class JettyProblemErrors implements HttpConfiguration.Customizer {

    private static final long CHECK_NANOS = TimeUnit.SECONDS.toNanos(1);
    private volatile long lastCheck = System.nanoTime() - 2 * CHECK_NANOS;

    /** Registers the customizer; only called when Jetty's classes are wired to this bundle. */
    static ServiceRegistration<?> register(BundleContext context) {
        return context.registerService(HttpConfiguration.Customizer.class, new JettyProblemErrors(), null);
    }

    @Override
    public void customize(Connector connector, HttpConfiguration channelConfig, Request request) {
        long now = System.nanoTime();
        if (now - lastCheck < CHECK_NANOS) {
            return;
        }
        lastCheck = now;
        install(connector.getServer());
    }

    static void install(Server server) {
        if (!(server.getErrorHandler() instanceof ProblemErrorHandler)) {
            server.setErrorHandler(new ProblemErrorHandler());
        }
        Handler[] contexts = server.getChildHandlersByClass(ContextHandler.class);
        if (contexts != null) {
            for (Handler h : contexts) {
                ContextHandler c = (ContextHandler) h;
                if (!(c.getErrorHandler() instanceof ProblemErrorHandler)) {
                    c.setErrorHandler(new ProblemErrorHandler());
                }
            }
        }
    }

    /** Jetty's error answers as problem documents; nothing from the request is echoed. */
    static final class ProblemErrorHandler extends ErrorHandler {

        ProblemErrorHandler() {
            setShowStacks(false);
            setShowServlet(false);
            setShowMessageInTitle(false);
        }

        @Override
        public boolean errorPageForMethod(String method) {
            return true;
        }

        @Override
        public ByteBuffer badMessageError(int status, String reason, HttpFields fields) {
            if (status == 204 || status == 304 || status < 200) {
                return BufferUtil.EMPTY_BUFFER;
            }
            fields.put(HttpHeader.CONTENT_TYPE, Problem.MEDIA_TYPE);
            fields.put(HttpHeader.CACHE_CONTROL, "no-store");
            return BufferUtil.toBuffer(json(status), StandardCharsets.UTF_8);
        }

        @Override
        protected void generateAcceptableResponse(Request baseRequest, HttpServletRequest request,
                HttpServletResponse response, int code, String message) throws IOException {
            baseRequest.setHandled(true);
            byte[] body = json(code).getBytes(StandardCharsets.UTF_8);
            response.setContentType(Problem.MEDIA_TYPE);
            response.setHeader("Cache-Control", "no-store");
            response.setContentLength(body.length);
            response.getOutputStream().write(body);
        }

        static String json(int status) {
            return StatusProblems.json(status);
        }
    }
}
