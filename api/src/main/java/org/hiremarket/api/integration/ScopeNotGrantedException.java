package org.hiremarket.api.integration;

/** A connector asked for data the customer did not grant. */
public class ScopeNotGrantedException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String scope;

    public ScopeNotGrantedException(String scope) {
        super("scope not granted by the customer: " + scope);
        this.scope = scope;
    }

    /** @return the scope that was missing */
    public String scope() {
        return scope;
    }
}
