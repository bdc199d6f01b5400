package org.hiremarket.api.integration;

import java.util.Objects;

/**
 * A partner-account field the customer enters when connecting, so the connector can check that the
 * customer has an active contract with the vendor (for example an account id or an API key).
 *
 * <p>The host validates every field before it calls the connector: required fields must be
 * present, values are at most {@link #MAX_LENGTH} characters, and must match {@link #pattern()}
 * when one is given. Secret values are stored encrypted and are never returned by the API.
 *
 * @param name     machine name, the key in the submitted JSON ({@code [a-zA-Z][a-zA-Z0-9_]*})
 * @param label    what the customer sees
 * @param required whether the customer must enter it
 * @param secret   whether the value is a secret (masked, stored encrypted, never shown again)
 * @param pattern  optional Java regular expression the whole value must match, or {@code null}
 * @param help     optional hint shown under the field (for example the expected format), or {@code null}
 */
public record AccountField(String name, String label, boolean required, boolean secret, String pattern,
        String help) {

    /** Longest value the host accepts for any field. */
    public static final int MAX_LENGTH = 512;

    public AccountField {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(label, "label");
    }

    /** A required, non-secret field without format. */
    public static AccountField required(String name, String label) {
        return new AccountField(name, label, true, false, null, null);
    }

    /** A required secret field without format. */
    public static AccountField secret(String name, String label) {
        return new AccountField(name, label, true, true, null, null);
    }

    /** @return a copy of this field whose value must match {@code regex}, with a hint for the customer */
    public AccountField withPattern(String regex, String hint) {
        return new AccountField(name, label, required, secret, regex, hint);
    }

    /** @return a copy of this field that the customer may leave empty */
    public AccountField optional() {
        return new AccountField(name, label, false, secret, pattern, help);
    }
}
