package org.hiremarket.api.integration;

import java.util.Set;

import org.osgi.annotation.versioning.ProviderType;

/**
 * What a connector may read or do in the host for one connection. Every method checks the scopes
 * the customer granted and throws {@link ScopeNotGrantedException} otherwise. Connectors never
 * touch the database or the host's classes; this facade is their only way in.
 */
@ProviderType
public interface HostFacade {

    /** @return the scope ids the customer granted to this connection */
    Set<String> grantedScopes();

    /** @return whether the customer granted {@code scopeId} */
    default boolean isGranted(String scopeId) {
        return grantedScopes().contains(scopeId);
    }

    /**
     * @throws ScopeNotGrantedException unless the customer granted {@code scopeId}
     */
    default void requireScope(String scopeId) throws ScopeNotGrantedException {
        if (!isGranted(scopeId)) {
            throw new ScopeNotGrantedException(scopeId);
        }
    }

    /**
     * Reads the customer's public company profile. Needs {@link StandardScopes#COMPANY_READ}.
     *
     * @throws ScopeNotGrantedException without that scope
     */
    CompanyProfile companyProfile() throws ScopeNotGrantedException;
}
