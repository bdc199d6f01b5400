package org.hiremarket.plugin.skillcheck;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
import org.hiremarket.api.integration.IntegrationException;
import org.hiremarket.api.integration.IntegrationKind;
import org.hiremarket.api.integration.ScopeNotGrantedException;
import org.hiremarket.api.integration.StandardScopes;
import org.osgi.service.component.annotations.Component;

/**
 * SkillCheck Labs, a demo assessment vendor. A customer connects with the account id of their
 * contract ({@code SC-123456}) and an API key issued for that account: SkillCheck keys carry the six
 * digits of their account ({@code sk_live_123456_...}), so a key of another account is refused.
 * Accounts whose number starts with 9 belong to contracts that have expired.
 */
@Component(service = Integration.class, immediate = true)
public class SkillCheckConnector implements AssessmentProvider {

    static final String ID = "skillcheck";
    static final String ACCOUNT_ID = "accountId";
    static final String API_KEY = "apiKey";
    static final Pattern ACCOUNT = Pattern.compile("SC-([0-9]{6})");
    static final Pattern KEY = Pattern.compile("sk_(live|test)_([0-9]{6})_[A-Za-z0-9]{16}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    private static final IntegrationDescriptor DESCRIPTOR = new IntegrationDescriptor(ID, "SkillCheck",
            "SkillCheck Labs", IntegrationKind.ASSESSMENT, "1.0.0",
            "Skills tests, cognitive ability tests and background checks, scored and reported back to you.",
            List.of(new DataScope(StandardScopes.COMPANY_READ, "to brand the invitations your candidates receive"),
                    new DataScope(StandardScopes.JOBS_READ, "to tailor the assessment to the job"),
                    new DataScope(StandardScopes.CANDIDATES_READ, "to invite each candidate by name and email"),
                    new DataScope(StandardScopes.ASSESSMENT_RESULTS_WRITE, "to send scores and reports back to you")),
            List.of(AccountField.required(ACCOUNT_ID, "SkillCheck account ID")
                    .withPattern(ACCOUNT.pattern(), "Your account ID, like SC-123456"),
                    AccountField.secret(API_KEY, "SkillCheck API key").withPattern(KEY.pattern(),
                            "The API key from SkillCheck → Settings → API, like sk_live_123456_AbCdEfGh12345678")),
            List.of(new DataScope(StandardScopes.VENDOR_CATALOG_READ,
                    "HireMarket lists the assessment packages your SkillCheck contract includes")));

    private static final List<AssessmentPackage> CATALOGUE = List.of(
            new AssessmentPackage("java-dev", "Java developer skills test",
                    "Coding exercises and questions on Java 17, testing and design", 60),
            new AssessmentPackage("cognitive", "Cognitive ability", "Numerical, verbal and logical reasoning", 25),
            new AssessmentPackage("customer-service", "Customer service simulation",
                    "Realistic customer conversations, scored on empathy and resolution", 40),
            new AssessmentPackage("background", "Background check",
                    "Identity, education and employment history verification", 0));

    private final OrderBook orders = new OrderBook(10_000);

    @Override
    public IntegrationDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public ConnectResult connect(ConnectionContext context) {
        Matcher account = ACCOUNT.matcher(context.account().get(ACCOUNT_ID).orElse(""));
        Matcher key = KEY.matcher(context.account().get(API_KEY).orElse(""));
        if (!account.matches() || !key.matches()) {
            return ConnectResult.rejected("INVALID_ACCOUNT",
                    "SkillCheck needs an account ID like SC-123456 and the API key issued for it");
        }
        if (!account.group(1).equals(key.group(2))) {
            return ConnectResult.rejected("KEY_ACCOUNT_MISMATCH",
                    "This API key was issued for another SkillCheck account than SC-" + account.group(1));
        }
        if (account.group(1).startsWith("9")) {
            return ConnectResult.rejected("CONTRACT_EXPIRED", "The SkillCheck contract of account SC-"
                    + account.group(1) + " has expired; contact SkillCheck Labs to renew it");
        }
        boolean test = key.group(1).equals("test");
        return ConnectResult.connected("Connected to SkillCheck account SC-" + account.group(1)
                + (test ? " in test mode: orders are not billed" : ""));
    }

    @Override
    public void disconnect(ConnectionContext context) {
        // orders placed before the disconnect are still completed; nothing to tidy up
    }

    @Override
    public List<AssessmentPackage> listPackages(ConnectionContext context) {
        return CATALOGUE;
    }

    @Override
    public OrderAcknowledgement placeOrder(ConnectionContext context, AssessmentOrder order) throws IntegrationException {
        try {
            context.host().requireScope(StandardScopes.CANDIDATES_READ);
        } catch (ScopeNotGrantedException e) {
            throw IntegrationException.invalid("SCOPE_MISSING",
                    "SkillCheck needs the candidates.read scope to invite the candidate");
        }
        Optional<AssessmentPackage> pkg = CATALOGUE.stream().filter(p -> p.id().equals(order.packageId())).findFirst();
        if (pkg.isEmpty()) {
            throw IntegrationException.invalid("UNKNOWN_PACKAGE", "SkillCheck has no package '" + order.packageId() + "'");
        }
        String email = order.candidate().email();
        if (email == null || !EMAIL.matcher(email).matches()) {
            throw IntegrationException.invalid("INVALID_CANDIDATE", "SkillCheck invites candidates by email; '"
                    + email + "' is not an email address");
        }
        // the same idempotency key is the same order: a retry never creates a second one
        return orders.acknowledge(order.idempotencyKey(), n -> {
            String ref = "SC-ORD-" + n;
            return new OrderAcknowledgement(ref, "https://assess.skillcheck.example/take/" + ref);
        });
    }
}
