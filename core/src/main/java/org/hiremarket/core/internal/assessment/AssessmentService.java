package org.hiremarket.core.internal.assessment;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import javax.persistence.EntityManager;
import javax.persistence.LockModeType;
import javax.persistence.TypedQuery;

import org.hiremarket.api.assessment.AssessmentPackage;
import org.hiremarket.api.assessment.AssessmentProvider;
import org.hiremarket.api.integration.ConnectionContext;
import org.hiremarket.api.integration.IntegrationException;
import org.hiremarket.api.integration.IntegrationKind;
import org.hiremarket.core.internal.assessment.AssessmentViews.CandidateShared;
import org.hiremarket.core.internal.assessment.AssessmentViews.DeliveryView;
import org.hiremarket.core.internal.assessment.AssessmentViews.OrderAdminView;
import org.hiremarket.core.internal.assessment.AssessmentViews.OrderEventView;
import org.hiremarket.core.internal.assessment.AssessmentViews.OrderIn;
import org.hiremarket.core.internal.assessment.AssessmentViews.OrderView;
import org.hiremarket.core.internal.assessment.AssessmentViews.PackageView;
import org.hiremarket.core.internal.assessment.AssessmentViews.ResultView;
import org.hiremarket.core.internal.candidate.ApplicationEntity;
import org.hiremarket.core.internal.candidate.ApplicationService;
import org.hiremarket.core.internal.common.ApiException;
import org.hiremarket.core.internal.common.FieldError;
import org.hiremarket.core.internal.common.Ids;
import org.hiremarket.core.internal.common.Page;
import org.hiremarket.core.internal.common.PageRequest;
import org.hiremarket.core.internal.identity.Caller;
import org.hiremarket.core.internal.marketplace.ConnectionEntity;
import org.hiremarket.core.internal.marketplace.ConnectionService;
import org.hiremarket.core.internal.marketplace.ConnectionState;
import org.hiremarket.core.internal.marketplace.IntegrationRegistry;
import org.hiremarket.core.internal.marketplace.MarketplaceService;
import org.hiremarket.core.internal.marketplace.PluginCallException;
import org.hiremarket.core.internal.marketplace.RegisteredIntegration;
import org.hiremarket.core.internal.persistence.Database;
import org.hiremarket.core.internal.persistence.GroupCommit;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Assessments of a company: the packages of its assessment connections, orders for applications,
 * their results, and cancelling. Placing commits the order and wakes the {@link OrderMailbox};
 * no vendor is called inside a request except to list packages. A connection that is not
 * {@code ACTIVE} (disconnected) takes no new orders, while orders placed before keep going.
 */
@Component(service = AssessmentService.class, configurationPid = AssessmentConfig.PID)
public class AssessmentService {

    private static final Logger LOG = LoggerFactory.getLogger(AssessmentService.class);

    private final Database db;
    private final IntegrationRegistry registry;
    private final MarketplaceService marketplace;
    private final ConnectionService connections;
    private final OrderMailbox mailbox;
    private final AssessmentConfig config;
    private final Map<String, CachedPackages> packageCache = new ConcurrentHashMap<>();
    private final Map<String, Object> loading = new ConcurrentHashMap<>();
    /**
     * Orders placed at the same time share a commit (one log flush for a burst instead of one per
     * order, which left the mailbox's and the vendors' commits queuing behind the placing requests'
     * flushes); each request still waits for its own order to be committed. Keyed by application,
     * so two orders for the same application are checked one after the other.
     */
    private final GroupCommit placing;

    private record CachedPackages(List<PackageView> packages, long until) {
        boolean fresh() {
            return until > System.currentTimeMillis();
        }
    }

    /** Filters of the order list. */
    public record OrderFilter(String applicationId, String candidateId, String connectionId, OrderStatus status) {
    }

    @Activate
    public AssessmentService(@Reference Database db, @Reference IntegrationRegistry registry,
            @Reference MarketplaceService marketplace, @Reference ConnectionService connections,
            @Reference OrderMailbox mailbox, AssessmentConfig config) {
        this.db = db;
        this.registry = registry;
        this.marketplace = marketplace;
        this.connections = connections;
        this.mailbox = mailbox;
        this.config = config;
        this.placing = new GroupCommit(db, "placing", 2, 64);
    }

    @Deactivate
    void deactivate() {
        placing.close();
    }

    // ------------------------------------------------------------------------------ reports from vendors' services

    /**
     * A vendor's own service reports on an order through the partner API, by the same rules as the
     * callback its bundle holds: only an order placed with one of the vendor's integrations
     * ({@code integrationIds}, any other is not found), only when the customer granted
     * {@code assessments.results.write} on the order's connection; accepted once, a repeat or a
     * report on a finished order is {@code ALREADY_RECORDED}.
     */
    public org.hiremarket.api.assessment.AssessmentCallback.Outcome reportFromVendor(
            java.util.Set<String> integrationIds, String orderId,
            org.hiremarket.api.assessment.AssessmentUpdate update) {
        ConnectionEntity c = db.tx(em -> {
            AssessmentOrderEntity o = orderId == null ? null : em.find(AssessmentOrderEntity.class, orderId);
            ConnectionEntity conn = o == null ? null : em.find(ConnectionEntity.class, o.getConnectionId());
            return conn == null || !integrationIds.contains(conn.getIntegrationId()) ? null : conn;
        });
        if (c == null) {
            throw ApiException.notFound("order", orderId);
        }
        if (!c.getGrantedScopes().contains(org.hiremarket.api.integration.StandardScopes.ASSESSMENT_RESULTS_WRITE)) {
            throw new ApiException(403, "scope-not-granted", "Scope not granted", "the customer did not grant "
                    + org.hiremarket.api.integration.StandardScopes.ASSESSMENT_RESULTS_WRITE
                    + " on this order's connection, so results cannot be reported", null);
        }
        try {
            return mailbox.ledger().report(orderId, c.getId(), update);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("the report is not valid: " + e.getMessage());
        }
    }

    // ------------------------------------------------------------------------------ packages

    /** The packages the vendor offers the company's account, straight from the vendor. */
    public List<PackageView> packages(Caller caller, String connectionId) {
        ConnectionEntity c = db.tx(em -> ConnectionService.load(em, caller.companyId(), connectionId));
        return packages(c, true);
    }

    List<PackageView> packages(ConnectionEntity c, boolean fresh) {
        RegisteredIntegration r = orderable(c, "list the packages of");
        CachedPackages cached = packageCache.get(c.getId());
        if (!fresh && cached != null && cached.fresh()) {
            return cached.packages;
        }
        if (!fresh) {
            // many orders at once ask the vendor once, not once each
            synchronized (loading.computeIfAbsent(c.getId(), k -> new Object())) {
                CachedPackages now = packageCache.get(c.getId());
                if (now != null && now != cached && now.fresh()) {
                    return now.packages;
                }
                return load(c, r, now);
            }
        }
        return load(c, r, cached);
    }

    private List<PackageView> load(ConnectionEntity c, RegisteredIntegration r, CachedPackages cached) {
        AssessmentProvider p = (AssessmentProvider) r.service();
        ConnectionContext ctx = connections.hostContext(c);
        List<AssessmentPackage> list;
        try {
            list = registry.caller().call(r.id(), "listPackages", () -> p.listPackages(ctx));
        } catch (PluginCallException e) {
            boolean refused = e.getCause() instanceof IntegrationException ie && !ie.isRetryable();
            if (cached != null && !refused) {
                // the vendor is busy or down right now: checking an order against the last known list beats refusing it
                LOG.debug("Using the last package list of {} for {}: {}", r.id(), c.getId(), e.getMessage());
                return cached.packages;
            }
            throw new ApiException(refused ? 502 : 503, "vendor-unavailable", "Vendor did not answer",
                    r.descriptor().name() + " could not list its packages: " + e.getMessage(), null);
        }
        List<PackageView> views = (list == null ? List.<AssessmentPackage>of() : list).stream()
                .filter(a -> a != null && a.id() != null)
                .map(a -> new PackageView(a.id(), a.name(), a.description(), a.durationMinutes())).toList();
        packageCache.put(c.getId(), new CachedPackages(views,
                System.currentTimeMillis() + TimeUnit.SECONDS.toMillis(config.package_cache_seconds())));
        return views;
    }

    /** @return the package with that id, from the vendor's list (cached briefly) */
    PackageView requirePackage(ConnectionEntity c, String packageId, String field) {
        List<PackageView> list = packages(c, false);
        return find(list, packageId).orElseGet(() -> find(packages(c, true), packageId)
                .orElseThrow(() -> ApiException.validation(field, "is not a package of " + c.getIntegrationId()
                        + "; available: " + list.stream().map(PackageView::id).collect(Collectors.joining(", ")))));
    }

    private static Optional<PackageView> find(List<PackageView> packages, String packageId) {
        return packages.stream().filter(p -> p.id().equals(packageId)).findFirst();
    }

    /** The connection takes new orders: ACTIVE, its plugin deployed and offered, and an assessment vendor. */
    RegisteredIntegration orderable(ConnectionEntity c, String action) {
        return orderable(c, c.getState(), action);
    }

    /** The same, with the connection's state as just read from the database. */
    private RegisteredIntegration orderable(ConnectionEntity c, ConnectionState state, String action) {
        if (state != ConnectionState.ACTIVE) {
            throw notActive(c.getId(), state, action);
        }
        RegisteredIntegration r = registry.find(c.getIntegrationId()).orElseThrow(() -> ApiException.conflict(
                "integration-unavailable", "Integration unavailable", "cannot " + action + " connection " + c.getId()
                        + ": integration '" + c.getIntegrationId() + "' is not deployed at the moment"));
        if (!marketplace.isActivated(r.id())) {
            throw ApiException.conflict("integration-deactivated", "Integration not offered", "cannot " + action
                    + " connection " + c.getId() + ": integration '" + r.id() + "' is not offered at the moment");
        }
        if (r.descriptor().kind() != IntegrationKind.ASSESSMENT || !(r.service() instanceof AssessmentProvider)) {
            throw ApiException.conflict("not-an-assessment-vendor", "Not an assessment vendor",
                    "connection " + c.getId() + " is to " + r.descriptor().name() + ", which sells no assessments");
        }
        return r;
    }

    static ApiException notActive(String connectionId, ConnectionState state, String action) {
        return ApiException.conflict("connection-not-active", "Connection not active", "cannot " + action
                + " connection " + connectionId + ": it is " + state + (state == ConnectionState.DISCONNECTED
                        ? "; orders placed before the disconnect are still processed; re-activate it to order again"
                        : ""));
    }

    // ------------------------------------------------------------------------------ orders

    /**
     * Orders a package for an application; the order is committed before any vendor is called.
     * With the vendor's package list cached (the usual case in a burst of orders), everything is
     * checked and the order written in one transaction; otherwise nothing is written, the list is
     * fetched from the vendor outside any transaction, and the transaction runs once more.
     */
    public OrderView place(Caller caller, String applicationId, OrderIn in) {
        List<FieldError> errors = new ArrayList<>();
        if (in == null || in.connectionId() == null || in.connectionId().isBlank()) {
            errors.add(new FieldError("connectionId", "is required"));
        }
        if (in == null || in.packageId() == null || in.packageId().isBlank()) {
            errors.add(new FieldError("packageId", "is required"));
        }
        if (!errors.isEmpty()) {
            throw ApiException.validation(errors);
        }
        String companyId = caller.companyId();
        String connectionId = in.connectionId().strip();
        String packageId = in.packageId().strip();
        String key = applicationId == null ? "" : applicationId;
        OrderView v = placing.run(key, em -> placeIfKnown(em, caller, applicationId, connectionId, packageId, null));
        if (v == null) {
            ConnectionEntity c = db.tx(em -> ConnectionService.load(em, companyId, connectionId));
            orderable(c, "place orders on");
            PackageView pkg = requirePackage(c, packageId, "packageId");
            v = placing.run(key, em -> placeIfKnown(em, caller, applicationId, connectionId, packageId, pkg));
        }
        OrderView placed = v;
        db.afterCommit(() -> mailbox.enqueue(placed.id(), placed.integrationId()));
        return v;
    }

    /**
     * Checks and writes an order in the caller's transaction (a batch of the placing group commit,
     * so every refusal is an {@link ApiException} thrown before anything is written): the
     * connection (the company's, and taking orders as the database has it in this transaction, not
     * a cached copy, so an order is placed before a disconnect commits or refused, whichever node
     * disconnected), the package, the application, and no open order of the same package.
     *
     * @param known the package as just fetched from the vendor, or {@code null} to take it from the cached list
     * @return the order, or {@code null} (nothing written) when the package is not in the cached list
     */
    private OrderView placeIfKnown(EntityManager em, Caller caller, String applicationId, String connectionId,
            String packageId, PackageView known) {
        String companyId = caller.companyId();
        ConnectionEntity c = ConnectionService.loadShared(em, companyId, connectionId);
        orderable(c, ConnectionService.currentState(em, c.getId()), "place orders on");
        PackageView pkg = known != null ? known : cachedPackage(c.getId(), packageId);
        if (pkg == null) {
            return null;
        }
        ApplicationEntity a = ApplicationService.loadForReading(em, companyId, applicationId);
        List<String> open = em.createQuery("SELECT o.id FROM AssessmentOrderEntity o WHERE o.applicationId = :a"
                + " AND o.connectionId = :c AND o.packageId = :p AND o.status IN :open", String.class)
                .setParameter("a", a.getId()).setParameter("c", c.getId()).setParameter("p", pkg.id())
                .setParameter("open", OrderStatus.open()).getResultList();
        if (!open.isEmpty()) {
            throw ApiException.conflict("order-exists", "Already ordered", "the application already has open order "
                    + open.get(0) + " for " + pkg.name() + "; wait for its result or cancel it first");
        }
        AssessmentOrderEntity o = newOrder(em, a, c, pkg.id(), pkg.name(), ApplicationService.actor(caller));
        return view(em, o, false);
    }

    /** @return the package from the connection's cached list if that is fresh and has it, else {@code null} */
    private PackageView cachedPackage(String connectionId, String packageId) {
        CachedPackages cached = packageCache.get(connectionId);
        return cached == null || !cached.fresh() ? null : find(cached.packages, packageId).orElse(null);
    }

    /** Creates the order row (status PLACED, due now) with what will be shared with the vendor. */
    static AssessmentOrderEntity newOrder(EntityManager em, ApplicationEntity a, ConnectionEntity c, String packageId,
            String packageName, String placedBy) {
        // only the shared fields, in one query: a candidate's CVs and history stay unread
        List<Object[]> shared = em.createQuery("SELECT c.firstName, c.lastName, c.email, j.title"
                + " FROM CandidateEntity c, JobEntity j WHERE c.id = :candidate AND j.id = :job", Object[].class)
                .setParameter("candidate", a.getCandidateId()).setParameter("job", a.getJobId()).getResultList();
        if (shared.isEmpty()) {
            // candidates and jobs are never deleted; an application without them is broken data
            throw new IllegalStateException("application " + a.getId() + " has no candidate or job");
        }
        Object[] s = shared.get(0);
        long now = System.currentTimeMillis();
        AssessmentOrderEntity o = new AssessmentOrderEntity(Ids.newId(), a.getCompanyId(), c.getId(),
                c.getIntegrationId(), a.getId(), a.getCandidateId(), a.getJobId(), packageId, packageName, placedBy, now);
        o.shared((String) s[0], (String) s[1], (String) s[2], (String) s[3]);
        o.handedOver(now + OrderMailbox.HANDOVER_GRACE_MS);
        OrderLedger.placed(o, "Ordered " + packageName + " from " + c.getIntegrationId());
        em.persist(o);
        return o;
    }

    public OrderView get(Caller caller, String orderId) {
        return db.tx(em -> view(em, load(em, caller.companyId(), orderId), true));
    }

    public Page<OrderView> list(Caller caller, OrderFilter f, PageRequest page) {
        return db.tx(em -> {
            ListQueries q = ListQueries.of(em, caller.companyId(), f);
            List<OrderView> content = q.page().setFirstResult(page.offset()).setMaxResults(page.limit()).getResultList()
                    .stream().map(o -> view(em, o, false)).toList();
            return new Page<>(q.count().getSingleResult(), page.offset(), page.limit(), content);
        });
    }

    /**
     * A list's count and its page of orders, newest first, always within the company. The filters
     * and the order match the indexes HM_ORDER_COMPANY_LIST and HM_ORDER_CONNECTION_LIST (see the
     * entity), so that a page is read off an index rather than sorted from every matching order.
     */
    record ListQueries(TypedQuery<Long> count, TypedQuery<AssessmentOrderEntity> page) {

        static ListQueries of(EntityManager em, String companyId, OrderFilter f) {
            StringBuilder where = new StringBuilder(" FROM AssessmentOrderEntity o WHERE o.companyId = :companyId");
            Map<String, Object> params = new LinkedHashMap<>();
            params.put("companyId", companyId);
            if (f.applicationId() != null) {
                where.append(" AND o.applicationId = :applicationId");
                params.put("applicationId", f.applicationId());
            }
            if (f.candidateId() != null) {
                where.append(" AND o.candidateId = :candidateId");
                params.put("candidateId", f.candidateId());
            }
            if (f.connectionId() != null) {
                where.append(" AND o.connectionId = :connectionId");
                params.put("connectionId", f.connectionId());
            }
            if (f.status() != null) {
                where.append(" AND o.status = :status");
                params.put("status", f.status());
            }
            TypedQuery<Long> count = em.createQuery("SELECT COUNT(o)" + where, Long.class);
            TypedQuery<AssessmentOrderEntity> page = em.createQuery("SELECT o" + where
                    + " ORDER BY o.placedAt DESC, o.id", AssessmentOrderEntity.class);
            params.forEach((k, v) -> {
                count.setParameter(k, v);
                page.setParameter(k, v);
            });
            return new ListQueries(count, page);
        }
    }

    /** Cancels an open order; the vendor is told, best effort. */
    public OrderView cancel(Caller caller, String orderId) {
        AssessmentOrderEntity o = db.tx(em -> {
            AssessmentOrderEntity e = em.find(AssessmentOrderEntity.class, orderId, LockModeType.PESSIMISTIC_WRITE);
            if (e == null || !e.getCompanyId().equals(caller.companyId())) {
                throw ApiException.notFound("assessment order", orderId);
            }
            if (e.getStatus().isFinal()) {
                throw ApiException.conflict("order-final", "Order already finished",
                        "order " + orderId + " is " + e.getStatus() + " and can no longer be cancelled");
            }
            OrderLedger.move(em, e, OrderStatus.CANCELLED, "Cancelled by " + ApplicationService.actor(caller),
                    System.currentTimeMillis());
            return e;
        });
        if (o.getVendorReference() != null) {
            registry.find(o.getIntegrationId()).filter(r -> r.service() instanceof AssessmentProvider).ifPresent(r -> {
                try {
                    ConnectionEntity c = db.tx(em -> em.find(ConnectionEntity.class, o.getConnectionId()));
                    ConnectionContext ctx = connections.hostContext(c);
                    var spi = OrderMailbox.spiOrder(o, c.getGrantedScopes());
                    registry.caller().call(r.id(), "cancelOrder", () -> {
                        ((AssessmentProvider) r.service()).cancelOrder(ctx, spi, o.getVendorReference());
                        return null;
                    });
                } catch (PluginCallException | RuntimeException e) {
                    LOG.info("Vendor {} was not told of the cancellation of order {}: {}", r.id(), orderId,
                            e.getMessage());
                }
            });
        }
        return get(caller, orderId);
    }

    /** Orders of every company for the platform admin's console. */
    public List<OrderAdminView> adminList(String companyId, String integrationId, OrderStatus status, int limit) {
        return db.tx(em -> {
            StringBuilder q = new StringBuilder("SELECT o FROM AssessmentOrderEntity o WHERE 1 = 1");
            if (companyId != null) {
                q.append(" AND o.companyId = :companyId");
            }
            if (integrationId != null) {
                q.append(" AND o.integrationId = :integrationId");
            }
            if (status != null) {
                q.append(" AND o.status = :status");
            }
            q.append(" ORDER BY o.placedAt DESC, o.id");
            TypedQuery<AssessmentOrderEntity> tq = em.createQuery(q.toString(), AssessmentOrderEntity.class);
            if (companyId != null) {
                tq.setParameter("companyId", companyId);
            }
            if (integrationId != null) {
                tq.setParameter("integrationId", integrationId);
            }
            if (status != null) {
                tq.setParameter("status", status);
            }
            return tq.setMaxResults(limit).getResultList().stream().map(o -> new OrderAdminView(o.getId(),
                    o.getCompanyId(), o.getIntegrationId(), o.getConnectionId(), o.getStatus(), o.getPackageId(),
                    o.getAttemptsMade(), o.getLastError(), Instant.ofEpochMilli(o.getPlacedAt()),
                    Instant.ofEpochMilli(o.getUpdatedAt()))).toList();
        });
    }

    /** Counts of orders by status, for the console summary. */
    public Map<OrderStatus, Long> countByStatus(String integrationId) {
        return db.tx(em -> {
            Map<OrderStatus, Long> m = new LinkedHashMap<>();
            javax.persistence.Query q = em.createQuery("SELECT o.status, COUNT(o) FROM AssessmentOrderEntity o"
                    + (integrationId == null ? "" : " WHERE o.integrationId = :i") + " GROUP BY o.status");
            if (integrationId != null) {
                q.setParameter("i", integrationId);
            }
            for (Object row : q.getResultList()) {
                Object[] r = (Object[]) row;
                m.put((OrderStatus) r[0], ((Number) r[1]).longValue());
            }
            return m;
        });
    }

    // ------------------------------------------------------------------------------ internals

    static AssessmentOrderEntity load(EntityManager em, String companyId, String orderId) {
        AssessmentOrderEntity o = orderId == null ? null : em.find(AssessmentOrderEntity.class, orderId);
        if (o == null || !o.getCompanyId().equals(companyId)) {
            throw ApiException.notFound("assessment order", orderId);
        }
        return o;
    }

    /**
     * @return the order's state in a word a program can act on: the vendor's code or the host's for a
     *         failed delivery, otherwise what the status means at the moment
     */
    static String statusDetail(AssessmentOrderEntity o) {
        if (o.getStatusCode() != null) {
            return o.getStatusCode();
        }
        return switch (o.getStatus()) {
            case PLACED -> o.getDeliveryAttempts() > 0 ? "DELIVERY_RETRYING" : "AWAITING_DELIVERY";
            case SENT -> "ACKNOWLEDGED";
            case IN_PROGRESS -> "CANDIDATE_STARTED";
            case COMPLETED -> "RESULT_RECEIVED";
            case CANCELLED -> "CANCELLED_BY_CUSTOMER";
            // orders that ended before the code was kept
            case FAILED -> o.getSentAt() == null ? "DELIVERY_FAILED" : "VENDOR_FAILED";
            case EXPIRED -> "VENDOR_EXPIRED";
        };
    }

    static OrderView view(EntityManager em, AssessmentOrderEntity o, boolean withHistory) {
        List<OrderEventView> history = withHistory
                ? OrderLedger.history(o, em.createNamedQuery("OrderEvent.ofOrder", AssessmentOrderEventEntity.class)
                        .setParameter("orderId", o.getId()).getResultList())
                : null;
        ResultView result = o.getCompletedAt() == null ? null
                : new ResultView(o.getScore(), o.getPassed(), o.getBand(), o.getSummary(), o.getReportUrl(),
                        OrderLedger.details(o.getDetailsJson()), OrderLedger.attachments(o.getAttachmentsJson()),
                        Instant.ofEpochMilli(o.getCompletedAt()));
        // when the next attempt is due matters once one failed; before, the order is being handed over
        DeliveryView delivery = new DeliveryView(o.getAttemptsMade(), o.getDeliveryAttempts(), o.getLastError(),
                o.getDeliveryAttempts() > 0 ? OrderLedger.instant(o.getNextAttemptAt()) : null);
        return new OrderView(o.getId(), o.getApplicationId(), o.getJobId(), o.getJobTitle(),
                new CandidateShared(o.getCandidateId(), o.getCandidateFirstName(), o.getCandidateLastName(),
                        o.getCandidateEmail()),
                o.getConnectionId(), o.getIntegrationId(), o.getPackageId(), o.getPackageName(), o.getHiringStepId(),
                o.getStatus(), statusDetail(o), o.getReason(), o.getVendorReference(), o.getCandidateUrl(), result, delivery,
                o.getPlacedBy(), Instant.ofEpochMilli(o.getPlacedAt()), OrderLedger.instant(o.getSentAt()),
                OrderLedger.instant(o.getStartedAt()), OrderLedger.instant(o.getFinishedAt()),
                Instant.ofEpochMilli(o.getUpdatedAt()), history);
    }
}
