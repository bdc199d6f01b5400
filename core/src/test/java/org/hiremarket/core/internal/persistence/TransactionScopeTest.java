package org.hiremarket.core.internal.persistence;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.persistence.EntityManager;

import org.hiremarket.core.internal.common.ApiException;
import org.hiremarket.core.internal.company.CompanyEntity;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/**
 * Nested {@link Database#tx} calls on the real persistence unit: they join the outermost
 * transaction (which the idempotency record relies on), and what waits for the commit runs after
 * it, only after it, and never after a rollback.
 */
public class TransactionScopeTest {

    private InMemoryUnit unit;
    private Database db;
    private final List<String> events = new CopyOnWriteArrayList<>();

    @Before
    public void open() {
        unit = new InMemoryUnit(true);
        db = unit.database();
    }

    @After
    public void close() {
        unit.close();
    }

    private void company(EntityManager em, String name) {
        em.persist(new CompanyEntity("id-" + name, name, 1L));
    }

    private long companies() {
        return db.tx(em -> em.createQuery("SELECT COUNT(c) FROM CompanyEntity c", Long.class).getSingleResult());
    }

    @Test
    public void aNestedWriteRollsBackWithTheOutermostTransaction() {
        try {
            db.tx(em -> {
                db.tx(inner -> {
                    company(inner, "nested");
                    return null;
                });
                throw ApiException.conflict("later", "Later", "the outer work fails after the nested one returned");
            });
            fail();
        } catch (ApiException expected) {
            assertEquals("later", expected.type());
        }
        assertEquals(0L, companies());
    }

    @Test
    public void afterCommitRunsOnceTheOutermostTransactionCommitted() {
        db.tx(em -> {
            db.tx(inner -> {
                company(inner, "a");
                db.afterCommit(() -> events.add("after:" + companiesSeenElsewhere()));
                return null;
            });
            events.add("inner returned");
            return null;
        });
        assertEquals(List.of("inner returned", "after:1"), events);
    }

    /** What another thread sees: an action after the commit must find the data committed. */
    private long companiesSeenElsewhere() {
        try {
            return java.util.concurrent.CompletableFuture.supplyAsync(this::companies).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    public void afterCommitNeverRunsAfterARollback() {
        try {
            db.tx(em -> {
                company(em, "b");
                db.afterCommit(() -> events.add("must not run"));
                throw new IllegalStateException("fails");
            });
            fail();
        } catch (IllegalStateException expected) {
            // rolled back
        }
        assertTrue(events.isEmpty());
        // and the next transaction on this thread starts clean
        db.tx(em -> {
            db.afterCommit(() -> events.add("next"));
            return null;
        });
        assertEquals(List.of("next"), events);
    }

    @Test
    public void outsideATransactionAfterCommitRunsAtOnce() {
        assertFalse(db.inTransaction());
        db.afterCommit(() -> events.add("now"));
        assertEquals(List.of("now"), events);
        assertTrue(db.tx(em -> db.inTransaction()));
        assertFalse(db.inTransaction());
    }

    @Test
    public void aFailingActionAfterTheCommitNeitherUndoesItNorStopsTheOthers() {
        String result = db.tx(em -> {
            company(em, "c");
            db.afterCommit(() -> {
                throw new IllegalStateException("mailbox down");
            });
            db.afterCommit(() -> events.add("second"));
            return "done";
        });
        assertEquals("done", result);
        assertEquals(List.of("second"), events);
        assertEquals(1L, companies());
    }

    @Test
    public void aGroupCommitInsideATransactionJoinsIt() {
        try (GroupCommit writes = new GroupCommit(db, "scope-test", 1, 10)) {
            try {
                db.tx(em -> {
                    writes.run("k", w -> {
                        company(w, "grouped");
                        return null;
                    });
                    throw new IllegalStateException("the request fails after the grouped write");
                });
                fail();
            } catch (IllegalStateException expected) {
                // rolled back
            }
            assertEquals("the grouped write rolled back with the request", 0L, companies());
            writes.run("k", w -> {
                company(w, "alone");
                return null;
            });
            assertEquals(1L, companies());
        }
    }
}
