package org.hiremarket.api.integration;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * The service every connector registers. The host calls it on its own bounded executor with a
 * time limit; an exception or a call that outlives the limit fails the operation with a recorded
 * reason and never affects the host or other connectors.
 *
 * <p>Connectors implement exactly one capability sub-interface matching
 * {@link IntegrationDescriptor#kind()}: {@code AssessmentProvider}, {@code JobBoard} or
 * {@code AgencyConnector}, and register the service as {@code Integration}.
 */
@ConsumerType
public interface Integration {

    /** @return who this connector is and what it asks for; must be cheap and always the same */
    IntegrationDescriptor descriptor();

    /**
     * Checks the customer's partner account and prepares the vendor side (for example registers a
     * webhook). Called when a customer submits the account fields and when a disconnected
     * connection is re-activated. The host has already checked required fields and formats.
     *
     * @return {@link ConnectResult#connected(String)}, or a rejection with a reason
     */
    ConnectResult connect(ConnectionContext context);

    /**
     * The customer disconnected. Tidy up the vendor side; the connection is disconnected whatever
     * this method does, and work placed before the disconnect must still be completed.
     */
    void disconnect(ConnectionContext context);
}
