package org.hiremarket.api.integration;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The partner-account values a customer entered, already checked by the host against the
 * descriptor's {@link AccountField}s. {@link #toString()} never prints values.
 */
public final class PartnerAccount {

    private final Map<String, String> values;

    public PartnerAccount(Map<String, String> values) {
        this.values = Collections.unmodifiableMap(new TreeMap<>(Objects.requireNonNull(values, "values")));
    }

    /** @return the value of a field, empty when the customer left it out */
    public Optional<String> get(String fieldName) {
        return Optional.ofNullable(values.get(fieldName));
    }

    /**
     * @return the value of a field the descriptor declares as required
     * @throws IllegalStateException if absent, which means the descriptor and the code disagree
     */
    public String require(String fieldName) {
        String v = values.get(fieldName);
        if (v == null) {
            throw new IllegalStateException("partner-account field '" + fieldName + "' is missing");
        }
        return v;
    }

    /** @return the names of the fields that have a value */
    public Set<String> fieldNames() {
        return values.keySet();
    }

    @Override
    public String toString() {
        return "PartnerAccount" + values.keySet();
    }
}
