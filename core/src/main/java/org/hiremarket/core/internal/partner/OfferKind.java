package org.hiremarket.core.internal.partner;

import org.hiremarket.api.integration.IntegrationKind;

/** What an offer sells, and which kind of integration bundle fulfils it. */
public enum OfferKind {
    /** Job ads on a board or an aggregator. */
    JOB_POSTING(IntegrationKind.JOB_BOARD),
    /** Job ads sent on to many boards. */
    MULTIPOSTING(IntegrationKind.JOB_BOARD),
    /** Candidates found and sent in by a sourcing application. */
    SOURCING(IntegrationKind.JOB_BOARD),
    /** Assessments: tests, background checks, video interviews. */
    ASSESSMENT(IntegrationKind.ASSESSMENT),
    /** A recruiting agency's services. */
    RECRUITING(IntegrationKind.AGENCY);

    private final IntegrationKind integrationKind;

    OfferKind(IntegrationKind integrationKind) {
        this.integrationKind = integrationKind;
    }

    /** @return the kind of integration an offer of this kind names */
    public IntegrationKind integrationKind() {
        return integrationKind;
    }
}
