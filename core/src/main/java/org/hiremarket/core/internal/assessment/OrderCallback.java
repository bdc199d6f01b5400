package org.hiremarket.core.internal.assessment;

import java.util.Set;

import org.hiremarket.api.assessment.AssessmentCallback;
import org.hiremarket.api.assessment.AssessmentUpdate;
import org.hiremarket.api.integration.ScopeNotGrantedException;
import org.hiremarket.api.integration.StandardScopes;
import org.hiremarket.core.internal.common.ApiException;

/**
 * The callback one delivery of one order hands to the vendor. Bound to that order and its
 * connection, so a vendor can only ever report on orders it was given; checks the
 * {@code assessments.results.write} scope the customer granted.
 */
final class OrderCallback implements AssessmentCallback {

    private final String orderId;
    private final String connectionId;
    private final boolean mayReport;
    private final OrderLedger ledger;

    OrderCallback(String orderId, String connectionId, Set<String> grantedScopes, OrderLedger ledger) {
        this.orderId = orderId;
        this.connectionId = connectionId;
        this.mayReport = grantedScopes.contains(StandardScopes.ASSESSMENT_RESULTS_WRITE);
        this.ledger = ledger;
    }

    @Override
    public String orderId() {
        return orderId;
    }

    @Override
    public Outcome report(AssessmentUpdate update) throws ScopeNotGrantedException {
        if (!mayReport) {
            throw new ScopeNotGrantedException(StandardScopes.ASSESSMENT_RESULTS_WRITE);
        }
        try {
            return ledger.report(orderId, connectionId, update);
        } catch (ApiException e) {
            // the database is not available (503) or the order changed under us (409): try again later
            throw new IllegalStateException("the host cannot store the report now (" + e.getMessage()
                    + "); report it again later", e);
        }
    }

    @Override
    public String toString() {
        return "AssessmentCallback[" + orderId + "]";
    }
}
