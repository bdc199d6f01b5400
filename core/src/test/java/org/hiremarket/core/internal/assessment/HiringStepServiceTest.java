package org.hiremarket.core.internal.assessment;

import static org.hiremarket.core.internal.common.Refusals.refused;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.time.Instant;
import java.util.List;

import org.hiremarket.api.assessment.AssessmentPackage;
import org.hiremarket.api.assessment.OrderAcknowledgement;
import org.hiremarket.core.internal.assessment.AssessmentViews.OrderView;
import org.hiremarket.core.internal.assessment.AssessmentViews.StepAssessmentIn;
import org.hiremarket.core.internal.assessment.AssessmentViews.StepAssessmentView;
import org.hiremarket.core.internal.assessment.AssessmentViews.StepIn;
import org.hiremarket.core.internal.assessment.AssessmentViews.StepMoveView;
import org.hiremarket.core.internal.assessment.AssessmentViews.StepView;
import org.hiremarket.core.internal.assessment.OrderingFixture.Vendor;
import org.hiremarket.core.internal.candidate.ApplicationService;
import org.hiremarket.core.internal.candidate.CandidateViews.ApplicationView;
import org.hiremarket.core.internal.common.ApiException;
import org.hiremarket.core.internal.identity.Caller;
import org.hiremarket.core.internal.marketplace.ConnectionState;
import org.junit.Before;
import org.junit.Test;

/**
 * Hiring steps on the real persistence unit: their order, the limit, what a step's assessment
 * must be, moving applications through them (ordering a step's assessment once), and that
 * another company's jobs, steps and applications are not found and change nothing.
 */
public class HiringStepServiceTest {

    private static OrderingFixture f;
    private static HiringStepService steps;
    private static Vendor vendor;
    private Caller acme;
    private Caller globex;
    private String connection;
    private String job;

    // once per JVM, from @Before: see InMemoryUnit#shared
    static void deploy() {
        if (f != null) {
            return;
        }
        f = new OrderingFixture(60);
        steps = f.steps;
        vendor = f.offer(new Vendor(OrderingFixture.VENDOR));
        f.offer(new Vendor("testlab"));
        f.offer(OrderingFixture.board());
    }

    @Before
    public void setUp() {
        deploy();
        f.reset(vendor);
        acme = f.company("acme");
        globex = f.company("globex");
        connection = f.connection(acme, OrderingFixture.VENDOR, ConnectionState.ACTIVE);
        job = f.job(acme, "Backend engineer");
    }

    private StepView add(String name, Integer position) {
        return steps.add(acme, job, new StepIn(name, position, null));
    }

    private StepView addWithTest(String name, String packageId) {
        return steps.add(acme, job, new StepIn(name, null, new StepAssessmentIn(connection, packageId)));
    }

    private List<String> names() {
        List<StepView> list = steps.list(acme, job);
        for (int i = 0; i < list.size(); i++) {
            assertEquals("positions are 1..n", i + 1, list.get(i).position());
        }
        return list.stream().map(StepView::name).toList();
    }

    // ------------------------------------------------------------------------------ steps

    @Test
    public void stepsAreAddedAtTheEndOrAtAPositionAndKeptNumbered() {
        long before = System.currentTimeMillis();
        StepView screen = add("  Screening ", null);
        assertEquals("Screening", screen.name());
        assertEquals(1, screen.position());
        assertEquals(job, screen.jobId());
        assertNull(screen.assessment());
        assertTrue(!screen.createdOn().isBefore(Instant.ofEpochMilli(before)));
        assertEquals(screen.createdOn(), screen.updatedOn());
        add("Offer", null);
        StepView interview = add("Interview", 2);
        assertEquals(2, interview.position());
        add("Sourcing", 1);
        assertEquals(List.of("Sourcing", "Screening", "Interview", "Offer"), names());
        StepView last = add("Hired", 5);
        assertEquals(5, last.position());
        assertEquals(List.of("Sourcing", "Screening", "Interview", "Offer", "Hired"), names());
        assertEquals(5, f.step(last.id()).getPosition());
        assertEquals(4, f.step(f.steps.list(acme, job).get(3).id()).getPosition());
    }

    @Test
    public void whatAStepIsAddedWithIsValidated() {
        add("Screening", null);
        refused(400, "bad-request", () -> steps.add(acme, job, null));
        ApiException blank = refused(400, "validation-error", () -> add("  ", null));
        assertEquals("name: is required", blank.detail());
        refused(400, "validation-error", () -> add("x".repeat(101), null));
        assertEquals("x".repeat(100), add("x".repeat(100), null).name());
        ApiException zero = refused(400, "validation-error", () -> add("Zero", 0));
        assertEquals("position: must be between 1 and 3", zero.detail());
        ApiException beyond = refused(400, "validation-error", () -> add("Beyond", 4));
        assertEquals("position: must be between 1 and 3", beyond.detail());
        refused(404, "not-found", () -> steps.add(acme, "no-such-job", new StepIn("Screening", null, null)));
        assertEquals(List.of("Screening", "x".repeat(100)), names());
    }

    @Test
    public void aJobHasAtMostThirtySteps() {
        for (int i = 1; i <= HiringStepService.MAX_STEPS; i++) {
            add("Step " + i, null);
        }
        ApiException e = refused(409, "too-many-steps", () -> add("One more", 1));
        assertEquals("a job has at most 30 hiring steps", e.detail());
        assertEquals(30, f.steps(job));
        // another job has its own
        assertEquals(1, steps.add(acme, f.job(acme, "Other"), new StepIn("First", null, null)).position());
    }

    @Test
    public void aStepsAssessmentIsAPackageOfAnActiveAssessmentConnection() {
        StepView s = addWithTest("Coding test", " java ");
        assertEquals(new StepAssessmentView(connection, "java", "Java developer"), s.assessment());
        HiringStepEntity row = f.step(s.id());
        assertEquals(connection, row.getConnectionId());
        assertEquals("java", row.getPackageId());
        assertEquals("Java developer", row.getPackageName());

        ApiException missing = refused(400, "validation-error", () -> steps.add(acme, job,
                new StepIn("Test", null, new StepAssessmentIn(" ", null))));
        assertEquals(List.of("assessment.connectionId", "assessment.packageId"),
                missing.errors().stream().map(e -> e.field()).toList());
        ApiException noPackage = refused(400, "validation-error", () -> steps.add(acme, job,
                new StepIn("Test", null, new StepAssessmentIn(connection, ""))));
        assertEquals("assessment.packageId: is required", noPackage.detail());
        refused(400, "validation-error", () -> steps.add(acme, job,
                new StepIn("Test", null, new StepAssessmentIn(null, "java"))));
        ApiException unknown = refused(400, "validation-error", () -> addWithTest("Test", "cobol"));
        assertEquals("assessment.packageId", unknown.errors().get(0).field());
        assertEquals("is not a package of skillcheck; available: java, sql", unknown.errors().get(0).message());

        String disconnected = f.connection(acme, "testlab", ConnectionState.DISCONNECTED);
        ApiException inactive = refused(409, "connection-not-active", () -> steps.add(acme, job,
                new StepIn("Test", null, new StepAssessmentIn(disconnected, "java"))));
        assertTrue(inactive.detail(), inactive.detail().startsWith("cannot attach packages of connection " + disconnected));
        String board = f.connection(acme, "jobboard", ConnectionState.ACTIVE);
        refused(409, "not-an-assessment-vendor", () -> steps.add(acme, job,
                new StepIn("Test", null, new StepAssessmentIn(board, "java"))));
        refused(404, "not-found", () -> steps.add(acme, job, new StepIn("Test", null, new StepAssessmentIn("no-such",
                "java"))));
        assertEquals(1, f.steps(job));
    }

    @Test
    public void anUpdateChangesWhatIsGivenAndMovesTheStep() {
        StepView a = add("A", null);
        StepView b = add("B", null);
        StepView c = addWithTest("C", "java");
        long bVersion = f.step(b.id()).getUpdatedAt();

        StepView renamed = steps.update(acme, job, a.id(), new StepIn(" Alpha ", null, null));
        assertEquals("Alpha", renamed.name());
        assertEquals(1, renamed.position());
        assertEquals(List.of("Alpha", "B", "C"), names());
        assertEquals("a step not given a new position keeps its place", bVersion, f.step(b.id()).getUpdatedAt());

        StepView moved = steps.update(acme, job, c.id(), new StepIn(null, 1, null));
        assertEquals("C", moved.name());
        assertEquals(1, moved.position());
        assertEquals(new StepAssessmentView(connection, "java", "Java developer"), moved.assessment());
        assertEquals(List.of("C", "Alpha", "B"), names());
        steps.update(acme, job, c.id(), new StepIn(null, 3, null));
        assertEquals(List.of("Alpha", "B", "C"), names());

        ApiException beyond = refused(400, "validation-error", () -> steps.update(acme, job, a.id(),
                new StepIn(null, 4, null)));
        assertEquals("position: must be between 1 and 3", beyond.detail());
        refused(400, "validation-error", () -> steps.update(acme, job, a.id(), new StepIn(null, 0, null)));
        refused(400, "validation-error", () -> steps.update(acme, job, a.id(), new StepIn(" ", null, null)));
        refused(400, "bad-request", () -> steps.update(acme, job, a.id(), null));

        // an assessment set, replaced, and removed by one without a connection
        StepView tested = steps.update(acme, job, b.id(), new StepIn(null, null, new StepAssessmentIn(connection, "sql")));
        assertEquals(new StepAssessmentView(connection, "sql", "SQL"), tested.assessment());
        assertEquals("B", tested.name());
        refused(400, "validation-error", () -> steps.update(acme, job, b.id(),
                new StepIn(null, null, new StepAssessmentIn(connection, "cobol"))));
        assertEquals("sql", f.step(b.id()).getPackageId());
        StepView plain = steps.update(acme, job, b.id(), new StepIn(null, null, new StepAssessmentIn(" ", "sql")));
        assertNull(plain.assessment());
        assertNull(f.step(b.id()).getConnectionId());
        assertNull(f.step(b.id()).getPackageId());
        assertNull(f.step(b.id()).getPackageName());
        StepView also = steps.update(acme, job, c.id(), new StepIn(null, null, new StepAssessmentIn(null, null)));
        assertNull(also.assessment());
        assertEquals(List.of("Alpha", "B", "C"), names());

        ApiException unknown = refused(404, "not-found", () -> steps.update(acme, job, "no-such-step",
                new StepIn("X", null, null)));
        assertEquals("hiring step 'no-such-step' does not exist", unknown.detail());
        // a step of another job of the company is not a step of this one
        String other = f.job(acme, "Other");
        refused(404, "not-found", () -> steps.update(acme, other, a.id(), new StepIn("X", null, null)));
        assertEquals("Alpha", f.step(a.id()).getName());
    }

    @Test
    public void anUpdateTouchesTheStep() {
        StepView a = add("A", null);
        f.sql("UPDATE HM_HIRING_STEP SET UPDATEDAT = 5, CREATEDAT = 5 WHERE ID = '" + a.id() + "'");
        StepView renamed = steps.update(acme, job, a.id(), new StepIn("A2", null, null));
        assertTrue(renamed.updatedOn().toEpochMilli() > 5);
        assertEquals(Instant.ofEpochMilli(5), renamed.createdOn());
        assertEquals(renamed.updatedOn().toEpochMilli(), f.step(a.id()).getUpdatedAt());
    }

    /** Only the steps whose position changed are touched by a renumbering. */
    @Test
    public void onlyTheStepsThatMoveAreTouched() {
        StepView a = add("A", null);
        StepView b = add("B", null);
        StepView c = add("C", null);
        f.sql("UPDATE HM_HIRING_STEP SET UPDATEDAT = 5 WHERE JOBID = '" + job + "'");
        f.unit.factory().getCache().evictAll();
        StepView d = add("D", null);
        assertEquals(List.of(5L, 5L, 5L), List.of(f.step(a.id()).getUpdatedAt(), f.step(b.id()).getUpdatedAt(),
                f.step(c.id()).getUpdatedAt()));
        assertEquals(d.updatedOn().toEpochMilli(), f.step(d.id()).getUpdatedAt());

        StepView e = add("E", 2);
        long now = e.updatedOn().toEpochMilli();
        assertEquals(List.of(5L, now, now, now), List.of(f.step(a.id()).getUpdatedAt(), f.step(b.id()).getUpdatedAt(),
                f.step(c.id()).getUpdatedAt(), f.step(d.id()).getUpdatedAt()));
        assertEquals(List.of("A", "E", "B", "C", "D"), names());

        f.sql("UPDATE HM_HIRING_STEP SET UPDATEDAT = 5 WHERE JOBID = '" + job + "'");
        f.unit.factory().getCache().evictAll();
        StepView moved = steps.update(acme, job, c.id(), new StepIn(null, 2, null));
        now = moved.updatedOn().toEpochMilli();
        assertTrue(now > 5);
        assertEquals("A and D keep their places", List.of(5L, now, now, now, 5L), List.of(f.step(a.id()).getUpdatedAt(),
                f.step(c.id()).getUpdatedAt(), f.step(e.id()).getUpdatedAt(), f.step(b.id()).getUpdatedAt(),
                f.step(d.id()).getUpdatedAt()));
        assertEquals(List.of("A", "C", "E", "B", "D"), names());

        f.sql("UPDATE HM_HIRING_STEP SET UPDATEDAT = 5 WHERE JOBID = '" + job + "'");
        f.unit.factory().getCache().evictAll();
        steps.delete(acme, job, e.id());
        assertEquals(List.of(5L, 5L), List.of(f.step(a.id()).getUpdatedAt(), f.step(c.id()).getUpdatedAt()));
        assertTrue(f.step(b.id()).getUpdatedAt() > 5);
        assertTrue(f.step(d.id()).getUpdatedAt() > 5);
        assertEquals(3, f.step(b.id()).getPosition());
        assertEquals(4, f.step(d.id()).getPosition());
    }

    @Test
    public void aStepIsDeletedOnceNoApplicationIsInItAndTheOthersCloseUp() {
        StepView a = add("A", null);
        StepView b = add("B", null);
        StepView c = add("C", null);
        ApplicationView ada = f.apply(acme, job, "Ada", "ada@example.com");
        ApplicationView grace = f.apply(acme, job, "Grace", "grace@example.com");
        steps.move(acme, ada.id(), b.id());
        steps.move(acme, grace.id(), b.id());
        ApiException inUse = refused(409, "step-in-use", () -> steps.delete(acme, job, b.id()));
        assertEquals("2 application(s) are in this step; move them to another step first", inUse.detail());
        assertEquals(List.of("A", "B", "C"), names());

        steps.move(acme, ada.id(), a.id());
        steps.move(acme, grace.id(), c.id());
        steps.delete(acme, job, b.id());
        assertEquals(List.of("A", "C"), names());
        assertNull(f.step(b.id()));
        assertEquals(2, f.step(c.id()).getPosition());
        assertEquals(1, f.step(a.id()).getPosition());

        refused(404, "not-found", () -> steps.delete(acme, job, b.id()));
        refused(404, "not-found", () -> steps.delete(acme, f.job(acme, "Other"), a.id()));
        refused(404, "not-found", () -> steps.delete(acme, "no-such-job", a.id()));
        assertEquals(2, f.steps(job));
    }

    @Test
    public void aStepAnOrderWasPlacedForCanBeDeletedAndTheOrderKeepsSayingWhichStepPlacedIt() {
        StepView test = addWithTest("Coding test", "java");
        StepView next = add("Interview", null);
        ApplicationView ada = f.apply(acme, job, "Ada", "ada@example.com");
        OrderView order = steps.move(acme, ada.id(), test.id()).assessmentOrder();
        steps.move(acme, ada.id(), next.id());
        steps.delete(acme, job, test.id());
        assertEquals(List.of("Interview"), names());
        assertEquals(test.id(), f.order(order.id()).getHiringStepId());
        assertEquals(test.id(), f.assessments.get(acme, order.id()).hiringStepId());
    }

    // ------------------------------------------------------------------------------ moving

    @Test
    public void enteringAStepWithAnAssessmentOrdersItOnce() {
        StepView test = addWithTest("Coding test", "java");
        StepView interview = add("Interview", null);
        ApplicationView ada = f.apply(acme, job, "Ada", "ada@example.com");

        StepMoveView v = steps.move(acme, ada.id(), test.id());
        assertEquals(test.id(), v.application().hiringStepId());
        assertNull(v.assessmentNotOrdered());
        OrderView o = v.assessmentOrder();
        assertEquals(OrderStatus.PLACED, o.status());
        assertEquals(test.id(), o.hiringStepId());
        assertEquals("java", o.packageId());
        assertEquals("Java developer", o.packageName());
        assertEquals(connection, o.connectionId());
        assertEquals(ada.id(), o.applicationId());
        assertEquals("ada@example.com", o.candidate().email());
        assertEquals("Backend engineer", o.jobTitle());
        assertEquals(ApplicationService.actor(acme), o.placedBy());
        assertEquals(List.of(OrderStatus.PLACED), o.history().stream().map(h -> h.to()).toList());
        assertEquals(List.of(o.id() + "@" + OrderingFixture.VENDOR), f.mailbox.enqueued);
        assertEquals(ada.id() + "/" + test.id(),
                f.rows("SELECT AUTOKEY FROM HM_ASSESSMENT_ORDER WHERE ID = '" + o.id() + "'").get(0));
        assertEquals(test.id(), f.applications.get(acme, ada.id()).hiringStepId());

        // out and in again: the same order, nothing more
        StepMoveView out = steps.move(acme, ada.id(), interview.id());
        assertNull(out.assessmentOrder());
        assertNull(out.assessmentNotOrdered());
        assertEquals(interview.id(), out.application().hiringStepId());
        StepMoveView again = steps.move(acme, ada.id(), test.id());
        assertEquals(o.id(), again.assessmentOrder().id());
        assertNull(again.assessmentOrder().history());
        assertEquals(1, f.orders(acme));
        assertEquals("a still-placed order is handed over again", 2, f.mailbox.enqueued.size());

        // once the vendor took it, entering again hands nothing over
        f.ledger.acknowledged(o.id(), new OrderAcknowledgement("SC-1", null));
        steps.move(acme, ada.id(), test.id());
        assertEquals(2, f.mailbox.enqueued.size());
        assertEquals(1, f.orders(acme));
    }

    @Test
    public void stayingInAStepChangesNothing() {
        StepView plain = add("Screening", null);
        ApplicationView ada = f.apply(acme, job, "Ada", "ada@example.com");
        steps.move(acme, ada.id(), plain.id());
        f.sql("UPDATE HM_APPLICATION SET UPDATEDAT = 7 WHERE ID = '" + ada.id() + "'");
        StepMoveView v = steps.move(acme, ada.id(), plain.id());
        assertEquals(Instant.ofEpochMilli(7), v.application().updatedOn());
        assertEquals(List.of("7"), f.rows("SELECT UPDATEDAT FROM HM_APPLICATION WHERE ID = '" + ada.id() + "'"));
    }

    @Test
    public void aStepWhoseConnectionIsNotActiveIsEnteredWithoutAnOrderAndSaysWhy() {
        StepView test = addWithTest("Coding test", "java");
        ApplicationView ada = f.apply(acme, job, "Ada", "ada@example.com");
        f.connectionState(connection, ConnectionState.DISCONNECTED);
        f.unit.factory().getCache().evictAll();
        StepMoveView v = steps.move(acme, ada.id(), test.id());
        assertEquals(test.id(), v.application().hiringStepId());
        assertNull(v.assessmentOrder());
        assertEquals("the step's assessment was not ordered: connection " + connection
                + " is DISCONNECTED; re-activate it and order the package by hand", v.assessmentNotOrdered());

        ApplicationView grace = f.apply(acme, job, "Grace", "grace@example.com");
        f.sql("DELETE FROM HM_CONNECTION WHERE ID = '" + connection + "'");
        f.unit.factory().getCache().evictAll();
        StepMoveView gone = steps.move(acme, grace.id(), test.id());
        assertEquals("the step's assessment was not ordered: connection " + connection
                + " is gone; re-activate it and order the package by hand", gone.assessmentNotOrdered());
        assertEquals(0, f.orders(acme));
        assertEquals(List.of(), f.mailbox.enqueued);
    }

    @Test
    public void anApplicationMovesOnlyIntoAStepOfItsOwnJob() {
        StepView mine = add("Screening", null);
        String otherJob = f.job(acme, "Other");
        StepView elsewhere = steps.add(acme, otherJob, new StepIn("Elsewhere", null, null));
        ApplicationView ada = f.apply(acme, job, "Ada", "ada@example.com");
        ApiException e = refused(400, "validation-error", () -> steps.move(acme, ada.id(), elsewhere.id()));
        assertEquals("stepId: is not a hiring step of the application's job", e.detail());
        refused(400, "validation-error", () -> steps.move(acme, ada.id(), "no-such-step"));
        assertEquals("stepId: is required", refused(400, "validation-error", () -> steps.move(acme, ada.id(), " "))
                .detail());
        refused(400, "validation-error", () -> steps.move(acme, ada.id(), null));
        refused(404, "not-found", () -> steps.move(acme, "no-such-application", mine.id()));
        assertNull(f.applications.get(acme, ada.id()).hiringStepId());
    }

    // ------------------------------------------------------------------------------ tenants

    @Test
    public void anotherCompanysJobsStepsAndApplicationsAreNotFoundAndChangeNothing() {
        StepView test = addWithTest("Coding test", "java");
        StepView plain = add("Interview", null);
        ApplicationView ada = f.apply(acme, job, "Ada", "ada@example.com");
        steps.move(acme, ada.id(), plain.id());
        String theirJob = f.job(globex, "Analyst");
        StepView theirs = steps.add(globex, theirJob, new StepIn("Theirs", null, null));
        ApplicationView eve = f.apply(globex, theirJob, "Eve", "eve@example.com");
        String before = f.snapshot();

        refused(404, "not-found", () -> steps.list(globex, job));
        refused(404, "not-found", () -> steps.add(globex, job, new StepIn("Hacked", null, null)));
        refused(404, "not-found", () -> steps.update(globex, job, test.id(), new StepIn("Hacked", 1, null)));
        refused(404, "not-found", () -> steps.delete(globex, job, plain.id()));
        // their own job with our step id: not a step of that job
        refused(404, "not-found", () -> steps.update(globex, theirJob, test.id(), new StepIn("Hacked", null, null)));
        refused(404, "not-found", () -> steps.delete(globex, theirJob, plain.id()));
        // our application into their step, their application into our step
        refused(404, "not-found", () -> steps.move(globex, ada.id(), theirs.id()));
        refused(400, "validation-error", () -> steps.move(globex, eve.id(), test.id()));
        refused(404, "not-found", () -> steps.move(acme, eve.id(), test.id()));
        // our step with their connection, their step with ours
        String theirConnection = f.connection(globex, OrderingFixture.VENDOR, ConnectionState.ACTIVE);
        refused(404, "not-found", () -> steps.update(acme, job, plain.id(),
                new StepIn(null, null, new StepAssessmentIn(theirConnection, "java"))));
        refused(404, "not-found", () -> steps.update(globex, theirJob, theirs.id(),
                new StepIn(null, null, new StepAssessmentIn(connection, "java"))));
        refused(404, "not-found", () -> steps.add(globex, theirJob,
                new StepIn("Test", null, new StepAssessmentIn(connection, "java"))));

        // a step row of another company that names our job (broken data) is no step of ours either
        f.db.tx(em -> {
            em.persist(new HiringStepEntity("foreign-step", globex.companyId(), job, 9, "Foreign", 1_000L));
            return null;
        });
        refused(400, "validation-error", () -> steps.move(acme, ada.id(), "foreign-step"));
        f.sql("DELETE FROM HM_HIRING_STEP WHERE ID = 'foreign-step'");
        f.unit.factory().getCache().evictAll();

        assertEquals(before, f.snapshot());
        assertEquals(List.of("Coding test", "Interview"), names());
        assertEquals(List.of(), f.mailbox.enqueued);
        assertNotEquals(ada.id(), eve.id());
    }

    @Test
    public void aPackageListFetchedForAStepServesTheNextStep() {
        addWithTest("Coding test", "java");
        vendor.packages = List.of(new AssessmentPackage("java", "Java developer (new)", null, 45),
                new AssessmentPackage("go", "Go", null, 30));
        StepView cached = addWithTest("Second test", "java");
        assertEquals("the cached list", "Java developer", cached.assessment().packageName());
        assertEquals("Go", addWithTest("Go test", "go").assessment().packageName());
        assertEquals(2, vendor.listed.get());
    }
}
