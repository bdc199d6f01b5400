package org.hiremarket.api.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.hiremarket.api.integration.CandidateSubmission;
import org.hiremarket.api.integration.CompanyProfile;
import org.hiremarket.api.integration.ConnectionContext;
import org.hiremarket.api.integration.HostFacade;
import org.hiremarket.api.integration.PartnerAccount;
import org.hiremarket.api.integration.ScopeNotGrantedException;
import org.hiremarket.api.integration.StandardScopes;
import org.hiremarket.api.integration.SubmissionReceipt;

/**
 * Stand-ins for what the host hands a connector, for connector unit tests. Ships in the
 * {@code hiremarket-api} test-jar ({@code <type>test-jar</type>}, test scope).
 */
public final class TestConnections {

    private TestConnections() {
    }

    /** A connection of company {@code c-test} ("Test Company") with these account values and scopes. */
    public static ConnectionContext context(Map<String, String> account, Set<String> grantedScopes) {
        return context(account, grantedScopes, new ArrayList<>());
    }

    /**
     * A connection of company {@code c-test} whose {@link HostFacade#submitCandidate} adds every
     * submission it accepts to {@code submitted} (a thread-safe list when the connector submits
     * from threads of its own). Like the host, it answers a person who already applied with the
     * same reference and email, or the same external id, as a duplicate of the first receipt.
     */
    public static ConnectionContext context(Map<String, String> account, Set<String> grantedScopes,
            List<CandidateSubmission> submitted) {
        PartnerAccount partner = new PartnerAccount(account);
        HostFacade host = new HostFacade() {
            @Override
            public Set<String> grantedScopes() {
                return Set.copyOf(grantedScopes);
            }

            @Override
            public CompanyProfile companyProfile() throws ScopeNotGrantedException {
                requireScope(StandardScopes.COMPANY_READ);
                return new CompanyProfile("c-test", "Test Company");
            }

            @Override
            public SubmissionReceipt submitCandidate(CandidateSubmission s) throws ScopeNotGrantedException {
                requireScope(StandardScopes.CANDIDATES_WRITE);
                if (s == null || s.reference() == null || s.email() == null || !s.email().contains("@")
                        || s.firstName() == null || s.lastName() == null) {
                    throw new IllegalArgumentException("a submission needs a reference, names and an email address");
                }
                synchronized (submitted) {
                    for (int i = 0; i < submitted.size(); i++) {
                        CandidateSubmission before = submitted.get(i);
                        boolean samePerson = before.reference().equals(s.reference())
                                && before.email().equalsIgnoreCase(s.email());
                        boolean sameId = s.externalId() != null && s.externalId().equals(before.externalId());
                        if (samePerson || sameId) {
                            return new SubmissionReceipt("app-" + (i + 1), "cand-" + (i + 1), true);
                        }
                    }
                    submitted.add(s);
                    return new SubmissionReceipt("app-" + submitted.size(), "cand-" + submitted.size(), false);
                }
            }
        };
        return new ConnectionContext() {
            @Override
            public String connectionId() {
                return "conn-test";
            }

            @Override
            public String companyId() {
                return "c-test";
            }

            @Override
            public PartnerAccount account() {
                return partner;
            }

            @Override
            public HostFacade host() {
                return host;
            }
        };
    }

    /** A connection with every standard scope granted. */
    public static ConnectionContext context(Map<String, String> account) {
        return context(account, StandardScopes.all().keySet());
    }
}
