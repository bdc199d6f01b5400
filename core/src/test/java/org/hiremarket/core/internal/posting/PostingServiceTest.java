package org.hiremarket.core.internal.posting;

import static org.hiremarket.core.internal.common.Refusals.refused;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.util.List;
import java.util.Set;

import org.hiremarket.api.integration.CandidateSubmission;
import org.hiremarket.api.integration.ConnectResult;
import org.hiremarket.api.integration.ConnectionContext;
import org.hiremarket.api.integration.Integration;
import org.hiremarket.api.integration.IntegrationDescriptor;
import org.hiremarket.api.integration.IntegrationException;
import org.hiremarket.api.integration.StandardScopes;
import org.hiremarket.api.integration.SubmissionReceipt;
import org.hiremarket.api.jobboard.JobAd;
import org.hiremarket.core.internal.candidate.ApplicationService.ApplicationFilter;
import org.hiremarket.core.internal.candidate.CandidateViews.ApplicationView;
import org.hiremarket.core.internal.common.ApiException;
import org.hiremarket.core.internal.common.PageRequest;
import org.hiremarket.core.internal.company.TestCompanies;
import org.hiremarket.core.internal.identity.Caller;
import org.hiremarket.core.internal.job.JobViews.IdRef;
import org.hiremarket.core.internal.job.JobViews.UpdateJob;
import org.hiremarket.core.internal.marketplace.RegisteredIntegration;
import org.hiremarket.core.internal.marketplace.TestDescriptors;
import org.hiremarket.core.internal.persistence.InMemoryUnit;
import org.hiremarket.core.internal.posting.PostingViews.BoardApplicationIn;
import org.hiremarket.core.internal.posting.PostingViews.BoardReceiptView;
import org.hiremarket.core.internal.posting.PostingViews.BoardTokenView;
import org.hiremarket.core.internal.posting.PostingViews.PostingAdminView;
import org.hiremarket.core.internal.posting.PostingViews.PostingIn;
import org.hiremarket.core.internal.posting.PostingViews.PostingView;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/** The posting lifecycle through the services that enforce it, delivered by the real mailbox to a fake board. */
public class PostingServiceTest {

    /** The mailbox's idle check in the fixture: moving the clock this far makes it look for due postings. */
    private static final long HOUR = 3_600_000L;

    private PostingFixture f;
    private PostingFixture.Board board;
    private Caller acme;
    private Caller globex;
    private String connection;

    @Before
    public void open() {
        f = new PostingFixture(InMemoryUnit.shared(getClass()));
        board = f.board;
        acme = TestCompanies.create(f.db, "Acme");
        globex = TestCompanies.create(f.db, "Globex");
        connection = f.connection(acme);
    }

    @After
    public void close() {
        f.close();
    }

    private PostingView live(String jobId) {
        PostingView p = f.postings.post(acme, jobId, new PostingIn(connection));
        f.deliver();
        assertEquals(PostingStatus.LIVE, f.row(p.id()).getStatus());
        return f.postings.get(acme, p.id());
    }

    @Test
    public void aPublicAdGoesLiveOnTheBoardWithItsReferenceAndEveryStepInTheHistory() {
        String job = f.job(acme, "Board engineer", "PUBLIC");
        PostingView pending = f.postings.post(acme, job, new PostingIn(" " + connection + " "));
        assertEquals(PostingStatus.PENDING, pending.status());
        assertNull("no reference before the board confirmed", pending.boardReference());
        assertEquals("PUBLISH", pending.delivery().pending());
        assertEquals("Board board-a", pending.boardName());

        assertEquals("handed over at once", 1, f.deliver());
        PostingView v = f.postings.get(acme, pending.id());
        assertEquals("ref-" + v.id(), v.boardReference());
        assertEquals("https://board.example/ads/ref-" + v.id(), v.url());
        assertEquals(1, v.liveVersion());
        assertNull("nothing is owed", v.delivery());
        assertEquals(List.of(PostingStatus.PENDING, PostingStatus.LIVE), v.history().stream().map(e -> e.to()).toList());
        assertTrue(v.history().get(1).detail(), v.history().get(1).detail().startsWith("Live on Board board-a as ref-"));
        assertTrue("lives its 30 days", v.expiresOn().toEpochMilli() - v.liveOn().toEpochMilli() == 30L * 86_400_000L);

        JobAd ad = board.published.get(0);
        assertEquals(job, ad.jobId());
        assertEquals("Board engineer", ad.title());
        assertEquals("We are Acme.\n\nBuild the board integration.\n\nJava", ad.description());
        assertEquals("SE", ad.countryCode());
        assertEquals("Malmö", ad.city());
        assertEquals(v.id(), ad.postingId());
        assertEquals("hm-posting-" + v.id() + "-v1", ad.idempotencyKey());
        assertEquals("Acme", ad.companyName());
        assertEquals("REF-7", ad.reference());
        assertEquals("https://careers.example/" + acme.companyId() + "/" + job, ad.applyUrl());
        assertEquals(1, board.published.size());

        assertEquals(List.of(v.id()), f.postings.listForJob(acme, job).stream().map(PostingView::id).toList());
        assertEquals(1, f.postings.list(acme, connection, "live", PageRequest.of(0, 10)).totalFound());
        assertEquals(0, f.postings.list(acme, null, "FAILED", PageRequest.of(0, 10)).totalFound());
        assertEquals(0, f.postings.list(globex, null, null, PageRequest.of(0, 10)).totalFound());
        refused(404, "not-found", () -> f.postings.get(globex, v.id()));
        refused(404, "not-found", () -> f.postings.listForJob(globex, job));
        refused(400, "validation-error", () -> f.postings.list(acme, null, "GONE", PageRequest.of(0, 10)));
    }

    @Test
    public void onlyASourcingJobsPublicAdIsPostedToAnActiveBoardConnectionOncePerBoard() {
        String internal = f.job(acme, "Internal", "INTERNAL");
        ApiException e = refused(409, "ad-not-public", () -> f.postings.post(acme, internal, new PostingIn(connection)));
        assertTrue(e.detail(), e.detail().contains("INTERNAL and PRIVATE ads never leave HireMarket"));
        refused(409, "ad-not-public", () -> f.postings.post(acme, f.job(acme, "Private", "PRIVATE"),
                new PostingIn(connection)));
        refused(409, "job-not-sourcing", () -> f.postings.post(acme, f.job(acme, "Draft", null),
                new PostingIn(connection)));
        String unpublished = f.job(acme, "Unpublished", "PUBLIC");
        f.jobs.unpublish(acme, unpublished);
        refused(409, "ad-not-published", () -> f.postings.post(acme, unpublished, new PostingIn(connection)));

        String job = f.job(acme, "Public", "PUBLIC");
        refused(400, "validation-error", () -> f.postings.post(acme, job, new PostingIn(" ")));
        refused(400, "validation-error", () -> f.postings.post(acme, job, null));
        refused(404, "not-found", () -> f.postings.post(acme, job, new PostingIn(f.connection(globex))));
        refused(404, "not-found", () -> f.postings.post(globex, job, new PostingIn(connection)));
        // boards known from before, whose plugins are not installed now: their kind is remembered
        f.sql("INSERT INTO HM_INTEGRATION_SETTING (INTEGRATIONID, ACTIVE, CHANGEDAT, KIND, NAME) VALUES"
                + " ('board-b', 1, 1, 'JOB_BOARD', 'Board B'), ('board-c', 1, 1, 'JOB_BOARD', 'Board C')");
        String noJobs = f.connection(acme, "board-b", Set.of(StandardScopes.COMPANY_READ));
        refused(409, "scope-not-granted", () -> f.postings.post(acme, job, new PostingIn(noJobs)));
        String assessments = f.connection(acme, "skillcheck", Set.of(StandardScopes.JOBS_READ));
        f.sql("INSERT INTO HM_INTEGRATION_SETTING (INTEGRATIONID, ACTIVE, CHANGEDAT, KIND, NAME) VALUES"
                + " ('skillcheck', 1, 1, 'ASSESSMENT', 'SkillCheck')");
        refused(409, "not-a-job-board", () -> f.postings.post(acme, job, new PostingIn(assessments)));
        String disconnected = f.connection(acme, "board-c", Set.of(StandardScopes.JOBS_READ));
        f.sql("UPDATE HM_CONNECTION SET STATE = 'DISCONNECTED' WHERE ID = '" + disconnected + "'");
        assertTrue(refused(409, "connection-not-active", () -> f.postings.post(acme, job, new PostingIn(disconnected)))
                .detail().contains("re-activate it first"));
        assertEquals("nothing refused was written", 0, f.postings.list(acme, null, null, PageRequest.of(0, 10))
                .totalFound());

        PostingView first = f.postings.post(acme, job, new PostingIn(connection));
        ApiException twice = refused(409, "already-posted", () -> f.postings.post(acme, job, new PostingIn(connection)));
        assertTrue(twice.detail(), twice.detail().contains(first.id()));
        f.deliver();
        assertEquals(PostingStatus.LIVE, f.row(first.id()).getStatus());
        assertTrue("nothing internal reached the board",
                board.published.stream().allMatch(ad -> ad.jobId().equals(job)));

        f.postings.withdraw(acme, first.id());
        refused(409, "posting-ended", () -> f.postings.withdraw(acme, first.id()));
        PostingView again = f.postings.post(acme, job, new PostingIn(connection));
        assertFalse("a withdrawn posting makes room for a new one", again.id().equals(first.id()));
    }

    @Test
    public void editingTheAdSendsItOnceAgainWithANewKeyAndOtherEditsSendNothing() {
        String job = f.job(acme, "Engineer", "PUBLIC");
        PostingView v = live(job);
        f.jobs.update(acme, job, new UpdateJob(null, null, null, null, null, null, null, 3, null));
        f.jobs.update(acme, job, new UpdateJob("Engineer", null, null, new IdRef("computer_software"), null, null, null,
                null, null));
        assertEquals("headcount and unchanged values are not on the ad", PostingStatus.LIVE, f.row(v.id()).getStatus());

        f.jobs.update(acme, job, new UpdateJob("Senior engineer", null, null, null, null, null, null, null, null));
        PostingEntity updating = f.row(v.id());
        assertEquals(PostingStatus.UPDATE_PENDING, updating.getStatus());
        assertEquals(2, updating.getAdVersion());
        assertEquals("sent once", 1, f.deliver());
        assertEquals(PostingStatus.LIVE, f.row(v.id()).getStatus());
        assertEquals(List.of("hm-posting-" + v.id() + "-v1", "hm-posting-" + v.id() + "-v2"), board.keys());
        assertEquals("Senior engineer", board.published.get(1).title());
        PostingView after = f.postings.get(acme, v.id());
        assertEquals(2, after.liveVersion());
        assertEquals("ref-" + v.id(), after.boardReference());
        assertEquals(List.of(PostingStatus.PENDING, PostingStatus.LIVE, PostingStatus.UPDATE_PENDING, PostingStatus.LIVE),
                after.history().stream().map(e -> e.to()).toList());
    }

    @Test
    public void fillingCancellingHoldingUnpublishingOrHidingTheAdWithdrawsItAndReopeningDoesNotRepost() {
        String filled = f.job(acme, "Filled", "PUBLIC");
        PostingView a = live(filled);
        f.jobs.changeStatus(acme, filled, "FILLED");
        PostingEntity row = f.row(a.id());
        assertEquals(PostingStatus.WITHDRAWN, row.getStatus());
        assertEquals("The job is FILLED; its ad was taken down from the board", row.getReason());
        f.deliver();
        assertEquals(List.of("ref-" + a.id()), board.unpublished);
        assertNull("nothing owed", f.row(a.id()).getAction());
        assertNull(f.row(a.id()).getNextAttemptAt());

        String hidden = f.job(acme, "Hidden", "PUBLIC");
        PostingView b = live(hidden);
        f.jobs.publish(acme, hidden, "INTERNAL");
        assertEquals("The job's ad is now INTERNAL; it was taken down from the board", f.row(b.id()).getReason());
        f.deliver();
        assertTrue(board.unpublished.contains("ref-" + b.id()));

        String unpublished = f.job(acme, "Unpublished", "PUBLIC");
        PostingView c = live(unpublished);
        f.jobs.unpublish(acme, unpublished);
        assertEquals("The job's ad was unpublished; it was taken down from the board", f.row(c.id()).getReason());

        String held = f.job(acme, "Held", "PUBLIC");
        PostingView d = live(held);
        f.jobs.changeStatus(acme, held, "ON_HOLD");
        assertEquals(PostingStatus.WITHDRAWN, f.row(d.id()).getStatus());
        f.jobs.changeStatus(acme, held, "SOURCING");
        assertEquals("re-opening does not re-post", 1, f.postings.listForJob(acme, held).size());
        assertEquals(PostingStatus.WITHDRAWN, f.row(d.id()).getStatus());
        f.deliver();
        assertEquals("every withdrawal reached the board, once", 4, board.unpublished.size());
    }

    @Test
    public void aPendingPostingWithdrawnBeforeTheBoardHadItNeedsNoCall() {
        board.fails = IntegrationException.unavailable("down");
        board.failures = Integer.MAX_VALUE;
        String job = f.job(acme, "Job", "PUBLIC");
        PostingView v = f.postings.post(acme, job, new PostingIn(connection));
        f.deliver();
        assertEquals(1, f.row(v.id()).getDeliveryAttempts());
        assertEquals("down", f.row(v.id()).getLastError());
        PostingView w = f.postings.withdraw(acme, v.id());
        assertEquals(PostingStatus.WITHDRAWN, w.status());
        assertTrue(w.reason().startsWith("Withdrawn by api-key:"));
        f.deliver();
        assertNull(f.row(v.id()).getAction());
        assertEquals(List.of(), board.unpublished);
    }

    @Test
    public void aBoardThatRefusesTheAdFailsThePostingWithItsReasonAndAnOutageIsRetried() {
        board.fails = IntegrationException.unavailable("maintenance");
        board.failures = 2;
        PostingView first = f.postings.post(acme, f.job(acme, "Retried", "PUBLIC"), new PostingIn(connection));
        f.deliver();
        PostingEntity failedOnce = f.row(first.id());
        assertEquals(PostingStatus.PENDING, failedOnce.getStatus());
        assertEquals("maintenance", failedOnce.getLastError());
        assertTrue("retried with backoff", failedOnce.getNextAttemptAt() > f.now());
        assertEquals("PUBLISH", f.postings.get(acme, first.id()).delivery().pending());
        assertEquals(1, f.later(HOUR));
        assertEquals(2, f.row(first.id()).getDeliveryAttempts());
        assertEquals(1, f.later(HOUR));
        PostingView retried = f.postings.get(acme, first.id());
        assertEquals(PostingStatus.LIVE, retried.status());
        assertNull("the error is gone once live", retried.delivery());
        assertTrue(retried.history().get(1).detail(), retried.history().get(1).detail().endsWith("after 3 attempts"));

        board.fails = IntegrationException.invalid("INVALID_AD", "an ad needs a description of 30 characters");
        board.failures = 1;
        PostingView v = f.postings.post(acme, f.job(acme, "Refused", "PUBLIC"), new PostingIn(connection));
        f.deliver();
        assertEquals(PostingStatus.FAILED, f.row(v.id()).getStatus());
        PostingEntity row = f.row(v.id());
        assertEquals("INVALID_AD", row.getStatusCode());
        assertTrue(row.getReason(), row.getReason().contains("an ad needs a description of 30 characters"));
        assertNull(row.getNextAttemptAt());
        assertEquals("a failed posting makes room for another", 1, f.postings.list(acme, null, "FAILED",
                PageRequest.of(0, 10)).totalFound());
    }

    @Test
    public void disconnectingTheBoardWithdrawsItsPostingsAndTakesNoNewOnes() {
        String job = f.job(acme, "Job", "PUBLIC");
        PostingView v = live(job);
        f.connections.disconnect(acme, connection);
        PostingEntity row = f.row(v.id());
        assertEquals(PostingStatus.WITHDRAWN, row.getStatus());
        assertEquals("The connection was disconnected by the customer", row.getReason());
        f.deliver();
        assertEquals(List.of("ref-" + v.id()), board.unpublished);
        refused(409, "connection-not-active", () -> f.postings.post(acme, job, new PostingIn(connection)));
        f.sql("UPDATE HM_CONNECTION SET STATE = 'ACTIVE' WHERE ID = '" + connection + "'");
        assertEquals("re-activated, it takes postings again", PostingStatus.PENDING,
                f.postings.post(acme, job, new PostingIn(connection)).status());
    }

    @Test
    public void applicationsFromTheBoardArriveOnTheJobAttributedDeduplicatedAndCounted() throws Exception {
        String job = f.job(acme, "Job", "PUBLIC");
        PostingView v = live(job);
        var host = board.contexts.get(0).host();
        SubmissionReceipt first = host.submitCandidate(new CandidateSubmission("ref-" + v.id(), "Ada", "Lovelace",
                "ada@example.org", null, "Hello", "ob-1"));
        assertFalse(first.duplicate());
        SubmissionReceipt again = host.submitCandidate(new CandidateSubmission(v.id(), "Ada", "Lovelace",
                "ADA@example.org", null, null, null));
        assertTrue("the same person, by the posting id this time", again.duplicate());
        assertEquals(first.applicationId(), again.applicationId());
        assertEquals(1, f.row(v.id()).getApplications());
        assertEquals(1, f.postings.get(acme, v.id()).applications());

        ApplicationView a = f.applications.get(acme, first.applicationId());
        assertEquals(job, a.jobId());
        assertEquals("JOB_BOARD", a.source().type().name());
        assertEquals("Board board-a", a.source().name());
        assertEquals(1, f.applications.list(acme, new ApplicationFilter(job, null, null, null), PageRequest.of(0, 10))
                .totalFound());

        for (String bad : new String[] { "ref-unknown", " " }) {
            try {
                host.submitCandidate(new CandidateSubmission(bad, "Bo", "B", "bo@example.org", null, null, null));
                fail("unknown reference " + bad);
            } catch (IllegalArgumentException expected) {
                // the board learns it cannot send it
            }
        }
        try {
            host.submitCandidate(new CandidateSubmission(v.id(), "Bo", "B", "not-an-email", null, null, null));
            fail("an invalid email");
        } catch (IllegalArgumentException expected) {
            assertTrue(expected.getMessage(), expected.getMessage().contains("email"));
        }
        var other = f.connection(globex);
        try {
            f.connections.hostContext(f.db.tx(em -> em.find(org.hiremarket.core.internal.marketplace.ConnectionEntity.class,
                    other))).host().submitCandidate(new CandidateSubmission(v.id(), "Eve", "E", "eve@example.org",
                            null, null, null));
            fail("another company's connection names nothing of acme's");
        } catch (IllegalArgumentException expected) {
            assertEquals(1, f.row(v.id()).getApplications());
        }
        f.jobs.changeStatus(acme, job, "FILLED");
        try {
            host.submitCandidate(new CandidateSubmission(v.id(), "Cy", "C", "cy@example.org", null, null, null));
            fail("a withdrawn posting takes no applications");
        } catch (IllegalArgumentException expected) {
            assertTrue(expected.getMessage(), expected.getMessage().contains("WITHDRAWN"));
        }
    }

    @Test
    public void aBoardThatComesBackIsSentItsLiveAdsAgainWithTheSameKey() {
        PostingView v = live(f.job(acme, "Job", "PUBLIC"));
        TestDescriptors.undeploy(f.registry, board, 1, "org.example.boarda");
        TestDescriptors.deploy(f.registry, board, 2, "org.example.boarda");
        f.deliver();
        assertEquals("sent again", 2, board.published.size());
        assertEquals(board.keys().get(0), board.keys().get(1));
        assertFalse(f.row(v.id()).isRedeliver());
        assertEquals("waits for its expiry again", f.row(v.id()).getExpiresAt(), f.row(v.id()).getNextAttemptAt());
        assertEquals(PostingStatus.LIVE, f.row(v.id()).getStatus());
        assertEquals(List.of(PostingStatus.PENDING, PostingStatus.LIVE),
                f.postings.get(acme, v.id()).history().stream().map(e -> e.to()).toList());
    }

    @Test
    public void aLiveAdRunsItsTimeAndIsTakenDownExpired() {
        PostingView v = live(f.job(acme, "Job", "PUBLIC"));
        PostingEntity row = f.row(v.id());
        assertEquals("due at its expiry", row.getExpiresAt(), row.getNextAttemptAt());
        assertEquals(30L * 86_400_000L, row.getExpiresAt() - row.getLiveAt());
        assertEquals("not before", 0, f.later(30L * 86_400_000L - 1_000));
        assertEquals(PostingStatus.LIVE, f.row(v.id()).getStatus());
        f.later(HOUR);
        assertEquals(PostingStatus.EXPIRED, f.row(v.id()).getStatus());
        assertEquals(List.of("ref-" + v.id()), board.unpublished);
        assertNull(f.row(v.id()).getNextAttemptAt());
        assertEquals("Ran its 30 days on the board", f.postings.get(acme, v.id()).history().get(2).detail());
    }

    @Test
    public void aRemoteBoardSendsApplicationsWithItsConnectionsTokenOnlyAndOnlyTheNewestWorks() {
        String job = f.job(acme, "Job", "PUBLIC");
        PostingView v = live(job);
        BoardTokenView first = f.postings.issueBoardToken(acme, connection);
        assertEquals(connection, first.connectionId());
        assertTrue(first.token(), first.token().startsWith("hmb_"));
        assertEquals("only the hash is kept", 0L, (long) f.db.tx(em -> em.createQuery(
                "SELECT COUNT(t) FROM BoardTokenEntity t WHERE t.hash = :plain", Long.class)
                .setParameter("plain", first.token()).getSingleResult()));

        BoardApplicationIn ada = new BoardApplicationIn("ref-" + v.id(), "Ada", "Lovelace", "ada@example.org", null,
                "Hi", "app-1");
        BoardReceiptView r = f.postings.receiveFromBoard(first.token(), ada);
        assertFalse(r.duplicate());
        assertTrue(f.postings.receiveFromBoard(first.token(), ada).duplicate());
        assertEquals(1, f.row(v.id()).getApplications());

        BoardTokenView second = f.postings.issueBoardToken(acme, connection);
        refused(401, "unauthorized", () -> f.postings.receiveFromBoard(first.token(), ada));
        for (String bad : new String[] { null, "", "hm_abcdefghij_" + "x".repeat(43), second.token() + "x" }) {
            refused(401, "unauthorized", () -> f.postings.receiveFromBoard(bad, ada));
        }
        refused(404, "not-found", () -> f.postings.receiveFromBoard(second.token(), new BoardApplicationIn("nope",
                "Bo", "B", "bo@example.org", null, null, null)));
        refused(400, "validation-error", () -> f.postings.receiveFromBoard(second.token(), new BoardApplicationIn(
                v.id(), "Bo", "B", "not-an-email", null, null, null)));
        refused(400, "validation-error", () -> f.postings.receiveFromBoard(second.token(), null));

        refused(404, "not-found", () -> f.postings.issueBoardToken(globex, connection));
        String assessments = f.connection(acme, "skillcheck", Set.of(StandardScopes.JOBS_READ));
        f.sql("INSERT INTO HM_INTEGRATION_SETTING (INTEGRATIONID, ACTIVE, CHANGEDAT, KIND, NAME) VALUES"
                + " ('skillcheck', 1, 1, 'ASSESSMENT', 'SkillCheck')");
        refused(409, "not-a-job-board", () -> f.postings.issueBoardToken(acme, assessments));

        f.sql("UPDATE HM_CONNECTION SET GRANTEDSCOPES = 'jobs.read' WHERE ID = '" + connection + "'");
        refused(403, "forbidden", () -> f.postings.receiveFromBoard(second.token(), ada));
        f.jobs.changeStatus(acme, job, "CANCELLED");
    }

    @Test
    public void theConsoleListsEveryCompanysPostingsByCompanyIntegrationAndStatus() {
        PostingView mine = live(f.job(acme, "Mine", "PUBLIC"));
        String theirConnection = f.connection(globex);
        PostingView theirs = f.postings.post(globex, f.job(globex, "Theirs", "PUBLIC"), new PostingIn(theirConnection));
        List<PostingAdminView> all = f.postings.adminList(null, null, null, 10);
        assertEquals(List.of(theirs.id(), mine.id()), all.stream().map(PostingAdminView::id).toList());
        PostingAdminView m = all.get(1);
        assertEquals(acme.companyId(), m.companyId());
        assertEquals(PostingFixture.BOARD, m.integrationId());
        assertEquals(PostingStatus.LIVE, m.status());
        assertEquals("ref-" + mine.id(), m.boardReference());
        assertNull(m.pending());
        assertEquals("PUBLISH", all.get(0).pending());
        assertEquals(List.of(mine.id()), f.postings.adminList(acme.companyId(), null, null, 10).stream()
                .map(PostingAdminView::id).toList());
        assertEquals(List.of(theirs.id()), f.postings.adminList(null, PostingFixture.BOARD, "pending", 10).stream()
                .map(PostingAdminView::id).toList());
        assertEquals(List.of(), f.postings.adminList(null, "other-board", null, 10));
        assertEquals(1, f.postings.adminList(null, null, null, 1).size());
        refused(400, "validation-error", () -> f.postings.adminList(null, null, "NOPE", 10));
    }

    @Test
    public void aBoardAwayIsPostedToWhenItComesBackAndNamedAsLastSeen() {
        TestDescriptors.undeploy(f.registry, board, 1, "org.example.boarda");
        String job = f.job(acme, "Job", "PUBLIC");
        // what the marketplace remembered of it when it was last deployed
        f.sql("UPDATE HM_INTEGRATION_SETTING SET NAME = 'Board A as last seen' WHERE INTEGRATIONID = 'board-a'");
        PostingView v = f.postings.post(acme, job, new PostingIn(connection));
        assertEquals("Board A as last seen", v.boardName());
        assertEquals("nothing to deliver to", 0, f.deliver());
        assertTrue("it waits for the board", f.row(v.id()).getNextAttemptAt() > f.now());
        TestDescriptors.deploy(f.registry, board, 2, "org.example.boarda");
        f.deliver();
        assertEquals(PostingStatus.LIVE, f.row(v.id()).getStatus());
        f.sql("UPDATE HM_INTEGRATION_SETTING SET NAME = NULL WHERE INTEGRATIONID = 'board-a'");
        TestDescriptors.undeploy(f.registry, board, 2, "org.example.boarda");
        String other = f.job(acme, "Other", "PUBLIC");
        assertEquals("no name kept: its id", "board-a", f.postings.post(acme, other, new PostingIn(connection)).boardName());
        Integration notABoard = new Integration() {
            @Override
            public IntegrationDescriptor descriptor() {
                return null;
            }

            @Override
            public ConnectResult connect(ConnectionContext context) {
                return null;
            }

            @Override
            public void disconnect(ConnectionContext context) {
            }
        };
        assertFalse("postings go to job boards only", f.letters.deliversTo(
                new RegisteredIntegration("other", null, notABoard, 9, "org.example.other", 49, List.of())));
        assertTrue(f.letters.deliversTo(new RegisteredIntegration(PostingFixture.BOARD, null, board, 9,
                "org.example.boarda", 49, List.of())));
    }

    @Test
    public void aRefusedUpdateKeepsTheLiveVersionAndARefusedWithdrawalIsNoted() {
        String job = f.job(acme, "Job", "PUBLIC");
        PostingView v = live(job);
        board.fails = IntegrationException.invalid("TOO_LONG", "the title is too long for this board");
        board.failures = 1;
        f.jobs.update(acme, job, new UpdateJob("A title the board does not take", null, null, null, null, null, null,
                null, null));
        f.deliver();
        PostingView kept = f.postings.get(acme, v.id());
        assertEquals(PostingStatus.LIVE, kept.status());
        assertEquals(1, kept.liveVersion());
        assertEquals(2, kept.adVersion());
        assertTrue(kept.history().get(3).detail(), kept.history().get(3).detail()
                .startsWith("The board did not take version 2 of the ad: Refused by the vendor (TOO_LONG)"));
        assertTrue(kept.delivery().lastError(), kept.delivery().lastError().contains("the title is too long"));
        assertNull(kept.delivery().pending());

        board.unpublishFails = IntegrationException.invalid("LOCKED", "the ad is locked");
        f.postings.withdraw(acme, v.id());
        f.deliver();
        PostingView w = f.postings.get(acme, v.id());
        assertEquals(PostingStatus.WITHDRAWN, w.status());
        assertTrue(w.history().get(w.history().size() - 1).detail(), w.history().get(w.history().size() - 1).detail()
                .startsWith("The board could not be told to take the ad down: Refused by the vendor (LOCKED)"));
        assertNull(f.row(v.id()).getNextAttemptAt());
    }

    @Test
    public void anAdNeverAcknowledgedFailsAfterTheDeliveryLimitAndAGoneConnectionFailsAtOnce() {
        board.fails = IntegrationException.unavailable("down");
        board.failures = Integer.MAX_VALUE;
        PostingView v = f.postings.post(acme, f.job(acme, "Job", "PUBLIC"), new PostingIn(connection));
        f.deliver();
        for (int h = 0; h < 71; h++) {
            f.later(HOUR);
        }
        assertEquals(PostingStatus.PENDING, f.row(v.id()).getStatus());
        f.later(2 * HOUR);
        PostingEntity failed = f.row(v.id());
        assertEquals(PostingStatus.FAILED, failed.getStatus());
        assertEquals("NOT_ACKNOWLEDGED", failed.getStatusCode());
        assertTrue(failed.getReason(), failed.getReason().contains("72 hours") && failed.getReason().contains("down"));

        board.failures = 0;
        PostingView gone = f.postings.post(acme, f.job(acme, "Other", "PUBLIC"), new PostingIn(connection));
        f.sql("DELETE FROM HM_CONNECTION_EVENT WHERE CONNECTIONID = '" + connection + "'");
        f.sql("DELETE FROM HM_CONNECTION WHERE ID = '" + connection + "'");
        f.deliver();
        assertEquals(PostingStatus.FAILED, f.row(gone.id()).getStatus());
        assertEquals("CONNECTION_GONE", f.row(gone.id()).getStatusCode());
    }

    @Test
    public void anAdChangedWhileItIsBeingSentIsSentAgainInItsNewestVersion() {
        String job = f.job(acme, "Job", "PUBLIC");
        PostingView v = f.postings.post(acme, job, new PostingIn(connection));
        f.jobs.update(acme, job, new UpdateJob("Changed before it was sent", null, null, null, null, null, null, null,
                null));
        assertEquals("a pending posting is not re-sent, its first delivery has the newest", PostingStatus.PENDING,
                f.row(v.id()).getStatus());
        board.beforeAnswer = () -> f.jobs.update(acme, job, new UpdateJob("Changed while it was sent", null, null, null,
                null, null, null, null, null));
        f.deliver();
        assertEquals(List.of("Changed before it was sent", "Changed while it was sent"),
                board.published.stream().map(JobAd::title).toList());
        assertEquals(List.of("hm-posting-" + v.id() + "-v2", "hm-posting-" + v.id() + "-v3"), board.keys());
        PostingView after = f.postings.get(acme, v.id());
        assertEquals(PostingStatus.LIVE, after.status());
        assertEquals(3, after.liveVersion());
        assertNull(after.delivery());
    }

    @Test
    public void aBoardThatAnswersAnUpdateWithAnotherReferenceKeepsTheFirstAndIsNoted() {
        String job = f.job(acme, "Job", "PUBLIC");
        PostingView v = live(job);
        board.reference = ad -> "other-ref";
        f.jobs.update(acme, job, new UpdateJob("New title", null, null, null, null, null, null, null, null));
        f.deliver();
        PostingView after = f.postings.get(acme, v.id());
        assertEquals("ref-" + v.id(), after.boardReference());
        assertTrue(after.history().stream().anyMatch(e -> e.detail().equals(
                "The board answered with another reference (other-ref); the first, ref-" + v.id() + ", is kept")));
        assertEquals(1, f.registry.caller().health(PostingFixture.BOARD).anomalies());
    }

    @Test
    public void twoEditsBeforeTheBoardAnswersSendOnlyTheNewestVersion() {
        String job = f.job(acme, "Job", "PUBLIC");
        PostingView v = live(job);
        long before = f.now();
        f.jobs.update(acme, job, new UpdateJob("Second", null, null, null, null, null, null, null, null));
        long due = f.row(v.id()).getNextAttemptAt();
        assertTrue("handed over now, found by a scan after the grace", due >= before + 10_000 && due <= f.now() + 10_000);
        f.jobs.update(acme, job, new UpdateJob("Third", null, null, null, null, null, null, null, null));
        PostingEntity row = f.row(v.id());
        assertEquals(PostingStatus.UPDATE_PENDING, row.getStatus());
        assertEquals(3, row.getAdVersion());
        assertTrue(row.getNextAttemptAt() >= due);
        assertEquals(1, f.deliver());
        assertEquals(List.of("hm-posting-" + v.id() + "-v1", "hm-posting-" + v.id() + "-v3"), board.keys());
        assertEquals(List.of("Job", "Third"), board.published.stream().map(JobAd::title).toList());
    }

    @Test
    public void aPostingIsHandedOverAtOnceAndFoundByTheScanAfterItsGrace() {
        long before = f.now();
        PostingView v = f.postings.post(acme, f.job(acme, "Job", "PUBLIC"), new PostingIn(connection));
        long due = f.row(v.id()).getNextAttemptAt();
        assertTrue(due >= before + 10_000 && due <= f.now() + 10_000);
        assertEquals(List.of(v.id()), f.postings.list(acme, " ", " ", PageRequest.of(0, 10)).content().stream()
                .map(PostingView::id).toList());
        String failedConnection = f.connection(acme, "board-b", Set.of(StandardScopes.JOBS_READ));
        f.sql("UPDATE HM_CONNECTION SET STATE = 'FAILED' WHERE ID = '" + failedConnection + "'");
        ApiException e = refused(409, "connection-not-active", () -> f.postings.post(acme, f.job(acme, "Other", "PUBLIC"),
                new PostingIn(failedConnection)));
        assertEquals("connection " + failedConnection + " is FAILED; only an ACTIVE connection takes postings", e.detail());
    }

    @Test
    public void aPluginLearnsExactlyWhyASubmissionIsRefused() throws Exception {
        PostingView v = live(f.job(acme, "Job", "PUBLIC"));
        var host = board.contexts.get(0).host();
        try {
            host.submitCandidate(new CandidateSubmission(v.id(), "", "B", "not-an-email", null, null, null));
            fail("invalid fields");
        } catch (IllegalArgumentException expected) {
            assertTrue(expected.getMessage(), expected.getMessage().startsWith("candidate.firstName: ")
                    && expected.getMessage().contains("; candidate.email: "));
        }
        try {
            host.submitCandidate(new CandidateSubmission("nowhere", "Bo", "B", "bo@example.org", null, null, null));
            fail("unknown reference");
        } catch (IllegalArgumentException expected) {
            assertTrue(expected.getMessage(), expected.getMessage().contains("nowhere"));
        }
    }
}
