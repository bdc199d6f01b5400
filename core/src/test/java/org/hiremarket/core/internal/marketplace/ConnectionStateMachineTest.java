package org.hiremarket.core.internal.marketplace;

import static org.hiremarket.core.internal.marketplace.ConnectionState.ACTIVE;
import static org.hiremarket.core.internal.marketplace.ConnectionState.AWAITING_ACCOUNT;
import static org.hiremarket.core.internal.marketplace.ConnectionState.DISCONNECTED;
import static org.hiremarket.core.internal.marketplace.ConnectionState.FAILED;
import static org.hiremarket.core.internal.marketplace.ConnectionState.SCOPE_REVIEW;
import static org.hiremarket.core.internal.marketplace.ConnectionState.UNAVAILABLE;
import static org.hiremarket.core.internal.marketplace.ConnectionState.VALIDATING;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.util.EnumSet;
import java.util.Set;

import org.hiremarket.core.internal.common.ApiException;
import org.junit.Test;

public class ConnectionStateMachineTest {

    private static final Set<String> ALLOWED = Set.of("SCOPE_REVIEW>AWAITING_ACCOUNT", "AWAITING_ACCOUNT>VALIDATING",
            "VALIDATING>ACTIVE", "VALIDATING>FAILED", "FAILED>VALIDATING", "ACTIVE>DISCONNECTED",
            "DISCONNECTED>VALIDATING");

    @Test
    public void exactlyTheDocumentedTransitionsAreAllowed() {
        for (ConnectionState from : ConnectionState.values()) {
            for (ConnectionState to : ConnectionState.values()) {
                assertEquals(from + " -> " + to, ALLOWED.contains(from + ">" + to),
                        ConnectionStateMachine.canMove(from, to));
            }
        }
    }

    @Test
    public void happyPathReachesActiveAndReactivationGoesThroughValidation() {
        assertTrue(ConnectionStateMachine.canMove(SCOPE_REVIEW, AWAITING_ACCOUNT));
        assertTrue(ConnectionStateMachine.canMove(AWAITING_ACCOUNT, VALIDATING));
        assertTrue(ConnectionStateMachine.canMove(VALIDATING, ACTIVE));
        assertTrue(ConnectionStateMachine.canMove(ACTIVE, DISCONNECTED));
        assertTrue(ConnectionStateMachine.canMove(DISCONNECTED, VALIDATING));
        assertFalse("skipping the account is impossible", ConnectionStateMachine.canMove(SCOPE_REVIEW, ACTIVE));
        assertFalse("a failed connection cannot be disconnected", ConnectionStateMachine.canMove(FAILED, DISCONNECTED));
    }

    @Test
    public void unavailableIsNeverATarget() {
        for (ConnectionState from : EnumSet.allOf(ConnectionState.class)) {
            assertFalse(ConnectionStateMachine.canMove(from, UNAVAILABLE));
        }
    }

    @Test
    public void shownStateIsUnavailableOnlyWhileThePluginIsAbsent() {
        for (ConnectionState s : EnumSet.complementOf(EnumSet.of(UNAVAILABLE, ConnectionState.DEACTIVATED))) {
            assertEquals(s, ConnectionStateMachine.shown(s, true));
            assertEquals(UNAVAILABLE, ConnectionStateMachine.shown(s, false));
        }
    }

    @Test
    public void shownStateIsDeactivatedWhileThePresentPluginIsNotOffered() {
        for (ConnectionState s : EnumSet.complementOf(EnumSet.of(UNAVAILABLE, ConnectionState.DEACTIVATED))) {
            assertEquals(s, ConnectionStateMachine.shown(s, true, true));
            assertEquals(ConnectionState.DEACTIVATED, ConnectionStateMachine.shown(s, true, false));
            assertEquals("absence wins", UNAVAILABLE, ConnectionStateMachine.shown(s, false, false));
            assertFalse(ConnectionStateMachine.overlays(s));
            assertFalse("never a state to move to", ConnectionStateMachine.canMove(s, ConnectionState.DEACTIVATED));
        }
        org.junit.Assert.assertTrue(ConnectionStateMachine.overlays(UNAVAILABLE));
        org.junit.Assert.assertTrue(ConnectionStateMachine.overlays(ConnectionState.DEACTIVATED));
    }

    @Test
    public void refusedMoveIsAConflictNamingTheState() {
        try {
            ConnectionStateMachine.requireMove(SCOPE_REVIEW, DISCONNECTED, "disconnect");
            fail();
        } catch (ApiException e) {
            assertEquals(409, e.status());
            assertEquals("invalid-connection-state", e.type());
            assertTrue(e.detail(), e.detail().contains("SCOPE_REVIEW"));
        }
    }
}
