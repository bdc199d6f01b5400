package org.hiremarket.api.integration;

import java.util.Objects;

/**
 * How a connect attempt ended. An expected failure (wrong account id, expired contract, vendor
 * down) is a result, not an exception: the host stores {@code detail} and {@code description} on
 * the connection and shows them to the customer.
 *
 * @param outcome     what happened
 * @param detail      a stable machine code, for example {@code ACCOUNT_NOT_FOUND} ({@code OK} on success)
 * @param description a human sentence for the customer administrator
 */
public record ConnectResult(Outcome outcome, String detail, String description) {

    /** What happened when the connector checked the partner account. */
    public enum Outcome {
        /** The account is valid and the contract active: the connection becomes ACTIVE. */
        CONNECTED,
        /** The vendor refused the account (unknown, wrong key, no active contract). */
        REJECTED,
        /** The vendor could not be asked (its service is down); the customer may retry later. */
        VENDOR_UNAVAILABLE
    }

    public ConnectResult {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(detail, "detail");
        Objects.requireNonNull(description, "description");
    }

    /** The account is valid. */
    public static ConnectResult connected(String description) {
        return new ConnectResult(Outcome.CONNECTED, "OK", description);
    }

    /** The vendor refused the account, with a machine code and a sentence for the customer. */
    public static ConnectResult rejected(String detail, String description) {
        return new ConnectResult(Outcome.REJECTED, detail, description);
    }

    /** The vendor could not be reached. */
    public static ConnectResult vendorUnavailable(String description) {
        return new ConnectResult(Outcome.VENDOR_UNAVAILABLE, "VENDOR_UNAVAILABLE", description);
    }

    /** @return whether the connection may become active */
    public boolean isConnected() {
        return outcome == Outcome.CONNECTED;
    }
}
