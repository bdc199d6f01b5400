package org.hiremarket.plugin.openboard;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.lang.annotation.Annotation;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.regex.Pattern;

import org.hiremarket.api.integration.AccountField;
import org.hiremarket.api.integration.ConnectResult;
import org.hiremarket.api.integration.ConnectionContext;
import org.hiremarket.api.integration.IntegrationException;
import org.hiremarket.api.integration.IntegrationKind;
import org.hiremarket.api.integration.StandardScopes;
import org.hiremarket.api.jobboard.JobAd;
import org.hiremarket.api.jobboard.Publication;
import org.hiremarket.api.testkit.TestConnections;
import org.junit.After;
import org.junit.Test;

/** The account checks, ad rules, catalogue, modes and counters of OpenBoard. */
public class OpenBoardConnectorTest {

    /** A valid token for acme-jobs: CRC32("acme-jobs") = f1abccb1, then any 24 hex digits. */
    static final String ACME_TOKEN = "f1abccb10123456789abcdef01234567";
    static final Map<String, String> ACME = Map.of("boardId", "acme-jobs", "feedToken", ACME_TOKEN);
    static final String TEXT = "We are looking for a developer who enjoys Java, tests and good design.";

    /** No applicants, so these tests see only the catalogue. */
    private final OpenBoardConnector board = new OpenBoardConnector(new Settings(Settings.Mode.NORMAL, 0, 0, 0));
    private final ConnectionContext acme = TestConnections.context(ACME);

    @After
    public void stopBoard() {
        board.deactivate();
    }

    static JobAd ad(String postingId, String key, String title) {
        return new JobAd("job-" + postingId, title, TEXT, "SE", "Stockholm", false, null, postingId, key, "Acme",
                null);
    }

    private ConnectResult connect(String boardId, String token) {
        return board.connect(TestConnections.context(
                token == null ? Map.of("boardId", boardId) : Map.of("boardId", boardId, "feedToken", token)));
    }

    private long stat(String name) {
        return (Long) board.get().get(name);
    }

    private IntegrationException publishFails(ConnectionContext ctx, JobAd ad) {
        try {
            Publication p = board.publish(ctx, ad);
            throw new AssertionError("published " + ad + " as " + p);
        } catch (IntegrationException e) {
            return e;
        }
    }

    // --- descriptor and account -------------------------------------------------------------------

    @Test
    public void descriptorFollowsTheHostRules() {
        var d = board.descriptor();
        assertEquals("openboard", d.id());
        assertEquals(IntegrationKind.JOB_BOARD, d.kind());
        assertTrue(d.scopes().stream().allMatch(s -> StandardScopes.isKnown(s.id())));
        assertTrue(d.scopes().stream().anyMatch(s -> s.id().equals(StandardScopes.CANDIDATES_WRITE)));
        assertEquals(3, d.accountFields().stream().map(AccountField::name).distinct().count());
        assertTrue(d.field("feedToken").secret());
        assertTrue(d.field("feedToken").required());
        assertFalse(d.field("defaultCategory").required());
    }

    @Test
    public void fieldPatternsAcceptTheDocumentedExamplesOnly() {
        Pattern boardId = Pattern.compile(board.descriptor().field("boardId").pattern());
        Pattern token = Pattern.compile(board.descriptor().field("feedToken").pattern());
        assertTrue(boardId.matcher("acme-jobs").matches());
        assertFalse(boardId.matcher("Acme Jobs").matches());
        assertTrue(token.matcher(ACME_TOKEN).matches());
        assertFalse(token.matcher(ACME_TOKEN.toUpperCase()).matches());
    }

    @Test
    public void tokenOfTheBoardConnects() {
        assertEquals("f1abccb1", OpenBoardConnector.checksum("acme-jobs"));
        ConnectResult r = connect("acme-jobs", ACME_TOKEN);
        assertTrue(r.description(), r.isConnected());
        assertEquals("OK", r.detail());
    }

    @Test
    public void tokenOfAnotherBoardIsRejected() {
        ConnectResult r = connect("other-board", ACME_TOKEN);
        assertEquals(ConnectResult.Outcome.REJECTED, r.outcome());
        assertEquals("TOKEN_NOT_FOR_BOARD", r.detail());
        assertTrue(r.description().contains("other-board"));
    }

    @Test
    public void closedBoardIsRejected() {
        String token = OpenBoardConnector.checksum("closed-acme") + "0123456789abcdef01234567";
        assertEquals("BOARD_CLOSED", connect("closed-acme", token).detail());
    }

    @Test
    public void malformedOrMissingValuesAreRejectedNotThrown() {
        assertEquals("INVALID_ACCOUNT", connect("acme-jobs", null).detail());
        assertEquals("INVALID_ACCOUNT", connect("acme-jobs", "nothex").detail());
        assertEquals("INVALID_ACCOUNT", connect("A", ACME_TOKEN).detail());
    }

    @Test
    public void publishAndUnpublishCheckTheAccountToo() {
        String closedToken = OpenBoardConnector.checksum("closed-acme") + "0123456789abcdef01234567";
        Map<Map<String, String>, String> accounts = Map.of(
                Map.of("boardId", "other-board", "feedToken", ACME_TOKEN), "TOKEN_NOT_FOR_BOARD",
                Map.of("boardId", "closed-acme", "feedToken", closedToken), "BOARD_CLOSED",
                Map.of("boardId", "acme-jobs"), "INVALID_ACCOUNT");
        accounts.forEach((account, code) -> {
            ConnectionContext ctx = TestConnections.context(account);
            IntegrationException e = publishFails(ctx, ad("p1", "k1", "Java developer"));
            assertEquals(code, e.code());
            assertFalse(e.isRetryable());
            try {
                board.unpublish(ctx, "ob-0123456789abcdef");
                fail("withdrew with " + account.keySet());
            } catch (IntegrationException u) {
                assertEquals(code, u.code());
            }
        });
        assertEquals(0, stat("ads"));
        assertEquals(3, stat("refusals"));
    }

    // --- ad rules ---------------------------------------------------------------------------------

    private void assertRefused(JobAd ad, String... fragments) {
        IntegrationException e = publishFails(acme, ad);
        assertEquals("INVALID_AD", e.code());
        assertFalse(e.isRetryable());
        assertTrue(e.getMessage(), e.getMessage().startsWith("OpenBoard cannot publish this ad: "));
        for (String fragment : fragments) {
            assertTrue(e.getMessage(), e.getMessage().contains(fragment));
        }
    }

    private static JobAd withTitle(String title) {
        return new JobAd("j", title, TEXT, "SE", null, false, null);
    }

    private static JobAd withText(String description) {
        return new JobAd("j", "Developer", description, "SE", null, false, null);
    }

    private static JobAd where(String country, boolean remote) {
        return new JobAd("j", "Developer", TEXT, country, null, remote, null);
    }

    private static JobAd applyAt(String url) {
        return new JobAd("j", "Developer", TEXT, "SE", null, false, url);
    }

    @Test
    public void titlesHaveOneTo200CharactersOnOneLine() throws Exception {
        assertRefused(withTitle(" "), "the title is empty; OpenBoard needs a title of 1 to 200 characters");
        assertRefused(withTitle("x".repeat(201)), "the title has 201 characters; OpenBoard allows at most 200");
        assertRefused(withTitle("Java\ndeveloper"), "the title contains a line break at character 5");
        assertRefused(withTitle("Java\tdeveloper"), "the title contains a tab at character 5");
        assertRefused(withTitle("Dev\u0007"), "the control character U+0007 at character 4");
        assertNotNull(board.publish(acme, withTitle("x".repeat(200))));
        // characters, not UTF-16 units: 200 emoji are 400 chars in Java
        assertNotNull(board.publish(acme, new JobAd("j2", "\uD83D\uDE80".repeat(200), TEXT, "SE", null, false, null)));
    }

    @Test
    public void descriptionsHave30To20000Characters() throws Exception {
        assertRefused(withText(null), "the ad text (description) is empty; OpenBoard needs 30 to 20,000 characters");
        assertRefused(withText("  "), "the ad text (description) is empty");
        assertRefused(withText("x".repeat(29)), "the ad text (description) has 29 characters; OpenBoard needs at least 30");
        assertRefused(withText("x".repeat(20_001)),
                "the ad text (description) has 20,001 characters; OpenBoard allows at most 20,000");
        assertNotNull(board.publish(acme, withText("x".repeat(30))));
        assertNotNull(board.publish(acme, withText("y".repeat(20_000))));
    }

    @Test
    public void onSiteJobsNeedAnIsoCountry() throws Exception {
        assertRefused(where(null, false), "an on-site job needs its country as an ISO 3166-1 alpha-2 code like SE");
        assertRefused(where("se", false), "the country 'se' is not an ISO 3166-1 alpha-2 code");
        assertRefused(where("UK", false), "the country 'UK' is not"); // Britain is GB
        assertRefused(where("SWE", false), "the country 'SWE' is not");
        assertRefused(where("ZZ", true), "the country 'ZZ' is not"); // a remote job may omit it, not get it wrong
        assertNotNull(board.publish(acme, where("GB", false)));
        assertNotNull(board.publish(acme, new JobAd("remote", "Developer", TEXT, null, null, true, null)));
    }

    @Test
    public void applyUrlsAreAbsoluteHttpAddresses() throws Exception {
        for (String bad : new String[] { "ftp://acme.example/jobs", "/jobs/42", "acme.example/jobs", "https://",
                "http://exa mple.com" }) {
            assertRefused(applyAt(bad), "the apply URL '" + bad + "' is not an absolute http or https address");
        }
        assertNotNull(board.publish(acme, applyAt("https://acme.example/jobs/42?src=openboard")));
        assertNotNull(board.publish(acme, applyAt("http://acme.example")));
        assertEquals("the same ad, whatever its URL", 1, stat("ads"));
    }

    @Test
    public void everyProblemIsNamedInOneMessageAndNothingIsCreated() {
        assertRefused(new JobAd("j", "", "too short", "XX", null, false, "mailto:jobs@acme.example"),
                "the title is empty", "has 9 characters", "the country 'XX'", "the apply URL 'mailto:");
        assertEquals(0, stat("ads"));
        assertEquals(1, stat("refusals"));
        assertNull(board.catalogueOf("acme-jobs"));
    }

    // --- catalogue: idempotency, updates, withdrawals ---------------------------------------------

    @Test
    public void theSameKeyIsAnsweredWithTheFirstPublication() throws Exception {
        Publication first = board.publish(acme, ad("p1", "k1", "Java developer"));
        assertEquals(first, board.publish(acme, ad("p1", "k1", "Java developer")));
        assertEquals(first, board.publish(acme, ad("p1", "k1", "Java developer")));
        assertEquals(1, stat("ads"));
        assertEquals(2, stat("replays"));
        assertEquals(0, stat("updates"));
        assertEquals(1, stat("live"));
        assertEquals(1, board.catalogueOf("acme-jobs").find("p1").versions());
    }

    @Test
    public void aNewKeyUpdatesTheAdAndKeepsItsReference() throws Exception {
        Publication first = board.publish(acme, ad("p1", "k1", "Java developer"));
        Publication second = board.publish(acme, ad("p1", "k2", "Senior Java developer"));
        assertEquals(first, second);
        Posting posting = board.catalogueOf("acme-jobs").find("p1");
        assertEquals("Senior Java developer", posting.ad().title());
        assertEquals(2, posting.versions());
        // a late redelivery of the first version answers as before and does not roll the ad back
        assertEquals(first, board.publish(acme, ad("p1", "k1", "Java developer")));
        assertEquals("Senior Java developer", posting.ad().title());
        assertEquals(1, stat("ads"));
        assertEquals(1, stat("updates"));
        assertEquals(1, stat("replays"));
        assertEquals(1, stat("live"));
    }

    @Test
    public void referencesAreStableAndDoNotCollide() throws Exception {
        Publication p = board.publish(acme, ad("p1", "k1", "Java developer"));
        assertTrue(p.boardReference(), p.boardReference().matches("ob-[0-9a-f]{16}"));
        assertEquals("https://jobs.openboard.example/acme-jobs/" + p.boardReference(), p.url());
        assertEquals("the same after a restart of the board", Catalogue.reference("acme-jobs", "p1"), p.boardReference());
        assertNotEquals("another board, another ad", Catalogue.reference("other-jobs", "p1"), p.boardReference());

        Set<String> references = new HashSet<>();
        for (int i = 0; i < 5000; i++) {
            references.add(board.publish(acme, ad("posting-" + i, "key-" + i, "Developer " + i)).boardReference());
        }
        assertEquals(5000, references.size());
        assertEquals(5001, stat("ads"));
        assertEquals(5001, stat("live"));
    }

    @Test
    public void aKeyOfAnotherPostingIsRefused() throws Exception {
        board.publish(acme, ad("p1", "k1", "Java developer"));
        IntegrationException e = publishFails(acme, ad("p2", "k1", "Tester"));
        assertEquals("IDEMPOTENCY_KEY_REUSED", e.code());
        assertFalse(e.isRetryable());
        assertTrue(e.getMessage(), e.getMessage().contains("'k1'") && e.getMessage().contains("(p1)"));
        assertNull(board.catalogueOf("acme-jobs").find("p2"));
    }

    @Test
    public void hostsBefore11AreServedByJobId() throws Exception {
        JobAd v1 = new JobAd("job-1", "Java developer", TEXT, "SE", "Stockholm", false, null);
        Publication first = board.publish(acme, v1);
        assertEquals(Catalogue.reference("acme-jobs", "job-1"), first.boardReference());
        assertEquals(first, board.publish(acme, v1));
        assertEquals(1, stat("replays"));
        assertEquals(first, board.publish(acme, new JobAd("job-1", "Senior Java developer", TEXT, "SE", null, false,
                null)));
        assertEquals(1, stat("updates"));
        assertNotEquals(first, board.publish(acme, new JobAd("job-2", "Tester", TEXT, "SE", null, false, null)));
        assertEquals(2, stat("ads"));
    }

    @Test
    public void withdrawingTwiceOrSomethingUnknownIsFine() throws Exception {
        Publication p = board.publish(acme, ad("p1", "k1", "Java developer"));
        board.unpublish(acme, p.boardReference());
        assertFalse(board.catalogueOf("acme-jobs").find("p1").isLive());
        board.unpublish(acme, p.boardReference());
        board.unpublish(acme, "ob-unknown");
        assertEquals(1, stat("withdrawals"));
        assertEquals(0, stat("live"));
        try {
            board.unpublish(acme, " ");
            fail("withdrew a blank reference");
        } catch (IntegrationException e) {
            assertEquals("INVALID_REFERENCE", e.code());
        }
    }

    @Test
    public void aNewVersionAfterTheWithdrawalListsTheAdAgain() throws Exception {
        Publication p = board.publish(acme, ad("p1", "k1", "Java developer"));
        board.unpublish(acme, p.boardReference());
        // a stale redelivery of the first version does not bring the ad back
        assertEquals(p, board.publish(acme, ad("p1", "k1", "Java developer")));
        assertFalse(board.catalogueOf("acme-jobs").find("p1").isLive());
        assertEquals(0, stat("relisted"));

        assertEquals(p, board.publish(acme, ad("p1", "k2", "Java developer")));
        assertTrue(board.catalogueOf("acme-jobs").find("p1").isLive());
        assertEquals(1, stat("relisted"));
        assertEquals(1, stat("ads"));
        assertEquals(1, stat("live"));
        assertEquals(0, stat("duplicates"));
    }

    @Test
    public void aSecondLiveAdForOneJobIsCountedAsDuplicate() throws Exception {
        JobAd first = ad("p1", "k1", "Java developer");
        board.publish(acme, first);
        board.publish(acme, new JobAd(first.jobId(), "Java developer", TEXT, "SE", null, false, null, "p2", "k2",
                null, null));
        assertEquals(1, stat("duplicates"));
        // the same job on another board is another ad, not a duplicate
        ConnectionContext other = TestConnections.context(
                Map.of("boardId", "beta-jobs", "feedToken", OpenBoardConnector.checksum("beta-jobs") + "0".repeat(24)));
        board.publish(other, first);
        assertEquals(1, stat("duplicates"));
        assertEquals(3, stat("live"));
    }

    // --- simulated trouble and configuration ------------------------------------------------------

    @Test
    public void refuseModeRefusesNewAdsButUpdatesAndWithdrawalsWork() throws Exception {
        Publication live = board.publish(acme, ad("p1", "k1", "Java developer"));
        Publication gone = board.publish(acme, ad("p2", "k2", "Tester"));
        board.unpublish(acme, gone.boardReference());
        board.apply(new Settings(Settings.Mode.REFUSE, 0, 0, 0));

        IntegrationException e = publishFails(acme, ad("p3", "k3", "Designer"));
        assertEquals("BOARD_REFUSED", e.code());
        assertFalse(e.isRetryable());
        assertEquals("OpenBoard is not accepting new ads for this board right now", e.getMessage());
        assertEquals("re-listing is a new ad too", "BOARD_REFUSED", publishFails(acme, ad("p2", "k4", "Tester")).code());

        assertEquals(live, board.publish(acme, ad("p1", "k1", "Java developer")));
        assertEquals(live, board.publish(acme, ad("p1", "k5", "Senior Java developer")));
        board.unpublish(acme, live.boardReference());
        assertEquals(2, stat("refusals"));
        assertEquals(2, stat("ads"));
        assertEquals(1, stat("updates"));
        assertEquals(2, stat("withdrawals"));
        assertEquals(0, stat("live"));
    }

    @Test
    public void failModeIsARetryableOutage() throws Exception {
        Publication p = board.publish(acme, ad("p1", "k1", "Java developer"));
        board.apply(new Settings(Settings.Mode.FAIL, 0, 0, 0));
        IntegrationException e = publishFails(acme, ad("p2", "k2", "Tester"));
        assertTrue(e.isRetryable());
        assertEquals("VENDOR_UNAVAILABLE", e.code());
        assertTrue(e.getMessage(), e.getMessage().startsWith("OpenBoard is down"));
        try {
            board.unpublish(acme, p.boardReference());
            fail("withdrew on a board that is down");
        } catch (IntegrationException down) {
            assertTrue(down.isRetryable());
        }
        assertTrue(board.catalogueOf("acme-jobs").find("p1").isLive());
        assertEquals(1, stat("ads"));
        assertEquals("an outage is no refusal", 0, stat("refusals"));
    }

    @Test
    public void slowModeAnswersLateAndAnInterruptedCallDoesNothing() throws Exception {
        board.apply(new Settings(Settings.Mode.SLOW, 1, 0, 0));
        Publication p = board.publish(acme, ad("p1", "k1", "Java developer"));

        board.apply(new Settings(Settings.Mode.SLOW, 60_000, 0, 0));
        assertInterrupted(() -> board.publish(acme, ad("p2", "k2", "Tester")));
        assertInterrupted(() -> {
            board.unpublish(acme, p.boardReference());
            return null;
        });
        assertNull(board.catalogueOf("acme-jobs").find("p2"));
        assertTrue(board.catalogueOf("acme-jobs").find("p1").isLive());
    }

    private interface Call {
        Object run() throws Exception;
    }

    /** Runs a call that blocks on a thread of its own, interrupts it and checks it gave up at once. */
    private static void assertInterrupted(Call call) throws InterruptedException {
        Throwable[] thrown = new Throwable[1];
        boolean[] stillInterrupted = new boolean[1];
        Thread caller = new Thread(() -> {
            try {
                call.run();
            } catch (Throwable t) {
                thrown[0] = t;
            }
            stillInterrupted[0] = Thread.currentThread().isInterrupted();
        }, "slow-caller");
        caller.start();
        await("the call blocks", () -> caller.getState() == Thread.State.TIMED_WAITING);
        caller.interrupt();
        caller.join(10_000);
        assertFalse("the call returned", caller.isAlive());
        assertTrue(String.valueOf(thrown[0]), thrown[0] instanceof IntegrationException);
        assertTrue(((IntegrationException) thrown[0]).isRetryable());
        assertTrue(stillInterrupted[0]);
    }

    @Test
    public void unknownModeMeansNormalAndApplicantsAreCappedAt20() {
        assertEquals(Settings.Mode.NORMAL, Settings.mode("sideways"));
        assertEquals(Settings.Mode.REFUSE, Settings.mode(" Refuse "));
        assertEquals(20, new Settings(null, 0, 50, 0).applicationsPerAd());
        assertEquals(0, new Settings(null, -1, -3, -5).applicationsPerAd());
        assertEquals(Settings.DEFAULTS, Settings.from(config("normal", 30_000, 2, 2000)));
    }

    @Test
    public void configurationChangesApplyLiveWithoutLosingAds() throws Exception {
        OpenBoardConnector component = new OpenBoardConnector(); // as Declarative Services runs it
        try {
            component.activate(config("normal", 0, 0, 0));
            Publication p = component.publish(acme, ad("p1", "k1", "Java developer"));
            component.modified(config("refuse", 0, 0, 0));
            try {
                component.publish(acme, ad("p2", "k2", "Tester"));
                fail("refuse mode took a new ad");
            } catch (IntegrationException e) {
                assertEquals("BOARD_REFUSED", e.code());
            }
            component.modified(config("no-such-mode", 0, 0, 0));
            assertEquals("the ad is still known", p, component.publish(acme, ad("p1", "k1", "Java developer")));
            assertEquals(1L, component.get().get("replays"));
        } finally {
            component.deactivate();
        }
    }

    // --- the stats service ------------------------------------------------------------------------

    @Test
    @SuppressWarnings("unchecked")
    public void statsAreAnUnmodifiableCopyOfCountersAndPostings() throws Exception {
        Publication p = board.publish(acme, ad("p1", "k1", "Java developer"));
        board.publish(acme, ad("p1", "k2", "Senior Java developer"));
        Map<String, Object> before = board.get();
        board.unpublish(acme, p.boardReference());
        Map<String, Object> after = board.get();

        assertEquals(Set.of("ads", "live", "updates", "replays", "withdrawals", "refusals", "relisted", "duplicates",
                "applicationsSent", "postings"), after.keySet());
        assertEquals(1L, after.get("ads"));
        assertEquals(0L, after.get("live"));
        assertEquals(1L, after.get("updates"));
        assertEquals(1L, after.get("withdrawals"));
        assertEquals(0L, after.get("applicationsSent"));
        List<Map<String, Object>> postings = (List<Map<String, Object>>) after.get("postings");
        assertEquals(List.of(Map.of("board", "acme-jobs", "postingId", "p1", "jobId", "job-p1", "reference",
                p.boardReference(), "url", p.url(), "status", "withdrawn", "versions", 2L, "title",
                "Senior Java developer")), postings);

        // a copy: what was read before the withdrawal stays as it was
        assertEquals(1L, before.get("live"));
        assertEquals(0L, before.get("withdrawals"));
        assertEquals("live", ((List<Map<String, Object>>) before.get("postings")).get(0).get("status"));
        try {
            after.put("ads", 0L);
            fail("stats are modifiable");
        } catch (UnsupportedOperationException expected) {
            // read-only
        }
        try {
            postings.get(0).put("status", "live");
            fail("a posting is modifiable");
        } catch (UnsupportedOperationException expected) {
            // read-only
        }
    }

    // --- helpers ---------------------------------------------------------------------------------

    /** Waits for a condition with a deadline; fails when it does not come true in time. */
    static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                fail("timed out waiting for " + what);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2));
        }
    }

    /** A configuration as Declarative Services would build it from the .cfg. */
    static OpenBoardConfig config(String mode, long slowMs, int perAd, long delayMs) {
        return new OpenBoardConfig() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return OpenBoardConfig.class;
            }

            @Override
            public String mode() {
                return mode;
            }

            @Override
            public long slow_ms() {
                return slowMs;
            }

            @Override
            public int applications_per_ad() {
                return perAd;
            }

            @Override
            public long application_delay_ms() {
                return delayMs;
            }
        };
    }
}
