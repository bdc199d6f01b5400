package org.hiremarket.core.internal.persistence;

/**
 * The shared (second-level) cache of the entities read on almost every request: credentials,
 * users, companies and jobs. Changes made through this node update the cache at commit; entries
 * expire after {@link #EXPIRY_MS}, which bounds how long a change made by another node sharing the
 * database (PostgreSQL setups) can go unseen here. Everything else is read from the database.
 */
public final class CacheSettings {

    /** Lifetime of a cached entity or query result, in milliseconds. */
    public static final int EXPIRY_MS = 2000;
    /** The same, for query hints. */
    public static final String EXPIRY_MS_TEXT = "2000";

    /**
     * Hints for {@code em.find} on a hot read path: the shared cached object is returned as it is,
     * without a per-request copy. The caller must not modify what it gets.
     */
    public static final java.util.Map<String, Object> READ_ONLY = java.util.Map.of("eclipselink.read-only", "true");

    private CacheSettings() {
    }
}
