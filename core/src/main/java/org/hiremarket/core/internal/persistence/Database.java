package org.hiremarket.core.internal.persistence;

import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import javax.persistence.EntityManager;
import javax.persistence.OptimisticLockException;

import org.apache.aries.jpa.template.JpaTemplate;
import org.apache.aries.jpa.template.TransactionType;
import org.hiremarket.core.internal.common.ApiException;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one way core code reaches the database: short JTA transactions on the {@code hiremarket}
 * persistence unit. A failure rolls the whole transaction back, so nothing half-written stays.
 * Problems thrown by the work come out unwrapped; a lost race becomes a 409.
 *
 * <p>The persistence unit is tracked dynamically rather than required: the services and the REST
 * API come up with the bundle, and a call made while the database is not (yet, or any more)
 * available waits for it a bounded time, then answers 503 instead of tearing the API down. A
 * newly bound unit is used once its tables are up to date ({@link Schema}).
 */
@Component(service = Database.class)
public class Database {

    private static final Logger LOG = LoggerFactory.getLogger(Database.class);

    static final long WAIT_MS = 30_000;

    private final Object lock = new Object();
    private JpaTemplate jpa;

    /** The persistence unit last bound; it is used once its schema is up to date. */
    private JpaTemplate bound;

    @Reference(target = "(osgi.unit.name=hiremarket)", cardinality = ReferenceCardinality.OPTIONAL,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY, unbind = "unbindJpa")
    void bindJpa(JpaTemplate template) {
        synchronized (lock) {
            bound = template;
        }
        // off the thread that registered the unit (at boot: the one starting every bundle)
        Thread t = new Thread(() -> schemaReady(template), "hiremarket-schema");
        t.setDaemon(true);
        t.start();
    }

    private void schemaReady(JpaTemplate template) {
        try {
            Schema.ensure(template);
        } catch (RuntimeException e) {
            // as EclipseLink's own DDL generation would: say so, and let the calls show what is missing
            LOG.error("The database schema could not be brought up to date; it is tried again at the next start", e);
        }
        synchronized (lock) {
            if (bound == template) {
                jpa = template;
                lock.notifyAll();
            }
        }
    }

    void unbindJpa(JpaTemplate template) {
        synchronized (lock) {
            if (bound == template) {
                bound = null;
            }
            if (jpa == template) {
                jpa = null;
            }
        }
    }

    /**
     * The transaction running on this thread: what to do once it has committed. Aries JPA's template
     * joins a nested {@code Required} call to the running transaction by itself; this only keeps what
     * must wait for the outermost commit.
     */
    private static final class Scope {
        List<Runnable> afterCommit;
    }

    private static final ThreadLocal<Scope> SCOPE = new ThreadLocal<>();

    /**
     * Runs {@code work} in a transaction and returns its result. Called inside another
     * {@code tx} on the same thread, it joins that transaction: nothing is committed until the
     * outermost call returns, and a failure anywhere rolls the whole of it back.
     */
    public <R> R tx(Function<EntityManager, R> work) {
        Scope scope = SCOPE.get();
        boolean outermost = scope == null;
        if (outermost) {
            scope = new Scope();
            SCOPE.set(scope);
        }
        R result;
        try {
            result = template(WAIT_MS).txExpr(TransactionType.Required, work::apply);
        } catch (RuntimeException e) {
            throw unwrap(e);
        } finally {
            if (outermost) {
                SCOPE.remove();
            }
        }
        if (outermost && scope.afterCommit != null) {
            runAfterCommit(scope.afterCommit);
        }
        return result;
    }

    /** @return whether this thread is inside {@link #tx}, so its writes commit only when that returns */
    public boolean inTransaction() {
        return SCOPE.get() != null;
    }

    /**
     * Runs {@code action} once the transaction running on this thread has committed (not at all if
     * it rolls back), or now when none is running: for what must not happen before the data it
     * refers to is visible to other threads and survives a crash (handing an order to the mailbox,
     * sending a mail with a token).
     */
    public void afterCommit(Runnable action) {
        Scope scope = SCOPE.get();
        if (scope == null) {
            action.run();
            return;
        }
        if (scope.afterCommit == null) {
            scope.afterCommit = new ArrayList<>();
        }
        scope.afterCommit.add(action);
    }

    private static void runAfterCommit(List<Runnable> actions) {
        for (Runnable action : actions) {
            try {
                action.run();
            } catch (RuntimeException e) {
                // the transaction has committed; what follows it must not turn that into a failure
                LOG.warn("An action after a commit failed", e);
            }
        }
    }

    JpaTemplate template(long waitMs) {
        // a database known to be down is answered at once (DatabaseHealth brings it back)
        DatabaseHealth.checkAvailable();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(waitMs);
        synchronized (lock) {
            while (jpa == null) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    throw new ApiException(503, "database-unavailable", "Database unavailable",
                            "the database is not available at the moment; try again shortly", null);
                }
                try {
                    lock.wait(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new ApiException(503, "database-unavailable", "Database unavailable",
                            "interrupted while waiting for the database", null);
                }
            }
            return jpa;
        }
    }

    /** SQLState class 23 (a unique or other integrity constraint), also when it failed inside a JDBC batch. */
    private static boolean integrityViolation(SQLException e) {
        int depth = 0;
        for (SQLException x = e; x != null && depth < 10; x = x.getNextException(), depth++) {
            if (x instanceof SQLIntegrityConstraintViolationException
                    || (x.getSQLState() != null && x.getSQLState().startsWith("23"))) {
                return true;
            }
        }
        return false;
    }

    /** @return whether the persistence unit is bound and its schema up to date (for the readiness check) */
    public boolean unitReady() {
        synchronized (lock) {
            return jpa != null;
        }
    }

    static RuntimeException unwrap(RuntimeException e) {
        // a dead connection, engine or storage: 503 at once, and DatabaseHealth starts probing
        RuntimeException gone = DatabaseHealth.onFailure(e);
        if (gone != null) {
            return gone;
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ApiException api) {
                return api;
            }
            if (t instanceof SQLException sql && integrityViolation(sql)) {
                return ApiException.conflict("duplicate", "Already exists",
                        "a record with the same unique values was created by another request; read it and retry");
            }
            if (t instanceof OptimisticLockException) {
                return ApiException.conflict("concurrent-update", "Changed by someone else",
                        "the record was changed by another request at the same time; read it again and retry");
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return e;
    }
}
