package org.hiremarket.plugin.skillcheck;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The orders SkillCheck knows, by idempotency key, so a redelivered order finds its first
 * acknowledgement and its progress. A real vendor keeps this in its own database; the demo keeps
 * the {@code capacity} most recently used orders in memory and forgets the rest (the host
 * delivers a forgotten order again when it needs it). Thread-safe.
 */
final class OrderBook {

    /** The order under a key, and whether this call created it (its first delivery). */
    record Placement(VendorOrder order, boolean first) {
    }

    private final Map<String, VendorOrder> byKey;

    OrderBook(int capacity) {
        // access order: an order that is delivered again or polled counts as recent
        this.byKey = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, VendorOrder> eldest) {
                return size() > capacity;
            }
        };
    }

    /** @return the order under {@code idempotencyKey}, made with {@code create} when the key is new */
    synchronized Placement place(String idempotencyKey, Supplier<VendorOrder> create) {
        VendorOrder known = byKey.get(idempotencyKey);
        if (known != null) {
            return new Placement(known, false);
        }
        VendorOrder created = create.get();
        byKey.put(idempotencyKey, created);
        return new Placement(created, true);
    }

    /** @return the order under {@code idempotencyKey}, or null when SkillCheck does not know it (any more) */
    synchronized VendorOrder find(String idempotencyKey) {
        return byKey.get(idempotencyKey);
    }

    synchronized int size() {
        return byKey.size();
    }
}
