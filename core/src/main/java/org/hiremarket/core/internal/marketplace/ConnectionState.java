package org.hiremarket.core.internal.marketplace;

/** The life of a customer's connection to an integration. */
public enum ConnectionState {
    /** Started: the customer administrator reviews the data scopes the integration asks for. */
    SCOPE_REVIEW,
    /** Scopes authorized: waiting for the partner-account fields. */
    AWAITING_ACCOUNT,
    /** The plugin is checking the partner account. */
    VALIDATING,
    /** Connected: the capability may be used. */
    ACTIVE,
    /** The account was rejected, or the plugin failed; the customer may submit the account again. */
    FAILED,
    /** The customer disconnected; no new work, work placed before still completes. */
    DISCONNECTED,
    /**
     * The plugin bundle is absent. Never stored: shown instead of the stored state while the
     * integration's service is missing, and the stored state returns when it comes back.
     */
    UNAVAILABLE,
    /**
     * The platform admin withdrew the integration from the marketplace. Never stored: shown instead
     * of the stored state while it is not offered (every use of the connection answers 409
     * {@code integration-deactivated}), and the stored state returns when it is offered again.
     */
    DEACTIVATED
}
