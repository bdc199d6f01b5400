package org.hiremarket.core.internal.marketplace;

import java.util.Set;
import java.util.function.Supplier;

import org.hiremarket.api.integration.CandidateSubmission;
import org.hiremarket.api.integration.CompanyProfile;
import org.hiremarket.api.integration.HostFacade;
import org.hiremarket.api.integration.ScopeNotGrantedException;
import org.hiremarket.api.integration.StandardScopes;
import org.hiremarket.api.integration.SubmissionReceipt;

/** The facade one connection's plugin calls receive; every read checks the granted scopes. */
final class HostFacadeImpl implements HostFacade {

    private final Set<String> granted;
    private final Supplier<CompanyProfile> company;
    private final String connectionId;
    private final Supplier<CandidateIntake> intake;

    HostFacadeImpl(Set<String> granted, Supplier<CompanyProfile> company, String connectionId,
            Supplier<CandidateIntake> intake) {
        this.granted = Set.copyOf(granted);
        this.company = company;
        this.connectionId = connectionId;
        this.intake = intake;
    }

    @Override
    public Set<String> grantedScopes() {
        return granted;
    }

    @Override
    public CompanyProfile companyProfile() throws ScopeNotGrantedException {
        requireScope(StandardScopes.COMPANY_READ);
        return company.get();
    }

    @Override
    public SubmissionReceipt submitCandidate(CandidateSubmission submission) throws ScopeNotGrantedException {
        requireScope(StandardScopes.CANDIDATES_WRITE);
        if (submission == null) {
            throw new IllegalArgumentException("the submission is required");
        }
        CandidateIntake to = intake.get();
        if (to == null) {
            throw new IllegalStateException("HireMarket cannot take applications right now; send it again later");
        }
        return to.submit(connectionId, submission);
    }
}
