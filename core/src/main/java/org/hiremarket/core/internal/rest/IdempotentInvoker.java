package org.hiremarket.core.internal.rest;

import java.lang.reflect.Method;
import java.time.Duration;
import java.util.List;

import javax.persistence.PersistenceException;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;

import org.apache.cxf.jaxrs.JAXRSInvoker;
import org.apache.cxf.jaxrs.model.OperationResourceInfo;
import org.apache.cxf.jaxrs.utils.JAXRSUtils;
import org.apache.cxf.message.Exchange;
import org.apache.cxf.message.MessageContentsList;
import org.hiremarket.core.internal.common.ApiException;
import org.hiremarket.core.internal.idempotency.IdempotencyStore;
import org.hiremarket.core.internal.persistence.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Runs a request that carries an {@code Idempotency-Key} ({@link IdempotencyFilter}) together with
 * its record: the key is looked up, the resource method runs, and its successful answer is stored,
 * all in one transaction that the services' own transactions join. So the record commits exactly
 * when the request's writes do: a crash in between leaves neither, and a retry then runs afresh;
 * a failed request leaves neither either. A replay answers the stored response with
 * {@code Idempotent-Replayed: true}. Methods marked {@link CommitsInSteps} reserve the key in a
 * transaction of their own instead and store the answer after they ran.
 */
final class IdempotentInvoker extends JAXRSInvoker {

    private static final Logger LOG = LoggerFactory.getLogger(IdempotentInvoker.class);

    private final Database db;
    private final IdempotencyStore store;
    private final ObjectMapper mapper;
    private final Duration retention;

    IdempotentInvoker(Database db, IdempotencyStore store, ObjectMapper mapper, Duration retention) {
        this.db = db;
        this.store = store;
        this.mapper = mapper;
        this.retention = retention;
    }

    /** Carries a resource method's answer that is not a success out of the transaction, rolling it back. */
    private static final class Refused extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient Object result;

        Refused(Object result) {
            super(null, null, false, false);
            this.result = result;
        }
    }

    /**
     * Another request wrote the key's record first (a unique key violation on writing it): a
     * problem of its own, so that the database layer passes it on as it is.
     */
    private static final class KeyTaken extends ApiException {
        private static final long serialVersionUID = 1L;

        KeyTaken(Throwable cause) {
            super(409, "idempotency-in-progress", "Request in progress",
                    "a request with this Idempotency-Key is still being processed; retry in a moment", null);
            initCause(cause);
        }
    }

    @Override
    public Object invoke(Exchange exchange, Object request) {
        IdempotencyStore.Request idem = (IdempotencyStore.Request) exchange.getInMessage().get(IdempotencyFilter.REQUEST);
        if (idem == null) {
            return super.invoke(exchange, request);
        }
        try {
            store.cleanup(retention);
            OperationResourceInfo op = exchange.get(OperationResourceInfo.class);
            Method method = op == null ? null : op.getAnnotatedMethod();
            if (method != null && method.isAnnotationPresent(CommitsInSteps.class)) {
                return inSteps(exchange, request, idem);
            }
            try {
                return inOneTransaction(exchange, request, idem);
            } catch (RuntimeException e) {
                if (find(e, KeyTaken.class) == null) {
                    throw e;
                }
                // a duplicate wrote the key's record at the same moment, before this request ran
                // anything; it has committed now, and its answer is there to replay
                return inOneTransaction(exchange, request, idem);
            }
        } catch (RuntimeException e) {
            Refused refused = find(e, Refused.class);
            if (refused != null) {
                return refused.result;
            }
            // the lookup refused the request, or the transaction could not commit
            return new MessageContentsList(JAXRSUtils.convertFaultToResponse(e, exchange.getInMessage()));
        }
    }

    private Object inOneTransaction(Exchange exchange, Object request, IdempotencyStore.Request idem) {
        return db.tx(em -> {
            IdempotencyStore.Outcome outcome;
            try {
                outcome = store.begin(em, idem, retention);
            } catch (PersistenceException e) {
                throw new KeyTaken(e);
            }
            if (outcome instanceof IdempotencyStore.Replay replay) {
                return replay(replay);
            }
            String reservation = ((IdempotencyStore.Proceed) outcome).reservation();
            Object result = super.invoke(exchange, request);
            Answer answer = answer(result);
            if (!answer.success()) {
                throw new Refused(result);
            }
            store.complete(em, reservation, answer.status(), answer.location(), answer.body());
            return result;
        });
    }

    private Object inSteps(Exchange exchange, Object request, IdempotencyStore.Request idem) {
        IdempotencyStore.Outcome outcome = store.reserve(idem, retention);
        if (outcome instanceof IdempotencyStore.Replay replay) {
            return replay(replay);
        }
        String reservation = ((IdempotencyStore.Proceed) outcome).reservation();
        Object result;
        try {
            result = super.invoke(exchange, request);
        } catch (RuntimeException | Error e) {
            // nothing is to be remembered of it, and the key must not stay reserved until the next start
            forget(reservation);
            throw e;
        }
        Answer answer = answer(result);
        try {
            if (answer.success()) {
                store.complete(reservation, answer.status(), answer.location(), answer.body());
            } else {
                store.release(reservation);
            }
        } catch (RuntimeException e) {
            // the request itself is done; its key is taken over once its run is over
            LOG.warn("Could not remember the answer of an idempotent request: {}", e.toString());
            forget(reservation);
        }
        return result;
    }

    private void forget(String reservation) {
        try {
            store.release(reservation);
        } catch (RuntimeException ignored) {
            // a reservation of a run that ended is taken over by the next request with its key
        }
    }

    private static <T extends Throwable> T find(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    private static MessageContentsList replay(IdempotencyStore.Replay r) {
        Response.ResponseBuilder b = Response.status(r.status()).header("Idempotent-Replayed", "true");
        if (r.body() != null) {
            b.entity(r.body()).type(MediaType.APPLICATION_JSON_TYPE);
        }
        if (r.location() != null) {
            b.header(HttpHeaders.LOCATION, r.location());
        }
        return new MessageContentsList(b.build());
    }

    /** What a resource method answered, as it is stored. */
    private record Answer(int status, String location, byte[] body) {
        boolean success() {
            return status >= 200 && status < 300;
        }
    }

    private Answer answer(Object result) {
        Object value = result instanceof List<?> list && !list.isEmpty() ? list.get(0) : null;
        if (value instanceof Response r) {
            Object location = r.getHeaders().getFirst(HttpHeaders.LOCATION);
            return new Answer(r.getStatus(), location == null ? null : location.toString(), body(r.getEntity()));
        }
        return value == null ? new Answer(204, null, null) : new Answer(200, null, body(value));
    }

    private byte[] body(Object entity) {
        if (entity == null) {
            return null;
        }
        try {
            return entity instanceof byte[] bytes ? bytes : mapper.writeValueAsBytes(entity);
        } catch (JsonProcessingException e) {
            throw new ApiException(500, "internal-error", "Internal error", "the answer could not be written as JSON",
                    null);
        }
    }
}
