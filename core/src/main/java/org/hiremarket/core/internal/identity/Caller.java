package org.hiremarket.core.internal.identity;

import java.util.EnumSet;
import java.util.Set;

/**
 * Who is calling, as established by authentication. Every service method that reads or writes
 * company data takes it and scopes its queries to {@link #companyId()}; nothing from the request
 * body or path decides whose data it is.
 *
 * @param companyId    the caller's company
 * @param credentialId the id of the API key, OAuth client or session that authenticated the call
 * @param kind         how the caller authenticated
 * @param scopes       what the caller may do
 * @param userId       the person behind a session, {@code null} for API keys and OAuth clients
 */
public record Caller(String companyId, String credentialId, Kind kind, Set<Scope> scopes, String userId) {

    /** How a caller authenticated. */
    public enum Kind {
        /** {@code X-SmartToken}: full access. */
        API_KEY,
        /** {@code Authorization: Bearer} with an OAuth client-credentials access token. */
        OAUTH_CLIENT,
        /** {@code Authorization: Bearer} with a person's session token. */
        USER
    }

    public Caller {
        scopes = Set.copyOf(scopes);
    }

    /** A caller with an API key: every scope. */
    public static Caller apiKey(String companyId, String keyRecordId) {
        return new Caller(companyId, keyRecordId, Kind.API_KEY, EnumSet.allOf(Scope.class), null);
    }

    public boolean has(Scope scope) {
        return scopes.contains(scope);
    }
}
