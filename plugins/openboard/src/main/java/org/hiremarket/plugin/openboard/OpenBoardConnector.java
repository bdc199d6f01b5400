package org.hiremarket.plugin.openboard;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import java.util.zip.CRC32;

import org.hiremarket.api.integration.AccountField;
import org.hiremarket.api.integration.CandidateSubmission;
import org.hiremarket.api.integration.ConnectResult;
import org.hiremarket.api.integration.ConnectionContext;
import org.hiremarket.api.integration.DataScope;
import org.hiremarket.api.integration.Integration;
import org.hiremarket.api.integration.IntegrationDescriptor;
import org.hiremarket.api.integration.IntegrationException;
import org.hiremarket.api.integration.IntegrationKind;
import org.hiremarket.api.integration.PartnerAccount;
import org.hiremarket.api.integration.ScopeNotGrantedException;
import org.hiremarket.api.integration.StandardScopes;
import org.hiremarket.api.integration.SubmissionReceipt;
import org.hiremarket.api.jobboard.JobAd;
import org.hiremarket.api.jobboard.JobBoard;
import org.hiremarket.api.jobboard.Publication;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * OpenBoard, a demo job board. A customer connects with the id of their board and its feed token.
 * OpenBoard issues feed tokens per board: the first eight hex digits of a token are the CRC32 of
 * the board id, so a token copied from another board is refused. Boards whose id starts with
 * {@code closed-} have been closed by OpenBoard.
 *
 * <p>Ads behave like on a real board, kept in memory: OpenBoard checks each ad ({@link AdRules}),
 * keeps one ad per posting in the board's {@link Catalogue} with a reference that never changes,
 * answers a repeated idempotency key with its first publication, takes a new key for a known
 * posting as an update and withdraws on unpublish. For every new ad its own thread sends a few
 * deterministic applicants ({@link Applicants}) back to the customer. {@link OpenBoardConfig}
 * can make it slow, down, or refuse new ads.
 *
 * <p>The component also registers as a {@code java.util.function.Supplier} with the service
 * property {@code hiremarket.demo.stats=openboard}: its {@link #get()} returns the board's
 * counters and a copy of its catalogue, for tests and benchmarks.
 */
@Component(service = { Integration.class, Supplier.class }, immediate = true,
        property = OpenBoardConnector.STATS_PROPERTY + "=" + OpenBoardConnector.ID,
        configurationPid = OpenBoardConfig.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = OpenBoardConfig.class)
public class OpenBoardConnector implements JobBoard, Supplier<Map<String, Object>> {

    private static final Logger LOG = LoggerFactory.getLogger(OpenBoardConnector.class);

    static final String ID = "openboard";
    static final String STATS_PROPERTY = "hiremarket.demo.stats";
    static final String BOARD_ID = "boardId";
    static final String FEED_TOKEN = "feedToken";
    static final String DEFAULT_CATEGORY = "defaultCategory";
    static final String BOARD_PATTERN = "[a-z0-9][a-z0-9-]{2,39}";
    static final String TOKEN_PATTERN = "[0-9a-f]{32}";

    static final String REFUSED_MESSAGE = "OpenBoard is not accepting new ads for this board right now";

    /** An application the host cannot store now is sent again up to 4 times, with a doubling wait. */
    static final int MAX_SUBMIT_RETRIES = 4;
    /** The first wait before sending an application again: the application delay, but at least this. */
    static final long MIN_RETRY_MS = 100;

    private static final IntegrationDescriptor DESCRIPTOR = new IntegrationDescriptor(ID, "OpenBoard Jobs",
            "OpenBoard AB", IntegrationKind.JOB_BOARD, "1.1.0",
            "Publish your job ads on OpenBoard, the open job board for the Nordics.",
            List.of(new DataScope(StandardScopes.COMPANY_READ, "to show your company name and profile on your ads"),
                    new DataScope(StandardScopes.JOBS_READ, "to publish the jobs you choose as ads"),
                    new DataScope(StandardScopes.CANDIDATES_WRITE, "to send you the candidates who apply on OpenBoard")),
            List.of(AccountField.required(BOARD_ID, "OpenBoard board id")
                    .withPattern(BOARD_PATTERN, "3 to 40 lower-case letters, digits or '-', like acme-jobs"),
                    AccountField.secret(FEED_TOKEN, "Feed token")
                            .withPattern(TOKEN_PATTERN, "the 32 hex digits shown under Settings → Feed on OpenBoard"),
                    new AccountField(DEFAULT_CATEGORY, "Default category", false, false, null,
                            "where ads go when a job has no category, like engineering")),
            List.of());

    /** The boards' catalogues, by board id. */
    private final Map<String, Catalogue> catalogues = new ConcurrentHashMap<>();
    private final LongAdder ads = new LongAdder();
    private final LongAdder updates = new LongAdder();
    private final LongAdder replays = new LongAdder();
    private final LongAdder withdrawals = new LongAdder();
    private final LongAdder refusals = new LongAdder();
    private final LongAdder relisted = new LongAdder();
    private final LongAdder duplicates = new LongAdder();
    private final LongAdder applicationsSent = new LongAdder();
    /** Applicant steps scheduled and not finished yet (a step schedules the next before it ends). */
    private final AtomicInteger pendingSteps = new AtomicInteger();
    /** Connections already warned about a missing candidates.write scope, so the log says it once. */
    private final Set<String> warnedScope = ConcurrentHashMap.newKeySet();

    private volatile Settings settings = Settings.DEFAULTS;
    /** OpenBoard's own thread: it sends the applicants of new ads. */
    private volatile ScheduledExecutorService scheduler;

    /** For Declarative Services, which then calls {@link #activate}. */
    public OpenBoardConnector() {
    }

    /** A running board with these settings, for tests; stop it with {@link #deactivate()}. */
    OpenBoardConnector(Settings settings) {
        start(settings);
    }

    @Activate
    void activate(OpenBoardConfig config) {
        start(Settings.from(config));
    }

    /** A new configuration applies from the next call on; the catalogue and scheduled applicants stay. */
    @Modified
    void modified(OpenBoardConfig config) {
        apply(Settings.from(config));
    }

    /** Stops OpenBoard's thread: applicants not sent yet are not sent. */
    @Deactivate
    void deactivate() {
        ScheduledExecutorService s = scheduler;
        if (s != null) {
            s.shutdownNow();
        }
        LOG.info("OpenBoard stopped");
    }

    private void start(Settings initial) {
        apply(initial);
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, task -> {
            Thread t = new Thread(task, "openboard-applicants");
            t.setDaemon(true);
            return t;
        });
        scheduler = executor;
    }

    void apply(Settings newSettings) {
        settings = newSettings;
        LOG.info("OpenBoard: mode {}{}, {} applicants per new ad, {} ms apart", newSettings.mode(),
                newSettings.mode() == Settings.Mode.SLOW ? " (answers after " + newSettings.slowMs() + " ms)" : "",
                newSettings.applicationsPerAd(), newSettings.applicationDelayMs());
    }

    @Override
    public IntegrationDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public ConnectResult connect(ConnectionContext context) {
        ConnectResult problem = accountProblem(context.account());
        if (problem != null) {
            return problem;
        }
        return ConnectResult.connected("Connected to OpenBoard board '" + context.account().require(BOARD_ID) + "'");
    }

    /** @return why OpenBoard refuses this account, or {@code null} when it is a valid, open board */
    private static ConnectResult accountProblem(PartnerAccount account) {
        Optional<String> board = account.get(BOARD_ID);
        Optional<String> token = account.get(FEED_TOKEN);
        if (board.isEmpty() || token.isEmpty() || !board.get().matches(BOARD_PATTERN)
                || !token.get().matches(TOKEN_PATTERN)) {
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
        return null;
    }

    /** @return the board of this connection, checked like at connect time */
    private static String board(ConnectionContext context) throws IntegrationException {
        ConnectResult problem = accountProblem(context.account());
        if (problem != null) {
            throw IntegrationException.invalid(problem.detail(), problem.description());
        }
        return context.account().require(BOARD_ID);
    }

    @Override
    public void disconnect(ConnectionContext context) {
        // OpenBoard keeps published ads until they are withdrawn, and their applicants still come
    }

    @Override
    public Publication publish(ConnectionContext context, JobAd ad) throws IntegrationException {
        Objects.requireNonNull(ad, "ad");
        try {
            return publishAd(context, ad);
        } catch (IntegrationException e) {
            if (!e.isRetryable()) {
                refusals.increment();
                LOG.debug("OpenBoard refused posting {}: {} {}", postingId(ad), e.code(), e.getMessage());
            }
            throw e;
        }
    }

    private Publication publishAd(ConnectionContext context, JobAd ad) throws IntegrationException {
        Settings current = settings;
        simulateTrouble(current, "the ad was not published");
        String board = board(context);
        List<String> problems = AdRules.problems(ad);
        if (!problems.isEmpty()) {
            throw IntegrationException.invalid("INVALID_AD", "OpenBoard cannot publish this ad: "
                    + String.join("; ", problems) + ".");
        }
        String postingId = postingId(ad);
        Catalogue.Result result = catalogue(board).publish(postingId, ad, current.mode() != Settings.Mode.REFUSE);
        Posting posting = result.posting();
        switch (result.outcome()) {
            case CREATED -> {
                ads.increment();
                LOG.info("OpenBoard board {}: ad {} created for posting {}", board, posting.reference(), postingId);
                scheduleApplicants(context, posting, result.listing(), ad.title(), current);
            }
            case UPDATED -> {
                updates.increment();
                LOG.info("OpenBoard board {}: ad {} updated for posting {} (version {})", board, posting.reference(),
                        postingId, posting.versions());
            }
            case RELISTED -> {
                relisted.increment();
                LOG.info("OpenBoard board {}: ad {} listed again for posting {} after its withdrawal", board,
                        posting.reference(), postingId);
            }
            case REPLAYED -> {
                replays.increment();
                LOG.debug("OpenBoard board {}: posting {} delivered again; answered with ad {}", board, postingId,
                        posting.reference());
            }
            case REFUSED -> throw IntegrationException.invalid("BOARD_REFUSED", REFUSED_MESSAGE);
            case KEY_OF_ANOTHER_POSTING -> throw IntegrationException.invalid("IDEMPOTENCY_KEY_REUSED",
                    "OpenBoard already took idempotency key '" + ad.idempotencyKey() + "' for another posting ("
                            + posting.postingId() + "); each version of a posting needs a key of its own");
            case REFERENCE_TAKEN -> {
                LOG.error("OpenBoard board {}: the reference {} of posting {} is already posting {}'s", board,
                        posting.reference(), postingId, posting.postingId());
                throw IntegrationException.invalid("REFERENCE_TAKEN", "OpenBoard cannot give posting " + postingId
                        + " a reference of its own on board '" + board + "'; contact OpenBoard");
            }
        }
        if (result.duplicate()) {
            duplicates.increment();
            LOG.warn("OpenBoard board {}: job {} now has a second live ad ({}, posting {})", board, ad.jobId(),
                    posting.reference(), postingId);
        }
        return posting.publication();
    }

    /** @return the posting identity of an ad: its posting id, or for hosts before 1.1 its job id */
    static String postingId(JobAd ad) {
        return ad.postingId() == null || ad.postingId().isBlank() ? ad.jobId() : ad.postingId();
    }

    private Catalogue catalogue(String board) {
        return catalogues.computeIfAbsent(board, Catalogue::new);
    }

    @Override
    public void unpublish(ConnectionContext context, String boardReference) throws IntegrationException {
        simulateTrouble(settings, "the ad was not withdrawn");
        String board = board(context);
        if (boardReference == null || boardReference.isBlank()) {
            throw IntegrationException.invalid("INVALID_REFERENCE", "which ad? the board reference is empty");
        }
        Catalogue catalogue = catalogues.get(board);
        Catalogue.Withdrawal w = catalogue == null ? Catalogue.Withdrawal.UNKNOWN : catalogue.withdraw(boardReference);
        if (w == Catalogue.Withdrawal.WITHDRAWN) {
            withdrawals.increment();
            LOG.info("OpenBoard board {}: ad {} withdrawn (posting {})", board, boardReference,
                    catalogue.findByReference(boardReference).postingId());
        } else {
            // withdrawing an ad OpenBoard does not have (any more) is not an error
            LOG.debug("OpenBoard board {}: ad {} to withdraw is {}", board, boardReference,
                    w == Catalogue.Withdrawal.UNKNOWN ? "unknown" : "already withdrawn");
        }
    }

    /** The trouble {@link OpenBoardConfig#mode()} simulates, before OpenBoard looks at the call. */
    private static void simulateTrouble(Settings current, String notDone) throws IntegrationException {
        switch (current.mode()) {
            case FAIL -> throw IntegrationException.unavailable("OpenBoard is down for maintenance; try again later");
            case SLOW -> {
                try {
                    TimeUnit.MILLISECONDS.sleep(current.slowMs());
                } catch (InterruptedException e) {
                    // the host gave up waiting: answer at once and do nothing
                    Thread.currentThread().interrupt();
                    throw IntegrationException.unavailable("OpenBoard did not answer in time; " + notDone);
                }
            }
            case NORMAL, REFUSE -> {
                // refuse only concerns new ads, decided by the catalogue
            }
        }
    }

    // --- applicants ------------------------------------------------------------------------------

    /** The applicants of one listing of an ad, sent with the connection of the publish that created it. */
    private record Drive(ConnectionContext context, Posting posting, int listing, int total, String title) {
    }

    private void scheduleApplicants(ConnectionContext context, Posting posting, int listing, String title,
            Settings current) {
        if (current.applicationsPerAd() > 0) {
            Drive drive = new Drive(context, posting, listing, current.applicationsPerAd(), title);
            schedule(() -> sendApplicant(drive, 1, 0), current.applicationDelayMs());
        }
    }

    /**
     * Sends applicant {@code number} of an ad, then schedules the next one. Stops when the ad was
     * withdrawn, the customer did not grant candidates.write, or the host says the posting takes
     * no applications; sends an applicant again later when the host cannot store it now.
     */
    private void sendApplicant(Drive drive, int number, int retry) {
        String ref = drive.posting().reference();
        if (!drive.posting().isListed(drive.listing())) {
            LOG.debug("OpenBoard: ad {} was withdrawn; no more applicants", ref);
            return;
        }
        CandidateSubmission applicant = Applicants.applicant(ref, number, drive.title());
        try {
            SubmissionReceipt receipt = drive.context().host().submitCandidate(applicant);
            if (receipt != null && !receipt.duplicate()) {
                applicationsSent.increment();
            }
            LOG.debug("OpenBoard: applicant {} of ad {} sent: {}", number, ref, receipt);
        } catch (ScopeNotGrantedException e) {
            if (warnedScope.add(drive.context().connectionId())) {
                LOG.warn("OpenBoard: cannot send applicants of ad {} and the other ads of connection {}: "
                        + "the customer has not granted {}", ref, drive.context().connectionId(), e.scope());
            } else {
                LOG.debug("OpenBoard: no applicants for ad {}: scope {} not granted", ref, e.scope());
            }
            return;
        } catch (IllegalArgumentException e) {
            LOG.info("OpenBoard: HireMarket takes no applicants for ad {} any more: {}", ref, e.getMessage());
            return;
        } catch (RuntimeException e) {
            if (retry < MAX_SUBMIT_RETRIES) {
                long wait = Math.max(MIN_RETRY_MS, settings.applicationDelayMs()) << retry;
                LOG.warn("OpenBoard: applicant {} of ad {} not taken ({}); sending it again in {} ms", number, ref,
                        e.toString(), wait);
                schedule(() -> sendApplicant(drive, number, retry + 1), wait);
                return;
            }
            LOG.error("OpenBoard: gave up sending applicant {} of ad {} after {} retries: {}", number, ref, retry,
                    e.toString());
        }
        if (number < drive.total()) {
            schedule(() -> sendApplicant(drive, number + 1, 0), settings.applicationDelayMs());
        }
    }

    private void schedule(Runnable task, long delayMs) {
        ScheduledExecutorService s = scheduler;
        if (s == null) {
            LOG.warn("OpenBoard is not started; no applicants are sent");
            return;
        }
        pendingSteps.incrementAndGet();
        try {
            s.schedule(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    LOG.error("OpenBoard: sending an applicant failed", e);
                } finally {
                    pendingSteps.decrementAndGet();
                }
            }, delayMs, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            pendingSteps.decrementAndGet();
            LOG.debug("OpenBoard is stopping; an applicant was not scheduled");
        }
    }

    // --- stats -----------------------------------------------------------------------------------

    /**
     * The stats service: counters since the component started, and a copy of every board's catalogue.
     *
     * @return an unmodifiable map: {@code ads} (ads created), {@code live} (live ads now),
     *         {@code updates}, {@code replays} (a key or, without keys, the same ad again),
     *         {@code withdrawals}, {@code refusals} (publishes refused with a non-retryable error),
     *         {@code relisted} (withdrawn postings published again), {@code duplicates} (a job's
     *         second live ad on one board), {@code applicationsSent} (applicants the host took as
     *         new) as {@code Long}s, and {@code postings}, a list of one map per posting
     *         ({@code board, postingId, jobId, reference, url, status} live/withdrawn,
     *         {@code versions, title})
     */
    @Override
    public Map<String, Object> get() {
        long live = 0;
        List<Map<String, Object>> postings = new ArrayList<>();
        for (Catalogue c : catalogues.values()) {
            live += c.live();
            postings.addAll(c.snapshot());
        }
        Map<String, Object> stats = new LinkedHashMap<>();
        stats.put("ads", ads.sum());
        stats.put("live", live);
        stats.put("updates", updates.sum());
        stats.put("replays", replays.sum());
        stats.put("withdrawals", withdrawals.sum());
        stats.put("refusals", refusals.sum());
        stats.put("relisted", relisted.sum());
        stats.put("duplicates", duplicates.sum());
        stats.put("applicationsSent", applicationsSent.sum());
        stats.put("postings", Collections.unmodifiableList(postings));
        return Collections.unmodifiableMap(stats);
    }

    /** For tests: the catalogue of a board, or null when nothing was published on it. */
    Catalogue catalogueOf(String board) {
        return catalogues.get(board);
    }

    /** For tests: how many applicant steps are scheduled or running; 0 when every ad's applicants are done. */
    int pendingSteps() {
        return pendingSteps.get();
    }

    /** For tests. */
    ScheduledExecutorService scheduler() {
        return scheduler;
    }

    /** The lower-case, zero-padded hex CRC32 of {@code text} (UTF-8): the start of a board's feed token. */
    static String checksum(String text) {
        CRC32 crc = new CRC32();
        crc.update(text.getBytes(StandardCharsets.UTF_8));
        return String.format(Locale.ROOT, "%08x", crc.getValue());
    }
}
