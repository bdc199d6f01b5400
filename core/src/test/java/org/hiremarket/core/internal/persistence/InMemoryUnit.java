package org.hiremarket.core.internal.persistence;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;
import javax.persistence.Persistence;

import org.apache.aries.jpa.template.EmConsumer;
import org.apache.aries.jpa.template.EmFunction;
import org.apache.aries.jpa.template.JpaTemplate;
import org.apache.aries.jpa.template.TransactionType;
import org.apache.derby.jdbc.EmbeddedDataSource;

/**
 * For tests: core's real persistence unit (persistence.xml, every entity) on EclipseLink and a new
 * in-memory Derby database, outside OSGi. {@link #template()} does what Aries JPA's template does for
 * a resource-local unit; {@link #database()} is a {@link Database} whose transactions run through it.
 */
public final class InMemoryUnit implements AutoCloseable {

    static {
        // Derby's own log goes with the build output, not into the source tree
        System.setProperty("derby.stream.error.file", "target/derby.log");
    }

    private static final AtomicInteger DB = new AtomicInteger();

    private final EmbeddedDataSource ds = new EmbeddedDataSource();
    private final Map<String, Object> properties = new HashMap<>();
    private EntityManagerFactory emf;

    /**
     * @param createTables {@code true}: EclipseLink creates the tables at once; {@code false}: no DDL
     *                     (as in the distribution, where {@link Schema} does it)
     */
    public InMemoryUnit(boolean createTables) {
        ds.setDatabaseName("memory:unit" + DB.incrementAndGet());
        ds.setCreateDatabase("create");
        properties.put("javax.persistence.nonJtaDataSource", ds);
        properties.put("eclipselink.logging.level", "SEVERE");
        if (createTables) {
            properties.put("eclipselink.ddl-generation", "create-tables");
            properties.put("eclipselink.ddl-generation.output-mode", "database");
        }
        emf = Persistence.createEntityManagerFactory("hiremarket", properties);
    }

    /** @return a second unit on the same database, as the next start of the host would make */
    public EntityManagerFactory newFactory() {
        return Persistence.createEntityManagerFactory("hiremarket", properties);
    }

    private static final Map<Class<?>, InMemoryUnit> SHARED = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * One database for all tests of a class, opened by the first of them and kept for the JVM (the
     * tests clean up what they need to). Called from {@code @Before}, not {@code @BeforeClass}: PIT
     * runs a class with {@code @BeforeClass} as one unit (every test of it for every mutant), and each
     * test on its own otherwise.
     */
    public static InMemoryUnit shared(Class<?> testClass) {
        return SHARED.computeIfAbsent(testClass, c -> new InMemoryUnit(true));
    }

    /** The next start: the factory is replaced by a new one on the same database. */
    public void restart() {
        emf.close();
        emf = newFactory();
    }

    public EntityManagerFactory factory() {
        return emf;
    }

    public EmbeddedDataSource dataSource() {
        return ds;
    }

    public JpaTemplate template() {
        return new LocalTemplate();
    }

    public Database database() {
        JpaTemplate template = template();
        return new Database() {
            @Override
            JpaTemplate template(long waitMs) {
                return template;
            }
        };
    }

    /** Runs one SQL statement outside JPA (to make the database look like an older version left it). */
    public void sql(String statement) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate(statement);
        }
    }

    @Override
    public void close() {
        emf.close();
        ds.setShutdownDatabase("shutdown");
        try {
            ds.getConnection().close();
        } catch (SQLException expected) {
            // Derby reports a shut-down database as an exception
        }
    }

    private final class LocalTemplate implements JpaTemplate {

        /** The entity manager of the transaction running on this thread: a nested call joins it, as Aries JPA's does. */
        private final ThreadLocal<EntityManager> running = new ThreadLocal<>();

        @Override
        public <R> R txExpr(TransactionType type, EmFunction<R> code) {
            EntityManager joined = running.get();
            if (joined != null) {
                return code.apply(joined);
            }
            EntityManager em = emf.createEntityManager();
            running.set(em);
            try {
                em.getTransaction().begin();
                R r = code.apply(em);
                em.getTransaction().commit();
                return r;
            } finally {
                running.remove();
                if (em.getTransaction().isActive()) {
                    em.getTransaction().rollback();
                }
                em.close();
            }
        }

        @Override
        public void tx(TransactionType type, EmConsumer code) {
            txExpr(type, em -> {
                code.accept(em);
                return null;
            });
        }

        @Override
        public <R> R txExpr(EmFunction<R> code) {
            return txExpr(TransactionType.Required, code);
        }

        @Override
        public void tx(EmConsumer code) {
            tx(TransactionType.Required, code);
        }
    }
}
