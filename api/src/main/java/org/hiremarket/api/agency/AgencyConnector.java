package org.hiremarket.api.agency;

import org.hiremarket.api.integration.ConnectionContext;
import org.hiremarket.api.integration.Integration;
import org.hiremarket.api.integration.IntegrationException;
import org.osgi.annotation.versioning.ConsumerType;

/** A recruiting agency that receives job assignments from customers and submits candidates. */
@ConsumerType
public interface AgencyConnector extends Integration {

    /**
     * A customer sends a job to the agency. Called again with the same assignment id after a
     * timeout; the agency must not create a second assignment.
     *
     * @return the agency's acknowledgement
     * @throws IntegrationException when the agency refuses the assignment or cannot take it now
     */
    AssignmentReceipt receiveAssignment(ConnectionContext context, Assignment assignment) throws IntegrationException;

    /**
     * The customer cancelled an assignment. Cancelling an unknown or already cancelled assignment is
     * not an error.
     *
     * @throws IntegrationException when the agency cannot take the call now
     */
    void cancelAssignment(ConnectionContext context, String assignmentId, String reason) throws IntegrationException;
}
