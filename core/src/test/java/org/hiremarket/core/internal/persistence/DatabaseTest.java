package org.hiremarket.core.internal.persistence;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertSame;

import java.sql.SQLIntegrityConstraintViolationException;

import javax.persistence.OptimisticLockException;
import javax.persistence.PersistenceException;

import org.hiremarket.core.internal.common.ApiException;
import org.junit.Test;

public class DatabaseTest {

    @Test
    public void problemThrownInsideATransactionComesOutUnwrapped() {
        ApiException problem = ApiException.notFound("connection", "x");
        assertSame(problem, Database.unwrap(new RuntimeException("tx failed", problem)));
    }

    @Test
    public void lostRacesBecomeConflicts() {
        ApiException lock = (ApiException) Database.unwrap(new PersistenceException(new OptimisticLockException()));
        assertEquals(409, lock.status());
        assertEquals("concurrent-update", lock.type());
        ApiException dup = (ApiException) Database.unwrap(
                new PersistenceException(new SQLIntegrityConstraintViolationException("23505")));
        assertEquals(409, dup.status());
        assertEquals("duplicate", dup.type());
        // a duplicate inside a JDBC batch: the batch exception, with the constraint's state on it or chained
        java.sql.BatchUpdateException batch = new java.sql.BatchUpdateException("batch failed", "XJ208", 0, new int[0]);
        batch.setNextException(new java.sql.SQLException("duplicate key", "23505"));
        ApiException inBatch = (ApiException) Database.unwrap(new PersistenceException(batch));
        assertEquals("duplicate", inBatch.type());
        java.sql.SQLException other = new java.sql.SQLException("Table/View 'X' does not exist", "42X05");
        assertSame("not a constraint: left alone", other.getClass(),
                ((PersistenceException) Database.unwrap(new PersistenceException(other))).getCause().getClass());
    }

    @Test
    public void callWithoutDatabaseWaitsBoundedlyThenAnswers503() {
        Database db = new Database();
        long t0 = System.nanoTime();
        try {
            db.template(200);
            org.junit.Assert.fail();
        } catch (ApiException e) {
            assertEquals(503, e.status());
            assertEquals("database-unavailable", e.type());
        }
        long ms = (System.nanoTime() - t0) / 1_000_000;
        org.junit.Assert.assertTrue("waited " + ms, ms >= 180 && ms < 5000);
    }

    @Test
    public void anythingElseIsLeftAlone() {
        IllegalStateException e = new IllegalStateException("db down");
        assertSame(e, Database.unwrap(e));
    }
}
