package org.hiremarket.core.internal.marketplace;

import static org.hiremarket.core.internal.marketplace.ConnectionState.ACTIVE;
import static org.hiremarket.core.internal.marketplace.ConnectionState.AWAITING_ACCOUNT;
import static org.hiremarket.core.internal.marketplace.ConnectionState.DISCONNECTED;
import static org.hiremarket.core.internal.marketplace.ConnectionState.FAILED;
import static org.hiremarket.core.internal.marketplace.ConnectionState.UNAVAILABLE;
import static org.hiremarket.core.internal.marketplace.ConnectionState.VALIDATING;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import javax.persistence.EntityManager;
import javax.persistence.TypedQuery;

import org.hiremarket.api.integration.ConnectionContext;
import org.hiremarket.api.integration.CompanyProfile;
import org.hiremarket.api.integration.ConnectResult;
import org.hiremarket.api.integration.DataScope;
import org.hiremarket.api.integration.IntegrationDescriptor;
import org.hiremarket.api.integration.IntegrationException;
import org.hiremarket.api.integration.PartnerAccount;
import org.hiremarket.core.internal.common.ApiException;
import org.hiremarket.core.internal.common.FieldError;
import org.hiremarket.core.internal.common.Ids;
import org.hiremarket.core.internal.common.Page;
import org.hiremarket.core.internal.common.PageRequest;
import org.hiremarket.core.internal.common.Startup;
import org.hiremarket.core.internal.identity.Caller;
import org.hiremarket.core.internal.company.CompanyService;
import org.hiremarket.core.internal.marketplace.Views.AccountFieldView;
import org.hiremarket.core.internal.marketplace.Views.ConnectionAdminView;
import org.hiremarket.core.internal.marketplace.Views.ConnectionEventView;
import org.hiremarket.core.internal.marketplace.Views.ConnectionView;
import org.hiremarket.core.internal.marketplace.Views.ScopeView;
import org.hiremarket.core.internal.persistence.CacheSettings;
import org.hiremarket.core.internal.persistence.Database;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.FieldOption;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connect flow of a company: review scopes, authorize, enter the partner account, validation by
 * the plugin, disconnect and re-activation. Every method takes the authenticated {@link Caller}
 * and only ever touches that caller's company's connections; another company's id is simply not
 * found. Plugin code is called outside any transaction, through the guarded {@link PluginCaller}.
 */
@Component(service = ConnectionService.class)
public class ConnectionService {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectionService.class);
    private static final int HISTORY_SHOWN = 50;

    private final Database db;
    private final IntegrationRegistry registry;
    private final MarketplaceService marketplace;
    private final CompanyService companies;
    private final AccountStore accounts;
    private final AtomicLong eventSeq = new AtomicLong();
    private final Startup recovered;

    /** Told when a connection is disconnected, inside that transaction (job-board postings come down). */
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, fieldOption = FieldOption.UPDATE)
    private final List<ConnectionWatcher> watchers = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** Where people the plugins send arrive, one per kind of integration; one is absent while its domain restarts. */
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, fieldOption = FieldOption.UPDATE)
    private final List<CandidateIntake> intakes = new java.util.concurrent.CopyOnWriteArrayList<>();

    @Activate
    public ConnectionService(@Reference Database db, @Reference IntegrationRegistry registry,
            @Reference MarketplaceService marketplace, @Reference CompanyService companies) {
        this.db = db;
        this.registry = registry;
        this.marketplace = marketplace;
        this.companies = companies;
        String keyFile = registry.config().secrets_key_file().replace("${karaf.data}",
                System.getProperty("karaf.data", "data"));
        this.accounts = new AccountStore(SecretBox.fromKeyFile(Path.of(keyFile)));
        this.recovered = Startup.begin("connections", this::recoverInterruptedValidations);
    }

    /** Starts connecting: the answer lists the scopes the customer administrator reviews. */
    public ConnectionView start(Caller caller, String integrationId) {
        recovered.await();
        if (integrationId == null || integrationId.isBlank()) {
            throw ApiException.validation("integrationId", "is required");
        }
        if (registry.isPresent(integrationId) && !marketplace.isActivated(integrationId)) {
            throw ApiException.conflict("integration-deactivated", "Integration not offered", "integration '"
                    + integrationId + "' is not offered on the marketplace at the moment; connect once it is again");
        }
        RegisteredIntegration r = marketplace.offered(integrationId)
                .orElseThrow(() -> ApiException.notFound("integration", integrationId));
        return db.tx(em -> {
            List<ConnectionEntity> existing = em
                    .createNamedQuery("Connection.openOfCompanyAndIntegration", ConnectionEntity.class)
                    .setParameter("companyId", caller.companyId()).setParameter("integrationId", integrationId)
                    .getResultList();
            if (!existing.isEmpty()) {
                ConnectionEntity c = existing.get(0);
                throw ApiException.conflict("connection-exists", "Already connected",
                        "your company already has connection " + c.getId() + " to " + integrationId + " (status "
                                + c.getState() + "); continue, disconnect or re-activate that one");
            }
            long now = System.currentTimeMillis();
            ConnectionEntity c = new ConnectionEntity(Ids.newId(), caller.companyId(), integrationId, now);
            em.persist(c);
            record(em, c, null, "STARTED", "Connection started; scopes to review: "
                    + r.descriptor().scopes().stream().map(DataScope::id).collect(Collectors.joining(", ")), now);
            return view(em, c, true);
        });
    }

    /** The customer administrator authorizes the requested scopes, all of them. */
    public ConnectionView authorize(Caller caller, String connectionId, List<String> scopes) {
        recovered.await();
        ConnectionEntity peek = db.tx(em -> load(em, caller, connectionId));
        RegisteredIntegration r = requireOffered(peek.getIntegrationId(), "authorize");
        Set<String> requested = r.descriptor().scopes().stream().map(DataScope::id)
                .collect(Collectors.toCollection(LinkedHashSet::new));
        requireExactly("scopes", scopes, requested);
        return db.tx(em -> {
            ConnectionEntity c = load(em, caller, connectionId);
            ConnectionStateMachine.requireMove(c.getState(), AWAITING_ACCOUNT, "authorize scopes of");
            c.grantScopes(requested);
            move(em, c, AWAITING_ACCOUNT, "SCOPES_AUTHORIZED", "Scopes authorized: " + String.join(", ", requested));
            return view(em, c, true);
        });
    }

    /**
     * The customer enters the partner account; the host checks the fields, then the plugin
     * validates them and the connection ends ACTIVE or FAILED with the plugin's reason.
     */
    public ConnectionView submitAccount(Caller caller, String connectionId, Map<String, ?> fields,
            List<String> reverseScopes) {
        recovered.await();
        ConnectionEntity peek = db.tx(em -> load(em, caller, connectionId));
        RegisteredIntegration r = requireOffered(peek.getIntegrationId(), "validate the account of");
        IntegrationDescriptor d = r.descriptor();
        Map<String, String> values = AccountValidator.validate(d, fields);
        Set<String> reverse = d.reverseScopes().stream().map(DataScope::id)
                .collect(Collectors.toCollection(LinkedHashSet::new));
        if (reverse.isEmpty()) {
            if (reverseScopes != null && !reverseScopes.isEmpty()) {
                throw ApiException.validation("reverseScopes", d.name() + " asks for no reverse scopes");
            }
        } else {
            requireExactly("reverseScopes", reverseScopes, reverse);
        }
        String sealed = accounts.seal(d, values);
        db.tx(em -> {
            ConnectionEntity c = load(em, caller, connectionId);
            ConnectionStateMachine.requireMove(c.getState(), VALIDATING, "submit the account of");
            c.setAccountData(sealed);
            c.grantReverseScopes(reverse);
            move(em, c, VALIDATING, "ACCOUNT_SUBMITTED", "Partner account submitted; " + d.name() + " is checking it");
            return null;
        });
        return finishValidation(caller, connectionId, r, values);
    }

    /** Disconnects at once; the plugin is told, and its failure to listen does not stop the disconnect. */
    public ConnectionView disconnect(Caller caller, String connectionId) {
        recovered.await();
        ConnectionEntity c0 = db.tx(em -> {
            ConnectionEntity c = load(em, caller, connectionId);
            ConnectionStateMachine.requireMove(c.getState(), DISCONNECTED, "disconnect");
            move(em, c, DISCONNECTED, "DISCONNECTED", "Disconnected by the customer; no new work is sent");
            long now = System.currentTimeMillis();
            watchers.forEach(w -> w.connectionEnded(em, c, "The connection was disconnected by the customer", now));
            return c;
        });
        var r = registry.find(c0.getIntegrationId());
        if (r.isEmpty()) {
            note(connectionId, "VENDOR_NOT_NOTIFIED", "The integration was unavailable, so the vendor was not told");
        } else {
            try {
                var ctx = context(c0, accounts.open(c0.getAccountData()));
                registry.caller().call(r.get().id(), "disconnect", () -> {
                    r.get().service().disconnect(ctx);
                    return null;
                });
            } catch (PluginCallException e) {
                note(connectionId, "VENDOR_NOT_NOTIFIED", "The vendor was not told: " + e.getMessage());
            }
        }
        return get(caller, connectionId);
    }

    /** Re-activates a disconnected connection; the plugin checks the stored account again. */
    public ConnectionView reactivate(Caller caller, String connectionId) {
        recovered.await();
        ConnectionEntity peek = db.tx(em -> load(em, caller, connectionId));
        RegisteredIntegration r = requireOffered(peek.getIntegrationId(), "re-activate");
        db.tx(em -> {
            ConnectionEntity c = load(em, caller, connectionId);
            if (c.getState() != DISCONNECTED) {
                throw ApiException.conflict("invalid-connection-state", "Not possible in this state",
                        "only a DISCONNECTED connection can be re-activated; this one is " + c.getState());
            }
            move(em, c, VALIDATING, "REACTIVATING", "Re-activation requested; " + r.descriptor().name()
                    + " is checking the account again");
            return null;
        });
        return finishValidation(caller, connectionId, r, accounts.open(peek.getAccountData()));
    }

    public ConnectionView get(Caller caller, String connectionId) {
        recovered.await();
        return db.tx(em -> view(em, load(em, caller, connectionId), true));
    }

    public Page<ConnectionView> list(Caller caller, String integrationId, ConnectionState status, PageRequest page) {
        recovered.await();
        return db.tx(em -> {
            List<ConnectionView> all = em
                    .createQuery("SELECT c FROM ConnectionEntity c WHERE c.companyId = :companyId"
                            + " ORDER BY c.createdAt, c.id", ConnectionEntity.class)
                    .setParameter("companyId", caller.companyId()).getResultList().stream()
                    .filter(c -> integrationId == null || c.getIntegrationId().equals(integrationId))
                    .map(c -> view(em, c, false))
                    .filter(v -> status == null || v.status() == status).toList();
            return Page.of(all, page);
        });
    }

    /** Every connection of every company, for the platform admin's console. */
    public List<ConnectionAdminView> adminList(String companyId, String integrationId) {
        recovered.await();
        return db.tx(em -> {
            StringBuilder q = new StringBuilder("SELECT c FROM ConnectionEntity c WHERE 1 = 1");
            if (companyId != null) {
                q.append(" AND c.companyId = :companyId");
            }
            if (integrationId != null) {
                q.append(" AND c.integrationId = :integrationId");
            }
            q.append(" ORDER BY c.createdAt, c.id");
            TypedQuery<ConnectionEntity> tq = em.createQuery(q.toString(), ConnectionEntity.class);
            if (companyId != null) {
                tq.setParameter("companyId", companyId);
            }
            if (integrationId != null) {
                tq.setParameter("integrationId", integrationId);
            }
            return tq.getResultList().stream().map(c -> new ConnectionAdminView(c.getId(), c.getCompanyId(),
                    c.getIntegrationId(), ConnectionStateMachine.shown(c.getState(), registry.isPresent(c.getIntegrationId()),
                            marketplace.isActivated(c.getIntegrationId())),
                    c.getState(), c.getStatusDetail(), Instant.ofEpochMilli(c.getUpdatedAt()))).toList();
        });
    }

    // ---------------------------------------------------------------------------------------------

    private ConnectionView finishValidation(Caller caller, String connectionId, RegisteredIntegration r,
            Map<String, String> values) {
        ConnectionEntity snapshot = db.tx(em -> load(em, caller, connectionId));
        ConnectResult result;
        try {
            var ctx = context(snapshot, values);
            result = registry.caller().call(r.id(), "connect", () -> r.service().connect(ctx));
            if (result == null) {
                result = ConnectResult.rejected("PLUGIN_ERROR", "The integration gave no answer (null result)");
            }
        } catch (PluginCallException e) {
            result = failedCheck(connectionId, r.id(), e);
        }
        ConnectResult outcome = result;
        return db.tx(em -> {
            ConnectionEntity c = load(em, caller, connectionId);
            if (c.getState() == VALIDATING) {
                if (outcome.isConnected()) {
                    move(em, c, ACTIVE, outcome.detail(), outcome.description());
                } else {
                    move(em, c, FAILED, outcome.detail(), outcome.description());
                }
            }
            return view(em, c, true);
        });
    }

    /**
     * What the customer is told when the plugin could not check the account: a timeout or a busy
     * plugin as such, the vendor's own words when it threw an {@link IntegrationException}, and for
     * anything else (a bug in the plugin) a plain sentence with a reference; the exception itself
     * goes to the log under that reference, and to the integration's health ({@code marketplace:integrations -v}).
     */
    static ConnectResult failedCheck(String connectionId, String integrationId, PluginCallException e) {
        return switch (e.reason()) {
            case TIMED_OUT -> ConnectResult.rejected("PLUGIN_TIMEOUT",
                    "The integration could not check the account: " + e.getMessage());
            case BUSY -> ConnectResult.rejected("PLUGIN_BUSY", "The integration could not check the account: "
                    + e.getMessage());
            default -> {
                if (e.getCause() instanceof IntegrationException ie) {
                    yield ConnectResult.rejected(ie.code() == null || ie.code().isBlank() ? "PLUGIN_ERROR" : ie.code(),
                            "The integration could not check the account: " + ie.getMessage());
                }
                String reference = java.util.UUID.randomUUID().toString();
                LOG.warn("Connection {}: integration {} failed to check the account (reference {}): {}", connectionId,
                        integrationId, reference, e.getMessage(), e.getCause());
                yield ConnectResult.rejected("PLUGIN_ERROR", "The integration ran into an error while checking the"
                        + " account; try again later. If it persists, give the platform administrator the reference "
                        + reference + ".");
            }
        };
    }

    private RegisteredIntegration requireOffered(String integrationId, String action) {
        var present = registry.find(integrationId);
        if (present.isEmpty()) {
            throw ApiException.conflict("integration-unavailable", "Integration unavailable",
                    "cannot " + action + " this connection: integration '" + integrationId
                            + "' is not deployed at the moment; the connection keeps its state until it is back");
        }
        if (!marketplace.isActivated(integrationId)) {
            throw ApiException.conflict("integration-deactivated", "Integration not offered",
                    "cannot " + action + " this connection: integration '" + integrationId
                            + "' is not offered on the marketplace at the moment");
        }
        return present.get();
    }

    private static void requireExactly(String field, List<String> given, Set<String> expected) {
        Set<String> g = given == null ? Set.of() : new LinkedHashSet<>(given);
        if (given != null && given.stream().anyMatch(Objects::isNull)) {
            throw ApiException.validation(field, "must not contain null");
        }
        if (!g.equals(expected)) {
            List<FieldError> errors = new ArrayList<>();
            Set<String> missing = new LinkedHashSet<>(expected);
            missing.removeAll(g);
            Set<String> extra = new LinkedHashSet<>(g);
            extra.removeAll(expected);
            if (!missing.isEmpty()) {
                errors.add(new FieldError(field, "all requested scopes must be authorized; missing: "
                        + String.join(", ", missing)));
            }
            if (!extra.isEmpty()) {
                errors.add(new FieldError(field, "not requested by this integration: " + String.join(", ", extra)));
            }
            throw ApiException.validation(errors);
        }
    }

    /**
     * The context the host hands to plugin calls for work of a connection it already owns (orders
     * placed before a disconnect are still delivered), with the partner account opened.
     */
    /** For tests, and hosts wired by hand: who is told of disconnects. */
    public void watch(ConnectionWatcher watcher) {
        watchers.add(watcher);
    }

    /** For tests, and hosts wired by hand: where people the plugins send arrive. */
    public void intake(CandidateIntake intake) {
        intakes.add(intake);
    }

    /** @return where people sent through a connection to this integration arrive, or {@code null} when nowhere now */
    private CandidateIntake intakeFor(String integrationId) {
        var kind = registry.find(integrationId).map(r -> r.descriptor().kind()).orElse(null);
        return kind == null ? null : intakes.stream().filter(i -> i.kind() == kind).findFirst().orElse(null);
    }

    public ConnectionContext hostContext(ConnectionEntity c) {
        return context(c, accounts.open(c.getAccountData()));
    }

    private ConnectionContextImpl context(ConnectionEntity c, Map<String, String> values) {
        String companyId = c.getCompanyId();
        return new ConnectionContextImpl(c.getId(), companyId, new PartnerAccount(values),
                new HostFacadeImpl(c.getGrantedScopes(), () -> new CompanyProfile(companyId,
                        companies.findCompany(companyId).map(co -> co.name()).orElse("")), c.getId(),
                () -> intakeFor(c.getIntegrationId())));
    }

    private static ConnectionEntity load(EntityManager em, Caller caller, String connectionId) {
        return load(em, caller.companyId(), connectionId);
    }

    /** @return the company's connection; 404 for an unknown id and for another company's */
    public static ConnectionEntity load(EntityManager em, String companyId, String connectionId) {
        ConnectionEntity c = connectionId == null ? null : em.find(ConnectionEntity.class, connectionId);
        if (c == null || !c.getCompanyId().equals(companyId)) {
            throw ApiException.notFound("connection", connectionId);
        }
        return c;
    }

    /**
     * The company's connection as the shared cache holds it, without a copy for the transaction:
     * for reading only (it must not be changed). Its state may lag a change made by another node
     * for up to {@link CacheSettings#EXPIRY_MS}; {@link #currentState} reads that from the database.
     *
     * @return the company's connection; 404 for an unknown id and for another company's
     */
    public static ConnectionEntity loadShared(EntityManager em, String companyId, String connectionId) {
        ConnectionEntity c = connectionId == null ? null
                : em.find(ConnectionEntity.class, connectionId, CacheSettings.READ_ONLY);
        if (c == null || !c.getCompanyId().equals(companyId)) {
            throw ApiException.notFound("connection", connectionId);
        }
        return c;
    }

    /**
     * The connection's state as the database has it in this transaction, not as the shared cache
     * may still hold it for a moment after another node changed it: for decisions a disconnect must
     * stop at once.
     */
    public static ConnectionState currentState(EntityManager em, String connectionId) {
        return em.createQuery("SELECT c.state FROM ConnectionEntity c WHERE c.id = :id", ConnectionState.class)
                .setParameter("id", connectionId).getSingleResult();
    }

    private void move(EntityManager em, ConnectionEntity c, ConnectionState to, String detail, String description) {
        ConnectionState from = c.getState();
        long now = System.currentTimeMillis();
        c.moveTo(to, detail, truncate(description), now);
        record(em, c, from, detail, description, now);
    }

    private void record(EntityManager em, ConnectionEntity c, ConnectionState from, String detail, String description,
            long now) {
        em.persist(new ConnectionEventEntity(Ids.newId(), c.getId(), now, eventSeq.incrementAndGet(), from,
                c.getState(), detail, truncate(description)));
    }

    /** Records something that happened to a connection without changing its state. */
    private void note(String connectionId, String detail, String description) {
        db.tx(em -> {
            ConnectionEntity c = em.find(ConnectionEntity.class, connectionId);
            if (c != null) {
                record(em, c, c.getState(), detail, description, System.currentTimeMillis());
            }
            return null;
        });
    }

    /** A validation cut short by a restart cannot be trusted: the customer is asked to submit again. */
    private void recoverInterruptedValidations() {
        int n = db.tx(em -> {
            List<ConnectionEntity> stuck = em.createNamedQuery("Connection.byState", ConnectionEntity.class)
                    .setParameter("state", VALIDATING).getResultList();
            for (ConnectionEntity c : stuck) {
                move(em, c, FAILED, "VALIDATION_INTERRUPTED",
                        "The account check was interrupted by a restart of the host; submit the account again");
            }
            return stuck.size();
        });
        if (n > 0) {
            LOG.info("{} connection(s) were validating when the host stopped; marked FAILED", n);
        }
    }

    private ConnectionView view(EntityManager em, ConnectionEntity c, boolean withHistory) {
        var reg = registry.find(c.getIntegrationId());
        IntegrationDescriptor d = reg.map(RegisteredIntegration::descriptor).orElse(null);
        ConnectionState shown = ConnectionStateMachine.shown(c.getState(), reg.isPresent(),
                marketplace.isActivated(c.getIntegrationId()));
        boolean needsAccount = c.getState() == AWAITING_ACCOUNT || c.getState() == FAILED;
        List<ConnectionEventView> history = null;
        if (withHistory) {
            history = em.createNamedQuery("ConnectionEvent.ofConnection", ConnectionEventEntity.class)
                    .setParameter("connectionId", c.getId()).setMaxResults(HISTORY_SHOWN).getResultList().stream()
                    .map(e -> new ConnectionEventView(Instant.ofEpochMilli(e.getAt()), e.getFromState(),
                            e.getToState(), e.getDetail(), e.getDescription()))
                    .toList();
        }
        var known = d == null ? marketplace.lastKnown(c.getIntegrationId()).orElse(null) : null;
        return new ConnectionView(c.getId(), c.getIntegrationId(),
                d != null ? d.name() : known == null ? null : known.name(),
                d != null ? d.kind() : known == null ? null : known.kind(), shown, ConnectionStateMachine.overlays(shown) ? c.getState() : null,
                c.getStatusDetail(),
                c.getStatusDescription(), d == null ? null : ScopeView.of(d.scopes()),
                List.copyOf(c.getGrantedScopes()), d == null ? null : ScopeView.of(d.reverseScopes()),
                List.copyOf(c.getGrantedReverseScopes()),
                d != null && needsAccount ? AccountFieldView.of(d.accountFields()) : null,
                AccountStore.masked(c.getAccountData()), Instant.ofEpochMilli(c.getCreatedAt()),
                Instant.ofEpochMilli(c.getUpdatedAt()), toInstant(c.getActivatedAt()),
                toInstant(c.getDisconnectedAt()), history);
    }

    private static Instant toInstant(Long millis) {
        return millis == null ? null : Instant.ofEpochMilli(millis);
    }

    private static String truncate(String s) {
        return s == null || s.length() <= 1000 ? s : s.substring(0, 997) + "...";
    }
}
