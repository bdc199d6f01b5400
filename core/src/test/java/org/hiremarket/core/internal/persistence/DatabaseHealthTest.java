package org.hiremarket.core.internal.persistence;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;
import javax.persistence.Persistence;
import javax.persistence.PersistenceException;
import javax.sql.DataSource;

import org.apache.derby.jdbc.EmbeddedDataSource;
import org.hiremarket.core.internal.common.ApiException;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/**
 * A database that is gone (Derby shut it or its engine down after a storage error) is answered 503
 * {@code database-unavailable} at once, and {@link DatabaseHealth} brings it back by itself.
 */
public class DatabaseHealthTest {

    @Before
    @After
    public void forget() {
        DatabaseHealth.reset();
    }

    @Test
    public void deadConnectionEngineAndStorageStatesAreRecognised() {
        for (String state : new String[] { "08003", "08006", "08001", "XJ015", "XJ040", "XJ041", "XJ004", "XBM0A",
                "40XD0", "XSDG1", "XSLA2" }) {
            assertTrue(state, DatabaseHealth.goneState(state));
        }
        for (String state : new String[] { null, "23505", "40001", "40XL1", "42X05", "22001", "XJ208", "XCL16" }) {
            assertFalse(String.valueOf(state), DatabaseHealth.goneState(state));
        }
    }

    @Test
    public void deadDatabaseIsAnswered503AtOnceWithRetryAfter() {
        // as EclipseLink reports it: its exception around the driver's, the state on a chained one
        SQLException closed = new SQLException("Database 'hiremarket' shutdown.", "XJ001");
        closed.setNextException(new SQLException("No current connection.", "08003"));
        RuntimeException failure = new PersistenceException(new RuntimeException("Internal Exception", closed));
        RuntimeException mapped = Database.unwrap(failure);
        assertTrue("503, got " + mapped, mapped instanceof ApiException);
        ApiException problem = (ApiException) mapped;
        assertEquals(503, problem.status());
        assertEquals("database-unavailable", problem.type());
        assertEquals("2", problem.headers().get("Retry-After"));
        assertTrue("the database is marked down", DatabaseHealth.isDown());
        assertNotNull(DatabaseHealth.downReason());
    }

    @Test
    public void otherFailuresKeepTheirMeaning() {
        assertEquals("duplicate", ((ApiException) Database.unwrap(
                new PersistenceException(new SQLException("duplicate key", "23505")))).type());
        ApiException notFound = ApiException.notFound("candidate", "x");
        assertEquals(notFound, Database.unwrap(new RuntimeException(notFound)));
        IllegalStateException bug = new IllegalStateException("a bug");
        assertEquals(bug, Database.unwrap(bug));
        assertFalse(DatabaseHealth.isDown());
    }

    /**
     * EclipseLink on a connection Derby closed (the database shut down under it): by default it
     * retried with 5 s sleeps, every call took 10 s and then failed with a 500.
     */
    @Test
    public void eclipseLinkGivesUpAtOnceOnADeadConnection() throws Exception {
        EmbeddedDataSource derby = new EmbeddedDataSource();
        derby.setDatabaseName("memory:health" + System.nanoTime());
        derby.setCreateDatabase("create");
        Connection shared = derby.getConnection();
        java.util.concurrent.atomic.AtomicReference<DataSource> current = new java.util.concurrent.atomic.AtomicReference<>(
                oneConnection(shared));
        Map<String, Object> properties = new HashMap<>();
        properties.put("javax.persistence.nonJtaDataSource", dataSource(() -> current.get().getConnection()));
        properties.put("eclipselink.logging.level", "OFF");
        EntityManagerFactory emf = Persistence.createEntityManagerFactory("hiremarket", properties);
        try {
            assertEquals(1, ((Number) run(emf)).intValue());
            EmbeddedDataSource shutdown = new EmbeddedDataSource();
            shutdown.setDatabaseName(derby.getDatabaseName());
            shutdown.setShutdownDatabase("shutdown");
            try {
                shutdown.getConnection();
                fail("Derby answers a shutdown with an exception");
            } catch (SQLException expected) {
                assertEquals("08006", expected.getSQLState());
            }
            long t0 = System.nanoTime();
            try {
                run(emf);
                fail("the connection is dead");
            } catch (RuntimeException e) {
                long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
                RuntimeException mapped = Database.unwrap(e);
                assertTrue("503, got " + mapped, mapped instanceof ApiException a && a.status() == 503
                        && a.type().equals("database-unavailable"));
                assertTrue("answered after " + ms + " ms", ms < 2_000);
            }
            // the pool drops dead connections, and a new one cannot boot the database (storage broken)
            current.set(dataSource(() -> {
                throw new SQLException("Failed to start database 'hiremarket'", "XJ040");
            }));
            t0 = System.nanoTime();
            try {
                run(emf);
                fail("no connection");
            } catch (RuntimeException e) {
                long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
                RuntimeException mapped = Database.unwrap(e);
                assertTrue("503, got " + mapped, mapped instanceof ApiException a && a.status() == 503);
                assertTrue("answered after " + ms + " ms", ms < 2_000);
            }
        } finally {
            emf.close();
        }
    }

    /** The probe: a database that fails is down (calls fail fast) until it answers again. */
    @Test
    public void probeBringsTheDatabaseBackByItself() throws Exception {
        AtomicBoolean broken = new AtomicBoolean(true);
        AtomicInteger attempts = new AtomicInteger();
        EmbeddedDataSource derby = new EmbeddedDataSource();
        derby.setDatabaseName("memory:probe" + System.nanoTime());
        derby.setCreateDatabase("create");
        DataSource flaky = dataSource(() -> {
            attempts.incrementAndGet();
            if (broken.get()) {
                throw new SQLException("Failed to start database", "XJ040");
            }
            return derby.getConnection();
        });
        DatabaseHealth health = new DatabaseHealth();
        setDataSource(health, flaky);
        health.activate();
        try {
            assertNotNull(DatabaseHealth.onFailure(new PersistenceException(new SQLException("gone", "08003"))));
            long t0 = System.nanoTime();
            try {
                new Database().template(10_000);
                fail("a call while the database is down fails");
            } catch (ApiException e) {
                assertEquals(503, e.status());
                assertEquals("database-unavailable", e.type());
            }
            assertTrue("at once", System.nanoTime() - t0 < TimeUnit.MILLISECONDS.toNanos(500));
            assertFalse(health.ready(Duration.ofMillis(300)));
            // the probe keeps trying, with a bounded back-off
            int before = attempts.get();
            await(() -> attempts.get() >= before + 2, Duration.ofSeconds(5));
            assertTrue(DatabaseHealth.isDown());

            broken.set(false);
            await(() -> !DatabaseHealth.isDown(), Duration.ofSeconds(5));
            assertNull(DatabaseHealth.downReason());
            assertTrue(health.ready(Duration.ofSeconds(2)));
        } finally {
            health.deactivate();
        }
    }

    // ------------------------------------------------------------------------------------------

    private static Object run(EntityManagerFactory emf) {
        EntityManager em = emf.createEntityManager();
        try {
            em.getTransaction().begin();
            Object r = em.createNativeQuery("VALUES 1").getSingleResult();
            em.getTransaction().commit();
            return r;
        } finally {
            if (em.getTransaction().isActive()) {
                try {
                    em.getTransaction().rollback();
                } catch (RuntimeException ignored) {
                    // the connection is gone
                }
            }
            em.close();
        }
    }

    private interface ConnectionSource {
        Connection get() throws SQLException;
    }

    /** A pool without validation: the same connection every time, never really closed. */
    private static DataSource oneConnection(Connection c) {
        Connection kept = (Connection) Proxy.newProxyInstance(DatabaseHealthTest.class.getClassLoader(),
                new Class<?>[] { Connection.class }, (proxy, m, args) -> {
                    if (m.getName().equals("close")) {
                        return null;
                    }
                    try {
                        return m.invoke(c, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        return dataSource(() -> kept);
    }

    private static DataSource dataSource(ConnectionSource source) {
        return (DataSource) Proxy.newProxyInstance(DatabaseHealthTest.class.getClassLoader(),
                new Class<?>[] { DataSource.class }, (proxy, m, args) -> switch (m.getName()) {
                    case "getConnection" -> source.get();
                    case "getLoginTimeout" -> 0;
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    case "toString" -> "test DataSource";
                    default -> null;
                });
    }

    private static void setDataSource(DatabaseHealth health, DataSource ds) throws Exception {
        Field f = DatabaseHealth.class.getDeclaredField("dataSource");
        f.setAccessible(true);
        f.set(health, ds);
    }

    private static void await(java.util.function.BooleanSupplier condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("not within " + timeout);
            }
            java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
    }
}
