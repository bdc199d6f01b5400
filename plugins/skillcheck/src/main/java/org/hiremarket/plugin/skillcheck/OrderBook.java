package org.hiremarket.plugin.skillcheck;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongFunction;

import org.hiremarket.api.assessment.OrderAcknowledgement;

/**
 * Which idempotency keys SkillCheck has seen, so a redelivered order gets its first
 * acknowledgement back. A real vendor keeps this in its own database; the demo keeps the most
 * recent {@code capacity} orders in memory.
 */
final class OrderBook {

    private final Map<String, OrderAcknowledgement> byKey;
    private long next = 1;

    OrderBook(int capacity) {
        this.byKey = new LinkedHashMap<>(16, 0.75f, false) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, OrderAcknowledgement> eldest) {
                return size() > capacity;
            }
        };
    }

    synchronized OrderAcknowledgement acknowledge(String idempotencyKey, LongFunction<OrderAcknowledgement> create) {
        return byKey.computeIfAbsent(idempotencyKey, k -> create.apply(next++));
    }

    synchronized int size() {
        return byKey.size();
    }
}
