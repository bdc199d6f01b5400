package org.hiremarket.plugin.talentbridge;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.regex.Pattern;

import org.hiremarket.api.integration.CandidateSubmission;

import org.hiremarket.api.agency.Assignment;
import org.hiremarket.api.agency.AssignmentReceipt;
import org.hiremarket.api.integration.ConnectResult;
import org.hiremarket.api.integration.ConnectionContext;
import org.hiremarket.api.integration.IntegrationException;
import org.hiremarket.api.integration.IntegrationKind;
import org.hiremarket.api.integration.StandardScopes;
import org.hiremarket.api.testkit.TestConnections;
import org.junit.After;
import org.junit.Test;

public class TalentBridgeConnectorTest {

    static final String SECRET = "tbSecret0123456789ABCDEF";
    private TalentBridgeConnector agency = new TalentBridgeConnector();
    private final ConnectionContext ctx = TestConnections
            .context(Map.of("agencyCode", "TB-LON-0042", "contactEmail", "jane.doe@acme.com", "apiSecret", SECRET));

    private ConnectResult connect(String code, String email) {
        return agency.connect(TestConnections.context(Map.of("agencyCode", code, "contactEmail", email, "apiSecret", SECRET)));
    }

    private static Assignment assignment(String id, String title) {
        return new Assignment(id, "job-1", title, "GB", "London", "Sam Recruiter", "20% of first-year salary",
                Instant.parse("2026-11-01T09:00:00Z"));
    }

    @Test
    public void descriptorFollowsTheHostRules() {
        var d = agency.descriptor();
        assertEquals("talentbridge", d.id());
        assertEquals(IntegrationKind.AGENCY, d.kind());
        assertTrue(d.scopes().stream().allMatch(s -> StandardScopes.isKnown(s.id())));
        assertTrue(d.field("apiSecret").secret());
        assertTrue(d.reverseScopes().isEmpty());
    }

    @Test
    public void fieldPatternsAcceptTheDocumentedExamplesOnly() {
        assertTrue(Pattern.matches(agency.descriptor().field("agencyCode").pattern(), "TB-LON-0042"));
        assertFalse(Pattern.matches(agency.descriptor().field("agencyCode").pattern(), "TB-LONDON-42"));
        assertTrue(Pattern.matches(agency.descriptor().field("contactEmail").pattern(), "jane.doe@acme.com"));
        assertFalse(Pattern.matches(agency.descriptor().field("contactEmail").pattern(), "jane.doe"));
        assertFalse(Pattern.matches(agency.descriptor().field("apiSecret").pattern(), "short"));
    }

    @Test
    public void companyContactConnects() {
        ConnectResult r = connect("TB-LON-0042", "jane.doe@acme.com");
        assertTrue(r.description(), r.isConnected());
        assertTrue(r.description().contains("TB-LON-0042"));
    }

    @Test
    public void suspendedOfficeFreeMailAndMalformedInputAreRejected() {
        assertEquals("AGENCY_SUSPENDED", connect("TB-LON-0000", "jane.doe@acme.com").detail());
        ConnectResult freeMail = connect("TB-LON-0042", "jane@Gmail.com");
        assertEquals("CONTACT_NOT_VERIFIED", freeMail.detail());
        assertTrue(freeMail.description().contains("gmail.com"));
        assertEquals("INVALID_ACCOUNT", connect("LON-42", "jane.doe@acme.com").detail());
        assertEquals("INVALID_ACCOUNT", agency.connect(TestConnections.context(Map.of())).detail());
    }

    private final List<CandidateSubmission> submitted = new CopyOnWriteArrayList<>();

    @After
    public void stop() {
        agency.deactivate();
    }

    /** A running agency with these settings whose candidates arrive in {@link #submitted}. */
    private ConnectionContext running(Settings settings) {
        agency = new TalentBridgeConnector(settings);
        return TestConnections.context(
                Map.of("agencyCode", "TB-LON-0042", "contactEmail", "jane.doe@acme.com", "apiSecret", SECRET),
                StandardScopes.all().keySet(), submitted);
    }

    /** Polls {@code condition} every 2 ms until it holds, for at most 10 s. */
    private static void await(String what, BooleanSupplier condition) {
        long end = System.nanoTime() + 10_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                fail("timed out waiting for " + what);
            }
            java.util.concurrent.locks.LockSupport.parkNanos(2_000_000L);
        }
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> held(String assignmentId) {
        return ((List<Map<String, Object>>) agency.get().get("assignments")).stream()
                .filter(m -> m.get("assignmentId").equals(assignmentId)).findFirst().orElse(null);
    }

    @Test
    public void theSameAssignmentIdGetsTheSameReferenceAndIsCreatedOnce() throws Exception {
        AssignmentReceipt first = agency.receiveAssignment(ctx, assignment("a1", "Nurse"));
        assertEquals(first, agency.receiveAssignment(ctx, assignment("a1", "Nurse")));
        AssignmentReceipt second = agency.receiveAssignment(ctx, assignment("a2", "Nurse"));
        assertNotEquals(first, second);
        assertTrue(first.agencyReference(), first.agencyReference().matches("TB-LON-0042-A-[0-9A-F]{10}"));
        assertEquals("deterministic: another TalentBridge instance answers the same",
                first, new TalentBridgeConnector().receiveAssignment(ctx, assignment("a1", "Nurse")));
        assertEquals(2L, agency.get().get("created"));
        assertEquals(1L, agency.get().get("replays"));
        assertEquals(2, held("a1").get("received"));
    }

    @Test
    public void anAssignmentItCannotWorkOnIsRefusedWithEveryProblem() throws Exception {
        try {
            agency.receiveAssignment(ctx, new Assignment("a3", "job-1", " ", "UK", null, null, " ",
                    Instant.parse("2026-11-01T09:00:00Z")));
            fail();
        } catch (IntegrationException e) {
            assertEquals("INVALID_ASSIGNMENT", e.code());
            assertFalse(e.isRetryable());
            assertTrue(e.getMessage(), e.getMessage().contains("title"));
            assertTrue(e.getMessage(), e.getMessage().contains("UK"));
            assertTrue(e.getMessage(), e.getMessage().contains("fee terms"));
        }
        assertNull(held("a3"));
        assertEquals(1L, agency.get().get("refusals"));
    }

    @Test
    public void aSuspendedOfficeOrAnAccountItWouldNotTakeIsRefused() throws Exception {
        ConnectionContext suspended = TestConnections.context(
                Map.of("agencyCode", "TB-LON-0000", "contactEmail", "jane.doe@acme.com", "apiSecret", SECRET));
        try {
            agency.receiveAssignment(suspended, assignment("a5", "Nurse"));
            fail();
        } catch (IntegrationException e) {
            assertEquals("AGENCY_SUSPENDED", e.code());
            assertFalse(e.isRetryable());
        }
        ConnectionContext freeMail = TestConnections.context(
                Map.of("agencyCode", "TB-LON-0042", "contactEmail", "jane@gmail.com", "apiSecret", SECRET));
        try {
            agency.receiveAssignment(freeMail, assignment("a6", "Nurse"));
            fail();
        } catch (IntegrationException e) {
            assertEquals("CONTACT_NOT_VERIFIED", e.code());
        }
    }

    @Test
    public void cancellingIsLenientAndStopsTheWork() throws Exception {
        agency.cancelAssignment(ctx, "never-seen", "changed our mind");
        AssignmentReceipt r = agency.receiveAssignment(ctx, assignment("a4", "Chef"));
        agency.cancelAssignment(ctx, "a4", "filled internally");
        agency.cancelAssignment(ctx, "a4", "twice is fine");
        assertEquals("cancelled", held("a4").get("status"));
        assertEquals(1L, agency.get().get("cancellations"));
        assertEquals("a late redelivery is answered, not created again", r,
                agency.receiveAssignment(ctx, assignment("a4", "Chef")));
        assertEquals(1L, agency.get().get("created"));
        try {
            agency.cancelAssignment(ctx, "", "x");
            fail();
        } catch (IntegrationException e) {
            assertEquals("INVALID_ASSIGNMENT", e.code());
        }
    }

    @Test
    public void itsOwnThreadSubmitsTheSameFewCandidatesToEachNewAssignmentOnly() throws Exception {
        ConnectionContext c = running(new Settings(Settings.Mode.NORMAL, 0, 2, 0));
        agency.receiveAssignment(c, assignment("a7", "Nurse"));
        agency.receiveAssignment(c, assignment("a7", "Nurse"));
        await("the candidates", () -> agency.pendingSteps() == 0 && submitted.size() == 2);
        assertEquals(List.of("a7", "a7"), submitted.stream().map(CandidateSubmission::reference).toList());
        assertEquals(List.of(Candidates.email("a7", 1), Candidates.email("a7", 2)),
                submitted.stream().map(CandidateSubmission::email).toList());
        assertEquals(Candidates.candidate("a7", 1, "Nurse"), submitted.get(0));
        assertEquals(2L, agency.get().get("candidatesSent"));
        assertEquals(2, held("a7").get("candidatesSent"));
    }

    @Test
    public void noCandidatesForACancelledAssignment() throws Exception {
        ConnectionContext c = running(new Settings(Settings.Mode.NORMAL, 0, 2, 200));
        agency.receiveAssignment(c, assignment("a8", "Nurse"));
        agency.cancelAssignment(c, "a8", "filled");
        await("the steps to end", () -> agency.pendingSteps() == 0);
        assertTrue(submitted.isEmpty());
    }

    @Test
    public void failAndRefuseModes() throws Exception {
        ConnectionContext c = running(new Settings(Settings.Mode.NORMAL, 0, 0, 0));
        AssignmentReceipt known = agency.receiveAssignment(c, assignment("a9", "Nurse"));
        agency.apply(new Settings(Settings.Mode.FAIL, 0, 0, 0));
        try {
            agency.receiveAssignment(c, assignment("a10", "Nurse"));
            fail();
        } catch (IntegrationException e) {
            assertTrue(e.isRetryable());
        }
        try {
            agency.cancelAssignment(c, "a9", "x");
            fail();
        } catch (IntegrationException e) {
            assertTrue(e.isRetryable());
        }
        agency.apply(new Settings(Settings.Mode.REFUSE, 0, 0, 0));
        try {
            agency.receiveAssignment(c, assignment("a10", "Nurse"));
            fail();
        } catch (IntegrationException e) {
            assertEquals("NOT_ACCEPTING", e.code());
            assertFalse(e.isRetryable());
        }
        assertEquals("a replay still works", known, agency.receiveAssignment(c, assignment("a9", "Nurse")));
        agency.cancelAssignment(c, "a9", "x");
        assertEquals("cancelled", held("a9").get("status"));
    }

    @Test
    public void slowModeAnswersLateAndAnInterruptedCallDoesNothing() throws Exception {
        ConnectionContext c = running(new Settings(Settings.Mode.SLOW, 60_000, 0, 0));
        Thread caller = Thread.currentThread();
        // interrupts the call once it blocks in the slow answer
        Thread interrupter = new Thread(() -> {
            await("the call blocks", () -> caller.getState() == Thread.State.TIMED_WAITING);
            caller.interrupt();
        });
        interrupter.start();
        try {
            agency.receiveAssignment(c, assignment("a11", "Nurse"));
            fail();
        } catch (IntegrationException e) {
            assertTrue(e.isRetryable());
        } finally {
            Thread.interrupted();
            interrupter.join();
        }
        assertNull(held("a11"));
        assertEquals(0L, agency.get().get("created"));
    }

    @Test
    public void unknownModesMeanNormal() {
        assertEquals(Settings.Mode.NORMAL, Settings.mode("sideways"));
        assertEquals(Settings.Mode.SLOW, Settings.mode(" Slow "));
        assertEquals(Settings.MAX_CANDIDATES, new Settings(null, -1, 99, -5).candidatesPerAssignment());
    }
}
