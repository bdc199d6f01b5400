package org.hiremarket.core.internal.job;

import static org.hiremarket.core.internal.common.Refusals.refused;
import static org.hiremarket.core.internal.job.JobStatus.CANCELLED;
import static org.hiremarket.core.internal.job.JobStatus.CREATED;
import static org.hiremarket.core.internal.job.JobStatus.FILLED;
import static org.hiremarket.core.internal.job.JobStatus.ON_HOLD;
import static org.hiremarket.core.internal.job.JobStatus.SOURCING;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.hiremarket.core.internal.common.ApiException;
import org.hiremarket.core.internal.common.PageRequest;
import org.hiremarket.core.internal.common.WallClock;
import org.hiremarket.core.internal.company.TestCompanies;
import org.hiremarket.core.internal.identity.Caller;
import org.hiremarket.core.internal.job.JobService.JobFilter;
import org.hiremarket.core.internal.job.JobViews.CreateJob;
import org.hiremarket.core.internal.job.JobViews.IdRef;
import org.hiremarket.core.internal.job.JobViews.JobView;
import org.hiremarket.core.internal.job.JobViews.LocationIn;
import org.hiremarket.core.internal.job.JobViews.Sections;
import org.hiremarket.core.internal.job.JobViews.UpdateJob;
import org.hiremarket.core.internal.persistence.Database;
import org.hiremarket.core.internal.persistence.InMemoryUnit;
import org.junit.Before;
import org.junit.Test;

/**
 * JobService on the in-memory database: the status moves the README promises (409
 * {@code invalid-status-change} naming the allowed ones), an ended job's ad taken down, publishing
 * ({@code job-not-publishable} for a filled or cancelled job), and no company reaching another's jobs.
 */
public class JobServiceTest {

    private static final Set<AdVisibility> ALL = EnumSet.allOf(AdVisibility.class);
    private static final PageRequest PAGE = new PageRequest(0, 100);

    /** The moves docs/rest-api.md and JobStatus's comment describe, written out. */
    private static final Map<JobStatus, Set<JobStatus>> ALLOWED = new EnumMap<>(Map.of(
            CREATED, EnumSet.of(SOURCING, ON_HOLD, CANCELLED),
            SOURCING, EnumSet.of(ON_HOLD, FILLED, CANCELLED),
            ON_HOLD, EnumSet.of(SOURCING, FILLED, CANCELLED),
            FILLED, EnumSet.of(SOURCING),
            CANCELLED, EnumSet.of(SOURCING)));

    /** One database for the class (each test has its own companies): the unit takes seconds to start. */
    private static InMemoryUnit unit;
    private static Database db;
    private static JobService jobs;
    private Caller acme;
    private Caller globex;

    // once per JVM, from @Before: see InMemoryUnit#shared
    static void open() {
        if (unit != null) {
            return;
        }
        unit = new InMemoryUnit(true);
        db = unit.database();
        jobs = new JobService(db);
    }

    @Before
    public void companies() {
        open();
        acme = TestCompanies.create(db, "acme-" + java.util.UUID.randomUUID());
        globex = TestCompanies.create(db, "globex-" + java.util.UUID.randomUUID());
    }

    private static CreateJob job(String title, String country, String department) {
        return new CreateJob(title, "REF-1", new LocationIn(country, "Boston", false), new IdRef("computer_software"),
                new IdRef("engineering"), new IdRef("mid_senior_level"), department, 2,
                new Sections("We are Acme", "Build things", null, null));
    }

    private String job(Caller caller) {
        return jobs.create(caller, job("Engineer", "US", "R&D")).id();
    }

    /** A new job of acme's moved to {@code status} along allowed moves. */
    private String jobIn(JobStatus status) {
        String id = job(acme);
        switch (status) {
            case CREATED -> {
            }
            case SOURCING, ON_HOLD, CANCELLED -> jobs.changeStatus(acme, id, status.name());
            case FILLED -> {
                jobs.changeStatus(acme, id, "SOURCING");
                jobs.changeStatus(acme, id, "FILLED");
            }
        }
        assertEquals(status, stored(id).status());
        return id;
    }

    /** The job as the database has it now, whoever owns it. */
    private JobView stored(String id) {
        return db.tx(em -> JobView.of(em.find(JobEntity.class, id)));
    }

    private long updatedAt(String id) {
        return db.tx(em -> em.find(JobEntity.class, id).getUpdatedAt());
    }

    @Test
    public void everyStatusMoveIsAllowedExactlyAsDocumented() {
        for (JobStatus from : JobStatus.values()) {
            for (JobStatus to : JobStatus.values()) {
                if (from == to) {
                    continue;
                }
                String id = jobIn(from);
                String what = from + " -> " + to;
                if (ALLOWED.get(from).contains(to)) {
                    assertEquals(what, to, jobs.changeStatus(acme, id, to.name()).status());
                    assertEquals(what, to, stored(id).status());
                } else {
                    ApiException e = refused(409, "invalid-status-change", () -> jobs.changeStatus(acme, id, to.name()));
                    String allowed = String.join(", ", ALLOWED.get(from).stream().map(Enum::name).toList());
                    assertEquals(what, "a job in status " + from + " can move to " + allowed + ", not to " + to,
                            e.detail());
                    assertEquals(what + ": unchanged", from, stored(id).status());
                }
            }
        }
    }

    @Test
    public void theSameStatusAgainIsNoChange() {
        String id = jobIn(SOURCING);
        long before = updatedAt(id);
        WallClock.after(before);
        assertEquals(SOURCING, jobs.changeStatus(acme, id, " SOURCING ").status());
        assertEquals("not touched", before, updatedAt(id));
        String ended = jobIn(FILLED);
        assertEquals(FILLED, jobs.changeStatus(acme, ended, "FILLED").status());
    }

    @Test
    public void aStatusChangeTouchesTheJob() {
        String id = job(acme);
        long before = updatedAt(id);
        WallClock.after(before);
        JobView v = jobs.changeStatus(acme, id, "ON_HOLD");
        assertTrue(updatedAt(id) > before);
        assertEquals(updatedAt(id), v.updatedOn().toEpochMilli());
    }

    @Test
    public void unknownOrMissingStatusIsAValidationError() {
        String id = job(acme);
        ApiException unknown = refused(400, "validation-error", () -> jobs.changeStatus(acme, id, "OPEN"));
        assertEquals("status", unknown.errors().get(0).field());
        assertEquals("must be one of CREATED, SOURCING, ON_HOLD, FILLED, CANCELLED", unknown.errors().get(0).message());
        for (String missing : new String[] { null, "", "  " }) {
            ApiException e = refused(400, "validation-error", () -> jobs.changeStatus(acme, id, missing));
            assertEquals("is required", e.errors().get(0).message());
        }
        ApiException visibility = refused(400, "validation-error", () -> jobs.publish(acme, id, "EVERYONE"));
        assertEquals("visibility", visibility.errors().get(0).field());
        assertEquals(CREATED, stored(id).status());
        assertNull(stored(id).jobAd());
    }

    @Test
    public void fillingOrCancellingTakesTheAdDownAndHoldingKeepsIt() {
        for (JobStatus end : List.of(FILLED, CANCELLED)) {
            String id = job(acme);
            jobs.publish(acme, id, "PUBLIC");
            JobView v = jobs.changeStatus(acme, id, end.name());
            assertNull(end + ": ad down in the answer", v.jobAd());
            assertNull(end + ": ad down in the database", stored(id).jobAd());
            refused(404, "not-found", () -> jobs.getAd(acme.companyId(), id, ALL));
        }
        String held = job(acme);
        jobs.publish(acme, held, "INTERNAL");
        assertEquals(AdVisibility.INTERNAL, jobs.changeStatus(acme, held, "ON_HOLD").jobAd().visibility());
        assertEquals(AdVisibility.INTERNAL, stored(held).jobAd().visibility());
    }

    @Test
    public void publishingACreatedJobStartsSourcingAndAHeldJobStaysHeld() {
        String id = job(acme);
        JobView v = jobs.publish(acme, id, "PUBLIC");
        assertEquals(SOURCING, v.status());
        assertEquals(AdVisibility.PUBLIC, v.jobAd().visibility());
        assertEquals(SOURCING, stored(id).status());
        assertEquals(id, jobs.getAd(acme.companyId(), id, Set.of(AdVisibility.PUBLIC)).id());

        String held = jobIn(ON_HOLD);
        JobView h = jobs.publish(acme, held, "PRIVATE");
        assertEquals(ON_HOLD, h.status());
        assertEquals(AdVisibility.PRIVATE, stored(held).jobAd().visibility());
        // published, but a held job takes no applications: its ad is not shown
        refused(404, "not-found", () -> jobs.getAd(acme.companyId(), held, ALL));
        assertEquals(List.of(id), jobs.listAds(acme.companyId(), ALL, null, PAGE).content().stream()
                .map(JobViews.JobAdView::id).toList());
    }

    @Test
    public void republishingTheSameVisibilityKeepsThePublicationTimeAndAnotherOneRenewsIt() {
        String id = job(acme);
        java.time.Instant first = jobs.publish(acme, id, "INTERNAL").jobAd().publishedOn();
        WallClock.after(first.toEpochMilli());
        assertEquals(first, jobs.publish(acme, id, "INTERNAL").jobAd().publishedOn());
        assertEquals(first, stored(id).jobAd().publishedOn());
        JobView v = jobs.publish(acme, id, "PUBLIC");
        assertEquals(AdVisibility.PUBLIC, v.jobAd().visibility());
        assertTrue(v.jobAd().publishedOn().isAfter(first));
        assertEquals(v.jobAd().publishedOn(), stored(id).jobAd().publishedOn());
    }

    @Test
    public void aFilledOrCancelledJobIsNotPublishable() {
        for (JobStatus end : List.of(FILLED, CANCELLED)) {
            String id = jobIn(end);
            long before = updatedAt(id);
            ApiException e = refused(409, "job-not-publishable", () -> jobs.publish(acme, id, "PUBLIC"));
            assertEquals("a job in status " + end + " cannot have its ad published; reopen it for sourcing first",
                    e.detail());
            assertEquals(end, stored(id).status());
            assertNull(stored(id).jobAd());
            assertEquals(before, updatedAt(id));
            // reopened, it may be published again
            jobs.changeStatus(acme, id, "SOURCING");
            assertEquals(AdVisibility.PUBLIC, jobs.publish(acme, id, "PUBLIC").jobAd().visibility());
        }
    }

    @Test
    public void unpublishTakesTheAdDownAndIsANoOpWithoutOne() {
        String id = job(acme);
        jobs.publish(acme, id, "PUBLIC");
        long published = updatedAt(id);
        WallClock.after(published);
        assertNull(jobs.unpublish(acme, id).jobAd());
        assertNull(stored(id).jobAd());
        long unpublished = updatedAt(id);
        assertTrue(unpublished > published);
        assertEquals("the status stays", SOURCING, stored(id).status());
        WallClock.after(unpublished);
        assertNull(jobs.unpublish(acme, id).jobAd());
        assertEquals("nothing to take down: not touched", unpublished, updatedAt(id));
    }

    @Test
    public void adsAreListedOnlyForTheirCompanyVisibilityAndSourcingJobs() {
        String pub = job(acme);
        jobs.publish(acme, pub, "PUBLIC");
        String internal = jobs.create(acme, job("Designer", "DE", null)).id();
        jobs.publish(acme, internal, "INTERNAL");
        job(acme); // never published
        String other = job(globex);
        jobs.publish(globex, other, "PUBLIC");

        assertEquals(List.of(pub), jobs.listAds(acme.companyId(), Set.of(AdVisibility.PUBLIC), null, PAGE).content()
                .stream().map(JobViews.JobAdView::id).toList());
        assertEquals(2, jobs.listAds(acme.companyId(), ALL, null, PAGE).totalFound());
        assertEquals(List.of(internal), jobs.listAds(acme.companyId(), ALL, " desi ", PAGE).content().stream()
                .map(JobViews.JobAdView::id).toList());
        assertEquals(List.of(internal), jobs.listAds(acme.companyId(), ALL, "%sign", PAGE).content().stream()
                .map(JobViews.JobAdView::id).toList());
        assertEquals(0, jobs.listAds(acme.companyId(), ALL, "nurse", PAGE).totalFound());
        assertEquals(1, jobs.listAds(acme.companyId(), ALL, "   ", new PageRequest(0, 1)).content().size());
        refused(404, "not-found", () -> jobs.getAd(acme.companyId(), internal, Set.of(AdVisibility.PUBLIC)));
        refused(404, "not-found", () -> jobs.getAd(acme.companyId(), other, ALL));
        refused(404, "not-found", () -> jobs.getAd(acme.companyId(), null, ALL));
        assertEquals("Designer", jobs.getAd(acme.companyId(), internal, ALL).title());
    }

    @Test
    public void theJobListFiltersEachWay() {
        String a = jobs.create(acme, job("Senior Engineer", "US", "R&D")).id();
        String b = jobs.create(acme, job("Nurse", "DE", "Care")).id();
        String c = jobs.create(acme, job("Engineering_Manager", "de", "R&D")).id();
        jobs.publish(acme, b, "INTERNAL");
        jobs.changeStatus(acme, c, "ON_HOLD");
        job(globex);

        assertEquals(Set.of(a, b, c), ids(new JobFilter(null, null, null, null, null)));
        assertEquals(Set.of(c), ids(new JobFilter(ON_HOLD, null, null, null, null)));
        assertEquals(Set.of(a, c), ids(new JobFilter(null, " ENGINEER", null, null, null)));
        // % and _ are no wildcards: they are left out of the search
        assertEquals(Set.of(a), ids(new JobFilter(null, "%senior", null, null, null)));
        assertEquals(Set.of(), ids(new JobFilter(null, "n_rse", null, null, null)));
        assertEquals(Set.of(a, b, c), ids(new JobFilter(null, " ", " ", " ", null)));
        assertEquals(Set.of(b, c), ids(new JobFilter(null, null, " de ", null, null)));
        assertEquals(Set.of(a, c), ids(new JobFilter(null, null, null, " R&D ", null)));
        assertEquals(Set.of(b), ids(new JobFilter(null, null, null, null, AdVisibility.INTERNAL)));
        assertEquals(Set.of(), ids(new JobFilter(SOURCING, "nurse", "US", null, null)));
        var page = jobs.list(acme, new JobFilter(null, null, null, null, null), new PageRequest(1, 1));
        assertEquals(3, page.totalFound());
        assertEquals(1, page.content().size());
        assertEquals(1, page.offset());
    }

    private Set<String> ids(JobFilter filter) {
        return Set.copyOf(jobs.list(acme, filter, PAGE).content().stream().map(JobView::id).toList());
    }

    @Test
    public void createStoresEveryFieldAndDefaultsTheHeadcount() {
        JobView v = jobs.create(acme, new CreateJob("  Engineer ", null, new LocationIn("us", "Boston", true),
                new IdRef(" computer_software "), new IdRef("engineering"), new IdRef("mid_senior_level"), null, null,
                null));
        assertEquals(v, stored(v.id()));
        assertEquals("Engineer", v.title());
        assertEquals(CREATED, v.status());
        assertEquals(1, v.headcount());
        assertEquals("US", v.location().countryCode());
        assertEquals("computer_software", v.industry().id());
        assertEquals(v, jobs.get(acme, v.id()));
        ApiException bad = refused(400, "validation-error", () -> jobs.create(acme, new CreateJob(" ", null, null,
                new IdRef("alchemy"), null, new IdRef("mid_senior_level"), null, 0, null)));
        assertEquals(List.of("title", "location", "industry.id", "function.id", "headcount"),
                bad.errors().stream().map(org.hiremarket.core.internal.common.FieldError::field).toList());
        assertEquals(1, db.tx(em -> em.createQuery("SELECT COUNT(j) FROM JobEntity j WHERE j.companyId = :c", Long.class)
                .setParameter("c", acme.companyId()).getSingleResult()).longValue());
    }

    @Test
    public void updateChangesOnlyWhatIsSent() {
        String id = job(acme);
        JobView before = stored(id);
        long touched = updatedAt(id);
        WallClock.after(touched);
        JobView after = jobs.update(acme, id, new UpdateJob(null, null, null, null, null, null, null, null, null));
        assertEquals(before.title(), after.title());
        assertEquals(before.refNumber(), after.refNumber());
        assertEquals(before.description(), after.description());
        assertEquals(before.department(), after.department());
        assertTrue(updatedAt(id) > touched);

        JobView changed = jobs.update(acme, id, new UpdateJob("Lead", "", new LocationIn("DE", "Berlin", true),
                new IdRef("hospital_health_care"), new IdRef("health_care_provider"), new IdRef("director"), "",
                7, new Sections(null, "New text", null, "More")));
        assertEquals(changed, stored(id));
        assertEquals("Lead", changed.title());
        assertNull(changed.refNumber());
        assertNull(changed.department());
        assertEquals("DE", changed.location().countryCode());
        assertEquals("hospital_health_care", changed.industry().id());
        assertEquals("health_care_provider", changed.function().id());
        assertEquals("director", changed.experienceLevel().id());
        assertEquals(7, changed.headcount());
        assertEquals(new Sections("We are Acme", "New text", null, "More"), changed.description());

        ApiException bad = refused(400, "validation-error", () -> jobs.update(acme, id, new UpdateJob(" ", null, null,
                null, null, null, null, 0, null)));
        assertEquals(2, bad.errors().size());
        assertEquals(changed, stored(id));
    }

    /** Every method with another company's job id: 404 like an id that does not exist, and nothing changed. */
    @Test
    public void noCompanyReachesAnotherCompanysJob() {
        String theirs = job(globex);
        jobs.publish(globex, theirs, "PUBLIC");
        JobView before = stored(theirs);
        List<Runnable> calls = List.of(
                () -> jobs.get(acme, theirs),
                () -> jobs.update(acme, theirs, new UpdateJob("Hijacked", null, null, null, null, null, null, null, null)),
                () -> jobs.changeStatus(acme, theirs, "CANCELLED"),
                () -> jobs.publish(acme, theirs, "PRIVATE"),
                () -> jobs.unpublish(acme, theirs),
                () -> jobs.getAd(acme.companyId(), theirs, ALL));
        for (Runnable call : calls) {
            ApiException e = refused(404, "not-found", call);
            assertEquals("job '" + theirs + "' does not exist", e.detail());
            assertEquals(before, stored(theirs));
        }
        for (Runnable call : List.<Runnable>of(() -> jobs.get(acme, "no-such-job"), () -> jobs.get(acme, null),
                () -> jobs.changeStatus(acme, null, "SOURCING"))) {
            refused(404, "not-found", call);
        }
        assertEquals(0, jobs.list(acme, new JobFilter(null, null, null, null, null), PAGE).totalFound());
        assertEquals(0, jobs.listAds(acme.companyId(), ALL, null, PAGE).totalFound());
        assertNotNull(jobs.get(globex, theirs));
    }
}
