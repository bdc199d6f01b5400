package org.hiremarket.core.internal.marketplace;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.hiremarket.api.integration.Integration;
import org.hiremarket.api.integration.IntegrationDescriptor;
import org.osgi.framework.Bundle;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tracks every {@link Integration} service as plugin bundles come and go. Each service's
 * descriptor is read once, through the guarded {@link PluginCaller}, and validated; a second
 * service with an id already taken is kept out and reported. Owns the executor every call into
 * plugin code goes through.
 */
@Component(service = IntegrationRegistry.class, immediate = true, configurationPid = MarketplaceConfig.PID)
@Designate(ocd = MarketplaceConfig.class)
public class IntegrationRegistry {

    private static final Logger LOG = LoggerFactory.getLogger(IntegrationRegistry.class);

    private final PluginCaller caller;
    private final MarketplaceConfig config;
    /** Every service seen, by service id. */
    private final Map<Long, RegisteredIntegration> byService = new ConcurrentHashMap<>();
    /** The usable service of each integration id. */
    private final Map<String, RegisteredIntegration> byId = new ConcurrentHashMap<>();
    /** Told when an integration becomes usable (deployed, started, updated), outside any lock. */
    private final List<Consumer<RegisteredIntegration>> availabilityListeners = new CopyOnWriteArrayList<>();

    @Activate
    public IntegrationRegistry(MarketplaceConfig config) {
        this.config = config;
        this.caller = new PluginCaller(config.plugin_threads(), Duration.ofMillis(config.plugin_call_timeout_ms()),
                config.plugin_max_concurrent_calls(), new PluginCaller.BreakerSettings(config.breaker_failure_rate(),
                        config.breaker_window(), config.breaker_minimum_calls(),
                        Duration.ofSeconds(config.breaker_open_seconds())));
    }

    @Deactivate
    void deactivate() {
        caller.close();
    }

    public PluginCaller caller() {
        return caller;
    }

    public MarketplaceConfig config() {
        return config;
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, unbind = "removeIntegration")
    void addIntegration(Integration service, ServiceReference<Integration> ref) {
        long serviceId = (Long) ref.getProperty(Constants.SERVICE_ID);
        Bundle b = ref.getBundle();
        String bundle = b == null ? "?" : b.getSymbolicName() + "/" + b.getVersion();
        long bundleId = b == null ? -1 : b.getBundleId();
        IntegrationDescriptor d;
        List<String> problems = new ArrayList<>();
        try {
            d = caller.call("service-" + serviceId, "descriptor", service::descriptor);
            if (d == null) {
                problems.add("descriptor() returned null");
            } else {
                problems.addAll(DescriptorValidator.problems(d, service));
            }
        } catch (PluginCallException e) {
            d = null;
            problems.add(e.getMessage());
        }
        String id = d == null ? "service-" + serviceId : d.id();
        RegisteredIntegration r;
        synchronized (this) {
            RegisteredIntegration holder = byId.get(id);
            if (problems.isEmpty() && holder != null) {
                problems.add("integration id '" + id + "' is already provided by " + holder.bundle());
            }
            r = new RegisteredIntegration(id, d, service, serviceId, bundle, bundleId, List.copyOf(problems));
            byService.put(serviceId, r);
            if (r.usable()) {
                byId.put(id, r);
                LOG.info("Integration {} ({}) available from {}", id, d.kind(), bundle);
            } else {
                LOG.warn("Integration service {} from {} refused: {}", id, bundle, problems);
            }
        }
        if (r.usable()) {
            announce(r);
        }
    }

    /** Registers a listener told whenever an integration becomes usable. */
    public void onAvailable(Consumer<RegisteredIntegration> listener) {
        availabilityListeners.add(listener);
    }

    public void removeListener(Consumer<RegisteredIntegration> listener) {
        availabilityListeners.remove(listener);
    }

    private void announce(RegisteredIntegration r) {
        for (Consumer<RegisteredIntegration> l : availabilityListeners) {
            try {
                l.accept(r);
            } catch (RuntimeException e) {
                LOG.warn("Listener failed for integration {}", r.id(), e);
            }
        }
    }

    void removeIntegration(Integration service, ServiceReference<Integration> ref) {
        long serviceId = (Long) ref.getProperty(Constants.SERVICE_ID);
        List<RegisteredIntegration> promotedNow = new ArrayList<>();
        synchronized (this) {
            RegisteredIntegration r = byService.remove(serviceId);
            if (r != null && byId.get(r.id()) == r) {
                byId.remove(r.id());
                LOG.info("Integration {} gone ({} stopped or removed)", r.id(), r.bundle());
                // a duplicate waiting behind it takes over
                byService.values().stream()
                        .filter(o -> o.id().equals(r.id()) && o.descriptor() != null
                                && DescriptorValidator.problems(o.descriptor(), o.service()).isEmpty())
                        .min(Comparator.comparingLong(RegisteredIntegration::serviceId))
                        .ifPresent(o -> {
                            RegisteredIntegration promoted = new RegisteredIntegration(o.id(), o.descriptor(),
                                    o.service(), o.serviceId(), o.bundle(), o.bundleId(), List.of());
                            byService.put(o.serviceId(), promoted);
                            byId.put(o.id(), promoted);
                            promotedNow.add(promoted);
                        });
            }
        }
        promotedNow.forEach(this::announce);
    }

    /** @return the usable integration with this id, if its plugin is present */
    public Optional<RegisteredIntegration> find(String integrationId) {
        return integrationId == null ? Optional.empty() : Optional.ofNullable(byId.get(integrationId));
    }

    public boolean isPresent(String integrationId) {
        return byId.containsKey(integrationId);
    }

    /** @return every service seen, usable or refused, ordered by id */
    public List<RegisteredIntegration> all() {
        Collection<RegisteredIntegration> v = byService.values();
        return v.stream().sorted(Comparator.comparing(RegisteredIntegration::id)
                .thenComparingLong(RegisteredIntegration::serviceId)).toList();
    }
}
