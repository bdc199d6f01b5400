package org.hiremarket.core.internal.idempotency;

import static org.hiremarket.core.internal.common.Refusals.refused;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import javax.persistence.EntityManager;

import org.hiremarket.core.internal.common.ApiException;
import org.hiremarket.core.internal.company.CompanyEntity;
import org.hiremarket.core.internal.identity.Caller;
import org.hiremarket.core.internal.identity.Scope;
import org.hiremarket.core.internal.persistence.Database;
import org.hiremarket.core.internal.persistence.InMemoryUnit;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/**
 * The idempotency store on the real persistence unit, with a clock of the test's: a record commits
 * with the request's own writes or not at all, replays go to the first credential only, secrets are
 * never kept, and reservations of a run that ended are taken over at once.
 */
public class IdempotencyStoreTest {

    private static final Duration RETENTION = Duration.ofHours(24);
    private static final String ACME = "company-acme";
    private static final String GLOBEX = "company-globex";

    private InMemoryUnit unit;
    private Database db;
    private final AtomicLong now = new AtomicLong(1_000_000_000_000L);
    private IdempotencyStore store;

    @Before
    public void open() {
        unit = new InMemoryUnit(true);
        db = unit.database();
        store = new IdempotencyStore(db, now::get);
    }

    @After
    public void close() {
        unit.close();
    }

    private static IdempotencyStore.Request request(String company, String credential, String key, String body) {
        return new IdempotencyStore.Request(company, credential, key,
                IdempotencyStore.fingerprint("POST", "jobs", body.getBytes(StandardCharsets.UTF_8)));
    }

    private static byte[] json(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** A request as the invoker runs it: key, the request's own write and its answer in one transaction. */
    private IdempotencyStore.Outcome run(IdempotencyStore.Request r, String companyName, byte[] answer) {
        return db.tx(em -> {
            IdempotencyStore.Outcome o = store.begin(em, r, RETENTION);
            if (o instanceof IdempotencyStore.Proceed p) {
                em.persist(new CompanyEntity("id-" + companyName, companyName, now.get()));
                store.complete(em, p.reservation(), 201, "http://host/api/v1/jobs/" + companyName, answer);
            }
            return o;
        });
    }

    private long companies(EntityManager em) {
        return em.createQuery("SELECT COUNT(c) FROM CompanyEntity c", Long.class).getSingleResult();
    }

    private long records() {
        return db.tx(em -> em.createQuery("SELECT COUNT(e) FROM IdempotencyEntity e", Long.class).getSingleResult());
    }


    @Test
    public void aRetryGetsTheFirstAnswerAndWritesNothing() {
        IdempotencyStore.Request r = request(ACME, "cred-a", "k1", "{\"title\":\"Dev\"}");
        assertTrue(run(r, "first", json("{\"id\":\"j1\"}")) instanceof IdempotencyStore.Proceed);
        IdempotencyStore.Outcome again = run(r, "second", json("{\"id\":\"j2\"}"));
        IdempotencyStore.Replay replay = (IdempotencyStore.Replay) again;
        assertEquals(201, replay.status());
        assertEquals("http://host/api/v1/jobs/first", replay.location());
        assertArrayEquals(json("{\"id\":\"j1\"}"), replay.body());
        assertEquals(1L, (long) db.tx(this::companies));
    }

    @Test
    public void aRequestThatRolledBackLeavesNoRecordSoItsRetryRunsOnce() {
        IdempotencyStore.Request r = request(ACME, "cred-a", "k1", "{}");
        try {
            db.tx(em -> {
                IdempotencyStore.Outcome o = store.begin(em, r, RETENTION);
                em.persist(new CompanyEntity("id-lost", "lost", now.get()));
                store.complete(em, ((IdempotencyStore.Proceed) o).reservation(), 201, null, json("{}"));
                // the process dies before the commit: nothing of it may stay
                throw new IllegalStateException("crash before commit");
            });
            fail();
        } catch (IllegalStateException expected) {
            // rolled back
        }
        assertEquals(0, records());
        assertEquals(0L, (long) db.tx(this::companies));
        assertTrue(run(r, "retry", json("{}")) instanceof IdempotencyStore.Proceed);
        assertTrue(run(r, "again", json("{}")) instanceof IdempotencyStore.Replay);
        assertEquals(1L, (long) db.tx(this::companies));
    }

    @Test
    public void anotherBodyOrAnotherCredentialIs422() {
        run(request(ACME, "cred-a", "k1", "{\"a\":1}"), "first", json("{}"));
        ApiException body = refused(() -> run(request(ACME, "cred-a", "k1", "{\"a\":2}"), "x", json("{}")));
        assertEquals(422, body.status());
        assertEquals("idempotency-key-reused", body.type());
        assertTrue(body.detail(), body.detail().contains("different request"));
        ApiException other = refused(() -> run(request(ACME, "cred-b", "k1", "{\"a\":1}"), "y", json("{}")));
        assertEquals(422, other.status());
        assertEquals("idempotency-key-reused", other.type());
        assertTrue(other.detail(), other.detail().contains("another credential"));
        assertEquals(1L, (long) db.tx(this::companies));
    }

    @Test
    public void companiesNeverShareAKey() {
        assertTrue(run(request(ACME, "cred-a", "same", "{}"), "acme", json("{}")) instanceof IdempotencyStore.Proceed);
        assertTrue(run(request(GLOBEX, "cred-g", "same", "{}"), "globex", json("{}")) instanceof IdempotencyStore.Proceed);
        assertEquals(2, records());
    }

    @Test
    public void anExpiredKeyRunsAgainAndCleanupDeletesOnlyExpiredRecords() {
        IdempotencyStore.Request r = request(ACME, "cred-a", "old", "{}");
        run(r, "first", json("{}"));
        now.addAndGet(RETENTION.toMillis() - 1);
        assertTrue(run(r, "x", json("{}")) instanceof IdempotencyStore.Replay);
        now.addAndGet(2);
        assertTrue(run(r, "second", json("{}")) instanceof IdempotencyStore.Proceed);
        run(request(ACME, "cred-a", "fresh", "{}"), "third", json("{}"));
        now.addAndGet(RETENTION.toMillis() + 1);
        run(request(ACME, "cred-a", "newest", "{}"), "fourth", json("{}"));
        store.cleanup(RETENTION);
        assertEquals("only the record written at the current time is left", 1, records());
        // at most once a minute
        now.addAndGet(RETENTION.toMillis() + 1);
        store.cleanup(RETENTION);
        assertEquals(0, records());
        run(request(ACME, "cred-a", "later", "{}"), "fifth", json("{}"));
        now.addAndGet(RETENTION.toMillis() - 10_000);
        store.cleanup(RETENTION);
        assertEquals("not expired yet", 1, records());
        now.addAndGet(30_000);
        store.cleanup(RETENTION);
        assertEquals("expired, but cleaned less than a minute ago", 1, records());
        now.addAndGet(31_000);
        store.cleanup(RETENTION);
        assertEquals(0, records());
    }

    @Test
    public void aReservationIsInProgressUntilCompletedOrReleased() {
        IdempotencyStore.Request r = request(ACME, "cred-a", "step", "{}");
        String id = ((IdempotencyStore.Proceed) store.reserve(r, RETENTION)).reservation();
        ApiException busy = refused(() -> store.reserve(r, RETENTION));
        assertEquals(409, busy.status());
        assertEquals("idempotency-in-progress", busy.type());
        store.release(id);
        String again = ((IdempotencyStore.Proceed) store.reserve(r, RETENTION)).reservation();
        store.complete(again, 200, null, json("{\"status\":\"ACTIVE\"}"));
        IdempotencyStore.Replay replay = (IdempotencyStore.Replay) store.reserve(r, RETENTION);
        assertEquals(200, replay.status());
        assertArrayEquals(json("{\"status\":\"ACTIVE\"}"), replay.body());
        store.release(again);
        assertTrue("a completed record is not released", store.reserve(r, RETENTION) instanceof IdempotencyStore.Replay);
    }

    @Test
    public void aReservationLeftByARunThatEndedIsTakenOverAtOnce() {
        IdempotencyStore.Request r = request(ACME, "cred-a", "crash", "{}");
        IdempotencyStore before = new IdempotencyStore(db, now::get);
        before.reserve(r, RETENTION);
        // the process died; the next start has a new run, at once (no minute of 409s)
        assertTrue(store.reserve(r, RETENTION) instanceof IdempotencyStore.Proceed);
        ApiException busy = refused(() -> store.reserve(r, RETENTION));
        assertEquals("now this run's reservation", "idempotency-in-progress", busy.type());
    }

    @Test
    public void aSecretIsNeverStoredAndItsRetryIsToldWhatWasCreated() {
        IdempotencyStore.Request r = request(ACME, "cred-a", "key-create", "{\"label\":\"ci\"}");
        run(r, "withSecret", json("{\"id\":\"k1\",\"keyId\":\"abc\",\"apiKey\":\"hm_abc_SECRET\"}"));
        IdempotencyEntity stored = db.tx(em -> em.find(IdempotencyEntity.class, IdempotencyStore.recordId(ACME,
                "key-create")));
        assertNull("no secret in the database", stored.getBody());
        assertTrue(stored.isSecret());
        ApiException e = refused(() -> run(r, "x", json("{}")));
        assertEquals(409, e.status());
        assertEquals("secret-not-replayed", e.type());
        assertEquals("http://host/api/v1/jobs/withSecret", e.headers().get("Location"));
        assertTrue(e.detail(), e.detail().contains("http://host/api/v1/jobs/withSecret"));
        assertFalse(e.detail().contains("SECRET"));
    }

    @Test
    public void secretsAreFoundWhereverTheyAre() {
        assertTrue(store.carriesSecret(json("{\"clientId\":\"c\",\"clientSecret\":\"s\"}")));
        assertTrue(store.carriesSecret(json("{\"user\":{\"id\":\"u\"},\"credentials\":[{\"accessToken\":\"t\"}]}")));
        assertTrue(store.carriesSecret(json("{\"access_token\":\"t\"}")));
        assertTrue("not JSON: kept out rather than guessed", store.carriesSecret(json("plain text")));
        assertFalse(store.carriesSecret(json("{\"id\":\"j1\",\"title\":\"Token ring engineer\"}")));
        assertFalse("an empty field holds no secret", store.carriesSecret(json("{\"token\":\"\"}")));
        assertFalse(store.carriesSecret(json("{\"apiKeyId\":\"k1\",\"secretShown\":true}")));
        assertFalse(store.carriesSecret(null));
        assertFalse(store.carriesSecret(new byte[0]));
    }

    @Test
    public void aDuplicateSentWhileTheFirstRunsWaitsForItAndGetsItsAnswer() throws Exception {
        IdempotencyStore.Request r = request(ACME, "cred-a", "race", "{}");
        CountDownLatch begun = new CountDownLatch(1);
        CountDownLatch finish = new CountDownLatch(1);
        CompletableFuture<IdempotencyStore.Outcome> first = CompletableFuture.supplyAsync(() -> db.tx(em -> {
            IdempotencyStore.Outcome o = store.begin(em, r, RETENTION);
            begun.countDown();
            try {
                assertTrue(finish.await(30, TimeUnit.SECONDS));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            em.persist(new CompanyEntity("id-race", "race", now.get()));
            store.complete(em, ((IdempotencyStore.Proceed) o).reservation(), 201, "loc", json("{\"id\":\"r\"}"));
            return o;
        }));
        assertTrue(begun.await(30, TimeUnit.SECONDS));
        CompletableFuture<IdempotencyStore.Outcome> second = CompletableFuture.supplyAsync(() -> run(r, "dup", json("{}")));
        finish.countDown();
        assertTrue(first.get(60, TimeUnit.SECONDS) instanceof IdempotencyStore.Proceed);
        IdempotencyStore.Replay replay = (IdempotencyStore.Replay) second.get(60, TimeUnit.SECONDS);
        assertEquals("loc", replay.location());
        assertEquals(1L, (long) db.tx(this::companies));
    }

    @Test
    public void theCredentialIsTheKeyTheClientOrThePersonNotTheSession() {
        Caller key = Caller.apiKey(ACME, "key-1");
        Caller otherKey = Caller.apiKey(ACME, "key-2");
        Caller session1 = new Caller(ACME, "session-1", Caller.Kind.USER, EnumSet.noneOf(Scope.class), "user-1");
        Caller session2 = new Caller(ACME, "session-2", Caller.Kind.USER, EnumSet.noneOf(Scope.class), "user-1");
        Caller otherUser = new Caller(ACME, "session-3", Caller.Kind.USER, EnumSet.noneOf(Scope.class), "user-2");
        Caller client = new Caller(ACME, "key-1", Caller.Kind.OAUTH_CLIENT, EnumSet.noneOf(Scope.class), null);
        assertEquals(IdempotencyStore.credentialOf(session1), IdempotencyStore.credentialOf(session2));
        assertFalse(IdempotencyStore.credentialOf(session1).equals(IdempotencyStore.credentialOf(otherUser)));
        assertFalse(IdempotencyStore.credentialOf(key).equals(IdempotencyStore.credentialOf(otherKey)));
        assertFalse("same id, other kind", IdempotencyStore.credentialOf(key).equals(IdempotencyStore.credentialOf(client)));
    }
}
