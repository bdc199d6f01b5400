package org.hiremarket.core.internal.marketplace;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

import org.hiremarket.api.integration.AccountField;
import org.hiremarket.api.integration.ConnectResult;
import org.hiremarket.api.integration.ConnectionContext;
import org.hiremarket.api.integration.DataScope;
import org.hiremarket.api.integration.Integration;
import org.hiremarket.api.integration.IntegrationDescriptor;
import org.hiremarket.api.integration.IntegrationKind;
import org.hiremarket.api.integration.StandardScopes;
import org.hiremarket.api.jobboard.JobAd;
import org.hiremarket.api.jobboard.JobBoard;
import org.hiremarket.api.jobboard.Publication;
import org.hiremarket.core.internal.company.CompanyService;
import org.hiremarket.core.internal.persistence.Database;
import org.hiremarket.core.internal.persistence.InMemoryUnit;
import org.osgi.framework.Bundle;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.Version;

/**
 * The marketplace services outside OSGi on the in-memory Derby harness: a registry fed with fake
 * plugin services as the OSGi runtime would feed it, the marketplace, and the connect flow.
 */
final class MarketplaceFixture implements AutoCloseable {

    static final long TIMEOUT_MS = 250;

    final InMemoryUnit unit;
    private final boolean ownUnit;
    final Database db;
    final Path keyFile;
    final IntegrationRegistry registry;
    final MarketplaceService marketplace;
    final CompanyService companies;
    ConnectionService connections;
    private final List<AutoCloseable> toClose = new ArrayList<>();

    MarketplaceFixture() {
        this(null);
    }

    /**
     * @param shared a database kept for a whole test class (its tables are emptied and its cache
     *               cleared here), or {@code null} for a new one closed with the fixture
     */
    MarketplaceFixture(InMemoryUnit shared) {
        ownUnit = shared == null;
        unit = ownUnit ? new InMemoryUnit(true) : shared;
        db = unit.database();
        // the first transaction creates the tables
        db.tx(em -> null);
        if (!ownUnit) {
            try {
                unit.sql("DELETE FROM HM_CONNECTION_EVENT");
                unit.sql("DELETE FROM HM_CONNECTION");
                unit.sql("DELETE FROM HM_INTEGRATION_SETTING");
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
            unit.factory().getCache().evictAll();
        }
        try {
            keyFile = Files.createTempDirectory("hm-market").resolve("secret.key");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        registry = new IntegrationRegistry(config(Map.of("plugin_call_timeout_ms", TIMEOUT_MS,
                "plugin_threads", 4, "plugin_max_concurrent_calls", 2, "secrets_key_file", keyFile.toString())));
        marketplace = new MarketplaceService(db, registry);
        companies = new CompanyService(db);
        connections = new ConnectionService(db, registry, marketplace, companies);
    }

    /** A new connection service on the same database, as the next start of the host makes it. */
    ConnectionService restartConnections() {
        connections = new ConnectionService(db, registry, marketplace, companies);
        return connections;
    }

    /** Run when the fixture closes (a latch that frees a hung plugin). */
    void onClose(AutoCloseable c) {
        toClose.add(c);
    }

    @Override
    public void close() {
        for (AutoCloseable c : toClose) {
            try {
                c.close();
            } catch (Exception ignored) {
                // best effort
            }
        }
        marketplace.deactivate();
        registry.deactivate();
        if (ownUnit) {
            unit.close();
        }
    }

    /** The marketplace configuration with its defaults, some of them replaced. */
    static MarketplaceConfig config(Map<String, Object> values) {
        return (MarketplaceConfig) Proxy.newProxyInstance(MarketplaceConfig.class.getClassLoader(),
                new Class<?>[] { MarketplaceConfig.class }, (proxy, m, args) -> switch (m.getName()) {
                    case "annotationType" -> MarketplaceConfig.class;
                    case "toString" -> "MarketplaceConfig" + values;
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> values.containsKey(m.getName()) ? values.get(m.getName()) : m.getDefaultValue();
                });
    }

    /** Registers a plugin service as the OSGi runtime does, from bundle {@code <symbolicName>/1.2.3}, id 40 + serviceId. */
    void deploy(Integration service, long serviceId, String symbolicName) {
        registry.addIntegration(service, reference(serviceId, symbolicName));
    }

    void undeploy(Integration service, long serviceId, String symbolicName) {
        registry.removeIntegration(service, reference(serviceId, symbolicName));
    }

    @SuppressWarnings("unchecked")
    static ServiceReference<Integration> reference(long serviceId, String symbolicName) {
        Bundle bundle = symbolicName == null ? null
                : (Bundle) Proxy.newProxyInstance(Bundle.class.getClassLoader(), new Class<?>[] { Bundle.class },
                        (proxy, m, args) -> switch (m.getName()) {
                            case "getSymbolicName" -> symbolicName;
                            case "getVersion" -> new Version(1, 2, 3);
                            case "getBundleId" -> 40 + serviceId;
                            case "hashCode" -> System.identityHashCode(proxy);
                            case "equals" -> proxy == args[0];
                            case "toString" -> symbolicName;
                            default -> throw new UnsupportedOperationException(m.getName());
                        });
        return (ServiceReference<Integration>) Proxy.newProxyInstance(ServiceReference.class.getClassLoader(),
                new Class<?>[] { ServiceReference.class }, (proxy, m, args) -> switch (m.getName()) {
                    case "getProperty" -> Constants.SERVICE_ID.equals(args[0]) ? (Object) serviceId : null;
                    case "getBundle" -> bundle;
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    case "toString" -> "ServiceReference[" + serviceId + "]";
                    default -> throw new UnsupportedOperationException(m.getName());
                });
    }

    /** A board asking for jobs.read and company.read, with a patterned id, a secret token and an optional note. */
    static IntegrationDescriptor board(String id, List<DataScope> reverseScopes) {
        return new IntegrationDescriptor(id, "Board " + id, "Boards Inc", IntegrationKind.JOB_BOARD, "2.1",
                "Publishes jobs", List.of(new DataScope(StandardScopes.JOBS_READ, "to publish them"),
                        new DataScope(StandardScopes.COMPANY_READ, "to name the employer")),
                List.of(AccountField.required("boardId", "Board id").withPattern("[a-z]{3,10}", "3 to 10 letters"),
                        AccountField.secret("token", "Token"), AccountField.required("note", "Note").optional()),
                reverseScopes);
    }

    static IntegrationDescriptor board(String id) {
        return board(id, List.of());
    }

    /** Polls every 10 ms until the condition holds, at most 10 s. */
    static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
        }
    }

    /** Rows of a query run outside JPA, each as column name (upper case) to value. */
    List<Map<String, Object>> rows(String sql, Object... params) {
        try (Connection c = unit.dataSource().getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            List<Map<String, Object>> out = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    Map<String, Object> row = new HashMap<>();
                    for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                        row.put(rs.getMetaData().getColumnName(i), rs.getObject(i));
                    }
                    out.add(row);
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    long count(String sql, Object... params) {
        return ((Number) rows(sql, params).get(0).values().iterator().next()).longValue();
    }

    /** Waits until what was learnt of a deployed integration is stored. */
    void awaitRemembered(String integrationId) {
        await("the descriptor of " + integrationId + " stored",
                () -> count("SELECT COUNT(*) FROM HM_INTEGRATION_SETTING WHERE INTEGRATIONID = ? AND NAME IS NOT NULL",
                        integrationId) == 1);
    }

    /** A job board plugin whose answers the test decides; it records what the host hands it. */
    static class FakeBoard implements JobBoard {
        final IntegrationDescriptor descriptor;
        volatile Function<ConnectionContext, ConnectResult> onConnect = c -> ConnectResult.connected("Board account ok");
        volatile RuntimeException onDisconnect;
        final List<ConnectionContext> connected = new CopyOnWriteArrayList<>();
        final List<ConnectionContext> disconnected = new CopyOnWriteArrayList<>();
        final List<String> profiles = new CopyOnWriteArrayList<>();

        FakeBoard(IntegrationDescriptor descriptor) {
            this.descriptor = descriptor;
        }

        @Override
        public IntegrationDescriptor descriptor() {
            return descriptor;
        }

        @Override
        public ConnectResult connect(ConnectionContext context) {
            connected.add(context);
            try {
                profiles.add(context.host().companyProfile().name());
            } catch (Exception notGranted) {
                profiles.add("not granted: " + notGranted.getMessage());
            }
            return onConnect.apply(context);
        }

        @Override
        public void disconnect(ConnectionContext context) {
            disconnected.add(context);
            if (onDisconnect != null) {
                throw onDisconnect;
            }
        }

        @Override
        public Publication publish(ConnectionContext context, JobAd ad) {
            return new Publication("ref", null);
        }

        @Override
        public void unpublish(ConnectionContext context, String boardReference) {
        }

        /** Makes connect hang until the fixture closes. */
        void hang(MarketplaceFixture f) {
            CountDownLatch release = new CountDownLatch(1);
            f.onClose(release::countDown);
            onConnect = c -> {
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return ConnectResult.connected("too late");
            };
        }
    }

    /** Throws a checked exception from code whose signature does not declare it, as a plugin may. */
    @SuppressWarnings("unchecked")
    static <E extends Throwable> RuntimeException sneaky(Throwable t) throws E {
        throw (E) t;
    }
}
