package org.hiremarket.itests.faulty;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.hiremarket.api.assessment.AssessmentCallback;
import org.hiremarket.api.assessment.AssessmentOrder;
import org.hiremarket.api.assessment.AssessmentPackage;
import org.hiremarket.api.assessment.AssessmentProvider;
import org.hiremarket.api.assessment.OrderAcknowledgement;
import org.hiremarket.api.integration.AccountField;
import org.hiremarket.api.integration.ConnectResult;
import org.hiremarket.api.integration.ConnectionContext;
import org.hiremarket.api.integration.DataScope;
import org.hiremarket.api.integration.Integration;
import org.hiremarket.api.integration.IntegrationDescriptor;
import org.hiremarket.api.integration.IntegrationKind;
import org.hiremarket.api.integration.StandardScopes;
import org.osgi.service.component.annotations.Component;

/**
 * An assessment vendor that is always down: connecting works, the catalogue lists one package, but
 * every {@code placeOrder} throws an unchecked exception, as a buggy plugin or a vendor outage would.
 * The host must keep such orders open and keep retrying them without harm to anything else.
 */
@Component(service = Integration.class)
public class FailingAssessment implements AssessmentProvider {

    static final String ID = "faulty-assess";
    static final String ACCOUNT_ID = "accountId";

    /** How often {@code placeOrder} was called since the bundle started; for logs only. */
    static final AtomicInteger PLACE_ORDER_CALLS = new AtomicInteger();

    private static final IntegrationDescriptor DESCRIPTOR = new IntegrationDescriptor(ID,
            "Faulty assessments (always down)", "Faulty Test Vendor", IntegrationKind.ASSESSMENT, "1.0.0",
            "An assessment vendor whose order service is always down, for the host's fault-containment tests",
            List.of(new DataScope(StandardScopes.CANDIDATES_READ, "to invite candidates it never invites"),
                    new DataScope(StandardScopes.ASSESSMENT_RESULTS_WRITE, "to report results it never has")),
            List.of(AccountField.required(ACCOUNT_ID, "Account ID")), List.of());

    private static final List<AssessmentPackage> CATALOGUE = List.of(
            new AssessmentPackage("basic", "Basic test", "A test that can never be ordered: the vendor is down", 10));

    @Override
    public IntegrationDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public ConnectResult connect(ConnectionContext context) {
        String account = context.account().get(ACCOUNT_ID).orElse("");
        if (account.isBlank()) {
            return ConnectResult.rejected("INVALID_ACCOUNT", "An account ID is required");
        }
        return ConnectResult.connected("Connected to faulty account " + account.strip());
    }

    @Override
    public void disconnect(ConnectionContext context) {
        // nothing to tidy up
    }

    @Override
    public List<AssessmentPackage> listPackages(ConnectionContext context) {
        return CATALOGUE;
    }

    @Override
    public OrderAcknowledgement placeOrder(ConnectionContext context, AssessmentOrder order,
            AssessmentCallback callback) {
        PLACE_ORDER_CALLS.incrementAndGet();
        throw new IllegalStateException("simulated outage of the vendor");
    }
}
