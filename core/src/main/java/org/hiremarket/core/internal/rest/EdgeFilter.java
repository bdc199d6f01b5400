package org.hiremarket.core.internal.rest;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

import javax.servlet.AsyncContext;
import javax.servlet.AsyncEvent;
import javax.servlet.AsyncListener;
import javax.servlet.DispatcherType;
import javax.servlet.Filter;
import javax.servlet.FilterChain;
import javax.servlet.FilterConfig;
import javax.servlet.ReadListener;
import javax.servlet.ServletException;
import javax.servlet.ServletInputStream;
import javax.servlet.ServletRequest;
import javax.servlet.ServletResponse;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletRequestWrapper;
import javax.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP edge in front of CXF's servlet: slow or idle clients cost a connection, never a thread.
 * <ul>
 * <li>A request body is read <em>asynchronously</em> (Servlet 3.1 {@link ReadListener}) into memory
 * before the request goes on to CXF; while a client trickles its body no thread waits for it. The
 * body must arrive within {@code body.read.timeout.seconds}, at {@code min.body.bytes.per.second} at
 * least (measured from the start of the request, checked from its first second on; else 408), and may not exceed
 * {@code max.body.bytes} (else 413, at once when {@code Content-Length} says so).</li>
 * <li>Each client address may have at most {@code max.requests.per.address} requests in progress
 * (counting those still sending their body); more answer 429 at once.</li>
 * <li>All bodies held in memory together stay under {@code max.buffered.body.bytes}; a body that
 * would go over it is answered 503 {@code server-busy}.</li>
 * </ul>
 * Answers of its own are {@code application/problem+json}. Registered by {@link HttpEdge} for the
 * REQUEST and ASYNC dispatches of CXF's servlet context.
 */
final class EdgeFilter implements Filter {

    private static final Logger LOG = LoggerFactory.getLogger(EdgeFilter.class);
    static final String BODY = EdgeFilter.class.getName() + ".body";

    // set by configure(): a configuration change applies in place, with the filter staying installed
    private volatile long maxBodyBytes;
    private volatile long bodyTimeoutMillis;
    private volatile int maxPerAddress;
    private volatile long maxBufferedBytes;
    private volatile long minBytesPerSecond;
    private final Map<String, Integer> inFlight = new ConcurrentHashMap<>();
    private final AtomicLong buffered = new AtomicLong();

    private final ApiAvailability availability;

    /** @param availability whether the REST API is published, and was withdrawn under a request */
    EdgeFilter(long maxBodyBytes, long bodyTimeoutMillis, int maxPerAddress, long maxBufferedBytes,
            long minBytesPerSecond, ApiAvailability availability) {
        this.availability = availability;
        configure(maxBodyBytes, bodyTimeoutMillis, maxPerAddress, maxBufferedBytes, minBytesPerSecond);
    }

    /** Applies new limits to the requests that come from now on. */
    void configure(long maxBodyBytes, long bodyTimeoutMillis, int maxPerAddress, long maxBufferedBytes,
            long minBytesPerSecond) {
        this.minBytesPerSecond = minBytesPerSecond;
        this.maxBodyBytes = maxBodyBytes;
        this.bodyTimeoutMillis = bodyTimeoutMillis;
        this.maxPerAddress = maxPerAddress;
        this.maxBufferedBytes = maxBufferedBytes;
    }

    /** Whether a request is for the REST API's address ({@code /api/v1}), not for another path under {@code /api}. */
    static boolean forTheApi(HttpServletRequest request) {
        String uri = request.getRequestURI();
        return uri != null && (uri.equals(API_PATH) || uri.startsWith(API_PATH + "/"));
    }

    /** Where the REST API is served: CXF's servlet context and the server's address. */
    private static final String API_PATH = "/api" + RestServer.ADDRESS;

    /** Bytes of request bodies held in memory right now (for tests and diagnostics). */
    long buffered() {
        return buffered.get();
    }

    @Override
    public void init(FilterConfig filterConfig) {
    }

    @Override
    public void destroy() {
    }

    /** Requests in progress from this address (for tests and diagnostics). */
    int inFlight(String address) {
        return inFlight.getOrDefault(address, 0);
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        if (!(req instanceof HttpServletRequest request) || !(res instanceof HttpServletResponse response)) {
            chain.doFilter(req, res);
            return;
        }
        if (request.getDispatcherType() == DispatcherType.ASYNC) {
            byte[] body = (byte[]) request.getAttribute(BODY);
            if (body != null) {
                // the body arrived in full: now a thread runs the request, and never waits for the client
                request.removeAttribute(BODY);
                serve(chain, new Buffered(request, body), response, forTheApi(request));
                return;
            }
            chain.doFilter(request, response);
            return;
        }
        if (request.getDispatcherType() != DispatcherType.REQUEST) {
            chain.doFilter(request, response);
            return;
        }
        boolean api = forTheApi(request);
        if (api && !availability.published()) {
            // starting, or republished after a configuration change: CXF would answer 404 in HTML
            notPublished(response);
            return;
        }
        if (api) {
            availability.enter(request);
        }
        String address = String.valueOf(request.getRemoteAddr());
        Slot slot = acquire(address);
        if (slot == null) {
            problem(response, 429, "too-many-requests", "Too many requests",
                    "this client address has " + maxPerAddress + " requests in progress; retry when one has finished",
                    "1");
            return;
        }
        boolean async = false;
        try {
            if (!charsetSupported(request)) {
                // CXF would answer 500 and log the header's text at WARN; the value is not echoed
                problem(response, 415, "unsupported-media-type", "Unsupported media type",
                        "the charset of the Content-Type is not supported; send UTF-8", null);
                return;
            }
            long length = request.getContentLengthLong();
            boolean hasBody = length > 0 || (length < 0 && request.getHeader("Transfer-Encoding") != null);
            if (!hasBody) {
                serve(chain, request, response, api);
                return;
            }
            if (length > maxBodyBytes) {
                problem(response, 413, "payload-too-large", "Payload too large",
                        "the request body is larger than " + maxBodyBytes + " bytes", null);
                return;
            }
            if (!request.isAsyncSupported()) {
                // cannot happen for CXF's servlet (async-supported); stay correct anyway
                chain.doFilter(request, response);
                return;
            }
            AsyncContext ctx = request.startAsync();
            ctx.setTimeout(bodyTimeoutMillis);
            BodyReader reader = new BodyReader(ctx, request, response, slot,
                    (int) Math.min(Math.max(length, 256), 64 * 1024));
            ctx.addListener(reader);
            request.getInputStream().setReadListener(reader);
            async = true;
        } finally {
            if (!async) {
                slot.release();
            }
        }
    }

    /**
     * Runs the rest of the chain. A failure that escapes it (to become Jetty's bare 500) after the API
     * was withdrawn under the request, to apply a configuration change, is the 503 to retry instead.
     */
    private void serve(FilterChain chain, HttpServletRequest request, HttpServletResponse response, boolean api)
            throws IOException, ServletException {
        BooleanSupplier disrupted = () -> api && availability.disrupted(request.getAttribute(ApiAvailability.ENTERED));
        try {
            chain.doFilter(request, new AbortTolerant(response, api, disrupted));
        } catch (IOException | ServletException | RuntimeException e) {
            if (response.isCommitted() || !disrupted.getAsBoolean()) {
                throw e;
            }
            LOG.debug("A request failed while the API was withdrawn: {}", LogSafe.text(e));
            notPublished(response);
        }
    }

    static boolean charsetSupported(HttpServletRequest request) {
        String charset = request.getCharacterEncoding();
        if (charset == null) {
            return true;
        }
        try {
            return java.nio.charset.Charset.isSupported(charset.trim().replace("\"", ""));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private Slot acquire(String address) {
        if (maxPerAddress <= 0) {
            return new Slot(null);
        }
        // the map holds only addresses with requests in progress: counted up and down atomically,
        // an address leaves it with its last request
        boolean[] taken = new boolean[1];
        inFlight.compute(address, (a, n) -> {
            int now = n == null ? 0 : n;
            taken[0] = now < maxPerAddress;
            return taken[0] ? now + 1 : n;
        });
        return taken[0] ? new Slot(address) : null;
    }

    /** One request in progress for an address (none counted when {@code address} is null); released once. */
    private final class Slot {
        private final String address;
        private final AtomicBoolean released = new AtomicBoolean();

        Slot(String address) {
            this.address = address;
        }

        void release() {
            if (address != null && released.compareAndSet(false, true)) {
                inFlight.computeIfPresent(address, (a, n) -> n <= 1 ? null : n - 1);
            }
        }
    }

    /** Reads the body without blocking; hands the request on when it is complete. */
    private final class BodyReader implements ReadListener, AsyncListener {
        private final AsyncContext ctx;
        private final HttpServletRequest request;
        private final HttpServletResponse response;
        private final Slot slot;
        private final ByteArrayOutputStream body;
        private final byte[] chunk = new byte[8192];
        private final AtomicBoolean finished = new AtomicBoolean();
        private final AtomicLong held = new AtomicLong();
        private final long started = System.nanoTime();

        BodyReader(AsyncContext ctx, HttpServletRequest request, HttpServletResponse response, Slot slot,
                int initial) {
            this.ctx = ctx;
            this.request = request;
            this.response = response;
            this.slot = slot;
            this.body = new ByteArrayOutputStream(initial);
        }

        @Override
        public void onDataAvailable() {
            try {
                ServletInputStream in = request.getInputStream();
                while (in.isReady() && !in.isFinished()) {
                    int n = in.read(chunk);
                    if (n < 0) {
                        break;
                    }
                    if (body.size() + (long) n > maxBodyBytes) {
                        fail(413, "payload-too-large", "Payload too large",
                                "the request body is larger than " + maxBodyBytes + " bytes");
                        return;
                    }
                    if (maxBufferedBytes > 0 && buffered.addAndGet(n) > maxBufferedBytes) {
                        // all bodies in memory together stay bounded, however many clients send at once
                        buffered.addAndGet(-n);
                        fail(503, "server-busy", "Server busy",
                                "too many request bodies are being received right now; retry shortly");
                        return;
                    }
                    held.addAndGet(n);
                    body.write(chunk, 0, n);
                }
                long millis = (System.nanoTime() - started) / 1_000_000;
                if (minBytesPerSecond > 0 && millis >= 1000 && !in.isFinished()
                        && body.size() < minBytesPerSecond * millis / 1000) {
                    // a trickle: the connection is ended now rather than at the time-out
                    fail(408, "request-timeout", "Request timeout", "the request body arrives slower than "
                            + minBytesPerSecond + " bytes per second");
                }
            } catch (IOException | RuntimeException e) {
                LOG.debug("Request body could not be read: {}", LogSafe.text(e));
                fail(408, "request-timeout", "Request timeout", "the request body did not arrive in time");
            }
        }

        @Override
        public void onAllDataRead() {
            if (finished.compareAndSet(false, true)) {
                request.setAttribute(BODY, body.toByteArray());
                ctx.dispatch();
            }
        }

        @Override
        public void onError(Throwable t) {
            LOG.debug("Request body could not be read: {}", LogSafe.text(t));
            fail(408, "request-timeout", "Request timeout", "the request body did not arrive in time");
        }

        @Override
        public void onTimeout(AsyncEvent event) {
            if (!finished.get()) {
                fail(408, "request-timeout", "Request timeout", "the request body did not arrive within "
                        + bodyTimeoutMillis / 1000 + " s");
            }
        }

        @Override
        public void onComplete(AsyncEvent event) {
            releaseAll();
        }

        /** Gives back the request's slot and the bytes its body held. */
        private void releaseAll() {
            slot.release();
            buffered.addAndGet(-held.getAndSet(0));
        }

        @Override
        public void onError(AsyncEvent event) {
            if (!finished.get()) {
                fail(408, "request-timeout", "Request timeout", "the request body could not be read");
            }
            releaseAll();
        }

        @Override
        public void onStartAsync(AsyncEvent event) {
            event.getAsyncContext().addListener(this);
        }

        private void fail(int status, String slug, String title, String detail) {
            if (!finished.compareAndSet(false, true)) {
                return;
            }
            try {
                if (!response.isCommitted()) {
                    response.setHeader("Connection", "close");
                    problem(response, status, slug, title, detail, null);
                }
            } catch (IOException | RuntimeException e) {
                LOG.debug("Could not answer a failed request body: {}", LogSafe.text(e));
            } finally {
                try {
                    ctx.complete();
                } catch (RuntimeException e) {
                    LOG.debug("Could not complete a failed request: {}", LogSafe.text(e));
                }
                releaseAll();
            }
        }
    }

    /** Writes a problem document directly (this filter runs before CXF). */
    /** The answer while no REST API is published: it is starting or applying a configuration change. */
    static void notPublished(HttpServletResponse response) throws IOException {
        problem(response, 503, "service-unavailable", "Service unavailable", RestServer.NOT_PUBLISHED, "1");
    }

    static void problem(HttpServletResponse response, int status, String slug, String title, String detail,
            String retryAfter) throws IOException {
        response.resetBuffer();
        response.setStatus(status);
        response.setContentType(Problem.MEDIA_TYPE);
        response.setHeader("Cache-Control", "no-store");
        if (retryAfter != null) {
            response.setHeader("Retry-After", retryAfter);
        }
        byte[] json = problemJson(status, slug, title, detail).getBytes(StandardCharsets.UTF_8);
        response.setContentLength(json.length);
        response.getOutputStream().write(json);
        response.flushBuffer();
    }

    static String problemJson(int status, String slug, String title, String detail) {
        return "{\"type\":\"" + Problem.TYPE_PREFIX + slug + "\",\"title\":\"" + jsonText(title) + "\",\"status\":"
                + status + ",\"detail\":\"" + jsonText(detail) + "\"}";
    }

    private static String jsonText(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.toString();
    }

    /**
     * Once the client has gone away while its answer is written, further writes, flushes and the
     * close are no-ops: the first failure still reaches the writer (and is logged at DEBUG by
     * {@link ClientAbortInterceptor}), but CXF's closing of the stream no longer fails with a WARN
     * and a stack trace for every dropped connection.
     * <p>
     * And CXF's servlet's own "No service was found." (404 in HTML, for a request that came in just
     * before the API was withdrawn to apply a configuration change) becomes the 503 problem that the
     * filter answers while no API is published.
     */
    static final class AbortTolerant extends javax.servlet.http.HttpServletResponseWrapper {
        private javax.servlet.ServletOutputStream stream;
        private final boolean api;
        private final BooleanSupplier disrupted;

        /**
         * @param api whether the request is for the REST API's address ({@link #forTheApi})
         * @param disrupted whether the API was withdrawn while the request ran ({@link ApiAvailability})
         */
        AbortTolerant(HttpServletResponse response, boolean api, BooleanSupplier disrupted) {
            super(response);
            this.api = api;
            this.disrupted = disrupted;
        }

        @Override
        public void sendError(int sc) throws IOException {
            sendError(sc, null);
        }

        @Override
        public void sendError(int sc, String msg) throws IOException {
            if (sc >= 500 && disrupted.getAsBoolean()) {
                // CXF's servlet failing for a server withdrawn under the request: retry, no error
                notPublished((HttpServletResponse) getResponse());
                return;
            }
            if (msg == null) {
                super.sendError(sc);
            } else {
                super.sendError(sc, msg);
            }
        }

        @Override
        public java.io.PrintWriter getWriter() throws IOException {
            String type = getContentType();
            if (getStatus() == 404 && type != null && type.startsWith("text/html")) {
                // the API never answers HTML: this is CXF finding no REST server at the path, which
                // for the API's own address means it was withdrawn a moment ago
                if (api) {
                    notPublished((HttpServletResponse) getResponse());
                } else {
                    problem((HttpServletResponse) getResponse(), 404, "not-found", "Not found",
                            "there is no resource at this path", null);
                }
                return new java.io.PrintWriter(java.io.OutputStream.nullOutputStream());
            }
            return super.getWriter();
        }

        @Override
        public synchronized javax.servlet.ServletOutputStream getOutputStream() throws IOException {
            if (stream == null) {
                javax.servlet.ServletOutputStream out = super.getOutputStream();
                stream = new javax.servlet.ServletOutputStream() {
                    private boolean gone;

                    @Override
                    public void write(int b) throws IOException {
                        if (!gone) {
                            try {
                                out.write(b);
                            } catch (IOException e) {
                                throw failed(e);
                            }
                        }
                    }

                    @Override
                    public void write(byte[] b, int off, int len) throws IOException {
                        if (!gone) {
                            try {
                                out.write(b, off, len);
                            } catch (IOException e) {
                                throw failed(e);
                            }
                        }
                    }

                    @Override
                    public void flush() throws IOException {
                        if (!gone) {
                            try {
                                out.flush();
                            } catch (IOException e) {
                                throw failed(e);
                            }
                        }
                    }

                    @Override
                    public void close() throws IOException {
                        if (!gone) {
                            try {
                                out.close();
                            } catch (IOException e) {
                                throw failed(e);
                            }
                        }
                    }

                    private IOException failed(IOException e) {
                        if (ClientAbortInterceptor.clientGone(e)) {
                            gone = true;
                        }
                        return e;
                    }

                    @Override
                    public boolean isReady() {
                        return gone || out.isReady();
                    }

                    @Override
                    public void setWriteListener(javax.servlet.WriteListener listener) {
                        out.setWriteListener(listener);
                    }
                };
            }
            return stream;
        }
    }

    /** The request with its body already in memory. */
    static final class Buffered extends HttpServletRequestWrapper {
        private final byte[] body;
        private ServletInputStream stream;

        Buffered(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public synchronized ServletInputStream getInputStream() {
            if (stream == null) {
                stream = stream(new ByteArrayInputStream(body));
            }
            return stream;
        }

        private static ServletInputStream stream(InputStream in) {
            return new ServletInputStream() {
                @Override
                public int read() throws IOException {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    return in.read(b, off, len);
                }

                @Override
                public boolean isFinished() {
                    try {
                        return in.available() == 0;
                    } catch (IOException e) {
                        return true;
                    }
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener readListener) {
                    throw new IllegalStateException("the body is already in memory");
                }
            };
        }

        @Override
        public java.io.BufferedReader getReader() {
            String enc = getCharacterEncoding();
            return new java.io.BufferedReader(new java.io.InputStreamReader(new ByteArrayInputStream(body),
                    enc == null ? StandardCharsets.UTF_8 : java.nio.charset.Charset.forName(enc)));
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }
    }
}
