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

    /**
     * Sends a person to the customer: an application that came in on a job board, or a candidate
     * an agency submits. Needs {@link StandardScopes#CANDIDATES_WRITE}. The application is created
     * on the job the {@link CandidateSubmission#reference()} names, with this connection's
     * integration as its source; a person who already applied to that job (same email) is not
     * created twice. Safe to call again when unsure whether a call arrived.
     *
     * @throws ScopeNotGrantedException without that scope
     * For an agency the reference is the assignment id: the candidate is attributed to the agency
     * (source {@code AGENCY} and the agency's name) unless the person had applied to the company on
     * their own before, and the first submission starts the assignment.
     *
     * @throws IllegalArgumentException when the reference names nothing this connection published
     *                                  (or no assignment of this connection), the assignment is over
     *                                  (completed or cancelled), the job no longer takes
     *                                  applications, or a field is invalid (the message says which)
     * @throws IllegalStateException    when the host cannot store it now; send it again later
     * @since 1.1
     */
    SubmissionReceipt submitCandidate(CandidateSubmission submission) throws ScopeNotGrantedException;
}
