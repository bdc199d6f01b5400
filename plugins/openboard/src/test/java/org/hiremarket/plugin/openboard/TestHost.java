package org.hiremarket.plugin.openboard;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.hiremarket.api.integration.CandidateSubmission;
import org.hiremarket.api.integration.CompanyProfile;
import org.hiremarket.api.integration.ConnectionContext;
import org.hiremarket.api.integration.HostFacade;
import org.hiremarket.api.integration.PartnerAccount;
import org.hiremarket.api.integration.ScopeNotGrantedException;
import org.hiremarket.api.integration.SubmissionReceipt;
import org.hiremarket.api.testkit.TestConnections;

/**
 * The host's end of a connection for OpenBoard tests: the api test kit's connection, which keeps
 * the submissions it accepts in {@link #submitted}, wrapped so a test also sees every attempt
 * (duplicates and failed ones too) and can make the host fail or react to a submission.
 */
final class TestHost {

    /** What the test kit accepted as new applications. */
    final List<CandidateSubmission> submitted = new CopyOnWriteArrayList<>();
    /** Every call of submitCandidate, in order, whatever its outcome. */
    final List<CandidateSubmission> attempts = new CopyOnWriteArrayList<>();
    /** When each attempt came, System.nanoTime(), in the order of {@link #attempts}. */
    final List<Long> attemptTimes = new CopyOnWriteArrayList<>();
    /** Decides, per attempt, an exception the host throws instead of taking it (null: take it). */
    volatile Function<CandidateSubmission, RuntimeException> failure = s -> null;
    /** Runs before the host takes a submission, on the caller's thread. */
    volatile Consumer<CandidateSubmission> onSubmit = s -> {
    };

    final ConnectionContext context;

    TestHost(Map<String, String> account, Set<String> scopes) {
        ConnectionContext kit = TestConnections.context(account, scopes, submitted);
        HostFacade host = new HostFacade() {
            @Override
            public Set<String> grantedScopes() {
                return kit.host().grantedScopes();
            }

            @Override
            public CompanyProfile companyProfile() throws ScopeNotGrantedException {
                return kit.host().companyProfile();
            }

            @Override
            public SubmissionReceipt submitCandidate(CandidateSubmission submission) throws ScopeNotGrantedException {
                attemptTimes.add(System.nanoTime());
                attempts.add(submission);
                RuntimeException fail = failure.apply(submission);
                if (fail != null) {
                    throw fail;
                }
                onSubmit.accept(submission);
                return kit.host().submitCandidate(submission);
            }
        };
        context = new ConnectionContext() {
            @Override
            public String connectionId() {
                return kit.connectionId();
            }

            @Override
            public String companyId() {
                return kit.companyId();
            }

            @Override
            public PartnerAccount account() {
                return kit.account();
            }

            @Override
            public HostFacade host() {
                return host;
            }
        };
    }

    /** @return the attempts for the ad with this board reference */
    List<CandidateSubmission> attemptsFor(String reference) {
        return attempts.stream().filter(s -> s.reference().equals(reference)).collect(Collectors.toList());
    }

    /** @return the accepted submissions for the ad with this board reference */
    List<CandidateSubmission> submittedFor(String reference) {
        return submitted.stream().filter(s -> s.reference().equals(reference)).collect(Collectors.toList());
    }
}
