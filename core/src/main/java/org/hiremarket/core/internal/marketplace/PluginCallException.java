package org.hiremarket.core.internal.marketplace;

/** A call into plugin code did not return normally: it threw, hung past the limit, or was refused as busy. */
public class PluginCallException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Why the call failed. */
    public enum Reason {
        /** The plugin threw. */
        THREW,
        /** The plugin did not answer within the time limit. */
        TIMED_OUT,
        /** Too many calls to this plugin are running (a hung plugin); refused without calling it. */
        BUSY,
        /** The integration's circuit breaker is open after repeated failures; not attempted. */
        CIRCUIT_OPEN,
        /** The calling thread was interrupted while waiting. */
        INTERRUPTED
    }

    private final Reason reason;

    public PluginCallException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
