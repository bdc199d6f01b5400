package org.hiremarket.core.internal.persistence;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.hiremarket.core.internal.common.ApiException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the database answers, and bringing it back when it stopped.
 *
 * <p>Embedded Derby shuts a database (or its whole engine) down when it meets a storage error it
 * cannot recover from: every connection open at that moment is dead from then on. A failure of a
 * transaction whose cause says so ({@link #isDatabaseGone}: SQLState class 08, Derby's boot,
 * shutdown and storage errors, a communication failure seen by EclipseLink) marks the database
 * <em>down</em>: that call and every call after it is answered 503 {@code database-unavailable} at
 * once, without waiting for the database. Meanwhile one background thread probes it (a new pooled
 * connection, checked with {@code Connection.isValid}), every 250 ms at first and at most every 2 s: the pool validates
 * connections when they are borrowed, so the probe's connection is a new one, and a new embedded
 * connection boots the database (or the engine) again. The first probe that answers marks the
 * database <em>up</em>; the pool hands out only valid connections, so the API works again by
 * itself. While up, a probe every 5 s notices a database gone silently (for the readiness check).
 *
 * <p>The state is kept per bundle (static) so that {@link Database} can consult and report it
 * without a reference of its own; only an active component probes, and without one nothing is
 * failed fast.
 */
@Component(service = DatabaseHealth.class, immediate = true)
public class DatabaseHealth {

    private static final Logger LOG = LoggerFactory.getLogger(DatabaseHealth.class);

    static final long PROBE_FIRST_MS = 250;
    static final long PROBE_MAX_MS = 2_000;
    static final long PROBE_UP_MS = 5_000;
    static final int PROBE_TIMEOUT_S = 5;
    /** Seconds a client is asked to wait before trying again ({@code Retry-After}). */
    static final int RETRY_AFTER_S = 2;

    /** SQLState prefixes of a database that is gone: its connections, its engine or its storage. */
    private static final Set<String> GONE_PREFIXES = Set.of(
            "08",     // connection exception: 08003 no current connection, 08006 database shut down, 08001 ...
            "XJ015",  // the Derby engine was shut down
            "XJ040",  // failed to start the database
            "XJ041",  // failed to create the database (the directory is there, its files are not)
            "XJ004",  // database not found
            "XBM",    // boot errors of the database service (its directory, service.properties)
            "40XD0",  // a container (table file) was closed under the statement
            "XSDG",   // page I/O errors: a page could not be read or written (disk full, I/O error)
            "XSLA",   // transaction log errors (a log write failed: Derby shuts the database down)
            "XSLB");

    private static final Object STATE = new Object();
    /** {@code System.nanoTime()} when the database was found down; 0 while it is up. */
    private static long downSince;
    private static String downReason;
    private static volatile boolean down;
    /** The component probing the database, if any. */
    private static volatile DatabaseHealth active;

    // ---------------------------------------------------------------- what is a dead database

    /** @return whether {@code failure} (or a cause of it) says the database or its connection is gone */
    public static boolean isDatabaseGone(Throwable failure) {
        Set<Throwable> seen = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        return gone(failure, seen, 0);
    }

    private static boolean gone(Throwable t, Set<Throwable> seen, int depth) {
        if (t == null || depth > 30 || !seen.add(t)) {
            return false;
        }
        if (t instanceof ApiException) {
            return false;
        }
        if (t instanceof SQLNonTransientConnectionException || t instanceof SQLTransientConnectionException) {
            return true;
        }
        if (t instanceof SQLException sql) {
            if (goneState(sql.getSQLState())) {
                return true;
            }
            if (gone(sql.getNextException(), seen, depth + 1)) {
                return true;
            }
        }
        if (t instanceof org.eclipse.persistence.exceptions.DatabaseException db && db.isCommunicationFailure()) {
            return true;
        }
        return gone(t.getCause(), seen, depth + 1);
    }

    /** @return whether a SQLState is one of a database, an engine or a storage that is gone */
    static boolean goneState(String sqlState) {
        if (sqlState == null) {
            return false;
        }
        for (String prefix : GONE_PREFIXES) {
            if (sqlState.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    /** @return whether a SQL failure of any kind is among the causes (a reason to probe the database) */
    static boolean sqlFailure(Throwable failure) {
        int depth = 0;
        for (Throwable t = failure; t != null && depth < 30; t = t.getCause(), depth++) {
            if (t instanceof SQLException || t instanceof org.eclipse.persistence.exceptions.DatabaseException) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    /** The answer to a call that needs the database while it is down: 503 with {@code Retry-After}. */
    public static ApiException unavailable(String detail) {
        return new Unavailable(detail);
    }

    /** 503 {@code database-unavailable}, with {@code Retry-After}. */
    static final class Unavailable extends ApiException {
        private static final long serialVersionUID = 1L;

        Unavailable(String detail) {
            super(503, "database-unavailable", "Database unavailable", detail, null);
        }

        @Override
        public Map<String, String> headers() {
            return Map.of("Retry-After", String.valueOf(RETRY_AFTER_S));
        }
    }

    // ---------------------------------------------------------------- the state

    /** @return whether the database is known to be down (reported by a failed call or a probe) */
    public static boolean isDown() {
        return down;
    }

    /**
     * Fails a call at once while the database is known to be down and a probe is bringing it back.
     * Without a probing component (unit tests, the DataSource not configured) the call goes on.
     */
    public static void checkAvailable() {
        DatabaseHealth probe = active;
        if (down && probe != null && probe.canProbe()) {
            throw unavailable("the database is not available at the moment (it stopped on a storage or connection"
                    + " error and is being started again); try again shortly");
        }
    }

    /**
     * What {@link Database} does with a failed transaction: a dead database is marked down (the
     * probe starts) and answered 503; any other SQL failure only asks the probe to look.
     *
     * @return the 503 to throw, or {@code null} when the failure is not a dead database
     */
    public static ApiException onFailure(Throwable failure) {
        if (isDatabaseGone(failure)) {
            markDown(failure);
            return unavailable("the database is not available at the moment (its connection or storage failed);"
                    + " try again shortly");
        }
        if (sqlFailure(failure)) {
            DatabaseHealth probe = active;
            if (probe != null) {
                probe.wake();
            }
        }
        return null;
    }

    static void markDown(Throwable cause) {
        boolean first;
        synchronized (STATE) {
            first = !down;
            if (first) {
                down = true;
                downSince = System.nanoTime();
                downReason = describe(cause);
            }
        }
        if (first) {
            LOG.error("The database is unavailable ({}); calls that need it are answered 503 until it answers again",
                    describe(cause));
        }
        DatabaseHealth probe = active;
        if (probe != null) {
            probe.wake();
        }
    }

    static void markUp() {
        long since;
        synchronized (STATE) {
            if (!down) {
                return;
            }
            since = downSince;
            down = false;
            downSince = 0;
            downReason = null;
        }
        LOG.info("The database answers again after {} ms unavailable", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - since));
    }

    /** @return why the database is down, or {@code null} while it is up */
    public static String downReason() {
        synchronized (STATE) {
            return downReason;
        }
    }

    /** For tests: forget the state. */
    static void reset() {
        synchronized (STATE) {
            down = false;
            downSince = 0;
            downReason = null;
        }
    }

    private static String describe(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && goneState(sql.getSQLState())) {
                return "SQLState " + sql.getSQLState() + ": " + sql.getMessage();
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return cause == null ? "no answer" : cause.getClass().getSimpleName() + ": " + cause.getMessage();
    }

    // ---------------------------------------------------------------- the probe

    /** The hiremarket DataSource; tracked, not required, so the REST API comes up without it (as before). */
    @Reference(target = "(osgi.jndi.service.name=hiremarket)", cardinality = ReferenceCardinality.OPTIONAL,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    private volatile DataSource dataSource;
    private final Object wakeLock = new Object();
    private boolean wakeRequested;
    private volatile boolean running = true;
    /** The {@code System.nanoTime()} of the last probe that answered; 0: none yet. */
    private long lastOk;
    private Thread prober;

    @Activate
    void activate() {
        prober = new Thread(this::run, "hiremarket-database-health");
        prober.setDaemon(true);
        active = this;
        prober.start();
    }

    @Deactivate
    void deactivate() {
        running = false;
        if (active == this) {
            active = null;
        }
        prober.interrupt();
    }

    /** @return whether this component can probe (and so bring back) the database */
    boolean canProbe() {
        return running && dataSource != null;
    }

    void wake() {
        synchronized (wakeLock) {
            wakeRequested = true;
            wakeLock.notifyAll();
        }
    }

    private void run() {
        long backoff = PROBE_FIRST_MS;
        while (running) {
            try {
                synchronized (wakeLock) {
                    if (!wakeRequested) {
                        wakeLock.wait(down ? backoff : PROBE_UP_MS);
                    }
                    wakeRequested = false;
                }
            } catch (InterruptedException e) {
                return;
            }
            if (!running) {
                return;
            }
            boolean ok = probeOnce();
            backoff = ok ? PROBE_FIRST_MS : Math.min(backoff * 2, PROBE_MAX_MS);
        }
    }

    /** One probe: a connection from the pool (a new one boots the database), checked by the driver. */
    private boolean probeOnce() {
        DataSource ds = dataSource;
        if (ds == null) {
            return false;
        }
        boolean ok;
        try (Connection c = ds.getConnection()) {
            // JDBC's own check: any database; for Derby, a new connection has booted the database
            ok = c.isValid(PROBE_TIMEOUT_S);
            if (!ok && !down) {
                markDown(new SQLException("the database connection is not valid", "08003"));
            }
        } catch (SQLException | RuntimeException e) {
            ok = false;
            if (!down) {
                markDown(e);
            } else {
                LOG.debug("The database does not answer yet", e);
            }
        }
        if (ok) {
            markUp();
        }
        synchronized (wakeLock) {
            if (ok) {
                lastOk = System.nanoTime();
            }
            wakeLock.notifyAll();
        }
        return ok;
    }

    /**
     * For the readiness check: the database is up and answered a probe within the last second, or
     * answers one now within {@code timeout} (the probe runs on the probing thread, so a slow or
     * exhausted pool never holds the caller longer than that).
     */
    public boolean ready(Duration timeout) {
        if (down || dataSource == null) {
            return false;
        }
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        synchronized (wakeLock) {
            if (lastOk != 0 && start - lastOk < TimeUnit.SECONDS.toNanos(1)) {
                return true;
            }
            wakeRequested = true;
            wakeLock.notifyAll();
            // a probe that completes from now on says how the database is now
            while (!down && (lastOk == 0 || lastOk - start < 0)) {
                long left = deadline - System.nanoTime();
                if (left <= 0 || !running) {
                    return false;
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(wakeLock, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            return !down;
        }
    }
}
