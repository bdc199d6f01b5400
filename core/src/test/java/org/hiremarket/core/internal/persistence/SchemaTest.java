package org.hiremarket.core.internal.persistence;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;
import javax.persistence.Persistence;

import org.apache.aries.jpa.template.EmConsumer;
import org.apache.aries.jpa.template.EmFunction;
import org.apache.aries.jpa.template.JpaTemplate;
import org.apache.aries.jpa.template.TransactionType;
import org.apache.derby.jdbc.EmbeddedDataSource;
import org.eclipse.persistence.sessions.DatabaseSession;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/**
 * The real persistence unit (core's persistence.xml, every entity) on EclipseLink and an in-memory
 * Derby: the schema is created on a new database, left alone while the entities are unchanged, and
 * extended when they differ from what the database was last brought up to.
 */
public class SchemaTest {

    static {
        // Derby's own log goes with the build output, not into the source tree
        System.setProperty("derby.stream.error.file", "target/derby.log");
    }

    private static final AtomicInteger DB = new AtomicInteger();
    private EmbeddedDataSource ds;
    private EntityManagerFactory emf;
    private JpaTemplate jpa;

    @Before
    public void open() {
        ds = new EmbeddedDataSource();
        ds.setDatabaseName("memory:schematest" + DB.incrementAndGet());
        ds.setCreateDatabase("create");
        emf = unit(ds);
        jpa = new LocalTemplate(emf);
    }

    @After
    public void close() throws SQLException {
        emf.close();
        ds.setShutdownDatabase("shutdown");
        try {
            ds.getConnection().close();
        } catch (SQLException expected) {
            // Derby reports a shut-down database as an exception
        }
    }

    private static EntityManagerFactory unit(EmbeddedDataSource ds) {
        return Persistence.createEntityManagerFactory("hiremarket", Map.of("javax.persistence.nonJtaDataSource", ds,
                "eclipselink.logging.level", "SEVERE"));
    }

    @Test
    public void aNewDatabaseGetsEveryTableAndTheFingerprint() throws SQLException {
        assertFalse(columns("HM_ASSESSMENT_ORDER") > 0);
        assertTrue(Schema.ensure(jpa));
        assertTrue(columns("HM_ASSESSMENT_ORDER") > 10);
        assertTrue(columns("HM_COMPANY") > 0);
        assertEquals(fingerprint(), stored());
    }

    @Test
    public void anUnchangedSchemaIsLeftAloneAtTheNextStart() throws SQLException {
        assertTrue(Schema.ensure(jpa));
        // a second start: a new unit on the same database
        emf.close();
        emf = unit(ds);
        jpa = new LocalTemplate(emf);
        assertFalse("same entities, same fingerprint: nothing to do", Schema.ensure(jpa));
    }

    @Test
    public void changedEntitiesExtendTheTables() throws SQLException {
        assertTrue(Schema.ensure(jpa));
        int before = columns("HM_ASSESSMENT_ORDER");
        // the database as an older version left it: one column fewer, another fingerprint
        sql("ALTER TABLE HM_ASSESSMENT_ORDER DROP COLUMN JOBTITLE");
        sql("UPDATE HM_SCHEMA_STATE SET FINGERPRINT = 'older-version'");
        assertEquals(before - 1, columns("HM_ASSESSMENT_ORDER"));

        assertTrue(Schema.ensure(jpa));
        assertEquals(before, columns("HM_ASSESSMENT_ORDER"));
        assertEquals(fingerprint(), stored());
        assertFalse(Schema.ensure(jpa));
    }

    @Test
    public void anIndexDefinedDifferentlyByAnOlderVersionDoesNotStopTheStart() throws SQLException {
        assertTrue(Schema.ensure(jpa));
        // an older version indexed the integration's orders with their status
        sql("DROP INDEX HM_ORDER_INTEGRATION");
        sql("CREATE INDEX HM_ORDER_INTEGRATION ON HM_ASSESSMENT_ORDER (INTEGRATIONID, STATUS)");
        sql("UPDATE HM_SCHEMA_STATE SET FINGERPRINT = 'older-version'");
        assertTrue(Schema.ensure(jpa));
        assertEquals(fingerprint(), stored());
        // and the unit works on it
        assertEquals(0L, (long) jpa.txExpr(org.apache.aries.jpa.template.TransactionType.Required, em -> em
                .createQuery("SELECT COUNT(o) FROM AssessmentOrderEntity o WHERE o.integrationId = 'x'", Long.class)
                .getSingleResult()));
    }

    @Test
    public void theFingerprintDependsOnlyOnTheEntities() {
        String first = fingerprint();
        EntityManagerFactory other = unit(ds);
        try {
            assertEquals(first, Schema.fingerprint(other.createEntityManager().unwrap(DatabaseSession.class)));
        } finally {
            other.close();
        }
        assertEquals(64, first.length());
    }

    private String fingerprint() {
        EntityManager em = emf.createEntityManager();
        try {
            return Schema.fingerprint(em.unwrap(DatabaseSession.class));
        } finally {
            em.close();
        }
    }

    private String stored() throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT FINGERPRINT FROM HM_SCHEMA_STATE")) {
            assertTrue(r.next());
            String f = r.getString(1);
            assertFalse("one row only", r.next());
            return f;
        }
    }

    private int columns(String table) throws SQLException {
        try (Connection c = ds.getConnection(); ResultSet r = c.getMetaData().getColumns(null, null, table, null)) {
            int n = 0;
            while (r.next()) {
                n++;
            }
            return n;
        }
    }

    private void sql(String statement) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate(statement);
        }
    }

    /** What Aries JPA's template does for a resource-local unit, without OSGi. */
    private static final class LocalTemplate implements JpaTemplate {
        private final EntityManagerFactory emf;

        LocalTemplate(EntityManagerFactory emf) {
            this.emf = emf;
        }

        @Override
        public <R> R txExpr(TransactionType type, EmFunction<R> code) {
            EntityManager em = emf.createEntityManager();
            try {
                em.getTransaction().begin();
                R r = code.apply(em);
                em.getTransaction().commit();
                return r;
            } catch (RuntimeException e) {
                if (em.getTransaction().isActive()) {
                    em.getTransaction().rollback();
                }
                throw e;
            } finally {
                em.close();
            }
        }

        @Override
        public void tx(TransactionType type, EmConsumer code) {
            txExpr(type, em -> {
                code.accept(em);
                return null;
            });
        }

        @Override
        public <R> R txExpr(EmFunction<R> code) {
            return txExpr(TransactionType.Required, code);
        }

        @Override
        public void tx(EmConsumer code) {
            tx(TransactionType.Required, code);
        }
    }
}
