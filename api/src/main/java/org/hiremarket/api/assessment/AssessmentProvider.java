package org.hiremarket.api.assessment;

import java.util.List;

import org.hiremarket.api.integration.ConnectionContext;
import org.hiremarket.api.integration.Integration;
import org.hiremarket.api.integration.IntegrationException;
import org.osgi.annotation.versioning.ConsumerType;

/** An assessment vendor: skills tests, behavioural assessments, background checks, video interviews. */
@ConsumerType
public interface AssessmentProvider extends Integration {

    /**
     * @return the packages the customer's account may order
     * @throws IntegrationException when the vendor refuses or cannot answer
     */
    List<AssessmentPackage> listPackages(ConnectionContext context) throws IntegrationException;

    /**
     * Places an order at the vendor. The host may call this more than once for the same order
     * (after a timeout or a restart); {@link AssessmentOrder#idempotencyKey()} is the same each
     * time and the vendor must not create a second order for it.
     *
     * @return the vendor's acknowledgement
     * @throws IntegrationException when the vendor refuses the order or cannot take it now
     */
    OrderAcknowledgement placeOrder(ConnectionContext context, AssessmentOrder order) throws IntegrationException;
}
