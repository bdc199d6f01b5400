package org.hiremarket.core.internal.rest;

import java.io.IOException;

import javax.annotation.Priority;
import javax.ws.rs.Priorities;
import javax.ws.rs.ext.WriterInterceptor;
import javax.ws.rs.ext.WriterInterceptorContext;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A client that goes away while its answer is written is not an error of the host: without this,
 * CXF logs "Problem with writing the data" at ERROR for every aborted download, so any anonymous
 * caller could write ERROR lines into the log (e.g. by dropping {@code /openapi.json}). Logged at
 * DEBUG instead; nothing more can be sent anyway.
 */
@Priority(Priorities.USER)
final class ClientAbortInterceptor implements WriterInterceptor {

    private static final Logger LOG = LoggerFactory.getLogger(ClientAbortInterceptor.class);

    @Override
    public void aroundWriteTo(WriterInterceptorContext context) throws IOException {
        try {
            context.proceed();
        } catch (IOException e) {
            if (!clientGone(e)) {
                throw e;
            }
            LOG.debug("The client closed the connection while its answer was written: {}", LogSafe.text(e));
        }
    }

    static boolean clientGone(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String name = t.getClass().getName();
            String message = String.valueOf(t.getMessage());
            if (name.endsWith("EofException") || t instanceof java.nio.channels.ClosedChannelException
                    || message.contains("Broken pipe") || message.contains("Connection reset")) {
                return true;
            }
        }
        return false;
    }
}
