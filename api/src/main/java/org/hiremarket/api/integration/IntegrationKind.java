package org.hiremarket.api.integration;

/** What a connector does for a customer. Each kind has one capability interface. */
public enum IntegrationKind {
    /** Assessment vendor: tests, background checks, video interviews. See {@code AssessmentProvider}. */
    ASSESSMENT,
    /** Job board or multiposting tool: publishes job ads. See {@code JobBoard}. */
    JOB_BOARD,
    /** Recruiting agency: receives job assignments and submits candidates. See {@code AgencyConnector}. */
    AGENCY
}
