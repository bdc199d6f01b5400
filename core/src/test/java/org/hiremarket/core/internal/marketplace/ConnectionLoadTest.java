package org.hiremarket.core.internal.marketplace;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.fail;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

import org.hiremarket.core.internal.common.ApiException;
import org.hiremarket.core.internal.persistence.Database;
import org.hiremarket.core.internal.persistence.InMemoryUnit;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/**
 * Connections are kept in the shared cache for a moment; the decisions a disconnect must stop at
 * once (placing an order) read the connection's state as the database has it. Another node sharing the
 * database is played by a plain JDBC update, which the cache of this one does not see.
 */
public class ConnectionLoadTest {

    private InMemoryUnit unit;
    private Database db;

    @Before
    public void open() {
        unit = new InMemoryUnit(true);
        db = unit.database();
        db.tx(em -> {
            ConnectionEntity c = new ConnectionEntity("connection-1", "company-1", "skillcheck", 1_000L);
            c.moveTo(ConnectionState.ACTIVE, "ACTIVE", "Connected", 1_000L);
            em.persist(c);
            return null;
        });
        // read once through the cache, as every request does
        assertEquals(ConnectionState.ACTIVE,
                db.tx(em -> ConnectionService.load(em, "company-1", "connection-1")).getState());
    }

    @After
    public void close() {
        unit.close();
    }

    private void disconnectedByAnotherNode() throws SQLException {
        try (Connection c = unit.dataSource().getConnection();
                PreparedStatement s = c.prepareStatement("UPDATE HM_CONNECTION SET STATE = ? WHERE ID = ?")) {
            s.setString(1, ConnectionState.DISCONNECTED.name());
            s.setString(2, "connection-1");
            assertEquals(1, s.executeUpdate());
        }
    }

    @Test
    public void theCurrentStateIsReadFromTheDatabaseNotTheCache() throws SQLException {
        disconnectedByAnotherNode();
        assertEquals("the cache still has the old state", ConnectionState.ACTIVE,
                db.tx(em -> ConnectionService.loadShared(em, "company-1", "connection-1")).getState());
        assertEquals(ConnectionState.DISCONNECTED, db.tx(em -> ConnectionService.currentState(em, "connection-1")));
    }

    @Test
    public void anotherCompanysOrAnUnknownConnectionIsNotFound() {
        for (String[] ask : new String[][] { { "company-2", "connection-1" }, { "company-1", "connection-9" },
                { "company-1", null } }) {
            try {
                db.tx(em -> ConnectionService.loadShared(em, ask[0], ask[1]));
                fail("found " + ask[1] + " for " + ask[0]);
            } catch (ApiException expected) {
                assertEquals(404, expected.status());
            }
        }
    }
}
