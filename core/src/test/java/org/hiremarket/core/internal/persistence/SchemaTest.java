package org.hiremarket.core.internal.persistence;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;

import org.apache.aries.jpa.template.JpaTemplate;
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

    private InMemoryUnit unit;
    private JpaTemplate jpa;

    @Before
    public void open() {
        unit = new InMemoryUnit(false);
        jpa = unit.template();
    }

    @After
    public void close() {
        unit.close();
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
        unit.restart();
        assertFalse("same entities, same fingerprint: nothing to do", Schema.ensure(jpa));
    }

    @Test
    public void changedEntitiesExtendTheTables() throws SQLException {
        assertTrue(Schema.ensure(jpa));
        int before = columns("HM_ASSESSMENT_ORDER");
        // the database as an older version left it: one column fewer, another fingerprint
        unit.sql("ALTER TABLE HM_ASSESSMENT_ORDER DROP COLUMN JOBTITLE");
        unit.sql("UPDATE HM_SCHEMA_STATE SET FINGERPRINT = 'older-version'");
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
        unit.sql("DROP INDEX HM_ORDER_INTEGRATION");
        unit.sql("CREATE INDEX HM_ORDER_INTEGRATION ON HM_ASSESSMENT_ORDER (INTEGRATIONID, STATUS)");
        unit.sql("UPDATE HM_SCHEMA_STATE SET FINGERPRINT = 'older-version'");
        assertTrue(Schema.ensure(jpa));
        assertEquals(fingerprint(), stored());
        // and the unit works on it
        assertEquals(0L, (long) jpa.txExpr(em -> em
                .createQuery("SELECT COUNT(o) FROM AssessmentOrderEntity o WHERE o.integrationId = 'x'", Long.class)
                .getSingleResult()));
    }

    @Test
    public void theFingerprintDependsOnlyOnTheEntities() {
        String first = fingerprint();
        EntityManagerFactory other = unit.newFactory();
        try {
            assertEquals(first, Schema.fingerprint(other.createEntityManager().unwrap(DatabaseSession.class)));
        } finally {
            other.close();
        }
        assertEquals(64, first.length());
    }

    @Test
    public void theStoredFingerprintIsReadWithOneQueryAndIsNullWithoutTheStateTable() throws SQLException {
        try (Connection c = unit.dataSource().getConnection()) {
            assertNull("a new database has no state table", Schema.stored(c));
        }
        assertTrue(Schema.ensure(jpa));
        try (Connection c = unit.dataSource().getConnection()) {
            assertEquals(fingerprint(), Schema.stored(c));
        }
    }

    @Test
    public void aDatabaseThatCannotBeReadIsNotTakenForANewOne() throws SQLException {
        Connection closed = unit.dataSource().getConnection();
        closed.close();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Schema.stored(closed));
        assertTrue(e.getMessage(), e.getMessage().contains("HM_SCHEMA_STATE"));
    }

    private String fingerprint() {
        EntityManager em = unit.factory().createEntityManager();
        try {
            return Schema.fingerprint(em.unwrap(DatabaseSession.class));
        } finally {
            em.close();
        }
    }

    private String stored() throws SQLException {
        try (Connection c = unit.dataSource().getConnection(); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT FINGERPRINT FROM HM_SCHEMA_STATE")) {
            assertTrue(r.next());
            String f = r.getString(1);
            assertFalse("one row only", r.next());
            return f;
        }
    }

    private int columns(String table) throws SQLException {
        try (Connection c = unit.dataSource().getConnection(); ResultSet r = c.getMetaData().getColumns(null, null, table, null)) {
            int n = 0;
            while (r.next()) {
                n++;
            }
            return n;
        }
    }

    @Test
    public void aMissingStateTableIsANewDatabaseAlsoBehindThePoolsStatementCache() {
        java.sql.SQLException derby = new java.sql.SQLException("Table/View 'HM_SCHEMA_STATE' does not exist.", "42X05");
        org.junit.Assert.assertTrue(Schema.missingTable(derby));
        // dbcp2 with poolStatements wraps the driver's exception in one without a state
        org.junit.Assert.assertTrue(Schema.missingTable(new java.sql.SQLException(
                "Borrow prepareStatement from pool failed", derby)));
        org.junit.Assert.assertTrue(Schema.missingTable(new java.sql.SQLException("PostgreSQL", "42P01")));
        org.junit.Assert.assertFalse(Schema.missingTable(new java.sql.SQLException("disk full", "XSDG1")));
        org.junit.Assert.assertFalse(Schema.missingTable(new java.sql.SQLException("Borrow failed",
                new java.sql.SQLException("no connection", "08001"))));
    }

    @Test
    public void aRetiredUniqueIndexIsDroppedSoItsRuleNoLongerRefusesWrites() throws Exception {
        try (InMemoryUnit old = new InMemoryUnit(true)) {
            old.factory().createEntityManager().close(); // the tables are made when the unit is first used
            // what a database of the version before looks like: emails unique across companies
            old.sql("CREATE UNIQUE INDEX HM_USER_EMAIL ON HM_USER(EMAILKEY)");
            String insert = "INSERT INTO HM_USER (ID, COMPANYID, FIRSTNAME, LASTNAME, EMAIL, EMAILKEY, ROLE, LANGUAGECODE,"
                    + " COUNTRYCODE, CITY, ACTIVE, CREATEDAT, UPDATEDAT, VERSION) VALUES ('%s', '%s', 'P', 'P', 'p@x.org',"
                    + " 'p@x.org', 'STANDARD', 'en', 'DE', 'Berlin', 1, 1, 1, 1)";
            old.sql(String.format(insert, "u1", "c1"));
            try {
                old.sql(String.format(insert, "u2", "c2"));
                org.junit.Assert.fail("the old index refuses the same email in another company");
            } catch (java.sql.SQLException expected) {
                org.junit.Assert.assertEquals("23505", expected.getSQLState());
            }
            try (java.sql.Connection c = old.dataSource().getConnection()) {
                Schema.retire(c);
                Schema.retire(c); // and again: nothing left to drop is no failure
            }
            old.sql(String.format(insert, "u2", "c2"));
            try {
                old.sql(String.format(insert, "u3", "c2"));
                org.junit.Assert.fail("within a company an email stays unique");
            } catch (java.sql.SQLException expected) {
                org.junit.Assert.assertEquals("23505", expected.getSQLState());
            }
        }
    }
}
