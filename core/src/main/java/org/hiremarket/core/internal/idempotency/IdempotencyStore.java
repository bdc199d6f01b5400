package org.hiremarket.core.internal.idempotency;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import javax.persistence.EntityManager;

import org.hiremarket.core.internal.common.ApiException;
import org.hiremarket.core.internal.common.Hashes;
import org.hiremarket.core.internal.identity.Caller;
import org.hiremarket.core.internal.persistence.Database;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Remembers {@code Idempotency-Key}s per company, and the answer their first request got.
 *
 * <p>Usually the record is written in the same transaction as the request's own writes
 * ({@link #begin} and {@link #complete} with the request's entity manager): both commit or
 * neither does, so after a crash a retry finds either the stored answer or nothing, and runs
 * afresh. Requests that commit in several steps around calls into plugins cannot share one
 * transaction: they {@link #reserve} the key first, and a reservation left behind by a run of the
 * host that is not the current one (a process that no longer runs) is taken over at once.
 *
 * <p>A retry gets the stored answer only from the credential that sent the first request (for a
 * session: the same person); the same key with another body, or from another credential, is 422.
 * An answer that carried a secret (an API key, a client secret, a token) is never stored: its
 * retry is told that the resource was created and where, and that the secret was shown once.
 */
@Component(service = IdempotencyStore.class)
public class IdempotencyStore {

    private static final long CLEANUP_EVERY_MS = 60_000;

    /** JSON fields whose text is a secret: an answer with any of them is not stored. */
    static final Set<String> SECRET_FIELDS = Set.of("apiKey", "clientSecret", "secret", "accessToken",
            "access_token", "refreshToken", "refresh_token", "token", "password");

    /** This run of the host: a reservation made by another run was left by a process that no longer runs. */
    private final String run = UUID.randomUUID().toString();

    /** What to do with a request that carries a key. */
    public sealed interface Outcome permits Proceed, Replay {
    }

    /** Run the request; then {@link #complete} (or, after a {@link #reserve}, {@link #release}). */
    public record Proceed(String reservation) implements Outcome {
    }

    /** Answer with the stored response. */
    public record Replay(int status, String location, byte[] body) implements Outcome {
    }

    /**
     * A request with a key.
     *
     * @param credential  who sent it ({@link #credentialOf})
     * @param fingerprint of its method, path and body ({@link #fingerprint})
     */
    public record Request(String companyId, String credential, String key, String fingerprint) {
    }

    private final Database db;
    private final LongSupplier clock;
    private final ObjectMapper json = new ObjectMapper();
    private final AtomicLong lastCleanup = new AtomicLong();

    @Activate
    public IdempotencyStore(@Reference Database db) {
        this(db, System::currentTimeMillis);
    }

    IdempotencyStore(Database db, LongSupplier clock) {
        this.db = db;
        this.clock = clock;
    }

    /**
     * Looks the key up in the caller's transaction and, when the request is to run, writes its
     * record there (not done): committed only together with the request's writes and
     * {@link #complete}. A concurrent first request with the same key holds the record's row until
     * its transaction ends, so a duplicate waits for it and then gets its answer.
     *
     * @throws ApiException 422 for another body or another credential, 409 while a reservation is
     *                      running, 409 {@code secret-not-replayed} for an answer that carried a secret
     */
    public Outcome begin(EntityManager em, Request request, Duration retention) {
        long now = clock.getAsLong();
        String id = recordId(request.companyId(), request.key());
        IdempotencyEntity e = em.find(IdempotencyEntity.class, id);
        if (e == null) {
            em.persist(new IdempotencyEntity(id, request.companyId(), request.credential(), request.fingerprint(), run,
                    now));
            em.flush();
            return new Proceed(id);
        }
        boolean expired = e.getCreatedAt() < now - retention.toMillis();
        boolean abandoned = !e.isDone() && !run.equals(e.getOwner());
        if (expired || abandoned) {
            e.restart(request.credential(), request.fingerprint(), run, now);
            return new Proceed(id);
        }
        if (e.getCredential() != null && !e.getCredential().equals(request.credential())) {
            throw new ApiException(422, "idempotency-key-reused", "Idempotency key reused",
                    "this Idempotency-Key was used by another credential of your company; use a key of your own", null);
        }
        if (!e.getFingerprint().equals(request.fingerprint())) {
            throw new ApiException(422, "idempotency-key-reused", "Idempotency key reused",
                    "this Idempotency-Key was used for a different request; use a new key for a new request", null);
        }
        if (!e.isDone()) {
            throw inProgress();
        }
        if (e.isSecret() || carriesSecret(e.getBody())) {
            throw new SecretNotReplayed(e.getStatus(), e.getLocation());
        }
        return new Replay(e.getStatus(), e.getLocation(), e.getBody());
    }

    /**
     * For a request that commits in several steps: {@link #begin} in a transaction of its own, so
     * the reservation is visible (409 to duplicates) while the request runs.
     */
    public Outcome reserve(Request request, Duration retention) {
        try {
            return db.tx(em -> begin(em, request, retention));
        } catch (ApiException e) {
            if (e.status() == 409 && "duplicate".equals(e.type())) {
                // another request reserved the same key at the same moment
                throw inProgress();
            }
            throw e;
        }
    }

    /**
     * Stores the answer of a request that {@link Proceed proceeded}, in the caller's transaction;
     * without its body when the body carries a secret.
     */
    public void complete(EntityManager em, String reservation, int status, String location, byte[] body) {
        IdempotencyEntity e = em.find(IdempotencyEntity.class, reservation);
        if (e != null) {
            e.complete(status, location, body, carriesSecret(body));
        }
    }

    /** {@link #complete} in a transaction of its own, after a {@link #reserve}. */
    public void complete(String reservation, int status, String location, byte[] body) {
        db.tx(em -> {
            complete(em, reservation, status, location, body);
            return null;
        });
    }

    /** Forgets a reservation whose request failed, so the client may retry with the same key. */
    public void release(String reservation) {
        db.tx(em -> {
            IdempotencyEntity e = em.find(IdempotencyEntity.class, reservation);
            if (e != null && !e.isDone()) {
                em.remove(e);
            }
            return null;
        });
    }

    /** Deletes expired records, at most once a minute; in a transaction of its own. */
    public void cleanup(Duration retention) {
        long now = clock.getAsLong();
        long last = lastCleanup.get();
        if (now - last < CLEANUP_EVERY_MS || !lastCleanup.compareAndSet(last, now)) {
            return;
        }
        db.tx(em -> em.createQuery("DELETE FROM IdempotencyEntity e WHERE e.createdAt < :before")
                .setParameter("before", now - retention.toMillis()).executeUpdate());
    }

    /** @return whether a JSON answer has a secret in it (a non-empty text in a {@link #SECRET_FIELDS field}) */
    boolean carriesSecret(byte[] body) {
        if (body == null || body.length == 0) {
            return false;
        }
        try {
            return carriesSecret(json.readTree(body));
        } catch (IOException notJson) {
            // nothing to look into: keep it out rather than guess
            return true;
        }
    }

    private static boolean carriesSecret(JsonNode node) {
        if (node == null) {
            return false;
        }
        if (node.isObject()) {
            for (var it = node.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> f = it.next();
                if (SECRET_FIELDS.contains(f.getKey()) && f.getValue().isTextual() && !f.getValue().asText().isEmpty()) {
                    return true;
                }
                if (carriesSecret(f.getValue())) {
                    return true;
                }
            }
        } else if (node.isArray()) {
            for (JsonNode item : node) {
                if (carriesSecret(item)) {
                    return true;
                }
            }
        }
        return false;
    }

    static ApiException inProgress() {
        return ApiException.conflict("idempotency-in-progress", "Request in progress",
                "a request with this Idempotency-Key is still being processed; retry in a moment");
    }

    /** The first answer carried a secret, shown only then: the retry learns what was created and where. */
    static final class SecretNotReplayed extends ApiException {
        private static final long serialVersionUID = 1L;
        private final String location;

        SecretNotReplayed(int status, String location) {
            super(409, "secret-not-replayed", "Created; its secret was shown once",
                    "the first request with this Idempotency-Key succeeded (" + status + ")"
                            + (location == null ? "" : " and created " + location)
                            + "; its answer carried a secret, which is shown only once and not kept: if it was lost,"
                            + " revoke what was created and create a new one",
                    null);
            this.location = location;
        }

        @Override
        public Map<String, String> headers() {
            return location == null ? Map.of() : Map.of("Location", location);
        }
    }

    /** @return who a caller is for idempotency: the API key, the OAuth client, or the person behind a session */
    public static String credentialOf(Caller caller) {
        String who = caller.kind() == Caller.Kind.USER && caller.userId() != null ? "USER:" + caller.userId()
                : caller.kind() + ":" + caller.credentialId();
        return Hashes.sha256Hex(who);
    }

    /** @return the id of a key's record: the company is part of it, so companies never share one */
    static String recordId(String companyId, String key) {
        return Hashes.sha256Hex(companyId + "\u0000" + key);
    }

    /** @return the fingerprint of a request */
    public static String fingerprint(String method, String path, byte[] body) {
        return Hashes.sha256Hex((method + " " + path + "\n").getBytes(StandardCharsets.UTF_8), body);
    }

    /** @return this run's id (reservations of other runs count as abandoned) */
    String run() {
        return run;
    }
}
