package org.hiremarket.core.internal.rest;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

import javax.annotation.Priority;
import javax.ws.rs.WebApplicationException;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerRequestFilter;
import javax.ws.rs.container.PreMatching;

/**
 * Refuses request bodies over the configured size with 413: at once when {@code Content-Length}
 * says so, and while reading for chunked bodies, so a large upload is never buffered whole.
 */
@PreMatching
@Priority(100)
final class BodyLimitFilter implements ContainerRequestFilter {

    private final long max;

    BodyLimitFilter(long max) {
        this.max = max;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        if (request.getLength() > max) {
            request.abortWith(ProblemResponses.of(tooLarge(max)));
            return;
        }
        if (request.hasEntity()) {
            request.setEntityStream(new Limited(request.getEntityStream(), max));
        }
    }

    static Problem tooLarge(long max) {
        return Problem.of(413, "payload-too-large", "Payload too large",
                "the request body is larger than " + max + " bytes", null);
    }

    /** Counts what is read and fails past the limit. */
    static final class Limited extends FilterInputStream {
        private final long max;
        private long read;

        Limited(InputStream in, long max) {
            super(in);
            this.max = max;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) {
            read += n;
            if (read > max) {
                throw new WebApplicationException(ProblemResponses.of(tooLarge(max)));
            }
        }
    }
}
