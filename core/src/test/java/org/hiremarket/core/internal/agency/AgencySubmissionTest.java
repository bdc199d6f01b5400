package org.hiremarket.core.internal.agency;

import static org.hiremarket.core.internal.agency.AgencyFixture.assign;
import static org.hiremarket.core.internal.agency.AgencyFixture.email;
import static org.hiremarket.core.internal.agency.AgencyFixture.fee;
import static org.hiremarket.core.internal.agency.AgencyFixture.percent;
import static org.hiremarket.core.internal.agency.AgencyFixture.person;
import static org.hiremarket.core.internal.agency.AgencyFixture.submission;
import static org.hiremarket.core.internal.agency.AgencyFixture.unique;
import static org.hiremarket.core.internal.common.Refusals.refused;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.math.BigDecimal;
import java.util.List;

import org.hiremarket.core.internal.agency.AgencyViews.AgencyAssignmentRow;
import org.hiremarket.core.internal.agency.AgencyViews.AgencyAssignmentView;
import org.hiremarket.core.internal.agency.AgencyViews.AssignmentView;
import org.hiremarket.core.internal.agency.AgencyViews.PersonView;
import org.hiremarket.core.internal.agency.AgencyViews.SubmissionIn;
import org.hiremarket.core.internal.agency.AgencyViews.SubmissionResult;
import org.hiremarket.core.internal.candidate.ApplicationStatus;
import org.hiremarket.core.internal.candidate.CandidateViews.ApplicationView;
import org.hiremarket.core.internal.candidate.CandidateViews.ApplyIn;
import org.hiremarket.core.internal.candidate.SourceType;
import org.hiremarket.core.internal.common.ApiException;
import org.hiremarket.core.internal.common.FieldError;
import org.hiremarket.core.internal.common.PageRequest;
import org.hiremarket.core.internal.identity.Caller;
import org.hiremarket.core.internal.identity.PartnerCaller;
import org.junit.Before;
import org.junit.Test;

/** The agency's side: its assignments, submitting candidates (attribution), and hires completing assignments. */
public class AgencySubmissionTest {

    private AgencyFixture f;
    private Caller acme;
    private String agencyName;
    private PartnerCaller agency;

    @Before
    public void open() {
        f = new AgencyFixture(getClass());
        acme = f.company("Acme");
        agencyName = unique("Rita's Recruiting");
        agency = f.linkedRecruiter(acme, agencyName);
    }

    private AssignmentView assigned(String title) {
        return f.agencies.assign(acme, f.job(acme, title), assign(agency, fee("5000", "EUR")));
    }

    private int submissions(String assignmentId) {
        return f.count("HM_AGENCY_SUBMISSION", "ASSIGNMENTID = ?", assignmentId);
    }

    private String applicationOf(String assignmentId, String submissionId) {
        return f.agencies.get(acme, assignmentId).submissions().stream().filter(s -> s.id().equals(submissionId))
                .findFirst().orElseThrow().applicationId();
    }

    private void hire(String applicationId) {
        f.applications.changeStatus(acme, applicationId, "OFFERED", null);
        f.applications.changeStatus(acme, applicationId, "HIRED", null);
    }

    // ------------------------------------------------------------------------------ the agency's assignments

    @Test
    public void theAgencySeesItsAssignmentsWithTheCompanyTheAdAndTheStatusAndNoOneElses() {
        AssignmentView a = assigned("Platform engineer");
        AssignmentView b = assigned("Data engineer");
        f.agencies.cancel(acme, b.id());
        PartnerCaller other = f.linkedRecruiter(acme, unique("Other agency"));

        List<AgencyAssignmentRow> rows = f.agencies.assignments(agency, null, PageRequest.of(0, 10)).content();
        assertEquals(2, rows.size());
        AgencyAssignmentRow row = rows.stream().filter(r -> r.id().equals(a.id())).findFirst().orElseThrow();
        assertEquals(new AgencyAssignmentRow(a.id(), f.companyName(acme), "Platform engineer", "Berlin", "DE", a.sentAt(),
                AssignmentStatus.NEW), row);
        assertEquals(List.of(b.id()), f.agencies.assignments(agency, AssignmentStatus.CANCELLED, PageRequest.of(0, 10))
                .content().stream().map(AgencyAssignmentRow::id).toList());
        assertEquals(List.of(a.id()), f.agencies.assignments(agency, AssignmentStatus.NEW, PageRequest.of(0, 10))
                .content().stream().map(AgencyAssignmentRow::id).toList());
        assertEquals(0, f.agencies.assignments(other, null, PageRequest.of(0, 10)).totalFound());

        AgencyAssignmentView details = f.agencies.assignment(agency, a.id());
        assertEquals(a.id(), details.id());
        assertEquals(f.companyName(acme), details.companyName());
        assertEquals("Platform engineer", details.job().title());
        assertEquals("Berlin", details.job().location().city());
        assertEquals("Build things", details.job().description().jobDescription());
        assertEquals(PaymentTerms.Type.FIXED_FEE, details.terms().type());
        assertEquals(AssignmentStatus.NEW, details.status());
        assertEquals(a.sentAt(), details.sentAt());
        assertEquals(List.of(), details.people());

        refused(404, "not-found", () -> f.agencies.assignment(other, a.id()));
        refused(404, "not-found", () -> f.agencies.assignment(agency, null));
        refused(404, "not-found", () -> f.agencies.assignment(agency, "no-such-assignment"));
        refused(404, "not-found", () -> f.agencies.submit(other, a.id(), submission("Ada", "Lovelace", email("ada"))));
        assertEquals(0, submissions(a.id()));
        assertEquals(AssignmentStatus.NEW, f.agencies.get(acme, a.id()).status());
    }

    // ------------------------------------------------------------------------------ submissions

    @Test
    public void aSubmissionNeedsACandidateAndAValidRatingAndReviewAndWritesNothingOtherwise() {
        AssignmentView a = assigned("Engineer");
        for (SubmissionIn missing : new SubmissionIn[] { null, new SubmissionIn(null, 5, "fine", null) }) {
            ApiException e = refused(400, "validation-error", () -> f.agencies.submit(agency, a.id(), missing));
            assertEquals(List.of(new FieldError("candidate", "is required: firstName, lastName and email at least")),
                    e.errors());
        }
        for (Integer bad : new Integer[] { 0, 6 }) {
            ApiException e = refused(400, "validation-error", () -> f.agencies.submit(agency, a.id(),
                    new SubmissionIn(person("Ada", "Lovelace", email("ada")), bad, null, null)));
            assertEquals(List.of(new FieldError("rating", "must be a whole number from 1 to 5")), e.errors());
        }
        ApiException both = refused(400, "validation-error", () -> f.agencies.submit(agency, a.id(),
                new SubmissionIn(person("Ada", "Lovelace", email("ada")), 9, "x".repeat(2001), null)));
        assertEquals(List.of(new FieldError("rating", "must be a whole number from 1 to 5"),
                new FieldError("review", "must be at most 2000 characters")), both.errors());
        ApiException person = refused(400, "validation-error", () -> f.agencies.submit(agency, a.id(),
                submission("Ada", "", "not-an-email")));
        assertEquals(List.of("candidate.lastName", "candidate.email"),
                person.errors().stream().map(FieldError::field).toList());
        assertEquals(0, submissions(a.id()));
        assertEquals(0, f.count("HM_APPLICATION", "JOBID = ?", a.jobId()));
        assertEquals(AssignmentStatus.NEW, f.agencies.get(acme, a.id()).status());

        // the limits themselves are fine
        SubmissionResult r = f.agencies.submit(agency, a.id(), new SubmissionIn(person("Ada", "Lovelace",
                email("ada")), 1, " " + "y".repeat(2000) + " ", null));
        assertEquals(Integer.valueOf(1), r.person().rating());
        assertEquals("y".repeat(2000), r.person().review());
        assertEquals(Integer.valueOf(5), f.agencies.submit(agency, a.id(), new SubmissionIn(person("Bob", "B",
                email("bob")), 5, "  ", null)).person().rating());
        assertNull("a blank review is none", f.agencies.assignment(agency, a.id()).people().get(1).review());
    }

    @Test
    public void theFirstCandidateStartsTheAssignmentAndIsTheAgencysApplication() {
        AssignmentView a = assigned("Engineer");
        String address = email("ada");
        long before = System.currentTimeMillis();
        SubmissionResult r = f.agencies.submit(agency, a.id(), new SubmissionIn(person("Ada", "Lovelace", address), 4,
                "Strong", null));
        assertTrue(r.attributed());
        assertFalse(r.duplicate());
        assertNull(r.message());
        assertEquals(AssignmentStatus.IN_PROGRESS, r.assignmentStatus());
        PersonView p = r.person();
        assertEquals("Ada Lovelace", p.name());
        assertEquals("Hamburg", p.city());
        assertEquals("DE", p.countryCode());
        assertNull(p.clientAverageRating());
        assertEquals("Active", p.status());
        assertTrue(p.attributed());
        assertEquals(Integer.valueOf(4), p.rating());
        assertEquals("Strong", p.review());
        assertTrue(p.submittedAt().toEpochMilli() >= before);

        AssignmentView after = f.agencies.get(acme, a.id());
        assertEquals(AssignmentStatus.IN_PROGRESS, after.status());
        assertNotNull(after.startedAt());
        assertEquals(1, after.submissions().size());
        assertEquals("Ada Lovelace", after.submissions().get(0).candidateName());
        assertTrue(after.submissions().get(0).attributed());
        assertEquals("NEW", after.submissions().get(0).applicationStatus());
        ApplicationView app = f.applications.get(acme, after.submissions().get(0).applicationId());
        assertEquals(a.jobId(), app.jobId());
        assertEquals(SourceType.AGENCY, app.source().type());
        assertEquals(agencyName, app.source().name());
        assertEquals(List.of(p), f.agencies.assignment(agency, a.id()).people());

        // the same person again: nothing new
        f.sql("UPDATE HM_ASSIGNMENT SET STARTEDAT = 1000 WHERE ID = '" + a.id() + "'");
        SubmissionResult again = f.agencies.submit(agency, a.id(), submission("Ada", "Lovelace", address));
        assertTrue(again.duplicate());
        assertTrue(again.attributed());
        assertEquals("the candidate was submitted to this job before; nothing changed", again.message());
        assertEquals(p.submissionId(), again.person().submissionId());
        assertEquals(AssignmentStatus.IN_PROGRESS, again.assignmentStatus());
        assertEquals(1, submissions(a.id()));
        assertEquals(1, f.count("HM_APPLICATION", "JOBID = ?", a.jobId()));

        // a second person: a second submission, the assignment stays in progress since its first
        SubmissionResult second = f.agencies.submit(agency, a.id(), submission("Bob", "Builder", email("bob")));
        assertFalse(second.duplicate());
        assertEquals(2, submissions(a.id()));
        assertEquals(1000L, f.agencies.get(acme, a.id()).startedAt().toEpochMilli());
        assertEquals(List.of("Ada Lovelace", "Bob Builder"), f.agencies.assignment(agency, a.id()).people().stream()
                .map(PersonView::name).toList());
    }

    @Test
    public void aPersonWhoAppliedOnTheirOwnIsNotTheAgencysAndTheRecruiterIsToldWhy() {
        String address = email("grace");
        String otherJob = f.job(acme, "Analyst");
        f.applications.apply(acme, otherJob, new ApplyIn(null, person("Grace", "Hopper", address), null, null));
        AssignmentView a = assigned("Engineer");
        SubmissionResult r = f.agencies.submit(agency, a.id(), submission("Grace", "Hopper", address));
        assertFalse(r.attributed());
        assertFalse(r.duplicate());
        assertEquals("the candidate had applied to a job of this company on their own before (source API), so the"
                + " application is not attributed to the agency", r.message());
        assertFalse(r.person().attributed());
        assertEquals("the submission starts the assignment all the same", AssignmentStatus.IN_PROGRESS,
                r.assignmentStatus());
        AssignmentView v = f.agencies.get(acme, a.id());
        assertFalse(v.submissions().get(0).attributed());
        assertEquals(SourceType.API, f.applications.get(acme, v.submissions().get(0).applicationId()).source().type());
        assertEquals(List.of("0"), f.rows("SELECT ATTRIBUTED FROM HM_AGENCY_SUBMISSION WHERE ASSIGNMENTID = ?",
                a.id()));

        // applied to this very job on their own: not the agency's either
        String direct = email("direct");
        f.applications.apply(acme, a.jobId(), new ApplyIn(null, person("Dee", "Rect", direct), null, null));
        SubmissionResult d = f.agencies.submit(agency, a.id(), submission("Dee", "Rect", direct));
        assertTrue(d.duplicate());
        assertFalse(d.attributed());
        assertEquals("the candidate had applied to this job already (source API)", d.message());

        // another agency's candidate on the same job is not this agency's
        PartnerCaller rival = f.linkedRecruiter(acme, unique("Rival"));
        AssignmentView theirs = f.agencies.assign(acme, a.jobId(), assign(rival, fee("1000", "EUR")));
        String shared = email("shared");
        assertTrue(f.agencies.submit(agency, a.id(), submission("Sam", "Shared", shared)).attributed());
        SubmissionResult late = f.agencies.submit(rival, theirs.id(), submission("Sam", "Shared", shared));
        assertFalse(late.attributed());
        assertEquals("the candidate had applied to this job already (source AGENCY)", late.message());
    }

    @Test
    public void anotherAgencyOfTheSameNameDoesNotGetTheCandidateNorItsHire() {
        PartnerCaller namesake = f.linkedRecruiter(acme, agencyName);
        AssignmentView ours = assigned("Engineer");
        AssignmentView theirs = f.agencies.assign(acme, ours.jobId(), assign(namesake, fee("9000", "EUR")));
        String address = email("ada");
        SubmissionResult first = f.agencies.submit(agency, ours.id(), submission("Ada", "Lovelace", address));
        assertTrue(first.attributed());
        SubmissionResult second = f.agencies.submit(namesake, theirs.id(), submission("Ada", "Lovelace", address));
        assertTrue(second.duplicate());
        assertFalse("the same name is not the same agency", second.attributed());
        assertEquals("the candidate had applied to this job already (source AGENCY)", second.message());
        assertEquals(List.of("0"), f.rows("SELECT ATTRIBUTED FROM HM_AGENCY_SUBMISSION WHERE ASSIGNMENTID = ?",
                theirs.id()));

        hire(applicationOf(ours.id(), first.person().submissionId()));
        assertEquals(AssignmentStatus.COMPLETED, f.agencies.get(acme, ours.id()).status());
        AssignmentView notPaid = f.agencies.get(acme, theirs.id());
        assertEquals("one hire pays one agency", AssignmentStatus.IN_PROGRESS, notPaid.status());
        assertNull(notPaid.revenue());
    }

    @Test
    public void aClosedAssignmentTakesNoCandidates() {
        AssignmentView a = assigned("Engineer");
        f.agencies.cancel(acme, a.id());
        ApiException e = refused(409, "assignment-closed", () -> f.agencies.submit(agency, a.id(),
                submission("Ada", "Lovelace", email("ada"))));
        assertEquals("the assignment is CANCELLED and takes no more candidates", e.detail());
        assertEquals(0, submissions(a.id()));
        assertEquals(0, f.count("HM_APPLICATION", "JOBID = ?", a.jobId()));

        // a job filled meanwhile takes no applications
        AssignmentView b = assigned("Filled meanwhile");
        f.jobs.changeStatus(acme, b.jobId(), "SOURCING");
        f.jobs.changeStatus(acme, b.jobId(), "FILLED");
        refused(409, "job-closed", () -> f.agencies.submit(agency, b.id(), submission("Ada", "Lovelace", email("ada"))));
        assertEquals(0, submissions(b.id()));
        assertEquals(AssignmentStatus.NEW, f.agencies.get(acme, b.id()).status());
    }

    // ------------------------------------------------------------------------------ hires

    @Test
    public void hiringTheAgencysCandidateCompletesTheAssignmentWithItsRevenue() {
        AssignmentView a = f.agencies.assign(acme, f.job(acme, "Engineer"), assign(agency,
                percent("12.5", "33333.33", "EUR")));
        String ada = f.agencies.submit(agency, a.id(), submission("Ada", "Lovelace", email("ada"))).person()
                .submissionId();
        String bob = f.agencies.submit(agency, a.id(), submission("Bob", "Builder", email("bob"))).person()
                .submissionId();
        String adaApp = applicationOf(a.id(), ada);
        String bobApp = applicationOf(a.id(), bob);

        // other status changes do nothing
        f.applications.changeStatus(acme, bobApp, "REJECTED", null);
        f.applications.changeStatus(acme, adaApp, "INTERVIEW", null);
        f.applications.changeStatus(acme, adaApp, "OFFERED", null);
        AssignmentView offered = f.agencies.get(acme, a.id());
        assertEquals(AssignmentStatus.IN_PROGRESS, offered.status());
        assertNull(offered.revenue());
        assertNull(offered.endedAt());
        assertEquals(List.of("Active", "Rejected"), f.agencies.assignment(agency, a.id()).people().stream()
                .map(PersonView::status).toList());

        long before = System.currentTimeMillis();
        f.applications.changeStatus(acme, adaApp, "HIRED", null);
        AssignmentView done = f.agencies.get(acme, a.id());
        assertEquals(AssignmentStatus.COMPLETED, done.status());
        assertEquals(new BigDecimal("4166.67"), done.revenue());
        assertTrue(done.endedAt().toEpochMilli() >= before);
        assertEquals(List.of("COMPLETED|" + adaApp + "|4166.67"), f.rows("SELECT STATUS, HIREDAPPLICATIONID, REVENUE"
                + " FROM HM_ASSIGNMENT WHERE ID = ?", a.id()));
        assertEquals(List.of("Hired", "Rejected"), f.agencies.assignment(agency, a.id()).people().stream()
                .map(PersonView::status).toList());
        assertEquals("HIRED", done.submissions().get(0).applicationStatus());

        // a completed assignment is not changed by a second hire
        f.sql("UPDATE HM_ASSIGNMENT SET ENDEDAT = 5000 WHERE ID = '" + a.id() + "'");
        f.applications.changeStatus(acme, bobApp, "IN_REVIEW", null);
        f.applications.changeStatus(acme, bobApp, "OFFERED", null);
        f.applications.changeStatus(acme, bobApp, "HIRED", null);
        assertEquals(List.of("COMPLETED|" + adaApp + "|4166.67|5000"), f.rows("SELECT STATUS, HIREDAPPLICATIONID,"
                + " REVENUE, ENDEDAT FROM HM_ASSIGNMENT WHERE ID = ?", a.id()));
    }

    @Test
    public void aFixedFeeIsTheRevenueAndOnlyAttributedHiresOfOpenAssignmentsCount() {
        AssignmentView fixed = assigned("Fixed");
        String app = applicationOf(fixed.id(), f.agencies.submit(agency, fixed.id(), submission("Ada", "Lovelace",
                email("ada"))).person().submissionId());
        hire(app);
        AssignmentView done = f.agencies.get(acme, fixed.id());
        assertEquals(AssignmentStatus.COMPLETED, done.status());
        assertEquals(new BigDecimal("5000.00"), done.revenue());

        // not attributed: the hire is not the agency's
        String own = email("own");
        f.applications.apply(acme, f.job(acme, "Elsewhere"), new ApplyIn(null, person("Olga", "Own", own), null, null));
        AssignmentView notTheirs = assigned("Not theirs");
        String ownApp = applicationOf(notTheirs.id(), f.agencies.submit(agency, notTheirs.id(), submission("Olga", "Own",
                own)).person().submissionId());
        hire(ownApp);
        AssignmentView still = f.agencies.get(acme, notTheirs.id());
        assertEquals(AssignmentStatus.IN_PROGRESS, still.status());
        assertNull(still.revenue());
        assertNull(still.endedAt());

        // cancelled before the hire: stays cancelled, no revenue
        AssignmentView cancelled = assigned("Cancelled");
        String late = applicationOf(cancelled.id(), f.agencies.submit(agency, cancelled.id(), submission("Lou", "Late",
                email("late"))).person().submissionId());
        f.agencies.cancel(acme, cancelled.id());
        hire(late);
        AssignmentView c = f.agencies.get(acme, cancelled.id());
        assertEquals(AssignmentStatus.CANCELLED, c.status());
        assertNull(c.revenue());
        assertEquals(List.of("null"), f.rows("SELECT HIREDAPPLICATIONID FROM HM_ASSIGNMENT WHERE ID = ?", cancelled.id()));
    }

    @Test
    public void afterACancelTheJobSentAgainGetsTheSamePersonAndItsHire() {
        AssignmentView first = assigned("Engineer");
        String address = email("ada");
        f.agencies.submit(agency, first.id(), submission("Ada", "Lovelace", address));
        f.agencies.cancel(acme, first.id());
        AssignmentView second = f.agencies.assign(acme, first.jobId(), assign(agency, fee("7000", "EUR")));
        SubmissionResult again = f.agencies.submit(agency, second.id(), submission("Ada", "Lovelace", address));
        assertTrue(again.duplicate());
        assertTrue(again.attributed());
        assertEquals(AssignmentStatus.IN_PROGRESS, again.assignmentStatus());
        assertEquals(1, submissions(second.id()));
        hire(applicationOf(second.id(), again.person().submissionId()));
        assertEquals(AssignmentStatus.COMPLETED, f.agencies.get(acme, second.id()).status());
        assertEquals(new BigDecimal("7000.00"), f.agencies.get(acme, second.id()).revenue());
        assertEquals(AssignmentStatus.CANCELLED, f.agencies.get(acme, first.id()).status());
        assertNull(f.agencies.get(acme, first.id()).revenue());
    }

    @Test
    public void theRecordsKeepWhoSentWhatWhoWasHiredAndTheRatings() {
        Caller ann = AgencyFixture.user(acme, "ann");
        String address = email("invite");
        String invitation = f.agencies.invite(ann, address).id();
        long beforeLink = System.currentTimeMillis();
        PartnerCaller linked = f.recruiter(unique("Recorded"));
        f.agencies.accept(linked, f.token(address));
        AssignmentView a = f.agencies.assign(ann, f.job(acme, "Recorded"), assign(linked, fee("10", "EUR")));
        String sub = f.agencies.submit(linked, a.id(), submission("Ada", "Lovelace", email("ada"))).person()
                .submissionId();
        f.agencies.rate(ann, a.id(), sub, 4);
        String app = applicationOf(a.id(), sub);
        hire(app);
        f.db.tx(em -> {
            assertEquals("user:ann", em.find(AgencyInvitationEntity.class, invitation).getInvitedBy());
            AgencyLinkEntity link = em.find(AgencyLinkEntity.class, AgencyLinkEntity.idOf(acme.companyId(),
                    linked.partnerId()));
            assertEquals(acme.companyId(), link.getCompanyId());
            assertEquals(linked.partnerId(), link.getPartnerId());
            assertTrue(link.getSince() >= beforeLink);
            AssignmentEntity row = em.find(AssignmentEntity.class, a.id());
            assertEquals("ann", row.getAssignedByUserId());
            assertEquals("user:ann", row.getAssignedBy());
            assertEquals(app, row.getHiredApplicationId());
            AgencySubmissionEntity s = em.find(AgencySubmissionEntity.class, sub);
            assertEquals(linked.partnerId(), s.getPartnerId());
            assertEquals(acme.companyId(), s.getCompanyId());
            assertEquals(a.id(), s.getAssignmentId());
            assertEquals(4, em.find(CandidateRatingEntity.class, sub + ":ann").getRating());
            return null;
        });
    }

    @Test
    public void theWatcherIgnoresEveryStatusButHired() {
        AssignmentView a = assigned("Engineer");
        String app = applicationOf(a.id(), f.agencies.submit(agency, a.id(), submission("Ada", "Lovelace",
                email("ada"))).person().submissionId());
        for (ApplicationStatus to : ApplicationStatus.values()) {
            if (to != ApplicationStatus.HIRED) {
                f.db.tx(em -> {
                    f.agencies.applicationStatusChanged(em, em.find(
                            org.hiremarket.core.internal.candidate.ApplicationEntity.class, app),
                            ApplicationStatus.OFFERED, to, 1_000);
                    return null;
                });
            }
        }
        assertEquals(AssignmentStatus.IN_PROGRESS, f.agencies.get(acme, a.id()).status());
        f.db.tx(em -> {
            f.agencies.applicationStatusChanged(em, em.find(
                    org.hiremarket.core.internal.candidate.ApplicationEntity.class, app),
                    ApplicationStatus.OFFERED, ApplicationStatus.HIRED, 7_000);
            return null;
        });
        assertEquals(List.of("COMPLETED|7000|7000|5000.00"), f.rows("SELECT STATUS, ENDEDAT, UPDATEDAT, REVENUE"
                + " FROM HM_ASSIGNMENT WHERE ID = ?", a.id()));
    }
}
