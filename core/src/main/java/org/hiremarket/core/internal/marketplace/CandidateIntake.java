package org.hiremarket.core.internal.marketplace;

import org.hiremarket.api.integration.CandidateSubmission;
import org.hiremarket.api.integration.SubmissionReceipt;

/**
 * Where people a connector sends arrive ({@link org.hiremarket.api.integration.HostFacade#submitCandidate}):
 * the domain that knows what a connection's references name (job-board postings today) creates the
 * application. The connection's scopes are checked before this is called.
 */
public interface CandidateIntake {

    /**
     * @param connectionId the connection the person comes through
     * @throws IllegalArgumentException when the reference names nothing of this connection that takes
     *                                  applications, or a field is invalid
     * @throws IllegalStateException    when it cannot be stored now
     */
    SubmissionReceipt submit(String connectionId, CandidateSubmission submission);
}
