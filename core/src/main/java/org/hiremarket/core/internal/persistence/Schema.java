package org.hiremarket.core.internal.persistence;

import java.io.StringWriter;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Set;

import javax.persistence.EntityManager;

import org.apache.aries.jpa.template.JpaTemplate;
import org.apache.aries.jpa.template.TransactionType;
import org.eclipse.persistence.sessions.DatabaseSession;
import org.eclipse.persistence.tools.schemaframework.SchemaManager;
import org.hiremarket.core.internal.common.Hashes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings the database's tables, columns and indexes up to the entities, the way EclipseLink's
 * {@code create-or-extend-tables} does, but only when the entities changed: the DDL EclipseLink
 * would write for them is hashed, and the hash of the last successful update is kept in
 * {@code HM_SCHEMA_STATE}. An unchanged start reads one row instead of inspecting every table
 * (which took the better part of a second on Derby, on the way to the first answer).
 *
 * <p>Extending only adds: new tables, new columns, new indexes; nothing is dropped or altered.
 * When the update fails, the hash is not stored and the next start tries again.
 */
final class Schema {

    private static final Logger LOG = LoggerFactory.getLogger(Schema.class);

    /** SQLStates of "no such table": Derby, PostgreSQL, and the SQL standard's (H2, MySQL, ...). */
    private static final Set<String> MISSING_TABLE = Set.of("42X05", "42P01", "42S02");

    private Schema() {
    }

    /** @return {@code true} if the schema had to be extended */
    static boolean ensure(JpaTemplate jpa) {
        DatabaseSession session = jpa.txExpr(TransactionType.Required, em -> em.unwrap(DatabaseSession.class));
        String expected = fingerprint(session);
        String stored = stored(jpa);
        if (expected.equals(stored)) {
            LOG.debug("Database schema is up to date ({})", expected);
            return false;
        }
        long t0 = System.nanoTime();
        new SchemaManager(session).extendDefaultTables(true);
        jpa.tx(TransactionType.Required, em -> retire(em.unwrap(Connection.class)));
        jpa.tx(TransactionType.Required, em -> em.merge(new SchemaStateEntity(expected, System.currentTimeMillis())));
        LOG.info("Database schema {} in {} ms (fingerprint {})", stored == null ? "created or checked" : "extended",
                (System.nanoTime() - t0) / 1_000_000, expected);
        return true;
    }

    /**
     * Unique indexes of earlier versions whose rule no longer holds; dropped when the schema is
     * extended (the one exception to "nothing is dropped": a uniqueness the host gave up would
     * otherwise keep refusing writes in an upgraded database). {@code HM_USER_EMAIL}: emails were
     * unique across companies; they are unique per company ({@code HM_USER_COMPANY_EMAIL}).
     */
    static final List<String> RETIRED_UNIQUE_INDEXES = List.of("HM_USER_EMAIL");

    /** SQLStates of "no such index": Derby, PostgreSQL. */
    private static final Set<String> MISSING_INDEX = Set.of("42X65", "42704");

    static void retire(Connection c) {
        for (String index : RETIRED_UNIQUE_INDEXES) {
            try (Statement s = c.createStatement()) {
                s.executeUpdate("DROP INDEX " + index);
                LOG.info("Dropped index {}, whose uniqueness this version no longer keeps", index);
            } catch (SQLException e) {
                if (e.getSQLState() == null || !MISSING_INDEX.contains(e.getSQLState())) {
                    throw new IllegalStateException("cannot drop the retired index " + index + ": " + e.getMessage(), e);
                }
            }
        }
    }

    /** SHA-256 of the DDL that would create every table, index and constraint of the entities. */
    static String fingerprint(DatabaseSession session) {
        StringWriter ddl = new StringWriter();
        SchemaManager writer = new SchemaManager(session);
        writer.outputCreateDDLToWriter(ddl);
        writer.createDefaultTables(true);
        return Hashes.sha256Hex(ddl.toString());
    }

    private static String stored(JpaTemplate jpa) {
        try {
            return jpa.txExpr(TransactionType.Required, (EntityManager em) -> stored(em.unwrap(Connection.class)));
        } catch (RuntimeException e) {
            LOG.warn("The stored schema fingerprint could not be read; the tables are checked: {}", e.toString());
            return null;
        }
    }

    /**
     * The fingerprint of the last successful update, or {@code null} for a database without the
     * state table (a new one, or one from before it). Read with plain JDBC, not through EclipseLink,
     * which would log the missing table as a warning; and with one query, not the driver's table
     * metadata, which Derby answers with a large query of its own that it compiles first (a fifth
     * of this step on the way to the first answer).
     */
    static String stored(Connection c) {
        try (PreparedStatement s = c.prepareStatement("SELECT FINGERPRINT FROM HM_SCHEMA_STATE WHERE ID = ?")) {
            s.setString(1, SchemaStateEntity.ID);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? r.getString(1) : null;
            }
        } catch (SQLException e) {
            if (missingTable(e)) {
                return null;
            }
            throw new IllegalStateException("cannot read HM_SCHEMA_STATE: " + e.getMessage(), e);
        }
    }

    /**
     * @return whether the table does not exist; also when the pool's statement cache wrapped the
     *         driver's exception in one of its own (dbcp2: "Borrow prepareStatement from pool failed")
     */
    static boolean missingTable(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null && MISSING_TABLE.contains(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
