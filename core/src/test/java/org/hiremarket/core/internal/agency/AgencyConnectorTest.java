package org.hiremarket.core.internal.agency;

import static org.hiremarket.core.internal.common.Refusals.refused;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.util.List;
import java.util.Set;

import org.hiremarket.api.agency.Assignment;
import org.hiremarket.api.integration.CandidateSubmission;
import org.hiremarket.api.integration.HostFacade;
import org.hiremarket.api.integration.IntegrationException;
import org.hiremarket.api.integration.StandardScopes;
import org.hiremarket.api.integration.SubmissionReceipt;
import org.hiremarket.core.internal.agency.AgencyViews.AssignIn;
import org.hiremarket.core.internal.agency.AgencyViews.AssignmentView;
import org.hiremarket.core.internal.candidate.ApplicationEntity;
import org.hiremarket.core.internal.candidate.ApplicationService;
import org.hiremarket.core.internal.candidate.CandidateViews.CandidateIn;
import org.hiremarket.core.internal.candidate.SourceType;
import org.hiremarket.core.internal.common.ApiException;
import org.hiremarket.core.internal.company.TestCompanies;
import org.hiremarket.core.internal.identity.Caller;
import org.hiremarket.core.internal.job.JobEntity;
import org.hiremarket.core.internal.job.JobService;
import org.hiremarket.core.internal.marketplace.ConnectionState;
import org.hiremarket.core.internal.persistence.InMemoryUnit;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/**
 * Agencies connected through a bundle, through the services that enforce the rules, delivered by
 * the real mailbox (on the test's thread) to a fake agency: assigning through a connection, the
 * assignment delivered once and idempotently, retried, refused, given up after the time limit,
 * sent again when the agency's bundle returns, cancellations told, disconnects cancelling, and the
 * agency's candidates arriving on the assignment with the portal's attribution rules.
 */
public class AgencyConnectorTest {

    private static final long HOUR = 3_600_000L;

    private AgencyConnectorFixture f;
    private AgencyConnectorFixture.Agency agency;
    private Caller acme;
    private Caller sam;
    private Caller globex;
    private String connection;
    private String job;

    @Before
    public void open() {
        f = new AgencyConnectorFixture(InMemoryUnit.shared(getClass()));
        agency = f.agency;
        acme = TestCompanies.create(f.db, "Acme");
        globex = TestCompanies.create(f.db, "Globex");
        sam = f.user(acme, "Sam", "Lee");
        connection = f.connection(acme);
        job = f.job(acme, "Staff nurse");
        f.deliver();
    }

    @After
    public void close() {
        f.close();
    }

    private AssignmentView assign(Caller caller, String jobId) {
        return f.agencies.assign(caller, jobId, new AssignIn(null, AgencyConnectorFixture.percentage(), connection));
    }

    private HostFacade facade(String connectionId) {
        return f.connections.hostContext(f.connectionRow(connectionId)).host();
    }

    private static CandidateSubmission person(String reference, String email) {
        return new CandidateSubmission(reference, "Ada", "Lovelace", email, "+44 20 7946 0000", null, null);
    }

    @Test
    public void anAssignmentThroughAConnectionIsCommittedFirstThenDeliveredOnceWithItsTermsAndAssigner() {
        AssignmentView v = assign(sam, job);
        assertEquals(AssignmentStatus.NEW, v.status());
        assertEquals(connection, v.connectionId());
        assertNull("no portal recruiter", v.agencyId());
        assertEquals("Agency agency-a", v.agencyName());
        assertEquals(AssignmentDelivery.SENDING, v.delivery().state());
        assertEquals(AssignmentCall.ASSIGN, v.delivery().pendingCall());
        assertTrue("nothing sent before the mailbox runs", agency.received.isEmpty());

        assertEquals(1, f.deliver());
        assertEquals(1, agency.received.size());
        Assignment sent = agency.received.get(0);
        assertEquals(v.id(), sent.assignmentId());
        assertEquals(job, sent.jobId());
        assertEquals("Staff nurse", sent.jobTitle());
        assertEquals("GB", sent.countryCode());
        assertEquals("London", sent.city());
        assertEquals("Sam Lee", sent.assignedBy());
        assertEquals("20% of a first-year salary of 60000.00 EUR (12000.00 EUR per hire)", sent.feeTerms());

        AssignmentView after = f.agencies.get(acme, v.id());
        assertEquals(AssignmentStatus.NEW, after.status());
        assertEquals(AssignmentDelivery.DELIVERED, after.delivery().state());
        assertEquals("AG-" + v.id().substring(0, 8), after.delivery().agencyReference());
        assertNull(after.delivery().pendingCall());
        assertNotNull(after.delivery().deliveredAt());
        assertEquals("nothing is owed any more", 0, f.later(2 * HOUR));
        assertEquals(1, agency.received.size());
    }

    @Test
    public void aCredentialsAssignmentNamesNoUser() {
        assign(acme, job);
        f.deliver();
        assertNull(agency.received.get(0).assignedBy());
    }

    @Test
    public void exactlyOneOfAgencyAndConnectionAndOnlyTheCompanysActiveAgencyConnectionWithJobsRead() {
        assertEquals(400, refused(() -> f.agencies.assign(acme, job,
                new AssignIn("partner-1", AgencyConnectorFixture.percentage(), connection))).status());
        assertEquals(400, refused(() -> f.agencies.assign(acme, job,
                new AssignIn(null, AgencyConnectorFixture.percentage(), " "))).status());
        String theirs = f.connection(globex);
        refused(404, "not-found", () -> f.agencies.assign(acme, job,
                new AssignIn(null, AgencyConnectorFixture.percentage(), theirs)));
        refused(404, "not-found", () -> f.agencies.assign(acme, job,
                new AssignIn(null, AgencyConnectorFixture.percentage(), "no-such-connection")));
        String disconnected = f.connection(acme, "agency-c", Set.of(StandardScopes.JOBS_READ),
                ConnectionState.DISCONNECTED);
        refused(409, "connection-not-active", () -> f.agencies.assign(acme, job,
                new AssignIn(null, AgencyConnectorFixture.percentage(), disconnected)));
        String noJobs = f.connection(acme, AgencyConnectorFixture.OTHER, Set.of(StandardScopes.CANDIDATES_WRITE),
                ConnectionState.ACTIVE);
        refused(409, "scope-not-granted", () -> f.agencies.assign(acme, job,
                new AssignIn(null, AgencyConnectorFixture.percentage(), noJobs)));
        String unknownKind = f.connection(acme, "not-deployed", Set.of(StandardScopes.JOBS_READ), ConnectionState.ACTIVE);
        refused(409, "not-an-agency", () -> f.agencies.assign(acme, job,
                new AssignIn(null, AgencyConnectorFixture.percentage(), unknownKind)));

        assign(acme, job);
        refused(409, "already-assigned", () -> assign(acme, job));
        assertEquals("only one assignment was written", 1, f.agencies.forJob(acme, job).size());
    }

    @Test
    public void anAgencyThatCannotTakeItNowGetsItAgainWithTheSameIdAfterTheBackoff() {
        agency.fails = IntegrationException.unavailable("agency down");
        agency.failures = 2;
        AssignmentView v = assign(acme, job);
        f.deliver();
        AssignmentEntity row = f.row(v.id());
        assertEquals(AssignmentDelivery.SENDING, row.getDelivery());
        assertEquals(1, row.getDeliveryAttempts());
        assertTrue(row.getLastError(), row.getLastError().contains("agency down"));
        f.later(HOUR);
        f.later(HOUR);
        assertEquals(List.of(v.id()), agency.receivedIds());
        assertEquals(AssignmentDelivery.DELIVERED, f.row(v.id()).getDelivery());
        assertNull(f.row(v.id()).getLastError());
    }

    @Test
    public void aRefusalLeavesTheAssignmentNewWithTheAgencysReasonAndItsCancelTellsNobody() {
        agency.fails = IntegrationException.invalid("INVALID_ASSIGNMENT", "we do not recruit nurses");
        agency.failures = 1;
        AssignmentView v = assign(acme, job);
        f.deliver();
        AssignmentView refusedView = f.agencies.get(acme, v.id());
        assertEquals(AssignmentStatus.NEW, refusedView.status());
        assertEquals(AssignmentDelivery.FAILED, refusedView.delivery().state());
        assertEquals("INVALID_ASSIGNMENT", refusedView.delivery().code());
        assertTrue(refusedView.delivery().detail(), refusedView.delivery().detail().contains("we do not recruit nurses"));
        assertNull(refusedView.delivery().pendingCall());
        assertEquals("a refusal is not retried", 0, f.later(2 * HOUR));

        AssignmentView cancelled = f.agencies.cancel(acme, v.id());
        assertEquals(AssignmentStatus.CANCELLED, cancelled.status());
        assertEquals(AssignmentDelivery.FAILED, cancelled.delivery().state());
        f.deliver();
        assertTrue("the agency never had it", agency.cancelled.isEmpty());
    }

    @Test
    public void anAssignmentNobodyAcknowledgesWithinTheTimeLimitFails() {
        agency.fails = IntegrationException.unavailable("agency down");
        agency.failures = Integer.MAX_VALUE;
        AssignmentView v = assign(acme, job);
        f.deliver();
        f.later(73 * HOUR);
        AssignmentEntity row = f.row(v.id());
        assertEquals(AssignmentDelivery.FAILED, row.getDelivery());
        assertEquals("NOT_ACKNOWLEDGED", row.getDeliveryCode());
        assertEquals(AssignmentStatus.NEW, row.getStatus());
        assertNull(row.getCall());
    }

    @Test
    public void whenTheAgencysBundleReturnsItsOpenAssignmentsAreSentAgainWithTheSameIdAndOwedOnesDelivered() {
        AssignmentView delivered = assign(acme, job);
        f.deliver();
        String other = f.job(acme, "Night nurse");
        f.undeployAgency();
        AssignmentView waiting = assign(acme, other);
        f.later(2 * HOUR);
        assertEquals("nothing reaches an agency that is away", List.of(delivered.id()), agency.receivedIds());
        assertEquals(AssignmentDelivery.SENDING, f.row(waiting.id()).getDelivery());

        f.deployAgency();
        f.deliver();
        assertEquals(3, agency.received.size());
        assertEquals(2, agency.receivedIds().stream().filter(delivered.id()::equals).count());
        assertEquals(1, agency.receivedIds().stream().filter(waiting.id()::equals).count());
        AssignmentEntity again = f.row(delivered.id());
        assertEquals(AssignmentDelivery.DELIVERED, again.getDelivery());
        assertFalse(again.isRedeliver());
        assertEquals("AG-" + delivered.id().substring(0, 8), again.getAgencyReference());
        assertEquals(AssignmentDelivery.DELIVERED, f.row(waiting.id()).getDelivery());
        assertEquals("nothing more is owed", 0, f.later(2 * HOUR));

        // a cancelled one is not sent again
        f.agencies.cancel(acme, delivered.id());
        f.deliver();
        f.undeployAgency();
        f.deployAgency();
        f.deliver();
        assertEquals(2, agency.receivedIds().stream().filter(delivered.id()::equals).count());
    }

    @Test
    public void cancellingTellsTheAgencyOnceAndACancellationItCannotTakeNowIsRetried() {
        AssignmentView v = assign(acme, job);
        f.deliver();
        agency.cancelFails = IntegrationException.unavailable("agency busy");
        AssignmentView c = f.agencies.cancel(sam, v.id());
        assertEquals(AssignmentStatus.CANCELLED, c.status());
        assertEquals(AssignmentDelivery.CANCELLING, c.delivery().state());
        assertEquals(AssignmentCall.CANCEL, c.delivery().pendingCall());
        f.deliver();
        assertTrue(agency.cancelled.isEmpty());
        assertEquals(1, f.row(v.id()).getDeliveryAttempts());
        agency.cancelFails = null;
        f.later(HOUR);
        assertEquals(List.of(v.id()), agency.cancelled);
        assertTrue(agency.reasons.get(0), agency.reasons.get(0).contains("Cancelled by the customer"));
        assertEquals(AssignmentDelivery.CANCELLED, f.row(v.id()).getDelivery());
        assertEquals("told once", 0, f.later(2 * HOUR));
        assertEquals(1, agency.cancelled.size());
    }

    @Test
    public void cancellingBeforeTheFirstDeliveryReplacesTheAssignmentWithItsCancellation() {
        AssignmentView v = assign(acme, job);
        f.agencies.cancel(acme, v.id());
        f.deliver();
        assertTrue("the assignment itself is no longer owed", agency.received.isEmpty());
        assertEquals(List.of(v.id()), agency.cancelled);
    }

    @Test
    public void disconnectingCancelsTheConnectionsOpenAssignmentsAndTellsTheAgency() {
        AssignmentView v = assign(acme, job);
        f.deliver();
        f.connections.disconnect(acme, connection);
        AssignmentEntity row = f.row(v.id());
        assertEquals(AssignmentStatus.CANCELLED, row.getStatus());
        assertEquals(AssignmentDelivery.CANCELLING, row.getDelivery());
        f.deliver();
        assertEquals(List.of(v.id()), agency.cancelled);
        assertTrue(agency.reasons.get(0), agency.reasons.get(0).contains("disconnected"));
    }

    @Test
    public void theAgencysCandidatesArriveOnTheAssignmentAttributedAndTheFirstStartsIt() throws Exception {
        AssignmentView v = assign(acme, job);
        f.deliver();
        SubmissionReceipt first = facade(connection).submitCandidate(person(v.id(), "ada@example.org"));
        assertFalse(first.duplicate());
        ApplicationEntity app = f.db.tx(em -> em.find(ApplicationEntity.class, first.applicationId()));
        assertEquals(SourceType.AGENCY, app.getSourceType());
        assertEquals("Agency agency-a", app.getSourceName());
        assertEquals(job, app.getJobId());
        AssignmentView started = f.agencies.get(acme, v.id());
        assertEquals(AssignmentStatus.IN_PROGRESS, started.status());
        assertEquals(1, started.submissions().size());
        assertTrue(started.submissions().get(0).attributed());

        SubmissionReceipt again = facade(connection).submitCandidate(person(" " + v.id() + " ", "ada@example.org"));
        assertTrue(again.duplicate());
        assertEquals(first.applicationId(), again.applicationId());
        assertEquals(1, f.agencies.get(acme, v.id()).submissions().size());
    }

    @Test
    public void aPersonWhoAppliedOnTheirOwnBeforeIsNotAttributedToTheConnectedAgency() throws Exception {
        String earlier = f.job(acme, "Ward manager");
        f.db.tx(em -> ApplicationService.applyFromIntegration(em, JobService.load(em, acme.companyId(), earlier),
                new CandidateIn("Grace", "Hopper", "grace@example.org", null, null, null, null), SourceType.JOB_BOARD,
                "Board", "test"));
        AssignmentView v = assign(acme, job);
        SubmissionReceipt r = facade(connection).submitCandidate(
                new CandidateSubmission(v.id(), "Grace", "Hopper", "grace@example.org", null, null, null));
        ApplicationEntity app = f.db.tx(em -> em.find(ApplicationEntity.class, r.applicationId()));
        assertEquals(SourceType.JOB_BOARD, app.getSourceType());
        assertFalse(f.agencies.get(acme, v.id()).submissions().get(0).attributed());
    }

    @Test
    public void candidatesForAClosedAssignmentOrAnotherConnectionsAreRefused() throws Exception {
        AssignmentView v = assign(acme, job);
        String second = f.connection(acme, AgencyConnectorFixture.OTHER, Set.of(StandardScopes.JOBS_READ,
                StandardScopes.CANDIDATES_WRITE), ConnectionState.ACTIVE);
        try {
            facade(second).submitCandidate(person(v.id(), "ada@example.org"));
            fail("another connection's assignment");
        } catch (IllegalArgumentException expected) {
            assertTrue(expected.getMessage(), expected.getMessage().contains(v.id()));
        }
        try {
            facade(connection).submitCandidate(person(null, "ada@example.org"));
            fail("no reference");
        } catch (IllegalArgumentException expected) {
            assertTrue(expected.getMessage(), expected.getMessage().contains("reference"));
        }
        try {
            facade(connection).submitCandidate(new CandidateSubmission(v.id(), "", "", "not-an-email", null, null, null));
            fail("invalid fields");
        } catch (IllegalArgumentException expected) {
            assertTrue(expected.getMessage(), expected.getMessage().contains("email"));
        }
        f.agencies.cancel(acme, v.id());
        try {
            facade(connection).submitCandidate(person(v.id(), "ada@example.org"));
            fail("a cancelled assignment takes nobody");
        } catch (IllegalArgumentException expected) {
            assertTrue(expected.getMessage(), expected.getMessage().contains("CANCELLED"));
        }
        assertTrue(f.agencies.get(acme, v.id()).submissions().isEmpty());
        long apps = f.db.tx(em -> em.createQuery("SELECT COUNT(a) FROM ApplicationEntity a WHERE a.jobId = :j",
                Long.class).setParameter("j", job).getSingleResult());
        assertEquals(0, apps);
    }

    @Test
    public void aHireOfTheConnectedAgencysCandidateCompletesTheAssignment() throws Exception {
        AssignmentView v = assign(acme, job);
        SubmissionReceipt r = facade(connection).submitCandidate(person(v.id(), "ada@example.org"));
        f.db.tx(em -> {
            ApplicationEntity app = em.find(ApplicationEntity.class, r.applicationId());
            f.agencies.applicationStatusChanged(em, app, app.getStatus(),
                    org.hiremarket.core.internal.candidate.ApplicationStatus.HIRED, System.currentTimeMillis());
            return null;
        });
        AssignmentView done = f.agencies.get(acme, v.id());
        assertEquals(AssignmentStatus.COMPLETED, done.status());
        assertEquals(0, new java.math.BigDecimal("12000.00").compareTo(done.revenue()));
    }

    @Test
    public void theConsoleListsConnectorAssignmentsWithTheAgencysName() {
        assign(acme, job);
        var rows = f.agencies.adminAssignments(acme.companyId(), null);
        assertEquals(1, rows.size());
        assertNull(rows.get(0).agencyId());
        assertEquals("Agency agency-a", rows.get(0).agencyName());
        JobEntity j = f.db.tx(em -> em.find(JobEntity.class, job));
        assertNotNull(j);
        assertNotNull(ApiException.class);
    }
}
