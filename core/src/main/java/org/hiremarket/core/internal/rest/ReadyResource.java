package org.hiremarket.core.internal.rest;

import java.time.Duration;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;

import org.hiremarket.core.internal.persistence.Database;
import org.hiremarket.core.internal.persistence.DatabaseHealth;

/**
 * Readiness, for load balancers and orchestrators: 200 {@code {"status":"ready"}} when the REST API
 * is published and the database answers (its schema up to date, a probe answered within the last
 * second or now, within 2 s); otherwise 503 {@code database-unavailable}. Unlike {@code /ping}
 * (liveness: the process serves HTTP, no database involved), a host that is not ready should get
 * no traffic but must not be restarted for it: it recovers by itself when the database is back.
 */
@Path("/ready")
@Produces(MediaType.APPLICATION_JSON)
@Public
public class ReadyResource {

    static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);

    /** The answer. */
    public record Ready(String status) {
    }

    private static final Ready READY = new Ready("ready");

    private final Database db;
    private final DatabaseHealth health;

    public ReadyResource(Database db, DatabaseHealth health) {
        this.db = db;
        this.health = health;
    }

    @GET
    public Ready ready() {
        if (!db.unitReady()) {
            throw DatabaseHealth.unavailable("the database is starting (its schema is being brought up to date)");
        }
        if (!health.ready(PROBE_TIMEOUT)) {
            String reason = DatabaseHealth.downReason();
            throw DatabaseHealth.unavailable("the database does not answer"
                    + (reason == null ? " in time" : ": it stopped on a storage or connection error and is being"
                            + " started again"));
        }
        return READY;
    }
}
