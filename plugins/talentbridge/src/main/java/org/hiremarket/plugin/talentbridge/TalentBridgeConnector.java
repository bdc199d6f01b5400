package org.hiremarket.plugin.talentbridge;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.hiremarket.api.agency.AgencyConnector;
import org.hiremarket.api.agency.Assignment;
import org.hiremarket.api.agency.AssignmentReceipt;
import org.hiremarket.api.integration.AccountField;
import org.hiremarket.api.integration.CandidateSubmission;
import org.hiremarket.api.integration.ConnectResult;
import org.hiremarket.api.integration.ConnectionContext;
import org.hiremarket.api.integration.DataScope;
import org.hiremarket.api.integration.Integration;
import org.hiremarket.api.integration.IntegrationDescriptor;
import org.hiremarket.api.integration.IntegrationException;
import org.hiremarket.api.integration.IntegrationKind;
import org.hiremarket.api.integration.ScopeNotGrantedException;
import org.hiremarket.api.integration.StandardScopes;
import org.hiremarket.api.integration.SubmissionReceipt;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * TalentBridge Recruiting, a demo agency. A customer connects with the agency code of the
 * TalentBridge office it works with ({@code TB-LON-0042}), the contact email of its account
 * manager there and the API secret TalentBridge issued. Office codes ending in {@code -0000} are
 * suspended; contacts must use a company email address (TalentBridge verifies them; free-mail
 * addresses never pass).
 *
 * <p>Assignments behave like in a real agency system, kept in memory: TalentBridge checks the
 * connection's account and the assignment (title, country, fee terms) and refuses what it cannot
 * work on non-retryably; it acknowledges with a reference derived from its office and the
 * assignment id, so the same assignment id again gets the same reference and creates nothing new;
 * a cancellation stops the work on it. For every new assignment its own thread submits a few
 * deterministic candidates ({@link Candidates}) to the customer through the host facade.
 * {@link TalentBridgeConfig} can make it slow, down, or refuse new assignments.
 *
 * <p>The component also registers as a {@code java.util.function.Supplier} with the service
 * property {@code hiremarket.demo.stats=talentbridge}: its {@link #get()} returns the agency's
 * counters and its assignments, for tests.
 */
@Component(service = { Integration.class, Supplier.class }, immediate = true,
        property = TalentBridgeConnector.STATS_PROPERTY + "=" + TalentBridgeConnector.ID,
        configurationPid = TalentBridgeConfig.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = TalentBridgeConfig.class)
public class TalentBridgeConnector implements AgencyConnector, Supplier<Map<String, Object>> {

    private static final Logger LOG = LoggerFactory.getLogger(TalentBridgeConnector.class);

    static final String ID = "talentbridge";
    static final String STATS_PROPERTY = "hiremarket.demo.stats";
    static final String AGENCY_CODE = "agencyCode";
    static final String CONTACT_EMAIL = "contactEmail";
    static final String API_SECRET = "apiSecret";
    static final Pattern CODE = Pattern.compile("TB-[A-Z]{3}-[0-9]{4}");
    static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+-]+@([A-Za-z0-9-]+\\.)+[A-Za-z]{2,}");
    static final Pattern SECRET = Pattern.compile("[A-Za-z0-9]{20,64}");
    static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());
    static final Set<String> FREE_MAIL = Set.of("gmail.com", "yahoo.com", "hotmail.com", "outlook.com");
    static final int REMEMBERED = 10_000;
    /** A candidate the host cannot store now is sent again up to 4 times, with a doubling wait. */
    static final int MAX_SUBMIT_RETRIES = 4;
    static final long MIN_RETRY_MS = 100;

    private static final IntegrationDescriptor DESCRIPTOR = new IntegrationDescriptor(ID, "TalentBridge Recruiting",
            "TalentBridge Ltd", IntegrationKind.AGENCY, "1.0.0",
            "Send jobs to TalentBridge's recruiters and receive screened candidates directly on the job.",
            List.of(new DataScope(StandardScopes.COMPANY_READ, "to present your company to candidates"),
                    new DataScope(StandardScopes.JOBS_READ, "to read the jobs you assign to us"),
                    new DataScope(StandardScopes.APPLICATIONS_READ, "to follow how our candidates progress"),
                    new DataScope(StandardScopes.CANDIDATES_WRITE, "to submit the candidates we source")),
            List.of(AccountField.required(AGENCY_CODE, "TalentBridge office code")
                    .withPattern(CODE.pattern(), "The code of your TalentBridge office, like TB-LON-0042"),
                    AccountField.required(CONTACT_EMAIL, "Account manager's email")
                            .withPattern(EMAIL.pattern(), "A company email address, like jane.doe@acme.com"),
                    AccountField.secret(API_SECRET, "TalentBridge API secret")
                            .withPattern(SECRET.pattern(), "20 to 64 letters and digits, from your TalentBridge contract")),
            List.of());


    /** One assignment TalentBridge holds. */
    static final class Held {
        final String assignmentId;
        final String reference;
        final String jobTitle;
        final String connectionId;
        volatile boolean cancelled;
        final AtomicInteger received = new AtomicInteger(1);
        final AtomicInteger candidatesSent = new AtomicInteger();

        Held(String assignmentId, String reference, String jobTitle, String connectionId) {
            this.assignmentId = assignmentId;
            this.reference = reference;
            this.jobTitle = jobTitle;
            this.connectionId = connectionId;
        }
    }

    /** The assignments by id, the oldest forgotten first beyond {@link #REMEMBERED}. */
    private final Map<String, Held> assignments = new LinkedHashMap<>(16, 0.75f, false) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Held> eldest) {
            return size() > REMEMBERED;
        }
    };
    private final LongAdder calls = new LongAdder();
    private final LongAdder created = new LongAdder();
    private final LongAdder replays = new LongAdder();
    private final LongAdder cancellations = new LongAdder();
    private final LongAdder refusals = new LongAdder();
    private final LongAdder candidatesSent = new LongAdder();
    /** Candidate steps scheduled and not finished yet. */
    private final AtomicInteger pendingSteps = new AtomicInteger();

    private volatile Settings settings = Settings.DEFAULTS;
    /** TalentBridge's own thread: it submits the candidates of new assignments. */
    private volatile ScheduledExecutorService scheduler;

    /** For Declarative Services, which then calls {@link #activate}. */
    public TalentBridgeConnector() {
    }

    /** A running agency with these settings, for tests; stop it with {@link #deactivate()}. */
    TalentBridgeConnector(Settings settings) {
        start(settings);
    }

    @Activate
    void activate(TalentBridgeConfig config) {
        start(Settings.from(config));
    }

    /** A new configuration applies from the next call on; the assignments and scheduled candidates stay. */
    @Modified
    void modified(TalentBridgeConfig config) {
        apply(Settings.from(config));
    }

    /** Stops TalentBridge's thread: candidates not submitted yet are not submitted. */
    @Deactivate
    void deactivate() {
        ScheduledExecutorService s = scheduler;
        if (s != null) {
            s.shutdownNow();
        }
        LOG.info("TalentBridge stopped");
    }

    private void start(Settings initial) {
        apply(initial);
        scheduler = new ScheduledThreadPoolExecutor(1, task -> {
            Thread t = new Thread(task, "talentbridge-candidates");
            t.setDaemon(true);
            return t;
        });
    }

    void apply(Settings newSettings) {
        settings = newSettings;
        LOG.info("TalentBridge: mode {}{}, {} candidates per new assignment, {} ms apart", newSettings.mode(),
                newSettings.mode() == Settings.Mode.SLOW ? " (answers after " + newSettings.slowMs() + " ms)" : "",
                newSettings.candidatesPerAssignment(), newSettings.candidateDelayMs());
    }

    @Override
    public IntegrationDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public ConnectResult connect(ConnectionContext context) {
        String code = context.account().get(AGENCY_CODE).orElse("");
        String email = context.account().get(CONTACT_EMAIL).orElse("");
        String secret = context.account().get(API_SECRET).orElse("");
        Matcher mail = EMAIL.matcher(email);
        if (!CODE.matcher(code).matches() || !mail.matches() || !SECRET.matcher(secret).matches()) {
            return ConnectResult.rejected("INVALID_ACCOUNT",
                    "TalentBridge needs an office code like TB-LON-0042, a contact email and the API secret");
        }
        if (code.endsWith("-0000")) {
            return ConnectResult.rejected("AGENCY_SUSPENDED",
                    "TalentBridge office " + code + " is suspended; ask TalentBridge which office serves you now");
        }
        String domain = email.substring(email.indexOf('@') + 1).toLowerCase(Locale.ROOT);
        if (FREE_MAIL.contains(domain)) {
            return ConnectResult.rejected("CONTACT_NOT_VERIFIED", "TalentBridge only works with verified company"
                    + " email addresses; " + domain + " is a free-mail domain");
        }
        return ConnectResult.connected("Connected to TalentBridge office " + code + "; assignments go to " + email);
    }

    @Override
    public void disconnect(ConnectionContext context) {
        // open assignments stay with the recruiters until the customer cancels them (the host does on a disconnect)
    }

    /**
     * Takes an assignment: checks the account and the assignment, acknowledges with TalentBridge's
     * reference (the same one for the same assignment id, without creating it again), and schedules
     * the candidates of a new one.
     */
    @Override
    public AssignmentReceipt receiveAssignment(ConnectionContext context, Assignment assignment)
            throws IntegrationException {
        calls.increment();
        Settings current = settings;
        simulateTrouble(current, "the assignment was not taken");
        if (assignment == null) {
            refusals.increment();
            throw IntegrationException.invalid("INVALID_ASSIGNMENT", "the assignment is missing");
        }
        String code = accountCode(context);
        Held held;
        synchronized (assignments) {
            held = assignments.get(assignment.assignmentId());
            if (held != null) {
                held.received.incrementAndGet();
            }
        }
        if (held != null) {
            replays.increment();
            LOG.debug("TalentBridge: assignment {} again; it is {}", assignment.assignmentId(), held.reference);
            return new AssignmentReceipt(held.reference);
        }
        if (current.mode() == Settings.Mode.REFUSE) {
            refusals.increment();
            throw IntegrationException.invalid("NOT_ACCEPTING",
                    "TalentBridge office " + code + " is not taking new assignments right now");
        }
        List<String> problems = problems(assignment);
        if (!problems.isEmpty()) {
            refusals.increment();
            throw IntegrationException.invalid("INVALID_ASSIGNMENT",
                    "TalentBridge cannot work on this assignment: " + String.join("; ", problems));
        }
        Held fresh = new Held(assignment.assignmentId(), Candidates.reference(code, assignment.assignmentId()),
                assignment.jobTitle(), context.connectionId());
        synchronized (assignments) {
            held = assignments.putIfAbsent(assignment.assignmentId(), fresh);
        }
        if (held != null) {
            held.received.incrementAndGet();
            replays.increment();
            return new AssignmentReceipt(held.reference);
        }
        created.increment();
        LOG.info("TalentBridge office {}: assignment {} \"{}\" taken as {}", code, assignment.assignmentId(),
                assignment.jobTitle(), fresh.reference);
        if (current.candidatesPerAssignment() > 0) {
            int total = current.candidatesPerAssignment();
            schedule(() -> submitCandidate(context, fresh, 1, total, 0), current.candidateDelayMs());
        }
        return new AssignmentReceipt(fresh.reference);
    }

    /** @return what TalentBridge cannot work with in the assignment, empty when it can */
    static List<String> problems(Assignment a) {
        List<String> problems = new ArrayList<>();
        if (a.jobTitle().isBlank()) {
            problems.add("the job's title is missing");
        } else if (a.jobTitle().length() > 200) {
            problems.add("the job's title is longer than 200 characters");
        }
        if (a.countryCode() == null || !COUNTRIES.contains(a.countryCode())) {
            problems.add("the job's country must be an ISO 3166-1 alpha-2 code, was " + a.countryCode());
        }
        if (a.feeTerms() == null || a.feeTerms().isBlank()) {
            problems.add("TalentBridge works only with agreed fee terms");
        }
        return problems;
    }

    /** The connection's office code, checked as {@link #connect} does; an account TalentBridge would not take is a refusal. */
    private String accountCode(ConnectionContext context) throws IntegrationException {
        ConnectResult check = connect(context);
        if (!check.isConnected()) {
            refusals.increment();
            throw IntegrationException.invalid(check.detail(), check.description());
        }
        return context.account().get(AGENCY_CODE).orElse("");
    }

    @Override
    public void cancelAssignment(ConnectionContext context, String assignmentId, String reason)
            throws IntegrationException {
        calls.increment();
        simulateTrouble(settings, "the cancellation was not taken");
        if (assignmentId == null || assignmentId.isBlank()) {
            throw IntegrationException.invalid("INVALID_ASSIGNMENT", "which assignment? the id is empty");
        }
        Held held;
        synchronized (assignments) {
            held = assignments.get(assignmentId);
        }
        if (held == null || held.cancelled) {
            // cancelling an unknown or already cancelled assignment is not an error
            LOG.debug("TalentBridge: assignment {} to cancel is {}", assignmentId, held == null ? "unknown" : "cancelled");
            return;
        }
        held.cancelled = true;
        cancellations.increment();
        LOG.info("TalentBridge: assignment {} ({}) cancelled: {}", assignmentId, held.reference, reason);
    }

    /** The trouble the mode simulates, before TalentBridge looks at the call. */
    private static void simulateTrouble(Settings current, String notDone) throws IntegrationException {
        switch (current.mode()) {
            case FAIL -> throw IntegrationException.unavailable("TalentBridge is down for maintenance; try again later");
            case SLOW -> {
                try {
                    TimeUnit.MILLISECONDS.sleep(current.slowMs());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw IntegrationException.unavailable("TalentBridge did not answer in time; " + notDone);
                }
            }
            case NORMAL, REFUSE -> {
                // refuse only concerns new assignments
            }
        }
    }

    // --- candidates ------------------------------------------------------------------------------

    /**
     * Submits candidate {@code number} of an assignment, then schedules the next. Stops when the
     * assignment was cancelled, the customer did not grant candidates.write, or the host says the
     * assignment takes no candidates; sends one again later when the host cannot store it now.
     */
    private void submitCandidate(ConnectionContext context, Held held, int number, int total, int retry) {
        if (held.cancelled) {
            LOG.debug("TalentBridge: assignment {} was cancelled; no more candidates", held.assignmentId);
            return;
        }
        CandidateSubmission candidate = Candidates.candidate(held.assignmentId, number, held.jobTitle);
        try {
            SubmissionReceipt receipt = context.host().submitCandidate(candidate);
            if (receipt != null && !receipt.duplicate()) {
                candidatesSent.increment();
                held.candidatesSent.incrementAndGet();
            }
        } catch (ScopeNotGrantedException e) {
            LOG.warn("TalentBridge: cannot submit candidates for assignment {}: the customer has not granted {}",
                    held.assignmentId, e.scope());
            return;
        } catch (IllegalArgumentException e) {
            LOG.info("TalentBridge: HireMarket takes no candidates for assignment {} any more: {}", held.assignmentId,
                    e.getMessage());
            return;
        } catch (RuntimeException e) {
            if (retry < MAX_SUBMIT_RETRIES) {
                long wait = Math.max(MIN_RETRY_MS, settings.candidateDelayMs()) << retry;
                LOG.warn("TalentBridge: candidate {} of assignment {} not taken ({}); sending again in {} ms", number,
                        held.assignmentId, e.toString(), wait);
                schedule(() -> submitCandidate(context, held, number, total, retry + 1), wait);
                return;
            }
            LOG.error("TalentBridge: gave up submitting candidate {} of assignment {}: {}", number, held.assignmentId,
                    e.toString());
        }
        if (number < total) {
            schedule(() -> submitCandidate(context, held, number + 1, total, 0), settings.candidateDelayMs());
        }
    }

    private void schedule(Runnable task, long delayMs) {
        ScheduledExecutorService s = scheduler;
        if (s == null) {
            LOG.warn("TalentBridge is not started; no candidates are submitted");
            return;
        }
        pendingSteps.incrementAndGet();
        try {
            s.schedule(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    LOG.error("TalentBridge: submitting a candidate failed", e);
                } finally {
                    pendingSteps.decrementAndGet();
                }
            }, delayMs, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            pendingSteps.decrementAndGet();
            LOG.debug("TalentBridge is stopping; a candidate was not scheduled");
        }
    }

    // --- stats -----------------------------------------------------------------------------------

    /**
     * The stats service: counters since the component started, and the assignments it holds.
     *
     * @return an unmodifiable map: {@code calls} (receiveAssignment and cancelAssignment calls),
     *         {@code created} (new assignments), {@code replays} (an assignment id again),
     *         {@code cancellations}, {@code refusals}, {@code candidatesSent} (candidates the host
     *         took as new) as {@code Long}s, and {@code assignments}, one map per assignment
     *         ({@code assignmentId, reference, jobTitle, connectionId, status} active/cancelled,
     *         {@code received} as Integer (how often it came), {@code candidatesSent} as Integer)
     */
    @Override
    public Map<String, Object> get() {
        List<Map<String, Object>> list = new ArrayList<>();
        synchronized (assignments) {
            for (Held h : assignments.values()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("assignmentId", h.assignmentId);
                m.put("reference", h.reference);
                m.put("jobTitle", h.jobTitle);
                m.put("connectionId", h.connectionId);
                m.put("status", h.cancelled ? "cancelled" : "active");
                m.put("received", h.received.get());
                m.put("candidatesSent", h.candidatesSent.get());
                list.add(Collections.unmodifiableMap(m));
            }
        }
        Map<String, Object> stats = new LinkedHashMap<>();
        stats.put("calls", calls.sum());
        stats.put("created", created.sum());
        stats.put("replays", replays.sum());
        stats.put("cancellations", cancellations.sum());
        stats.put("refusals", refusals.sum());
        stats.put("candidatesSent", candidatesSent.sum());
        stats.put("assignments", Collections.unmodifiableList(list));
        return Collections.unmodifiableMap(stats);
    }

    /** For tests: how many candidate steps are scheduled or running; 0 when every assignment's candidates are done. */
    int pendingSteps() {
        return pendingSteps.get();
    }
}
