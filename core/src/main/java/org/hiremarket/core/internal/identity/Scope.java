package org.hiremarket.core.internal.identity;

import java.util.Arrays;
import java.util.Optional;

/**
 * What a credential may do. OAuth clients are granted a chosen set; API keys have all of them;
 * people have the scopes of their system role ({@link SystemRole}).
 */
public enum Scope {
    USERS_READ, USERS_MANAGE, JOBS_READ, JOBS_MANAGE, CANDIDATES_READ, CANDIDATES_MANAGE, INTEGRATIONS_MANAGE,
    ASSESSMENTS_READ, ASSESSMENTS_MANAGE,
    /** Managing API keys and OAuth clients: API keys and administrators only, never an OAuth client. */
    CREDENTIALS_MANAGE,
    /** The employee portal: what an EMPLOYEE may reach, and nothing else. */
    EMPLOYEE_PORTAL;

    /** @return the name used on the wire, e.g. {@code users_read} */
    public String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** @return the scope for a wire name, if there is one */
    public static Optional<Scope> fromWire(String wire) {
        return Arrays.stream(values()).filter(s -> s.wire().equals(wire)).findFirst();
    }

    /** @return whether only a person's own session reaches what needs this scope (no API key, no client) */
    public boolean sessionsOnly() {
        return this == EMPLOYEE_PORTAL;
    }

    /** @return whether an OAuth client may be given this scope */
    public boolean grantableToClients() {
        return this != CREDENTIALS_MANAGE && this != EMPLOYEE_PORTAL;
    }
}
