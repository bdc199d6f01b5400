package org.hiremarket.api.integration;

import java.util.Objects;

/**
 * One kind of customer data a connector asks to access, with the vendor's own words on why.
 *
 * @param id          a scope id from {@link StandardScopes}; the host refuses unknown ids
 * @param description why the vendor needs it, shown to the customer administrator for review
 */
public record DataScope(String id, String description) {

    public DataScope {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(description, "description");
    }
}
