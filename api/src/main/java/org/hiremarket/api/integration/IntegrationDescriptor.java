package org.hiremarket.api.integration;

import java.util.List;
import java.util.Objects;

/**
 * Who a connector is and what it needs. The host reads it when the service appears and validates
 * it: an invalid descriptor (unknown scope, duplicate field name, malformed id or pattern) makes
 * the integration unusable and is reported to the platform admin in the console.
 *
 * @param id            stable id, unique across the marketplace, {@code [a-z0-9][a-z0-9.-]{1,62}};
 *                      connections are tied to it, so it must never change between versions
 * @param name          display name
 * @param vendor        the vendor's company name
 * @param kind          what the connector does
 * @param version       the connector's own version, shown to admins
 * @param description   one or two sentences for customers
 * @param scopes        data scopes the connector asks for, reviewed and authorized by the customer
 * @param accountFields partner-account fields the customer enters when connecting
 * @param reverseScopes optional scopes the customer grants HireMarket on the vendor's side
 *                      (empty when the vendor has no such step)
 */
public record IntegrationDescriptor(String id, String name, String vendor, IntegrationKind kind, String version,
        String description, List<DataScope> scopes, List<AccountField> accountFields, List<DataScope> reverseScopes) {

    public IntegrationDescriptor {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(vendor, "vendor");
        Objects.requireNonNull(kind, "kind");
        version = version == null ? "0.0.0" : version;
        description = description == null ? "" : description;
        scopes = List.copyOf(scopes == null ? List.of() : scopes);
        accountFields = List.copyOf(accountFields == null ? List.of() : accountFields);
        reverseScopes = List.copyOf(reverseScopes == null ? List.of() : reverseScopes);
    }

    /** @return the account field with that name, or {@code null} */
    public AccountField field(String fieldName) {
        for (AccountField f : accountFields) {
            if (f.name().equals(fieldName)) {
                return f;
            }
        }
        return null;
    }
}
