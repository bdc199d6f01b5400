package org.hiremarket.core.internal.persistence;

import java.io.StringWriter;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Locale;

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
        jpa.tx(TransactionType.Required, em -> em.merge(new SchemaStateEntity(expected, System.currentTimeMillis())));
        LOG.info("Database schema {} in {} ms (fingerprint {})", stored == null ? "created or checked" : "extended",
                (System.nanoTime() - t0) / 1_000_000, expected);
        return true;
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
            return jpa.txExpr(TransactionType.Required, (EntityManager em) -> {
                if (!tableExists(em.unwrap(Connection.class), "HM_SCHEMA_STATE")) {
                    return null; // a new database, or one from before the state table
                }
                SchemaStateEntity s = em.find(SchemaStateEntity.class, SchemaStateEntity.ID);
                return s == null ? null : s.getFingerprint();
            });
        } catch (RuntimeException e) {
            // a new database (no state table yet) or one from before the state table existed
            LOG.debug("No stored schema fingerprint: {}", e.toString());
            return null;
        }
    }

    /** Asked of the driver rather than by a failing query, which EclipseLink would log as a warning. */
    private static boolean tableExists(Connection c, String name) {
        try {
            DatabaseMetaData md = c.getMetaData();
            // unquoted names are stored upper case (Derby) or lower case (PostgreSQL)
            for (String n : new String[] { name, name.toLowerCase(Locale.ROOT) }) {
                try (ResultSet r = md.getTables(null, null, n, new String[] { "TABLE" })) {
                    if (r.next()) {
                        return true;
                    }
                }
            }
            return false;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the database's tables: " + e.getMessage(), e);
        }
    }

}
