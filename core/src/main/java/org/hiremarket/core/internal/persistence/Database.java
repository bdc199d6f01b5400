package org.hiremarket.core.internal.persistence;

import java.sql.SQLIntegrityConstraintViolationException;
import java.util.function.Function;

import javax.persistence.EntityManager;
import javax.persistence.OptimisticLockException;

import org.apache.aries.jpa.template.JpaTemplate;
import org.apache.aries.jpa.template.TransactionType;
import org.hiremarket.core.internal.common.ApiException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The one way core code reaches the database: short JTA transactions on the {@code hiremarket}
 * persistence unit. A failure rolls the whole transaction back, so nothing half-written stays.
 * Problems thrown by the work come out unwrapped; a lost optimistic-lock race becomes a 409.
 */
@Component(service = Database.class)
public class Database {

    private final JpaTemplate jpa;

    @Activate
    public Database(@Reference(target = "(osgi.unit.name=hiremarket)") JpaTemplate jpa) {
        this.jpa = jpa;
    }

    /** Runs {@code work} in a transaction (joining one already running) and returns its result. */
    public <R> R tx(Function<EntityManager, R> work) {
        try {
            return jpa.txExpr(TransactionType.Required, work::apply);
        } catch (RuntimeException e) {
            throw unwrap(e);
        }
    }

    static RuntimeException unwrap(RuntimeException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ApiException api) {
                return api;
            }
            if (t instanceof SQLIntegrityConstraintViolationException) {
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
