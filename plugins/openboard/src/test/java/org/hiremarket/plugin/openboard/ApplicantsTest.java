package org.hiremarket.plugin.openboard;

import static org.hiremarket.plugin.openboard.OpenBoardConnectorTest.ACME;
import static org.hiremarket.plugin.openboard.OpenBoardConnectorTest.ad;
import static org.hiremarket.plugin.openboard.OpenBoardConnectorTest.await;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.hiremarket.api.integration.CandidateSubmission;
import org.hiremarket.api.integration.IntegrationException;
import org.hiremarket.api.integration.StandardScopes;
import org.hiremarket.api.jobboard.Publication;
import org.junit.After;
import org.junit.Test;

/** The applicants OpenBoard sends from its own thread for every new ad. */
public class ApplicantsTest {

    /** Three applicants per new ad, 2 ms apart. */
    private final OpenBoardConnector board = new OpenBoardConnector(new Settings(Settings.Mode.NORMAL, 0, 3, 2));
    private final TestHost host = new TestHost(ACME, StandardScopes.all().keySet());

    @After
    public void stopBoard() {
        board.deactivate();
    }

    private long stat(OpenBoardConnector b, String name) {
        return (Long) b.get().get(name);
    }

    @Test
    public void everyNewAdGetsExactlyItsDeterministicApplicants() throws Exception {
        Publication java = board.publish(host.context, ad("p1", "k1", "Java developer"));
        Publication tester = board.publish(host.context, ad("p2", "k2", "Tester"));
        board.publish(host.context, ad("p1", "k1", "Java developer")); // a replay sends nobody
        board.publish(host.context, ad("p1", "k3", "Senior Java developer")); // nor does an update
        awaitIdle(board);

        assertEquals(6, host.attempts.size());
        assertEquals(6, host.submitted.size());
        assertEquals(6, stat(board, "applicationsSent"));
        List<CandidateSubmission> javas = host.attemptsFor(java.boardReference());
        assertEquals(3, javas.size());
        assertEquals(3, host.attemptsFor(tester.boardReference()).size());
        String ref = java.boardReference();
        Set<String> people = new HashSet<>();
        for (int n = 1; n <= 3; n++) {
            CandidateSubmission s = javas.get(n - 1);
            assertEquals(ref, s.reference());
            assertEquals("applicant-" + n + "." + ref + "@applicants.openboard.example", s.email());
            assertEquals(ref + "-" + n, s.externalId());
            assertTrue(s.firstName() + " " + s.lastName(), !s.firstName().isBlank() && !s.lastName().isBlank());
            assertTrue(s.phone(), s.phone().matches("\\+46 70 \\d{3} \\d{2} \\d{2}"));
            assertTrue(s.coverLetter(), s.coverLetter().contains("\"Java developer\" on OpenBoard"));
            assertEquals(Applicants.applicant(ref, n, "Java developer"), s);
            people.add(s.firstName() + " " + s.lastName() + " " + s.phone());
        }
        assertEquals("three different people", 3, people.size());

        // the board restarts (catalogue lost), the host delivers the ad again: the same people apply
        OpenBoardConnector restarted = new OpenBoardConnector(new Settings(Settings.Mode.NORMAL, 0, 3, 2));
        try {
            assertEquals(java, restarted.publish(host.context, ad("p1", "k1", "Java developer")));
            awaitIdle(restarted);
            List<CandidateSubmission> again = host.attemptsFor(ref);
            assertEquals(javas, again.subList(3, 6));
            assertEquals("the host knew them all", 6, host.submitted.size());
            assertEquals(0, stat(restarted, "applicationsSent"));
        } finally {
            restarted.deactivate();
        }
    }

    @Test
    public void noApplicantsComeAfterTheAdIsWithdrawn() throws Exception {
        String withdrawn = Catalogue.reference("acme-jobs", "p1");
        host.onSubmit = s -> {
            if (s.externalId().equals(withdrawn + "-1")) {
                try {
                    board.unpublish(host.context, withdrawn); // the customer withdraws after the first applicant
                } catch (IntegrationException e) {
                    throw new IllegalStateException(e);
                }
            }
        };
        board.publish(host.context, ad("p1", "k1", "Java developer"));
        Publication control = board.publish(host.context, ad("p2", "k2", "Tester"));
        awaitIdle(board);
        assertEquals(1, host.attemptsFor(withdrawn).size());
        assertEquals("the live ad got all of them", 3, host.attemptsFor(control.boardReference()).size());
        assertEquals(4, stat(board, "applicationsSent"));
        assertEquals(1, stat(board, "withdrawals"));

        // listed again with a new version: the applicants of the first listing do not come back
        board.publish(host.context, ad("p1", "k9", "Java developer"));
        awaitIdle(board);
        assertEquals(1, stat(board, "relisted"));
        assertEquals(1, host.attemptsFor(withdrawn).size());
    }

    @Test
    public void withoutTheScopeEachAdTriesOnceAndStops() throws Exception {
        Set<String> scopes = new HashSet<>(StandardScopes.all().keySet());
        scopes.remove(StandardScopes.CANDIDATES_WRITE);
        TestHost noScope = new TestHost(ACME, scopes);
        board.publish(noScope.context, ad("p1", "k1", "Java developer"));
        board.publish(noScope.context, ad("p2", "k2", "Tester"));
        awaitIdle(board);
        assertEquals(2, noScope.attempts.size());
        assertEquals(0, noScope.submitted.size());
        assertEquals(0, stat(board, "applicationsSent"));
    }

    @Test
    public void aPostingThatTakesNoApplicationsStopsItsApplicants() throws Exception {
        host.failure = s -> new IllegalArgumentException("the job no longer takes applications");
        board.publish(host.context, ad("p1", "k1", "Java developer"));
        awaitIdle(board);
        assertEquals(1, host.attempts.size());
        assertEquals(0, stat(board, "applicationsSent"));
    }

    @Test
    public void anApplicantTheHostCannotStoreNowIsSentAgainLater() throws Exception {
        OpenBoardConnector two = new OpenBoardConnector(new Settings(Settings.Mode.NORMAL, 0, 2, 2));
        try {
            AtomicInteger failures = new AtomicInteger(2);
            host.failure = s -> failures.getAndDecrement() > 0 ? new IllegalStateException("database busy") : null;
            Publication p = two.publish(host.context, ad("p1", "k1", "Java developer"));
            awaitIdle(two);
            List<CandidateSubmission> attempts = host.attempts;
            assertEquals(4, attempts.size());
            String ref = p.boardReference();
            assertEquals(List.of(ref + "-1", ref + "-1", ref + "-1", ref + "-2"),
                    attempts.stream().map(CandidateSubmission::externalId).toList());
            assertEquals(2, host.submitted.size());
            assertEquals(2, stat(two, "applicationsSent"));
            // waits of at least 100 and then 200 ms
            long first = host.attemptTimes.get(1) - host.attemptTimes.get(0);
            long second = host.attemptTimes.get(2) - host.attemptTimes.get(1);
            assertTrue(first + " ns", first >= TimeUnit.MILLISECONDS.toNanos(OpenBoardConnector.MIN_RETRY_MS));
            assertTrue(second + " ns", second >= TimeUnit.MILLISECONDS.toNanos(2 * OpenBoardConnector.MIN_RETRY_MS));
        } finally {
            two.deactivate();
        }
    }

    @Test
    public void afterFourRetriesAnApplicantIsGivenUpAndTheNextOneComes() throws Exception {
        OpenBoardConnector two = new OpenBoardConnector(new Settings(Settings.Mode.NORMAL, 0, 2, 2));
        try {
            host.failure = s -> s.externalId().endsWith("-1") ? new IllegalStateException("cannot store") : null;
            Publication p = two.publish(host.context, ad("p1", "k1", "Java developer"));
            awaitIdle(two); // about 1.5 s of retries
            assertEquals(1 + OpenBoardConnector.MAX_SUBMIT_RETRIES, host.attemptsFor(p.boardReference()).stream()
                    .filter(s -> s.externalId().endsWith("-1")).count());
            assertEquals(List.of(p.boardReference() + "-2"),
                    host.submitted.stream().map(CandidateSubmission::externalId).toList());
            assertEquals(1, stat(two, "applicationsSent"));
        } finally {
            two.deactivate();
        }
    }

    @Test
    public void deactivateStopsTheThread() throws Exception {
        OpenBoardConnector slow = new OpenBoardConnector(new Settings(Settings.Mode.NORMAL, 0, 2, 60_000));
        slow.publish(host.context, ad("p1", "k1", "Java developer"));
        assertEquals("the first applicant is scheduled", 1, slow.pendingSteps());
        slow.deactivate();
        assertTrue(slow.scheduler().isShutdown());
        assertTrue("the thread ended", slow.scheduler().awaitTermination(10, TimeUnit.SECONDS));
        assertEquals(0, host.attempts.size());
    }

    // --- helpers ---------------------------------------------------------------------------------

    /** Waits until the board sent every applicant it will send (none scheduled, none running). */
    static void awaitIdle(OpenBoardConnector b) {
        await("OpenBoard's applicants", () -> b.pendingSteps() == 0);
    }
}
