package org.hiremarket.core.internal.agency;

import static org.hiremarket.core.internal.agency.AgencyFixture.assign;
import static org.hiremarket.core.internal.agency.AgencyFixture.fee;
import static org.hiremarket.core.internal.agency.AgencyFixture.percent;
import static org.hiremarket.core.internal.agency.AgencyFixture.unique;
import static org.hiremarket.core.internal.common.Refusals.refused;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.hiremarket.core.internal.agency.AgencyViews.AgencyAdminView;
import org.hiremarket.core.internal.agency.AgencyViews.AgencyView;
import org.hiremarket.core.internal.agency.AgencyViews.AssignIn;
import org.hiremarket.core.internal.agency.AgencyViews.AssignmentAdminView;
import org.hiremarket.core.internal.agency.AgencyViews.AssignmentView;
import org.hiremarket.core.internal.agency.AgencyViews.ContactView;
import org.hiremarket.core.internal.agency.AgencyViews.SubmissionView;
import org.hiremarket.core.internal.agency.AgencyViews.TermsIn;
import org.hiremarket.core.internal.agency.AgencyViews.TermsView;
import org.hiremarket.core.internal.common.ApiException;
import org.hiremarket.core.internal.common.FieldError;
import org.hiremarket.core.internal.common.PageRequest;
import org.hiremarket.core.internal.identity.Caller;
import org.hiremarket.core.internal.identity.PartnerCaller;
import org.hiremarket.core.internal.identity.TestPartners;
import org.hiremarket.core.internal.partner.PartnerViews.PersonalIn;
import org.hiremarket.core.internal.partner.PartnerViews.VendorTypeIn;
import org.junit.Before;
import org.junit.Test;

/** The customer's side: the agencies it may use, sending jobs with terms, cancelling, rating, and the admin's lists. */
public class AgencyServiceTest {

    private AgencyFixture f;
    private Caller acme;

    @Before
    public void open() {
        f = new AgencyFixture(getClass());
        acme = f.company("Acme");
    }

    private Map<String, AgencyView> agencies(Caller company) {
        return f.agencies.agencies(company, AgencyFixture.BASE).stream()
                .collect(Collectors.toMap(AgencyView::id, v -> v));
    }

    private int assignments(String jobId) {
        return f.count("HM_ASSIGNMENT", "JOBID = ?", jobId);
    }

    // ------------------------------------------------------------------------------ agencies

    @Test
    public void theCompanySeesItsAgenciesAndTheMarketplacesWithContactsAndWhyTheyCannotTakeJobs() {
        String name = unique("Ready Recruiting");
        PartnerCaller ready = f.linkedRecruiter(acme, name);
        f.partners.updatePersonal(ready, new PersonalIn(null, "jobs@ready.example", "+49 40 123456", "Head of search",
                null), AgencyFixture.BASE);
        PartnerCaller inactive = f.recruiterNotActivated(unique("Slow"));
        f.link(acme, inactive);
        PartnerCaller noType = f.account(unique("Undecided"));
        f.link(acme, noType);
        PartnerCaller board = f.account(unique("Board"));
        f.partners.chooseVendorType(board, new VendorTypeIn("JOB_BOARD", null), AgencyFixture.BASE);
        f.link(acme, board);
        PartnerCaller noProfile = f.account(unique("No profile"));
        f.partners.chooseVendorType(noProfile, new VendorTypeIn("RECRUITER", null), AgencyFixture.BASE);
        f.link(acme, noProfile);
        PartnerCaller unverified = TestPartners.signedIn(TestPartners.unverified(f.db, AgencyFixture.email("unv"),
                unique("Unverified")));
        f.link(acme, unverified);
        PartnerCaller market = f.recruiter(unique("Market"));
        f.onMarketplace(market.partnerId(), true);
        PartnerCaller both = f.linkedRecruiter(acme, unique("Both"));
        f.onMarketplace(both.partnerId(), true);
        f.onMarketplace(both.partnerId(), true);
        PartnerCaller pending = f.recruiter(unique("Pending offer"));
        f.onMarketplace(pending.partnerId(), false);
        PartnerCaller unverifiedMarket = TestPartners.signedIn(TestPartners.unverified(f.db,
                AgencyFixture.email("unvm"), unique("Unverified market")));
        f.onMarketplace(unverifiedMarket.partnerId(), true);

        Map<String, AgencyView> seen = agencies(acme);
        AgencyView r = seen.get(ready.partnerId());
        assertEquals(name, r.companyName());
        assertEquals(new ContactView("Pat Partner", "jobs@ready.example", "+49 40 123456", "Head of search"), r.contact());
        assertEquals(name, r.profile().name());
        assertEquals("Hamburg", r.profile().address().city());
        assertEquals(List.of("INVITATION"), r.via());
        assertTrue(r.assignable());
        assertNull(r.reason());

        AgencyView i = seen.get(inactive.partnerId());
        assertFalse(i.assignable());
        assertEquals("the agency's account is not activated yet (the platform activates new agency accounts within"
                + " 48 hours)", i.reason());
        String inactiveEmail = f.rows("SELECT EMAIL FROM HM_PARTNER_ACCOUNT WHERE ID = ?", inactive.partnerId()).get(0);
        assertEquals("the account email when no contact email", new ContactView("Pat Partner", inactiveEmail, null, null),
                i.contact());
        assertNotNull(i.profile());

        AgencyView n = seen.get(noType.partnerId());
        assertFalse(n.assignable());
        assertEquals("the account has not joined as a recruiter (vendor type null); only recruiters can be sent jobs",
                n.reason());
        assertNull("no profile saved", n.profile());
        assertEquals(f.rows("SELECT EMAIL FROM HM_PARTNER_ACCOUNT WHERE ID = ?", noType.partnerId()).get(0),
                n.contact().email());
        assertEquals("the account has not joined as a recruiter (vendor type JOB_BOARD); only recruiters can be sent jobs",
                seen.get(board.partnerId()).reason());
        AgencyView np = seen.get(noProfile.partnerId());
        assertEquals("the agency has not completed its company profile yet", np.reason());
        assertFalse(np.assignable());
        assertNull(np.profile());

        assertFalse("unverified partners are left out", seen.containsKey(unverified.partnerId()));
        assertFalse(seen.containsKey(unverifiedMarket.partnerId()));
        assertFalse("an offer not approved is not on the marketplace", seen.containsKey(pending.partnerId()));
        assertEquals(List.of("MARKETPLACE"), seen.get(market.partnerId()).via());
        assertTrue(seen.get(market.partnerId()).assignable());
        assertEquals(List.of("INVITATION", "MARKETPLACE"), seen.get(both.partnerId()).via());

        // another company sees the marketplace, not Acme's agencies
        Map<String, AgencyView> other = agencies(f.company("Globex"));
        assertTrue(other.containsKey(market.partnerId()));
        assertEquals(List.of("MARKETPLACE"), other.get(both.partnerId()).via());
        for (PartnerCaller p : List.of(ready, inactive, noType, board, noProfile)) {
            assertFalse(other.containsKey(p.partnerId()));
        }
        // the invited ones come first (in the order they joined; ties within a millisecond by id)
        List<String> order = f.agencies.agencies(acme, AgencyFixture.BASE).stream().map(AgencyView::id).toList();
        assertEquals(java.util.Set.of(ready.partnerId(), inactive.partnerId(), noType.partnerId(), board.partnerId(),
                noProfile.partnerId(), both.partnerId()), java.util.Set.copyOf(order.subList(0, 6)));
    }

    // ------------------------------------------------------------------------------ assign

    @Test
    public void everyInvalidFieldIsReportedAtOnceAndNothingIsWritten() {
        String job = f.job(acme, "Engineer");
        refused(400, "bad-request", () -> f.agencies.assign(acme, job, null));
        ApiException e = refused(400, "validation-error", () -> f.agencies.assign(acme, job,
                new AssignIn(" ", new TermsIn("HOURLY", null, null, null, "EURO"))));
        assertEquals(List.of(new FieldError("agencyId", "is required (or connectionId, for an agency connected through the marketplace)"),
                new FieldError("terms.type", "must be PERCENTAGE or FIXED_FEE"),
                new FieldError("terms.currency", "is not an ISO 4217 currency code: EURO")), e.errors());
        ApiException missing = refused(400, "validation-error", () -> f.agencies.assign(acme, job, new AssignIn(null, null)));
        assertEquals(List.of("agencyId", "terms"), missing.errors().stream().map(FieldError::field).toList());
        PartnerCaller agency = f.linkedRecruiter(acme, unique("Valid"));
        ApiException mixed = refused(400, "validation-error", () -> f.agencies.assign(acme, job,
                assign(agency, new TermsIn("PERCENTAGE", new BigDecimal("120"), null, new BigDecimal("5"), "EUR"))));
        assertEquals(List.of("terms.percentage", "terms.firstYearSalary", "terms.fee"),
                mixed.errors().stream().map(FieldError::field).toList());
        refused(400, "validation-error", () -> f.agencies.assign(acme, job, assign(agency, fee("0", "EUR"))));
        assertEquals(0, assignments(job));
    }

    @Test
    public void aJobGoesOnlyToAnAgencyTheCompanyWorksWithThatCanTakeIt() {
        String job = f.job(acme, "Engineer");
        PartnerCaller stranger = f.recruiter(unique("Stranger"));
        ApiException unknown = refused(404, "not-found", () -> f.agencies.assign(acme, job,
                assign(stranger, fee("5000", "EUR"))));
        assertEquals("agency '" + stranger.partnerId() + "' does not exist", unknown.detail());
        refused(404, "not-found", () -> f.agencies.assign(acme, job, new AssignIn("no-such-agency", fee("1", "EUR"))));
        PartnerCaller unverified = TestPartners.signedIn(TestPartners.unverified(f.db, AgencyFixture.email("u"),
                unique("Unverified")));
        f.link(acme, unverified);
        refused(404, "not-found", () -> f.agencies.assign(acme, job, assign(unverified, fee("5000", "EUR"))));
        // linked to another company only
        PartnerCaller theirs = f.linkedRecruiter(f.company("Globex"), unique("Theirs"));
        refused(404, "not-found", () -> f.agencies.assign(acme, job, assign(theirs, fee("5000", "EUR"))));

        PartnerCaller inactive = f.recruiterNotActivated(unique("Inactive"));
        f.link(acme, inactive);
        ApiException not = refused(409, "agency-not-assignable", () -> f.agencies.assign(acme, job,
                assign(inactive, fee("5000", "EUR"))));
        assertTrue(not.detail(), not.detail().startsWith("the agency's account is not activated yet"));
        PartnerCaller noType = f.account(unique("No type"));
        f.link(acme, noType);
        ApiException notRecruiter = refused(409, "agency-not-assignable", () -> f.agencies.assign(acme, job,
                assign(noType, fee("5000", "EUR"))));
        assertTrue(notRecruiter.detail(), notRecruiter.detail().contains("has not joined as a recruiter"));
        assertEquals(0, assignments(job));

        // on the marketplace: no invitation needed
        PartnerCaller market = f.recruiter(unique("Market"));
        f.onMarketplace(market.partnerId(), true);
        assertEquals(AssignmentStatus.NEW, f.agencies.assign(acme, job, assign(market, fee("5000", "EUR"))).status());
        assertEquals(1, assignments(job));
    }

    @Test
    public void anAssignmentIsNewWithItsTermsAndWhoSentIt() {
        String job = f.job(acme, "Platform engineer");
        String name = unique("Rita's Recruiting");
        PartnerCaller agency = f.linkedRecruiter(acme, name);
        long before = System.currentTimeMillis();
        AssignmentView v = f.agencies.assign(AgencyFixture.user(acme, "u-1"), job,
                new AssignIn(" " + agency.partnerId() + " ", new TermsIn(" percentage ", new BigDecimal("12.5"),
                        new BigDecimal("33333.33"), null, "eur")));
        assertEquals(job, v.jobId());
        assertEquals("Platform engineer", v.jobTitle());
        assertEquals(agency.partnerId(), v.agencyId());
        assertEquals(name, v.agencyName());
        assertEquals(new TermsView(PaymentTerms.Type.PERCENTAGE, new BigDecimal("12.5"), new BigDecimal("33333.33"), null,
                "EUR"), v.terms());
        assertEquals(AssignmentStatus.NEW, v.status());
        assertEquals("user:u-1", v.assignedBy());
        assertTrue(v.sentAt().toEpochMilli() >= before);
        assertNull(v.startedAt());
        assertNull(v.endedAt());
        assertNull(v.revenue());
        assertEquals(List.of(), v.submissions());
        assertEquals(List.of("u-1|user:u-1|NEW|PERCENTAGE|12.50|33333.33|null|EUR"), f.rows("SELECT ASSIGNEDBYUSERID,"
                + " ASSIGNEDBY, STATUS, TERMSTYPE, PERCENTAGE, FIRSTYEARSALARY, FEE, CURRENCY FROM HM_ASSIGNMENT"
                + " WHERE ID = ?", v.id()));

        AssignmentView stored = f.agencies.get(acme, v.id());
        assertEquals(new TermsView(PaymentTerms.Type.PERCENTAGE, new BigDecimal("12.50"), new BigDecimal("33333.33"),
                null, "EUR"), stored.terms());
        assertEquals("as sent, with the stored scale", sameTerms(v, stored.terms()), stored);
        assertEquals(List.of(stored), f.agencies.forJob(acme, job));
        assertEquals(List.of(v.id()), f.agencies.list(acme, null, PageRequest.of(0, 10)).content().stream()
                .map(AssignmentView::id).toList());
        assertEquals(1, f.agencies.list(acme, AssignmentStatus.NEW, PageRequest.of(0, 10)).totalFound());
        assertEquals(0, f.agencies.list(acme, AssignmentStatus.CANCELLED, PageRequest.of(0, 10)).totalFound());

        AssignmentView fixed = f.agencies.assign(acme, f.job(acme, "Second"), assign(agency, fee("5000", "usd")));
        assertEquals(new TermsView(PaymentTerms.Type.FIXED_FEE, null, null, new BigDecimal("5000.00"), "USD"),
                f.agencies.get(acme, fixed.id()).terms());
        assertEquals("api-key:" + acme.credentialId(), fixed.assignedBy());
        assertEquals(List.of("null"), f.rows("SELECT ASSIGNEDBYUSERID FROM HM_ASSIGNMENT WHERE ID = ?", fixed.id()));

        Caller globex = f.company("Globex");
        refused(404, "not-found", () -> f.agencies.get(globex, v.id()));
        refused(404, "not-found", () -> f.agencies.get(acme, null));
        refused(404, "not-found", () -> f.agencies.forJob(globex, job));
        refused(404, "not-found", () -> f.agencies.assign(globex, job, assign(agency, fee("1", "EUR"))));
        assertEquals(0, f.agencies.list(globex, null, PageRequest.of(0, 10)).totalFound());
    }

    @Test
    public void aClosedJobIsNotSentAndAJobIsWithAnAgencyOnceUntilCancelled() {
        PartnerCaller agency = f.linkedRecruiter(acme, unique("Once"));
        for (String end : List.of("FILLED", "CANCELLED")) {
            String closed = f.job(acme, "Closed");
            if (end.equals("FILLED")) {
                f.jobs.changeStatus(acme, closed, "SOURCING");
            }
            f.jobs.changeStatus(acme, closed, end);
            ApiException e = refused(409, "job-closed", () -> f.agencies.assign(acme, closed, assign(agency,
                    fee("5000", "EUR"))));
            assertEquals("the job is " + end + "; reopen it before sending it to an agency", e.detail());
            assertEquals(0, assignments(closed));
        }
        String held = f.job(acme, "On hold");
        f.jobs.changeStatus(acme, held, "ON_HOLD");
        assertEquals(AssignmentStatus.NEW, f.agencies.assign(acme, held, assign(agency, fee("1", "EUR"))).status());

        String job = f.job(acme, "Engineer");
        AssignmentView first = f.agencies.assign(acme, job, assign(agency, fee("5000", "EUR")));
        ApiException twice = refused(409, "already-assigned", () -> f.agencies.assign(acme, job, assign(agency,
                percent("10", "50000", "EUR"))));
        assertTrue(twice.detail(), twice.detail().contains("cancel that assignment first"));
        assertEquals(1, assignments(job));
        // another agency may have the same job
        PartnerCaller other = f.linkedRecruiter(acme, unique("Other"));
        f.agencies.assign(acme, job, assign(other, fee("4000", "EUR")));

        f.agencies.cancel(acme, first.id());
        AssignmentView again = f.agencies.assign(acme, job, assign(agency, percent("10", "50000", "EUR")));
        assertEquals(AssignmentStatus.NEW, again.status());
        assertEquals(List.of(again.id(), first.id()).size(), 2);
        assertEquals(3, assignments(job));
        assertEquals(1, f.agencies.list(acme, AssignmentStatus.CANCELLED, PageRequest.of(0, 10)).totalFound());
    }

    private static AssignmentView sameTerms(AssignmentView v, TermsView t) {
        return new AssignmentView(v.id(), v.jobId(), v.jobTitle(), v.agencyId(), v.agencyName(), t, v.status(),
                v.assignedBy(), v.sentAt(), v.startedAt(), v.endedAt(), v.revenue(), v.submissions());
    }

    // ------------------------------------------------------------------------------ cancel

    @Test
    public void cancellingEndsAnOpenAssignmentOnceAndACompletedOneStays() {
        PartnerCaller agency = f.linkedRecruiter(acme, unique("Cancelled"));
        String job = f.job(acme, "Engineer");
        AssignmentView a = f.agencies.assign(acme, job, assign(agency, fee("5000", "EUR")));
        refused(404, "not-found", () -> f.agencies.cancel(f.company("Globex"), a.id()));
        refused(404, "not-found", () -> f.agencies.cancel(acme, null));
        refused(404, "not-found", () -> f.agencies.cancel(acme, "no-such-assignment"));
        assertEquals(AssignmentStatus.NEW, f.agencies.get(acme, a.id()).status());

        AssignmentView cancelled = f.agencies.cancel(acme, a.id());
        assertEquals(AssignmentStatus.CANCELLED, cancelled.status());
        assertNotNull(cancelled.endedAt());
        f.sql("UPDATE HM_ASSIGNMENT SET ENDEDAT = 5000, UPDATEDAT = 5000 WHERE ID = '" + a.id() + "'");
        AssignmentView again = f.agencies.cancel(acme, a.id());
        assertEquals(AssignmentStatus.CANCELLED, again.status());
        assertEquals("untouched", 5000L, again.endedAt().toEpochMilli());
        assertEquals(List.of("5000"), f.rows("SELECT UPDATEDAT FROM HM_ASSIGNMENT WHERE ID = ?", a.id()));

        // an assignment in progress can be cancelled too
        String job2 = f.job(acme, "Second");
        AssignmentView b = f.agencies.assign(acme, job2, assign(agency, fee("5000", "EUR")));
        f.agencies.submit(agency, b.id(), AgencyFixture.submission("Ada", "Lovelace", AgencyFixture.email("ada")));
        assertEquals(AssignmentStatus.CANCELLED, f.agencies.cancel(acme, b.id()).status());

        // completed: refused
        String job3 = f.job(acme, "Third");
        AssignmentView c = f.agencies.assign(acme, job3, assign(agency, fee("5000", "EUR")));
        String app = f.agencies.submit(agency, c.id(), AgencyFixture.submission("Grace", "Hopper",
                AgencyFixture.email("grace"))).person().submissionId();
        String application = f.agencies.get(acme, c.id()).submissions().stream().filter(s -> s.id().equals(app))
                .findFirst().orElseThrow().applicationId();
        f.applications.changeStatus(acme, application, "OFFERED", null);
        f.applications.changeStatus(acme, application, "HIRED", null);
        ApiException e = refused(409, "invalid-status-change", () -> f.agencies.cancel(acme, c.id()));
        assertEquals("the assignment is COMPLETED and cannot be cancelled", e.detail());
        assertEquals(AssignmentStatus.COMPLETED, f.agencies.get(acme, c.id()).status());
    }

    // ------------------------------------------------------------------------------ rate

    @Test
    public void theHiringTeamRatesSubmittedCandidatesOneToFiveAndTheAgencySeesTheAverage() {
        PartnerCaller agency = f.linkedRecruiter(acme, unique("Rated"));
        AssignmentView a = f.agencies.assign(acme, f.job(acme, "Engineer"), assign(agency, fee("5000", "EUR")));
        String s = f.agencies.submit(agency, a.id(), AgencyFixture.submission("Ada", "Lovelace",
                AgencyFixture.email("ada"))).person().submissionId();
        AssignmentView other = f.agencies.assign(acme, f.job(acme, "Other"), assign(agency, fee("5000", "EUR")));
        String elsewhere = f.agencies.submit(agency, other.id(), AgencyFixture.submission("Bob", "Other",
                AgencyFixture.email("bob"))).person().submissionId();

        for (Integer bad : new Integer[] { null, 0, 6, -1 }) {
            ApiException e = refused(400, "validation-error", () -> f.agencies.rate(acme, a.id(), s, bad));
            assertEquals(List.of(new FieldError("rating", "must be a whole number from 1 to 5")), e.errors());
        }
        refused(404, "not-found", () -> f.agencies.rate(acme, a.id(), elsewhere, 3));
        refused(404, "not-found", () -> f.agencies.rate(acme, a.id(), null, 3));
        refused(404, "not-found", () -> f.agencies.rate(acme, a.id(), "no-such-submission", 3));
        refused(404, "not-found", () -> f.agencies.rate(f.company("Globex"), a.id(), s, 3));
        assertEquals(0, f.count("HM_AGENCY_RATING", "SUBMISSIONID = ?", s));
        assertNull(f.agencies.get(acme, a.id()).submissions().get(0).averageRating());

        Caller ann = AgencyFixture.user(acme, "ann");
        Caller bob = AgencyFixture.user(acme, "bob");
        SubmissionView rated = f.agencies.rate(ann, a.id(), s, 5).submissions().get(0);
        assertEquals(s, rated.id());
        assertEquals(5.0, rated.averageRating(), 0.0);
        assertEquals(4.5, f.agencies.rate(bob, a.id(), s, 4).submissions().get(0).averageRating(), 0.0);
        assertEquals("a rater's last rating counts", 2.5,
                f.agencies.rate(ann, a.id(), s, 1).submissions().get(0).averageRating(), 0.0);
        assertEquals(2, f.count("HM_AGENCY_RATING", "SUBMISSIONID = ?", s));
        // the same person in another session is the same rater
        Caller annElsewhere = new Caller(acme.companyId(), "another-session", Caller.Kind.USER, acme.scopes(), "ann");
        assertEquals(3.0, f.agencies.rate(annElsewhere, a.id(), s, 2).submissions().get(0).averageRating(), 0.0);
        assertEquals(2, f.count("HM_AGENCY_RATING", "SUBMISSIONID = ?", s));
        f.agencies.rate(ann, a.id(), s, 1);
        // the API key is a rater of its own; averages are rounded to 2 decimals
        assertEquals(2.33, f.agencies.rate(acme, a.id(), s, 2).submissions().get(0).averageRating(), 0.0);
        assertEquals(2.33, f.agencies.assignment(agency, a.id()).people().get(0).clientAverageRating(), 0.0);
        assertEquals(List.of("1", "2", "4"), f.rows("SELECT RATING FROM HM_AGENCY_RATING WHERE SUBMISSIONID = ?"
                + " ORDER BY RATING", s));
        assertNull("the other submission is not rated", f.agencies.assignment(agency, other.id()).people().get(0)
                .clientAverageRating());
    }

    // ------------------------------------------------------------------------------ the admin

    @Test
    public void theAdminListsRecruitersAndFiltersAssignmentsByCompanyAndStatus() {
        String name = unique("Admin's view");
        PartnerCaller agency = f.linkedRecruiter(acme, name);
        PartnerCaller inactive = f.recruiterNotActivated(unique("Inactive"));
        PartnerCaller noType = f.account(unique("No type"));
        Caller globex = f.company("Globex");
        f.link(globex, agency);
        AssignmentView a1 = f.agencies.assign(acme, f.job(acme, "One"), assign(agency, fee("5000", "EUR")));
        AssignmentView a2 = f.agencies.assign(acme, f.job(acme, "Two"), assign(agency, fee("5000", "EUR")));
        AssignmentView g1 = f.agencies.assign(globex, f.job(globex, "Three"), assign(agency, fee("5000", "EUR")));
        f.agencies.submit(agency, a2.id(), AgencyFixture.submission("Ada", "Lovelace", AgencyFixture.email("ada")));
        f.agencies.submit(agency, a2.id(), AgencyFixture.submission("Bob", "Builder", AgencyFixture.email("bob")));
        f.agencies.cancel(globex, g1.id());

        Map<String, AgencyAdminView> admin = f.agencies.adminAgencies().stream()
                .collect(Collectors.toMap(AgencyAdminView::id, v -> v));
        AgencyAdminView v = admin.get(agency.partnerId());
        assertEquals(name, v.companyName());
        assertEquals(f.rows("SELECT EMAIL FROM HM_PARTNER_ACCOUNT WHERE ID = ?", agency.partnerId()).get(0), v.email());
        assertTrue(v.verified());
        assertTrue(v.recruiter());
        assertTrue(v.profileSaved());
        assertNotNull(v.activatedAt());
        assertEquals(2, v.customers());
        assertEquals(3, v.assignments());
        AgencyAdminView i = admin.get(inactive.partnerId());
        assertNull(i.activatedAt());
        assertEquals(0, i.customers());
        assertEquals(0, i.assignments());
        assertFalse("not a recruiter", admin.containsKey(noType.partnerId()));
        PartnerCaller noProfile = f.account(unique("No profile"));
        f.partners.chooseVendorType(noProfile, new VendorTypeIn("RECRUITER", null), AgencyFixture.BASE);
        assertFalse(f.agencies.adminAgencies().stream().filter(x -> x.id().equals(noProfile.partnerId())).findFirst()
                .orElseThrow().profileSaved());

        List<AssignmentAdminView> ofAcme = f.agencies.adminAssignments(acme.companyId(), null);
        assertEquals(List.of(a2.id(), a1.id()).stream().sorted().toList(),
                ofAcme.stream().map(AssignmentAdminView::id).sorted().toList());
        AssignmentAdminView row = ofAcme.stream().filter(x -> x.id().equals(a2.id())).findFirst().orElseThrow();
        assertEquals(acme.companyId(), row.companyId());
        assertEquals(a2.jobId(), row.jobId());
        assertEquals(agency.partnerId(), row.agencyId());
        assertEquals(name, row.agencyName());
        assertEquals(AssignmentStatus.IN_PROGRESS, row.status());
        assertEquals(2, row.submissions());
        assertEquals(a2.sentAt(), row.sentAt());
        assertTrue(row.updatedAt().compareTo(row.sentAt()) >= 0);
        assertEquals(List.of(a1.id()), f.agencies.adminAssignments(acme.companyId(), AssignmentStatus.NEW).stream()
                .map(AssignmentAdminView::id).toList());
        assertEquals(List.of(g1.id()), f.agencies.adminAssignments(globex.companyId(), AssignmentStatus.CANCELLED)
                .stream().map(AssignmentAdminView::id).toList());
        assertEquals(List.of(), f.agencies.adminAssignments(globex.companyId(), AssignmentStatus.NEW));
        List<String> cancelled = f.agencies.adminAssignments(null, AssignmentStatus.CANCELLED).stream()
                .map(AssignmentAdminView::id).toList();
        assertTrue(cancelled.contains(g1.id()));
        assertFalse(cancelled.contains(a1.id()));
        List<String> all = f.agencies.adminAssignments(null, null).stream().map(AssignmentAdminView::id).toList();
        assertTrue(all.containsAll(List.of(a1.id(), a2.id(), g1.id())));
    }
}
