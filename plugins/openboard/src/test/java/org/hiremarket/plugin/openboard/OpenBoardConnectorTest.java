package org.hiremarket.plugin.openboard;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.util.Map;
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
import org.junit.Test;

public class OpenBoardConnectorTest {

    /** A valid token for acme-jobs: CRC32("acme-jobs") = f1abccb1, then any 24 hex digits. */
    static final String ACME_TOKEN = "f1abccb10123456789abcdef01234567";

    private final OpenBoardConnector board = new OpenBoardConnector();

    private static ConnectionContext context(Map<String, String> account) {
        return TestConnections.context(account);
    }

    private ConnectResult connect(String boardId, String token) {
        return board.connect(context(token == null ? Map.of("boardId", boardId) : Map.of("boardId", boardId, "feedToken", token)));
    }

    @Test
    public void descriptorFollowsTheHostRules() {
        var d = board.descriptor();
        assertEquals("openboard", d.id());
        assertEquals(IntegrationKind.JOB_BOARD, d.kind());
        assertTrue(d.scopes().stream().allMatch(s -> StandardScopes.isKnown(s.id())));
        assertEquals(3, d.accountFields().stream().map(AccountField::name).distinct().count());
        assertTrue(d.field("feedToken").secret());
        assertTrue(d.field("feedToken").required());
        assertTrue(!d.field("defaultCategory").required());
    }

    @Test
    public void fieldPatternsAcceptTheDocumentedExamplesOnly() {
        Pattern boardId = Pattern.compile(board.descriptor().field("boardId").pattern());
        Pattern token = Pattern.compile(board.descriptor().field("feedToken").pattern());
        assertTrue(boardId.matcher("acme-jobs").matches());
        assertTrue(!boardId.matcher("Acme Jobs").matches());
        assertTrue(token.matcher(ACME_TOKEN).matches());
        assertTrue(!token.matcher(ACME_TOKEN.toUpperCase()).matches());
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
    public void publishingTheSameJobAgainUpdatesTheSameAd() throws Exception {
        ConnectionContext ctx = context(Map.of("boardId", "acme-jobs", "feedToken", ACME_TOKEN));
        JobAd ad = new JobAd("job-1", "Java developer", "text", "SE", "Stockholm", false, null);
        Publication first = board.publish(ctx, ad);
        assertEquals(first, board.publish(ctx, ad));
        assertTrue(first.boardReference().startsWith("ob-"));
        assertEquals("https://jobs.openboard.example/acme-jobs/" + first.boardReference(), first.url());
        assertNotEquals(first, board.publish(ctx, new JobAd("job-2", "Tester", "", "SE", null, false, null)));
    }

    @Test
    public void invalidAdsAreRefused() {
        ConnectionContext ctx = context(Map.of("boardId", "acme-jobs", "feedToken", ACME_TOKEN));
        for (JobAd bad : new JobAd[] { new JobAd("j", " ", "", "SE", null, false, null),
                new JobAd("j", "x".repeat(201), "", "SE", null, false, null),
                new JobAd("j", "Dev", "", null, null, false, null), new JobAd("j", "Dev", "", "se", null, false, null) }) {
            try {
                board.publish(ctx, bad);
                fail("published " + bad);
            } catch (IntegrationException e) {
                assertEquals("INVALID_AD", e.code());
                assertTrue(!e.isRetryable());
            }
        }
    }

    @Test
    public void remoteJobsNeedNoCountryAndUnpublishIsLenient() throws Exception {
        ConnectionContext ctx = context(Map.of("boardId", "acme-jobs", "feedToken", ACME_TOKEN));
        assertTrue(board.publish(ctx, new JobAd("j", "Dev", "", null, null, true, null)).boardReference().startsWith("ob-"));
        board.unpublish(ctx, "ob-unknown");
        try {
            board.unpublish(ctx, " ");
            fail();
        } catch (IntegrationException e) {
            assertEquals("INVALID_REFERENCE", e.code());
        }
    }
}
