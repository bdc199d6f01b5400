package org.hiremarket.core.internal.marketplace;

import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

import org.hiremarket.api.integration.IntegrationKind;
import org.hiremarket.core.internal.common.ApiException;
import org.hiremarket.core.internal.common.Page;
import org.hiremarket.core.internal.common.PageRequest;
import org.hiremarket.core.internal.common.Startup;
import org.hiremarket.core.internal.marketplace.Views.HealthView;
import org.hiremarket.core.internal.marketplace.Views.IntegrationAdminView;
import org.hiremarket.core.internal.marketplace.Views.IntegrationView;
import org.hiremarket.core.internal.marketplace.Views.KnownIntegration;
import org.hiremarket.core.internal.persistence.Database;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the marketplace offers: integrations deployed and activated by the platform admin. A
 * deployed but deactivated integration is hidden from customers and refuses new connections.
 */
@Component(service = MarketplaceService.class)
public class MarketplaceService {

    private static final Logger LOG = LoggerFactory.getLogger(MarketplaceService.class);

    private final Database db;
    private final IntegrationRegistry registry;
    /** Admin decisions by integration id, read once and kept in step with every change. */
    private final Map<String, Boolean> activation = new ConcurrentHashMap<>();
    private final Object settingsLock = new Object();
    /** Who each integration id was when it was last deployed, kept in step with the database. */
    private final Map<String, KnownIntegration> known = new ConcurrentHashMap<>();
    private final Startup loaded;
    /** Writes what is learnt of deployed integrations, off the thread that registers their services. */
    private final ExecutorService remembering = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "hiremarket-integration-memory");
        t.setDaemon(true);
        return t;
    });
    private final Consumer<RegisteredIntegration> onAvailable = r -> remembering.execute(() -> remember(r));

    @Activate
    public MarketplaceService(@Reference Database db, @Reference IntegrationRegistry registry) {
        this.db = db;
        this.registry = registry;
        this.loaded = Startup.begin("marketplace", this::loadSettings);
        registry.onAvailable(onAvailable);
        remembering.execute(() -> registry.all().stream().filter(RegisteredIntegration::usable).forEach(this::remember));
    }

    @Deactivate
    void deactivate() {
        registry.removeListener(onAvailable);
        remembering.shutdownNow();
    }

    private void loadSettings() {
        long t0 = System.nanoTime();
        db.tx(em -> {
            em.createNamedQuery("IntegrationSetting.all", IntegrationSettingEntity.class).getResultList().forEach(s -> {
                activation.putIfAbsent(s.getIntegrationId(), s.isActive());
                if (s.getName() != null) {
                    known.putIfAbsent(s.getIntegrationId(), new KnownIntegration(s.getIntegrationId(), s.getName(),
                            s.getVendor(), kind(s.getKind()), s.getVersion()));
                }
            });
            return null;
        });
        LOG.info("Marketplace settings loaded in {} ms", (System.nanoTime() - t0) / 1_000_000);
    }

    private static IntegrationKind kind(String name) {
        try {
            return name == null ? null : IntegrationKind.valueOf(name);
        } catch (IllegalArgumentException unknown) {
            return null;
        }
    }

    /** Keeps who a deployed integration is, so that it can still be named while its plugin is absent. */
    void remember(RegisteredIntegration r) {
        if (r.descriptor() == null) {
            return;
        }
        KnownIntegration k = KnownIntegration.of(r.descriptor());
        if (k.equals(known.get(r.id()))) {
            return;
        }
        try {
            loaded.await();
            updateSetting(r.id(), s -> s.remember(k.name(), k.vendor(), k.kind() == null ? null : k.kind().name(),
                    k.version()));
            known.put(r.id(), k);
        } catch (RuntimeException e) {
            // shown as before (the id only) while it is absent; tried again when it is deployed again
            LOG.warn("Could not keep the descriptor of integration {}: {}", r.id(), e.getMessage());
        }
    }

    /**
     * Changes an integration's setting row, creating it (not offered) when there is none. Changes of
     * this node are made one at a time (the admin's decision and what is learnt of a deployed
     * plugin come from different threads); a row another node created at the same moment is read
     * and changed on a second try.
     */
    private void updateSetting(String integrationId, Consumer<IntegrationSettingEntity> change) {
        synchronized (settingsLock) {
            for (int attempt = 1;; attempt++) {
                try {
                    db.tx(em -> {
                        IntegrationSettingEntity s = em.find(IntegrationSettingEntity.class, integrationId);
                        if (s == null) {
                            s = new IntegrationSettingEntity(integrationId, false, System.currentTimeMillis());
                            change.accept(s);
                            em.persist(s);
                        } else {
                            change.accept(s);
                        }
                        return null;
                    });
                    return;
                } catch (ApiException e) {
                    if (attempt > 1 || !"duplicate".equals(e.type())) {
                        throw e;
                    }
                }
            }
        }
    }

    /** @return who an integration is: its deployed descriptor, or what was last known of it */
    public Optional<KnownIntegration> lastKnown(String integrationId) {
        Optional<RegisteredIntegration> present = registry.find(integrationId);
        if (present.isPresent() && present.get().descriptor() != null) {
            return Optional.of(KnownIntegration.of(present.get().descriptor()));
        }
        loaded.await();
        return Optional.ofNullable(known.get(integrationId));
    }

    public boolean isActivated(String integrationId) {
        loaded.await();
        return activation.getOrDefault(integrationId, Boolean.FALSE);
    }

    /** @return the integration if customers may see it: plugin present, descriptor valid, activated */
    public Optional<RegisteredIntegration> offered(String integrationId) {
        return registry.find(integrationId).filter(r -> isActivated(r.id()));
    }

    public Page<IntegrationView> listOffered(IntegrationKind kind, PageRequest page) {
        List<IntegrationView> all = registry.all().stream()
                .filter(r -> r.usable() && isActivated(r.id()) && registry.find(r.id()).orElse(null) == r)
                .filter(r -> kind == null || r.descriptor().kind() == kind)
                .map(r -> IntegrationView.of(r.descriptor(), registry.caller().health(r.id()))).toList();
        return Page.of(all, page);
    }

    /**
     * @return the offered integration; one the admin offers whose plugin is not deployed at the
     *         moment is shown {@code UNAVAILABLE} with what was last known of it
     */
    public IntegrationView getOffered(String integrationId) {
        Optional<RegisteredIntegration> offered = offered(integrationId);
        if (offered.isPresent()) {
            return IntegrationView.of(offered.get().descriptor(), registry.caller().health(integrationId));
        }
        if (!registry.isPresent(integrationId) && isActivated(integrationId) && known.containsKey(integrationId)) {
            return IntegrationView.absent(known.get(integrationId), registry.caller().health(integrationId));
        }
        throw ApiException.notFound("integration", integrationId);
    }

    /** Offers an integration to customers. It must be deployed and valid. */
    public IntegrationAdminView activate(String integrationId) {
        RegisteredIntegration r = registry.find(integrationId).orElseThrow(() -> {
            boolean refused = registry.all().stream().anyMatch(o -> o.id().equals(integrationId));
            return refused
                    ? ApiException.conflict("integration-invalid", "Integration refused",
                            "integration '" + integrationId + "' is deployed but refused by the host; see its problems")
                    : ApiException.notFound("deployed integration", integrationId);
        });
        setActive(r.id(), true);
        return adminView(r.id());
    }

    /** Hides an integration from customers; existing connections keep their state. */
    public IntegrationAdminView deactivate(String integrationId) {
        loaded.await();
        if (!activation.containsKey(integrationId) && !registry.isPresent(integrationId)) {
            throw ApiException.notFound("integration", integrationId);
        }
        setActive(integrationId, false);
        return adminView(integrationId);
    }

    private void setActive(String integrationId, boolean active) {
        loaded.await();
        updateSetting(integrationId, s -> s.setActive(active, System.currentTimeMillis()));
        activation.put(integrationId, active);
        LOG.info("Integration {} {} for the marketplace", integrationId, active ? "activated" : "deactivated");
    }

    /** Every integration the host knows of: deployed (usable or refused) and absent ones that have data. */
    public List<IntegrationAdminView> adminList() {
        loaded.await();
        Map<String, Long> counts = connectionCounts();
        Map<String, IntegrationAdminView> out = new LinkedHashMap<>();
        for (RegisteredIntegration r : registry.all()) {
            boolean primary = registry.find(r.id()).orElse(null) == r;
            // the usable service has the id's place; a refused one with the same id is shown beside it,
            // whichever of the two the registry lists first
            boolean beside = !primary && (registry.isPresent(r.id()) || out.containsKey(r.id()));
            String key = beside ? r.id() + "#" + r.serviceId() : r.id();
            String state = r.usable() ? "AVAILABLE" : "REFUSED";
            out.put(key, new IntegrationAdminView(r.id(), r.descriptor() == null ? "?" : r.descriptor().name(),
                    r.descriptor() == null ? null : r.descriptor().kind(),
                    r.descriptor() == null ? "?" : r.descriptor().vendor(),
                    r.descriptor() == null ? "?" : r.descriptor().version(), r.bundle(), r.bundleId(), state,
                    isActivated(r.id()), counts.getOrDefault(r.id(), 0L), r.problems(),
                    HealthView.of(registry.caller().health(r.id()))));
        }
        Set<String> ids = new java.util.HashSet<>(activation.keySet());
        ids.addAll(counts.keySet());
        for (String id : ids) {
            if (registry.all().stream().noneMatch(r -> r.id().equals(id))) {
                KnownIntegration k = known.get(id);
                out.put(id, new IntegrationAdminView(id, k == null ? "?" : k.name(), k == null ? null : k.kind(),
                        k == null ? "?" : k.vendor(), k == null ? "?" : k.version(), "-", null, "UNAVAILABLE",
                        isActivated(id), counts.getOrDefault(id, 0L), List.of("no bundle provides it"),
                        HealthView.of(registry.caller().health(id))));
            }
        }
        // by id, the id's own entry (the usable service) before refused ones beside it
        return out.entrySet().stream()
                .sorted(Comparator.comparing((Map.Entry<String, IntegrationAdminView> e) -> e.getValue().id())
                        .thenComparing(e -> !e.getKey().equals(e.getValue().id())).thenComparing(Map.Entry::getKey))
                .map(Map.Entry::getValue).toList();
    }

    public IntegrationAdminView adminView(String integrationId) {
        return adminList().stream().filter(v -> v.id().equals(integrationId)).findFirst()
                .orElseThrow(() -> ApiException.notFound("integration", integrationId));
    }

    private Map<String, Long> connectionCounts() {
        return db.tx(em -> {
            Map<String, Long> m = new HashMap<>();
            for (Object row : em.createNamedQuery("Connection.countByIntegration").getResultList()) {
                Object[] r = (Object[]) row;
                m.put((String) r[0], ((Number) r[1]).longValue());
            }
            return m;
        });
    }
}
