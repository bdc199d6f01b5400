package org.hiremarket.core.internal.candidate;

import static org.hiremarket.core.internal.common.Refusals.refused;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

import org.hiremarket.core.internal.candidate.CandidateViews.ApplicationView;
import org.hiremarket.core.internal.candidate.CandidateViews.ApplyIn;
import org.hiremarket.core.internal.candidate.CandidateViews.CandidateIn;
import org.hiremarket.core.internal.candidate.CandidateViews.HistoryEntry;
import org.hiremarket.core.internal.candidate.CandidateViews.Source;
import org.hiremarket.core.internal.common.ApiException;
import org.hiremarket.core.internal.common.Page;
import org.hiremarket.core.internal.common.PageRequest;
import org.hiremarket.core.internal.company.TestCompanies;
import org.hiremarket.core.internal.identity.Caller;
import org.hiremarket.core.internal.job.JobService;
import org.hiremarket.core.internal.job.JobViews.CreateJob;
import org.hiremarket.core.internal.job.JobViews.IdRef;
import org.hiremarket.core.internal.job.JobViews.LocationIn;
import org.hiremarket.core.internal.persistence.Database;
import org.hiremarket.core.internal.persistence.InMemoryUnit;
import org.junit.Before;
import org.junit.Test;

/**
 * The application service on the real persistence unit: another company's ids are not found and
 * change nothing, the status flow and its history, labels, duplicates, closed jobs and the
 * validation of what is applied with.
 */
public class ApplicationServiceTest {

    private InMemoryUnit unit;
    private Database db;
    private ApplicationService applications;
    private JobService jobs;
    private CandidateService candidates;
    private Caller acme;
    private Caller globex;

    @Before
    public void setUp() throws SQLException {
        unit = InMemoryUnit.shared(getClass());
        db = unit.database();
        db.tx(em -> null);
        for (String table : List.of("HM_ATTACHMENT", "HM_APPLICATION_EVENT", "HM_APPLICATION", "HM_CANDIDATE", "HM_JOB",
                "HM_COMPANY")) {
            unit.sql("DELETE FROM " + table);
        }
        unit.factory().getCache().evictAll();
        applications = new ApplicationService(db);
        jobs = new JobService(db);
        candidates = new CandidateService(db, 0, 0);
        acme = company("acme");
        globex = company("globex");
    }

    private Caller company(String name) {
        return TestCompanies.create(db, name);
    }

    private String job(Caller caller) {
        return jobs.create(caller, new CreateJob("Engineer", null, new LocationIn("US", "Boston", false),
                new IdRef("computer_software"), new IdRef("engineering"), new IdRef("mid_senior_level"), null, null, null))
                .id();
    }

    private static CandidateIn person(String email) {
        return new CandidateIn("Ada", "Lovelace", email, null, null, null, null);
    }

    private ApplicationView apply(Caller caller, String jobId, String email) {
        return applications.apply(caller, jobId, new ApplyIn(null, person(email), null, null));
    }

    private static <T> void notFound(Supplier<T> call) {
        refused(404, "not-found", call::get);
    }

    private static List<String> history(ApplicationView a) {
        return a.history().stream().map(h -> h.to().name()).toList();
    }

    // ------------------------------------------------------------------------------ tenants

    @Test
    public void anotherCompanysIdsAreNotFoundAndChangeNothing() {
        String acmeJob = job(acme);
        ApplicationView a = apply(acme, acmeJob, "ada@example.com");
        String acmeCandidate = a.candidate().id();
        String globexJob = job(globex);

        notFound(() -> applications.get(globex, a.id()));
        notFound(() -> applications.changeStatus(globex, a.id(), "IN_REVIEW", "x"));
        notFound(() -> applications.setLabels(globex, a.id(), List.of("HACKED")));
        notFound(() -> applications.list(globex, new ApplicationService.ApplicationFilter(acmeJob, null, null, null),
                new PageRequest(0, 10)));
        // applying to another company's job, or with another company's candidate
        notFound(() -> apply(globex, acmeJob, "eve@example.com"));
        notFound(() -> applications.apply(globex, globexJob, new ApplyIn(acmeCandidate, null, null, null)));
        // filtering by another company's candidate finds nothing of theirs
        assertEquals(0, applications.list(globex, new ApplicationService.ApplicationFilter(null, acmeCandidate, null, null),
                new PageRequest(0, 10)).totalFound());
        assertEquals(0, applications.list(globex, new ApplicationService.ApplicationFilter(null, null, null, null),
                new PageRequest(0, 10)).totalFound());

        ApplicationView unchanged = applications.get(acme, a.id());
        assertEquals(ApplicationStatus.NEW, unchanged.status());
        assertEquals(Set.of(), Set.copyOf(unchanged.labels()));
        assertEquals(List.of("NEW"), history(unchanged));
        assertEquals("no application was made for globex", 0, applications.list(globex,
                new ApplicationService.ApplicationFilter(globexJob, null, null, null), new PageRequest(0, 10)).totalFound());
        notFound(() -> applications.get(acme, null));
    }

    // ------------------------------------------------------------------------------ applying

    @Test
    public void applyingCreatesOrReusesTheCandidateAndRefusesDuplicates() {
        String jobId = job(acme);
        ApplicationView first = apply(acme, jobId, "ada@example.com");
        assertEquals(ApplicationStatus.NEW, first.status());
        assertEquals(jobId, first.jobId());
        assertEquals(SourceType.API, first.source().type());
        assertEquals("api-key:key-acme", first.history().get(0).by());
        assertNull(first.history().get(0).from());
        // the same email on another job: the same candidate
        String other = job(acme);
        ApplicationView second = apply(acme, other, "ada@example.com");
        assertEquals(first.candidate().id(), second.candidate().id());
        // by id, too
        String third = job(acme);
        assertEquals(first.candidate().id(), applications.apply(acme, third,
                new ApplyIn(first.candidate().id(), null, null, null)).candidate().id());
        // the same candidate twice on one job
        ApiException dup = refused(409, "already-applied", () -> apply(acme, jobId, "ada@example.com"));
        assertTrue(dup.detail(), dup.detail().contains(first.id()));
        assertEquals(1, applications.list(acme, new ApplicationService.ApplicationFilter(jobId, null, null, null),
                new PageRequest(0, 10)).totalFound());
    }

    @Test
    public void aClosedJobTakesNoApplications() {
        for (String end : new String[] { "FILLED", "CANCELLED" }) {
            String jobId = job(acme);
            jobs.changeStatus(acme, jobId, "SOURCING");
            jobs.changeStatus(acme, jobId, end);
            ApiException e = refused(409, "job-closed", () -> apply(acme, jobId, "late@example.com"));
            assertTrue(e.detail(), e.detail().contains(end));
            assertEquals(0, applications.list(acme, new ApplicationService.ApplicationFilter(jobId, null, null, null),
                    new PageRequest(0, 10)).totalFound());
        }
        // on hold still takes them
        String held = job(acme);
        jobs.changeStatus(acme, held, "ON_HOLD");
        assertEquals(ApplicationStatus.NEW, apply(acme, held, "held@example.com").status());
    }

    @Test
    public void whatIsAppliedWithIsValidated() {
        String jobId = job(acme);
        refused(400, "validation-error",
                () -> applications.apply(acme, jobId, new ApplyIn(null, null, null, null)));
        refused(400, "validation-error",
                () -> applications.apply(acme, jobId, new ApplyIn("some-id", person("a@example.com"), null, null)));
        ApiException source = refused(400, "validation-error", () -> applications.apply(acme, jobId,
                new ApplyIn(null, person("b@example.com"), new Source("EMPLOYEE", null), null)));
        assertEquals("source.type", source.errors().get(0).field());
        refused(400, "validation-error", () -> applications.apply(acme, jobId,
                new ApplyIn(null, person("c@example.com"), new Source("CARRIER_PIGEON", null), null)));
        ApiException label = refused(400, "validation-error", () -> applications.apply(acme, jobId,
                new ApplyIn(null, person("d@example.com"), null, List.of("ok", "EMPLOYEE", "not ok"))));
        assertEquals(List.of("labels[1]", "labels[2]"), label.errors().stream().map(e -> e.field()).toList());
        refused(400, "validation-error", () -> applications.apply(acme, jobId,
                new ApplyIn(null, person("e@example.com"), null, java.util.Collections.nCopies(21, "L"))));
        assertEquals("nothing was written", 0, applications.list(acme,
                new ApplicationService.ApplicationFilter(jobId, null, null, null), new PageRequest(0, 10)).totalFound());
        // a valid source and labels are kept (labels upper-cased, sorted, once)
        ApplicationView ok = applications.apply(acme, jobId, new ApplyIn(null, person("f@example.com"),
                new Source("REFERRAL", "Grace"), List.of("senior", "Remote", "senior")));
        assertEquals(SourceType.REFERRAL, ok.source().type());
        assertEquals("Grace", ok.source().name());
        assertEquals(List.of("REMOTE", "SENIOR"), ok.labels());
    }

    // ------------------------------------------------------------------------------ status

    @Test
    public void theStatusFollowsItsFlowWithATimestampedHistory() {
        ApplicationView a = apply(acme, job(acme), "ada@example.com");
        ApplicationView reviewed = applications.changeStatus(acme, a.id(), "IN_REVIEW", "looks good");
        assertEquals(ApplicationStatus.IN_REVIEW, reviewed.status());
        HistoryEntry last = reviewed.history().get(1);
        assertEquals(ApplicationStatus.NEW, last.from());
        assertEquals(ApplicationStatus.IN_REVIEW, last.to());
        assertEquals("looks good", last.note());
        assertEquals("api-key:key-acme", last.by());
        assertTrue(!last.on().isBefore(reviewed.history().get(0).on()));
        // the same status again changes nothing
        assertEquals(2, applications.changeStatus(acme, a.id(), "IN_REVIEW", null).history().size());
        // a move the flow does not have: 409, naming what is possible, nothing written
        ApiException e = refused(409, "invalid-status-change",
                () -> applications.changeStatus(acme, a.id(), "HIRED", null));
        assertTrue(e.detail(), e.detail().contains("INTERVIEW") && e.detail().contains("not to HIRED"));
        applications.changeStatus(acme, a.id(), "REJECTED", null);
        // the list filters by status
        Page<ApplicationView> rejected = applications.list(acme,
                new ApplicationService.ApplicationFilter(null, null, ApplicationStatus.REJECTED, null), new PageRequest(0, 10));
        assertEquals(List.of(a.id()), rejected.content().stream().map(ApplicationView::id).toList());
        assertEquals(0, applications.list(acme, new ApplicationService.ApplicationFilter(null, null, ApplicationStatus.NEW,
                null), new PageRequest(0, 10)).totalFound());
        // a rejected application may be reviewed again, and go on to a hire, which is final
        for (String next : new String[] { "IN_REVIEW", "INTERVIEW", "OFFERED", "HIRED" }) {
            applications.changeStatus(acme, a.id(), next, null);
        }
        ApiException fin = refused(409, "invalid-status-change",
                () -> applications.changeStatus(acme, a.id(), "IN_REVIEW", null));
        assertTrue(fin.detail(), fin.detail().contains("it is final"));
        ApplicationView now = applications.get(acme, a.id());
        assertEquals(List.of("NEW", "IN_REVIEW", "REJECTED", "IN_REVIEW", "INTERVIEW", "OFFERED", "HIRED"), history(now));
        assertEquals(ApplicationStatus.HIRED, now.status());
    }

    @Test
    public void aStatusChangeIsValidatedFirst() {
        ApplicationView a = apply(acme, job(acme), "ada@example.com");
        ApiException missing = refused(400, "validation-error",
                () -> applications.changeStatus(acme, a.id(), null, null));
        assertEquals("status", missing.errors().get(0).field());
        refused(400, "validation-error", () -> applications.changeStatus(acme, a.id(), "DONE", null));
        ApiException note = refused(400, "validation-error",
                () -> applications.changeStatus(acme, a.id(), "IN_REVIEW", "x".repeat(1001)));
        assertEquals("note", note.errors().get(0).field());
        assertEquals(ApplicationStatus.NEW, applications.get(acme, a.id()).status());
    }

    @Test
    public void aSourceWithoutATypeIsTheApiAndTypesAreReadInAnyCase() {
        String jobId = job(acme);
        ApplicationView plain = applications.apply(acme, jobId, new ApplyIn(null, person("a@example.com"),
                new Source(null, "Somewhere"), null));
        assertEquals(SourceType.API, plain.source().type());
        assertEquals("Somewhere", plain.source().name());
        ApplicationView board = applications.apply(acme, jobId, new ApplyIn(null, person("b@example.com"),
                new Source(" job_board ", null), null));
        assertEquals(SourceType.JOB_BOARD, board.source().type());
        assertEquals(ApplicationStatus.IN_REVIEW, applications.changeStatus(acme, board.id(), "in_review", null).status());
    }

    @Test
    public void anEmployeesApplicationCarriesItsLabelAndRefreshesTheCandidate() {
        String jobId = job(acme);
        ApplicationView before = apply(acme, job(acme), "emma@example.com");
        ApplicationView mine = db.tx(em -> applications.applyAsEmployee(em, JobService.load(em, acme.companyId(), jobId),
                new CandidateIn("Emma", "Updated", "emma@example.com", null, null, null, null), "user-7"));
        assertEquals(SourceType.EMPLOYEE, mine.source().type());
        assertEquals(List.of(ApplicationService.EMPLOYEE_LABEL), mine.labels());
        assertEquals("user:user-7", mine.history().get(0).by());
        assertEquals("the known candidate, refreshed from the profile", before.candidate().id(), mine.candidate().id());
        assertEquals("Updated", candidates.get(acme, before.candidate().id()).lastName());
        Page<ApplicationView> listed = applications.employeeApplications(acme.companyId(), "user-7", new PageRequest(0, 10));
        assertEquals(List.of(mine.id()), listed.content().stream().map(ApplicationView::id).toList());
        assertEquals(0, applications.employeeApplications(acme.companyId(), "user-8", new PageRequest(0, 10)).totalFound());
        assertEquals(0, applications.employeeApplications(globex.companyId(), "user-7", new PageRequest(0, 10)).totalFound());
        // the host's label stays when the labels are replaced
        assertEquals(List.of("EMPLOYEE", "SHORTLIST"), applications.setLabels(acme, mine.id(), List.of("shortlist")).labels());
    }

    @Test
    public void changesMoveAnApplicationToTheTopOfTheList() {
        String jobId = job(acme);
        ApplicationView older = apply(acme, jobId, "a@example.com");
        ApplicationView newer = apply(acme, jobId, "b@example.com");
        for (java.util.function.Consumer<String> change : List.<java.util.function.Consumer<String>>of(
                id -> applications.changeStatus(acme, id, "IN_REVIEW", null),
                id -> applications.setLabels(acme, id, List.of("TOP")))) {
            String last = applications.list(acme, new ApplicationService.ApplicationFilter(jobId, null, null, null),
                    new PageRequest(0, 10)).content().get(1).id();
            long t0 = System.currentTimeMillis();
            while (System.currentTimeMillis() == t0) {
                Thread.onSpinWait(); // at most a millisecond: the next change gets a later time
            }
            change.accept(last);
            ApplicationView top = applications.list(acme, new ApplicationService.ApplicationFilter(jobId, null, null, null),
                    new PageRequest(0, 10)).content().get(0);
            assertEquals(last, top.id());
            assertTrue(top.updatedOn().isAfter(top.createdOn()));
        }
        assertTrue(Set.of(older.id(), newer.id()).size() == 2);
    }

    @Test
    public void twentyLabelsAreAllowedNotMore() {
        ApplicationView a = apply(acme, job(acme), "ada@example.com");
        List<String> twenty = java.util.stream.IntStream.range(0, 20).mapToObj(i -> "L" + i).toList();
        assertEquals(20, applications.setLabels(acme, a.id(), twenty).labels().size());
        List<String> more = new java.util.ArrayList<>(twenty);
        more.add("L20");
        refused(400, "validation-error", () -> applications.setLabels(acme, a.id(), more));
        assertEquals(20, applications.get(acme, a.id()).labels().size());
    }

    @Test
    public void anApplicationAndItsHistoryCarryTheTimeTheyHappened() {
        long before = System.currentTimeMillis();
        ApplicationView a = apply(acme, job(acme), "ada@example.com");
        assertFalse(a.createdOn().isBefore(Instant.ofEpochMilli(before)));
        assertEquals(a.createdOn(), a.updatedOn());
        assertEquals(a.createdOn(), a.history().get(0).on());
        assertEquals(a, applications.get(acme, a.id()));
        ApplicationView reviewed = applications.changeStatus(acme, a.id(), "IN_REVIEW", null);
        assertEquals(a.createdOn(), reviewed.createdOn());
        assertEquals(reviewed.updatedOn(), reviewed.history().get(1).on());
        assertEquals("the candidate as applied", new CandidateViews.CandidateRef(a.candidate().id(), "Ada", "Lovelace",
                "ada@example.com"), reviewed.candidate());
    }

    @Test
    public void anEmployeesApplicationRefreshesTheKnownCandidateAsAChange() throws SQLException {
        ApplicationView before = apply(acme, job(acme), "emma@example.com");
        String candidateId = before.candidate().id();
        unit.sql("UPDATE HM_CANDIDATE SET UPDATEDAT = 1000 WHERE ID = '" + candidateId + "'");
        unit.factory().getCache().evictAll();
        String jobId = job(acme);
        db.tx(em -> applications.applyAsEmployee(em, JobService.load(em, acme.companyId(), jobId),
                new CandidateIn("Emma", "Updated", "EMMA@example.com", "+46 40 123", null, null, null), "user-7"));
        CandidateViews.CandidateView c = candidates.get(acme, candidateId);
        assertEquals("+46 40 123", c.phone());
        assertTrue("refreshed now, not left at 1000 ms", c.updatedOn().isAfter(Instant.ofEpochMilli(1000)));
        // a new application through the API does not refresh the candidate it finds
        unit.sql("UPDATE HM_CANDIDATE SET UPDATEDAT = 1000 WHERE ID = '" + candidateId + "'");
        unit.factory().getCache().evictAll();
        applications.apply(acme, job(acme), new ApplyIn(null, new CandidateIn("Emily", "Other", "emma@example.com",
                null, null, null, null), null, null));
        c = candidates.get(acme, candidateId);
        assertEquals("Updated", c.lastName());
        assertEquals(Instant.ofEpochMilli(1000), c.updatedOn());
    }

    // ------------------------------------------------------------------------------ labels

    @Test
    public void labelsAreReplacedAndFilteredWhole() {
        String jobId = job(acme);
        ApplicationView a = apply(acme, jobId, "ada@example.com");
        ApplicationView b = apply(acme, jobId, "bob@example.com");
        assertEquals(List.of("PYTHON", "SENIOR"), applications.setLabels(acme, a.id(), List.of("senior", "python")).labels());
        applications.setLabels(acme, b.id(), List.of("SENIOR_PLUS"));
        Page<ApplicationView> senior = applications.list(acme,
                new ApplicationService.ApplicationFilter(null, null, null, "senior"), new PageRequest(0, 10));
        assertEquals("a whole label, not a part of one", List.of(a.id()),
                senior.content().stream().map(ApplicationView::id).toList());
        assertEquals(List.of(), applications.setLabels(acme, a.id(), List.of()).labels());
        ApiException required = refused(400, "validation-error",
                () -> applications.setLabels(acme, a.id(), null));
        assertEquals("labels", required.errors().get(0).field());
        refused(400, "validation-error",
                () -> applications.setLabels(acme, b.id(), List.of("EMPLOYEE")));
        assertEquals(List.of("SENIOR_PLUS"), applications.get(acme, b.id()).labels());
    }
}
