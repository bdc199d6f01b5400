package org.hiremarket.core.internal.marketplace;

import org.hiremarket.api.integration.CandidateSubmission;
import org.hiremarket.api.integration.IntegrationKind;
import org.hiremarket.api.integration.SubmissionReceipt;

/**
 * Where people a connector sends arrive ({@link org.hiremarket.api.integration.HostFacade#submitCandidate}):
 * the domain that knows what a connection's references name creates the application: job-board
 * postings for {@code JOB_BOARD} integrations, agency assignments for {@code AGENCY} ones. The
 * connection's scopes are checked before this is called.
 */
public interface CandidateIntake {

    /** @return the kind of integration whose connections' people arrive here (job boards unless said otherwise) */
    default IntegrationKind kind() {
        return IntegrationKind.JOB_BOARD;
    }

    /**
     * @param connectionId the connection the person comes through
     * @throws IllegalArgumentException when the reference names nothing of this connection that takes
     *                                  applications, or a field is invalid
     * @throws IllegalStateException    when it cannot be stored now
     */
    SubmissionReceipt submit(String connectionId, CandidateSubmission submission);
}
