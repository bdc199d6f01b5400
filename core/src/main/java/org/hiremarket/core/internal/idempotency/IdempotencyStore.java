package org.hiremarket.core.internal.idempotency;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.hiremarket.core.internal.common.ApiException;
import org.hiremarket.core.internal.common.Hashes;
import org.hiremarket.core.internal.persistence.Database;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Remembers {@code Idempotency-Key}s per company. The first request with a key reserves it; its
 * successful response is stored and replayed to later requests with the same key and body. The
 * same key with a different body is refused (422), and a key whose first request is still running
 * is refused (409). A reservation left by a request that never finished (the server stopped) is
 * taken over after {@link #ABANDONED}.
 */
@Component(service = IdempotencyStore.class)
public class IdempotencyStore {

    static final Duration ABANDONED = Duration.ofMinutes(1);
    private static final long CLEANUP_EVERY_MS = 60_000;

    /** What to do with a request that carries a key. */
    public sealed interface Outcome permits Proceed, Replay {
    }

    /** Run the request; then {@link #complete} or {@link #release} the reservation. */
    public record Proceed(String reservation) implements Outcome {
    }

    /** Answer with the stored response. */
    public record Replay(int status, String location, byte[] body) implements Outcome {
    }

    private final Database db;
    private final AtomicLong lastCleanup = new AtomicLong();

    @Activate
    public IdempotencyStore(@Reference Database db) {
        this.db = db;
    }

    public Outcome begin(String companyId, String key, String fingerprint, Duration retention) {
        long now = System.currentTimeMillis();
        cleanup(now, retention);
        String id = recordId(companyId, key);
        try {
            return db.tx(em -> {
                IdempotencyEntity e = em.find(IdempotencyEntity.class, id);
                if (e == null) {
                    em.persist(new IdempotencyEntity(id, companyId, fingerprint, now));
                    em.flush();
                    return new Proceed(id);
                }
                boolean expired = e.getCreatedAt() < now - retention.toMillis();
                boolean abandoned = !e.isDone() && e.getCreatedAt() < now - ABANDONED.toMillis();
                if (expired || abandoned) {
                    e.restart(fingerprint, now);
                    return new Proceed(id);
                }
                if (!e.getFingerprint().equals(fingerprint)) {
                    throw new ApiException(422, "idempotency-key-reused", "Idempotency key reused",
                            "this Idempotency-Key was used for a different request; use a new key for a new request",
                            null);
                }
                if (!e.isDone()) {
                    throw inProgress();
                }
                return new Replay(e.getStatus(), e.getLocation(), e.getBody());
            });
        } catch (ApiException e) {
            if (e.status() == 409 && "duplicate".equals(e.type())) {
                // another request reserved the same key at the same moment
                throw inProgress();
            }
            throw e;
        }
    }

    public void complete(String reservation, int status, String location, byte[] body) {
        db.tx(em -> {
            IdempotencyEntity e = em.find(IdempotencyEntity.class, reservation);
            if (e != null) {
                e.complete(status, location, body);
            }
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

    private void cleanup(long now, Duration retention) {
        long last = lastCleanup.get();
        if (now - last < CLEANUP_EVERY_MS || !lastCleanup.compareAndSet(last, now)) {
            return;
        }
        db.tx(em -> em.createQuery("DELETE FROM IdempotencyEntity e WHERE e.createdAt < :before")
                .setParameter("before", now - retention.toMillis()).executeUpdate());
    }

    static ApiException inProgress() {
        return ApiException.conflict("idempotency-in-progress", "Request in progress",
                "a request with this Idempotency-Key is still being processed; retry in a moment");
    }

    /** @return the id of a key's record: the company is part of it, so companies never share one */
    static String recordId(String companyId, String key) {
        return Hashes.sha256Hex(companyId + "\u0000" + key);
    }

    /** @return the fingerprint of a request */
    public static String fingerprint(String method, String path, byte[] body) {
        return Hashes.sha256Hex((method + " " + path + "\n").getBytes(StandardCharsets.UTF_8), body);
    }
}
