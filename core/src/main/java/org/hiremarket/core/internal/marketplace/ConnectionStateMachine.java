package org.hiremarket.core.internal.marketplace;

import static org.hiremarket.core.internal.marketplace.ConnectionState.ACTIVE;
import static org.hiremarket.core.internal.marketplace.ConnectionState.AWAITING_ACCOUNT;
import static org.hiremarket.core.internal.marketplace.ConnectionState.DISCONNECTED;
import static org.hiremarket.core.internal.marketplace.ConnectionState.FAILED;
import static org.hiremarket.core.internal.marketplace.ConnectionState.SCOPE_REVIEW;
import static org.hiremarket.core.internal.marketplace.ConnectionState.DEACTIVATED;
import static org.hiremarket.core.internal.marketplace.ConnectionState.UNAVAILABLE;
import static org.hiremarket.core.internal.marketplace.ConnectionState.VALIDATING;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import org.hiremarket.core.internal.common.ApiException;

/**
 * The allowed transitions of a connection:
 *
 * <pre>
 * SCOPE_REVIEW → AWAITING_ACCOUNT → VALIDATING → ACTIVE | FAILED
 * FAILED → VALIDATING            (the customer submits the account again)
 * ACTIVE → DISCONNECTED
 * DISCONNECTED → VALIDATING → ACTIVE | FAILED   (re-activation checks the account again)
 * any stored state ⇢ UNAVAILABLE while the plugin is absent (shown, not stored)
 * any stored state ⇢ DEACTIVATED while the admin does not offer the integration (shown, not stored)
 * </pre>
 */
public final class ConnectionStateMachine {

    private static final Map<ConnectionState, Set<ConnectionState>> NEXT = new EnumMap<>(ConnectionState.class);

    static {
        NEXT.put(SCOPE_REVIEW, EnumSet.of(AWAITING_ACCOUNT));
        NEXT.put(AWAITING_ACCOUNT, EnumSet.of(VALIDATING));
        NEXT.put(VALIDATING, EnumSet.of(ACTIVE, FAILED));
        NEXT.put(ACTIVE, EnumSet.of(DISCONNECTED));
        NEXT.put(FAILED, EnumSet.of(VALIDATING));
        NEXT.put(DISCONNECTED, EnumSet.of(VALIDATING));
        NEXT.put(UNAVAILABLE, EnumSet.noneOf(ConnectionState.class));
        NEXT.put(DEACTIVATED, EnumSet.noneOf(ConnectionState.class));
    }

    private ConnectionStateMachine() {
    }

    public static boolean canMove(ConnectionState from, ConnectionState to) {
        return NEXT.getOrDefault(from, Set.of()).contains(to);
    }

    /**
     * @throws ApiException 409 naming the current state when {@code action} is not possible from it
     */
    public static void requireMove(ConnectionState from, ConnectionState to, String action) {
        if (!canMove(from, to)) {
            throw ApiException.conflict("invalid-connection-state", "Not possible in this state",
                    "cannot " + action + " a connection in state " + from);
        }
    }

    /** @return the state shown to callers: the stored one, or UNAVAILABLE while the plugin is absent */
    public static ConnectionState shown(ConnectionState stored, boolean pluginPresent) {
        return shown(stored, pluginPresent, true);
    }

    /**
     * @return the state shown to callers: the stored one, UNAVAILABLE while the plugin is absent, or
     *         DEACTIVATED while it is present but the platform admin does not offer it
     */
    public static ConnectionState shown(ConnectionState stored, boolean pluginPresent, boolean offered) {
        if (!pluginPresent) {
            return UNAVAILABLE;
        }
        return offered ? stored : DEACTIVATED;
    }

    /** @return whether a shown state stands in for the stored one (which the connection returns to) */
    public static boolean overlays(ConnectionState shown) {
        return shown == UNAVAILABLE || shown == DEACTIVATED;
    }
}
