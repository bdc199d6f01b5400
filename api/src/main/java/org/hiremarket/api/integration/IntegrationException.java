package org.hiremarket.api.integration;

/**
 * An expected failure of a capability call (vendor refused the input, vendor down). The host
 * records {@link #code()} and the message; {@link #isRetryable()} tells whether trying the same
 * call again later may succeed.
 */
public class IntegrationException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String code;
    private final boolean retryable;

    public IntegrationException(String code, String message, boolean retryable) {
        super(message);
        this.code = code;
        this.retryable = retryable;
    }

    /** An input the vendor refuses; retrying the same call will fail again. */
    public static IntegrationException invalid(String code, String message) {
        return new IntegrationException(code, message, false);
    }

    /** The vendor could not take the call now; the host may retry. */
    public static IntegrationException unavailable(String message) {
        return new IntegrationException("VENDOR_UNAVAILABLE", message, true);
    }

    /** @return a stable machine code */
    public String code() {
        return code;
    }

    /** @return whether the same call may succeed later */
    public boolean isRetryable() {
        return retryable;
    }
}
