package org.hiremarket.core.internal.marketplace;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

import org.hiremarket.api.integration.IntegrationDescriptor;
import org.hiremarket.core.internal.common.StoredJson;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;

/** Turns partner-account values into the stored JSON (secrets sealed) and back. */
final class AccountStore {

    static final String MASK = "********";
    private static final TypeReference<Map<String, String>> MAP = new TypeReference<>() {
    };

    private final SecretBox box;

    AccountStore(SecretBox box) {
        this.box = box;
    }

    String seal(IntegrationDescriptor d, Map<String, String> values) {
        Map<String, String> out = new TreeMap<>();
        values.forEach((k, v) -> {
            var f = d.field(k);
            out.put(k, f != null && f.secret() ? box.encrypt(v) : v);
        });
        try {
            return StoredJson.mapper().writeValueAsString(out);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** @return the plain values, for the plugin only */
    Map<String, String> open(String stored) {
        Map<String, String> out = new LinkedHashMap<>();
        read(stored).forEach((k, v) -> out.put(k, SecretBox.isSealed(v) ? box.decrypt(v) : v));
        return out;
    }

    /** @return the values a caller may see: secret ones masked */
    static Map<String, String> masked(String stored) {
        Map<String, String> out = new LinkedHashMap<>();
        read(stored).forEach((k, v) -> out.put(k, SecretBox.isSealed(v) ? MASK : v));
        return out;
    }

    private static Map<String, String> read(String stored) {
        if (stored == null || stored.isBlank()) {
            return Map.of();
        }
        try {
            return StoredJson.mapper().readValue(stored, MAP);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored partner account is not readable", e);
        }
    }
}
