package org.hiremarket.plugin.openboard;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.zip.CRC32;

import org.hiremarket.api.integration.AccountField;
import org.hiremarket.api.integration.ConnectResult;
import org.hiremarket.api.integration.ConnectionContext;
import org.hiremarket.api.integration.DataScope;
import org.hiremarket.api.integration.Integration;
import org.hiremarket.api.integration.IntegrationDescriptor;
import org.hiremarket.api.integration.IntegrationException;
import org.hiremarket.api.integration.IntegrationKind;
import org.hiremarket.api.integration.StandardScopes;
import org.hiremarket.api.jobboard.JobAd;
import org.hiremarket.api.jobboard.JobBoard;
import org.hiremarket.api.jobboard.Publication;
import org.osgi.service.component.annotations.Component;

/**
 * OpenBoard, a demo job board. A customer connects with the id of their board and its feed token.
 * OpenBoard issues feed tokens per board: the first eight hex digits of a token are the CRC32 of
 * the board id, so a token copied from another board is refused. Boards whose id starts with
 * {@code closed-} have been closed by OpenBoard.
 */
@Component(service = Integration.class, immediate = true)
public class OpenBoardConnector implements JobBoard {

    static final String ID = "openboard";
    static final String BOARD_ID = "boardId";
    static final String FEED_TOKEN = "feedToken";
    static final String DEFAULT_CATEGORY = "defaultCategory";
    static final int MAX_TITLE = 200;

    private static final IntegrationDescriptor DESCRIPTOR = new IntegrationDescriptor(ID, "OpenBoard Jobs",
            "OpenBoard AB", IntegrationKind.JOB_BOARD, "1.0.0",
            "Publish your job ads on OpenBoard, the open job board for the Nordics.",
            List.of(new DataScope(StandardScopes.COMPANY_READ, "to show your company name and profile on your ads"),
                    new DataScope(StandardScopes.JOBS_READ, "to publish the jobs you choose as ads"),
                    new DataScope(StandardScopes.CANDIDATES_WRITE, "to send you the candidates who apply on OpenBoard")),
            List.of(AccountField.required(BOARD_ID, "OpenBoard board id")
                    .withPattern("[a-z0-9][a-z0-9-]{2,39}", "3 to 40 lower-case letters, digits or '-', like acme-jobs"),
                    AccountField.secret(FEED_TOKEN, "Feed token")
                            .withPattern("[0-9a-f]{32}", "the 32 hex digits shown under Settings → Feed on OpenBoard"),
                    new AccountField(DEFAULT_CATEGORY, "Default category", false, false, null,
                            "where ads go when a job has no category, like engineering")),
            List.of());

    @Override
    public IntegrationDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public ConnectResult connect(ConnectionContext context) {
        Optional<String> board = context.account().get(BOARD_ID);
        Optional<String> token = context.account().get(FEED_TOKEN);
        if (board.isEmpty() || token.isEmpty() || !board.get().matches("[a-z0-9][a-z0-9-]{2,39}")
                || !token.get().matches("[0-9a-f]{32}")) {
            return ConnectResult.rejected("INVALID_ACCOUNT", "OpenBoard needs a board id and its 32-digit feed token");
        }
        if (board.get().startsWith("closed-")) {
            return ConnectResult.rejected("BOARD_CLOSED",
                    "OpenBoard board '" + board.get() + "' is closed; reopen it on OpenBoard or use another board");
        }
        if (!token.get().startsWith(checksum(board.get()))) {
            return ConnectResult.rejected("TOKEN_NOT_FOR_BOARD",
                    "This feed token does not belong to board '" + board.get() + "'; copy the token of that board");
        }
        return ConnectResult.connected("Connected to OpenBoard board '" + board.get() + "'");
    }

    @Override
    public void disconnect(ConnectionContext context) {
        // OpenBoard keeps published ads until they are withdrawn; nothing to tidy up
    }

    @Override
    public Publication publish(ConnectionContext context, JobAd ad) throws IntegrationException {
        String board = context.account().get(BOARD_ID)
                .orElseThrow(() -> IntegrationException.invalid("INVALID_ACCOUNT", "no board id on this connection"));
        if (ad.title().isBlank() || ad.title().length() > MAX_TITLE) {
            throw IntegrationException.invalid("INVALID_AD", "an ad title has 1 to " + MAX_TITLE + " characters");
        }
        if (!ad.remote() && (ad.countryCode() == null || !ad.countryCode().matches("[A-Z]{2}"))) {
            throw IntegrationException.invalid("INVALID_AD", "an on-site job needs an ISO country code like SE");
        }
        // the same job always maps to the same ad: publishing again updates it
        String reference = "ob-" + checksum(board + "/" + ad.jobId());
        return new Publication(reference, "https://jobs.openboard.example/" + board + "/" + reference);
    }

    @Override
    public void unpublish(ConnectionContext context, String boardReference) throws IntegrationException {
        if (boardReference == null || boardReference.isBlank()) {
            throw IntegrationException.invalid("INVALID_REFERENCE", "which ad? the board reference is empty");
        }
        // withdrawing an ad OpenBoard no longer has is not an error
    }

    /** The lower-case, zero-padded hex CRC32 of {@code text} (UTF-8). */
    static String checksum(String text) {
        CRC32 crc = new CRC32();
        crc.update(text.getBytes(StandardCharsets.UTF_8));
        return String.format(Locale.ROOT, "%08x", crc.getValue());
    }
}
