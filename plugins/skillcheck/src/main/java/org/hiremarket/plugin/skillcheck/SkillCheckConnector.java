package org.hiremarket.plugin.skillcheck;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.hiremarket.api.assessment.AssessmentCallback;
import org.hiremarket.api.assessment.AssessmentOrder;
import org.hiremarket.api.assessment.AssessmentPackage;
import org.hiremarket.api.assessment.AssessmentProvider;
import org.hiremarket.api.assessment.AssessmentUpdate;
import org.hiremarket.api.assessment.OrderAcknowledgement;
import org.hiremarket.api.integration.AccountField;
import org.hiremarket.api.integration.ConnectResult;
import org.hiremarket.api.integration.ConnectionContext;
import org.hiremarket.api.integration.DataScope;
import org.hiremarket.api.integration.Integration;
import org.hiremarket.api.integration.IntegrationDescriptor;
import org.hiremarket.api.integration.IntegrationException;
import org.hiremarket.api.integration.IntegrationKind;
import org.hiremarket.api.integration.ScopeNotGrantedException;
import org.hiremarket.api.integration.StandardScopes;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SkillCheck Labs, a demo assessment vendor. A customer connects with the account id of their
 * contract ({@code SC-123456}) and an API key issued for that account: SkillCheck keys carry the six
 * digits of their account ({@code sk_live_123456_...}), so a key of another account is refused.
 * Accounts whose number starts with 9 belong to contracts that have expired.
 *
 * <p>Orders behave like at a real vendor, only faster: SkillCheck acknowledges an order at once,
 * the candidate starts after half of {@code completion.delay.ms} (an IN_PROGRESS report) and
 * finishes after all of it (the COMPLETED, FAILED or EXPIRED report, see {@link Results}). Reports
 * go to the {@link AssessmentCallback} of the newest delivery of the order, from SkillCheck's own
 * threads, and are sent again with backoff when the host cannot store them. The host may also
 * poll, and cancel. {@link SkillCheckConfig} can simulate an outage, a slow vendor or a refusal.
 */
@Component(service = Integration.class, immediate = true, configurationPid = SkillCheckConfig.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = SkillCheckConfig.class)
public class SkillCheckConnector implements AssessmentProvider {

    private static final Logger LOG = LoggerFactory.getLogger(SkillCheckConnector.class);

    static final String ID = "skillcheck";
    static final String ACCOUNT_ID = "accountId";
    static final String API_KEY = "apiKey";
    static final Pattern ACCOUNT = Pattern.compile("SC-([0-9]{6})");
    static final Pattern KEY = Pattern.compile("sk_(live|test)_([0-9]{6})_[A-Za-z0-9]{16}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    /** A report the host could not store is sent again up to 5 times, after 1, 2, 4, 8 and 16 s. */
    static final int MAX_REPORT_RETRIES = 5;
    static final long FIRST_RETRY_MS = 1000;
    static final int CAPACITY = 10_000;

    private static final IntegrationDescriptor DESCRIPTOR = new IntegrationDescriptor(ID, "SkillCheck",
            "SkillCheck Labs", IntegrationKind.ASSESSMENT, "1.0.0",
            "Skills tests, cognitive ability tests and background checks, scored and reported back to you.",
            List.of(new DataScope(StandardScopes.COMPANY_READ, "to brand the invitations your candidates receive"),
                    new DataScope(StandardScopes.JOBS_READ, "to tailor the assessment to the job"),
                    new DataScope(StandardScopes.CANDIDATES_READ, "to invite each candidate by name and email"),
                    new DataScope(StandardScopes.ASSESSMENT_RESULTS_WRITE, "to send scores and reports back to you")),
            List.of(AccountField.required(ACCOUNT_ID, "SkillCheck account ID")
                    .withPattern(ACCOUNT.pattern(), "Your account ID, like SC-123456"),
                    AccountField.secret(API_KEY, "SkillCheck API key").withPattern(KEY.pattern(),
                            "The API key from SkillCheck → Settings → API, like sk_live_123456_AbCdEfGh12345678")),
            List.of(new DataScope(StandardScopes.VENDOR_CATALOG_READ,
                    "HireMarket lists the assessment packages your SkillCheck contract includes")));

    private static final List<AssessmentPackage> CATALOGUE = List.of(
            new AssessmentPackage("java-dev", "Java developer skills test",
                    "Coding exercises and questions on Java 17, testing and design", 60),
            new AssessmentPackage("cognitive", "Cognitive ability", "Numerical, verbal and logical reasoning", 25),
            new AssessmentPackage("customer-service", "Customer service simulation",
                    "Realistic customer conversations, scored on empathy and resolution", 40),
            new AssessmentPackage("background", "Background check",
                    "Identity, education and employment history verification", 0));

    private final OrderBook orders = new OrderBook(CAPACITY);
    private volatile Settings settings = Settings.DEFAULTS;
    /** SkillCheck's own threads: they run the candidates' progress and send every report. */
    private volatile ScheduledExecutorService scheduler;

    /** For Declarative Services, which then calls {@link #activate}. */
    public SkillCheckConnector() {
    }

    /** A running vendor with these settings, for tests; stop it with {@link #deactivate()}. */
    SkillCheckConnector(Settings settings) {
        start(settings);
    }

    @Activate
    void activate(SkillCheckConfig config) {
        start(Settings.from(config));
        reportThreads(config.report_threads());
    }

    /** A new configuration applies from the next call on; known orders and their scheduled reports stay. */
    @Modified
    void modified(SkillCheckConfig config) {
        apply(Settings.from(config));
        reportThreads(config.report_threads());
    }

    /** How many of SkillCheck's threads send reports at once (a real vendor pushes results in parallel). */
    void reportThreads(int n) {
        if (scheduler instanceof ScheduledThreadPoolExecutor executor) {
            executor.setCorePoolSize(Math.max(1, Math.min(64, n)));
        }
    }

    /** Stops SkillCheck's threads; reports not sent yet are lost (the host polls or delivers again). */
    @Deactivate
    void deactivate() {
        ScheduledExecutorService s = scheduler;
        if (s != null) {
            s.shutdownNow();
        }
        LOG.info("SkillCheck stopped");
    }

    private void start(Settings initial) {
        apply(initial);
        AtomicInteger n = new AtomicInteger();
        ThreadFactory threads = task -> {
            Thread t = new Thread(task, "skillcheck-vendor-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(2, threads);
        executor.setRemoveOnCancelPolicy(true); // a cancelled order leaves nothing behind in the queue
        scheduler = executor;
    }

    void apply(Settings newSettings) {
        settings = newSettings;
        LOG.info("SkillCheck: mode {}, results {} ms after the order{}", newSettings.mode(),
                newSettings.completionDelayMs(),
                (newSettings.mode() == Settings.Mode.SLOW ? ", orders answered after " + newSettings.slowMs() + " ms" : "")
                        + (newSettings.pushResults() ? "" : ", results only when HireMarket polls"));
    }

    @Override
    public IntegrationDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public ConnectResult connect(ConnectionContext context) {
        Matcher account = ACCOUNT.matcher(context.account().get(ACCOUNT_ID).orElse(""));
        Matcher key = KEY.matcher(context.account().get(API_KEY).orElse(""));
        if (!account.matches() || !key.matches()) {
            return ConnectResult.rejected("INVALID_ACCOUNT",
                    "SkillCheck needs an account ID like SC-123456 and the API key issued for it");
        }
        if (!account.group(1).equals(key.group(2))) {
            return ConnectResult.rejected("KEY_ACCOUNT_MISMATCH",
                    "This API key was issued for another SkillCheck account than SC-" + account.group(1));
        }
        if (account.group(1).startsWith("9")) {
            return ConnectResult.rejected("CONTRACT_EXPIRED", "The SkillCheck contract of account SC-"
                    + account.group(1) + " has expired; contact SkillCheck Labs to renew it");
        }
        boolean test = key.group(1).equals("test");
        return ConnectResult.connected("Connected to SkillCheck account SC-" + account.group(1)
                + (test ? " in test mode: orders are not billed" : ""));
    }

    @Override
    public void disconnect(ConnectionContext context) {
        // orders placed before the disconnect are still completed; nothing to tidy up
    }

    @Override
    public List<AssessmentPackage> listPackages(ConnectionContext context) {
        return CATALOGUE;
    }

    @Override
    public OrderAcknowledgement placeOrder(ConnectionContext context, AssessmentOrder order,
            AssessmentCallback callback) throws IntegrationException {
        Objects.requireNonNull(callback, "callback");
        simulateTrouble(settings);
        try {
            context.host().requireScope(StandardScopes.CANDIDATES_READ);
        } catch (ScopeNotGrantedException e) {
            throw IntegrationException.invalid("SCOPE_MISSING",
                    "SkillCheck needs the candidates.read scope to invite the candidate");
        }
        Optional<AssessmentPackage> pkg = CATALOGUE.stream().filter(p -> p.id().equals(order.packageId())).findFirst();
        if (pkg.isEmpty()) {
            throw IntegrationException.invalid("UNKNOWN_PACKAGE", "SkillCheck has no package '" + order.packageId() + "'");
        }
        String email = order.candidate().email();
        if (email == null || !EMAIL.matcher(email).matches()) {
            throw IntegrationException.invalid("INVALID_CANDIDATE", "SkillCheck invites candidates by email; '"
                    + email + "' is not an email address");
        }
        // the same idempotency key is the same order: a redelivery never creates a second one
        OrderBook.Placement placed = orders.place(order.idempotencyKey(),
                () -> new VendorOrder(acknowledge(order), order, pkg.get(), callback));
        VendorOrder vendorOrder = placed.order();
        if (placed.first()) {
            LOG.debug("SkillCheck: order {} ({}) acknowledged for host order {}", vendorOrder.reference(),
                    order.packageId(), order.orderId());
            scheduleNextStep(vendorOrder);
        } else {
            redelivered(vendorOrder, callback);
        }
        return vendorOrder.acknowledgement();
    }

    private static OrderAcknowledgement acknowledge(AssessmentOrder order) {
        String ref = Results.reference(order.idempotencyKey());
        return new OrderAcknowledgement(ref, "https://assess.skillcheck.example/take/" + ref);
    }

    /** The failure modes of {@link SkillCheckConfig#mode()}, before SkillCheck looks at the order. */
    private static void simulateTrouble(Settings current) throws IntegrationException {
        switch (current.mode()) {
            case FAIL -> throw IntegrationException.unavailable("SkillCheck is down for maintenance; try again later");
            case REJECT -> throw IntegrationException.invalid("ORDERS_SUSPENDED",
                    "SkillCheck has suspended new orders for this account; contact SkillCheck Labs");
            case SLOW -> {
                try {
                    TimeUnit.MILLISECONDS.sleep(current.slowMs());
                } catch (InterruptedException e) {
                    // the host gave up waiting: answer at once and take nothing
                    Thread.currentThread().interrupt();
                    throw IntegrationException.unavailable("SkillCheck did not answer in time; the order was not taken");
                }
            }
            case NORMAL -> {
                // no trouble
            }
        }
    }

    /**
     * The host delivered an order again (after a timeout, a restart...): report to the newest
     * callback from now on; send the result again if SkillCheck already has it (the host ignores
     * what it already recorded), and restart the assessment if nothing is scheduled for it.
     */
    private void redelivered(VendorOrder vendorOrder, AssessmentCallback callback) {
        AssessmentUpdate result = null;
        synchronized (vendorOrder) {
            vendorOrder.replaceCallback(callback);
            if (vendorOrder.isCancelled()) {
                return;
            }
            if (vendorOrder.isFinished()) {
                result = vendorOrder.latest();
            } else {
                scheduleNextStep(vendorOrder);
            }
        }
        if (result != null) {
            AssessmentUpdate again = result;
            schedule(() -> report(vendorOrder, again, 0), 0);
        }
    }

    /**
     * Schedules the next step of an open order that has none pending: the candidate starts at half
     * the delay (a no-show never does), and finishes at the full delay.
     */
    private void scheduleNextStep(VendorOrder vendorOrder) {
        synchronized (vendorOrder) {
            if (!vendorOrder.isOpen() || vendorOrder.hasStepPending()) {
                return;
            }
            long delay = settings.completionDelayMs();
            boolean started = vendorOrder.latest() != null;
            if (!started && !Results.isNoShow(vendorOrder.order().candidate())) {
                vendorOrder.nextStep(schedule(() -> candidateStarts(vendorOrder), delay / 2));
            } else {
                vendorOrder.nextStep(schedule(() -> candidateFinishes(vendorOrder), started ? delay - delay / 2 : delay));
            }
        }
    }

    private void candidateStarts(VendorOrder vendorOrder) {
        AssessmentUpdate started = AssessmentUpdate.inProgress(Instant.now());
        synchronized (vendorOrder) {
            if (!vendorOrder.isOpen() || vendorOrder.latest() != null) {
                return;
            }
            vendorOrder.record(started);
        }
        // reported before the final step is scheduled, so the host hears of the start first
        report(vendorOrder, started, 0);
        synchronized (vendorOrder) {
            vendorOrder.nextStep(null); // this step is done (until now it counted as pending)
            scheduleNextStep(vendorOrder); // the candidate finishes later
        }
    }

    private void candidateFinishes(VendorOrder vendorOrder) {
        AssessmentUpdate result;
        synchronized (vendorOrder) {
            if (!vendorOrder.isOpen()) {
                return;
            }
            result = Results.finalUpdate(vendorOrder.order(), vendorOrder.assessmentPackage(),
                    vendorOrder.reference(), Instant.now());
            vendorOrder.record(result);
            vendorOrder.nextStep(null);
        }
        LOG.debug("SkillCheck: order {} finished: {}", vendorOrder.reference(), result.status());
        report(vendorOrder, result, 0);
    }

    /**
     * Sends an update to the newest callback of the order. When the host cannot store it now
     * (IllegalStateException or any other unexpected RuntimeException) it is sent again after 1, 2,
     * 4, 8 and 16 s; after that SkillCheck gives up, and the host still gets the result by polling
     * or by delivering the order again.
     */
    private void report(VendorOrder vendorOrder, AssessmentUpdate update, int retry) {
        if (vendorOrder.isCancelled() || (!update.status().isFinal() && vendorOrder.isFinished())) {
            return; // cancelled, or a progress report the result has overtaken
        }
        if (!settings.pushResults()) {
            LOG.debug("SkillCheck: {} of order {} kept for polling", update.status(), vendorOrder.reference());
            return;
        }
        String ref = vendorOrder.reference();
        try {
            AssessmentCallback.Outcome outcome = vendorOrder.callback().report(update);
            LOG.debug("SkillCheck: {} of order {} reported: {}", update.status(), ref, outcome);
        } catch (ScopeNotGrantedException e) {
            // the customer withdrew the scope: sending again will not help
            LOG.warn("SkillCheck: cannot report {} of order {}: the customer has not granted {}", update.status(), ref,
                    e.scope());
        } catch (IllegalArgumentException e) {
            // the host found the update invalid: a bug on SkillCheck's side, the same update fails again
            LOG.error("SkillCheck: HireMarket refused the {} report of order {}: {}", update.status(), ref,
                    e.getMessage());
        } catch (RuntimeException e) {
            if (retry >= MAX_REPORT_RETRIES) {
                LOG.error("SkillCheck: gave up reporting {} of order {} after {} retries: {}", update.status(), ref,
                        retry, e.toString());
                return;
            }
            long wait = FIRST_RETRY_MS << retry;
            LOG.warn("SkillCheck: reporting {} of order {} failed ({}); sending it again in {} ms", update.status(),
                    ref, e.toString(), wait);
            schedule(() -> report(vendorOrder, update, retry + 1), wait);
        }
    }

    /** @return the scheduled task, or null when SkillCheck is stopped */
    private Future<?> schedule(Runnable task, long delayMs) {
        ScheduledExecutorService s = scheduler;
        if (s == null) {
            LOG.warn("SkillCheck is not started; nothing is scheduled");
            return null;
        }
        try {
            return s.schedule(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    LOG.error("SkillCheck: a scheduled step failed", e);
                }
            }, delayMs, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            LOG.warn("SkillCheck is stopping; a step of an order was not scheduled");
            return null;
        }
    }

    @Override
    public boolean supportsPolling() {
        return true;
    }

    /** @return the latest update of the order, or null when SkillCheck does not know it or nothing happened yet */
    @Override
    public AssessmentUpdate pollOrder(ConnectionContext context, AssessmentOrder order, String vendorReference)
            throws IntegrationException {
        if (settings.mode() == Settings.Mode.FAIL) {
            throw IntegrationException.unavailable("SkillCheck is down for maintenance; try again later");
        }
        VendorOrder vendorOrder = find(order, vendorReference);
        return vendorOrder == null ? null : vendorOrder.latest();
    }

    /** Stops the assessment: nothing more is reported, and a redelivery of the order starts nothing. */
    @Override
    public void cancelOrder(ConnectionContext context, AssessmentOrder order, String vendorReference) {
        VendorOrder vendorOrder = find(order, vendorReference);
        if (vendorOrder == null) {
            LOG.info("SkillCheck: order {} to cancel is unknown; nothing to do", vendorReference);
            return;
        }
        vendorOrder.cancel();
        LOG.info("SkillCheck: order {} cancelled", vendorReference);
    }

    private VendorOrder find(AssessmentOrder order, String vendorReference) {
        VendorOrder vendorOrder = orders.find(order.idempotencyKey());
        return vendorOrder != null && vendorOrder.reference().equals(vendorReference) ? vendorOrder : null;
    }

    /** For tests. */
    OrderBook orders() {
        return orders;
    }

    /** For tests. */
    ScheduledExecutorService scheduler() {
        return scheduler;
    }
}
