package org.hiremarket.api.integration;

import org.osgi.annotation.versioning.ProviderType;

/**
 * One customer's connection to a connector, handed by the host to every call. Connectors keep no
 * state of their own between calls: whatever they need (the partner account, the granted scopes)
 * comes with the context, so a connector bundle can be stopped, updated or reinstalled at any
 * time without losing a customer's connection.
 */
@ProviderType
public interface ConnectionContext {

    /** @return the host's opaque id of this connection, stable for its whole life */
    String connectionId();

    /** @return the host's opaque id of the customer company */
    String companyId();

    /** @return the partner-account values the customer entered, validated against the descriptor */
    PartnerAccount account();

    /** @return the host facade for this connection, which enforces the scopes the customer granted */
    HostFacade host();
}
