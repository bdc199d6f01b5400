package org.hiremarket.plugin.talentbridge;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.hiremarket.api.agency.AgencyConnector;
import org.hiremarket.api.agency.Assignment;
import org.hiremarket.api.agency.AssignmentReceipt;
import org.hiremarket.api.integration.AccountField;
import org.hiremarket.api.integration.ConnectResult;
import org.hiremarket.api.integration.ConnectionContext;
import org.hiremarket.api.integration.DataScope;
import org.hiremarket.api.integration.Integration;
import org.hiremarket.api.integration.IntegrationDescriptor;
import org.hiremarket.api.integration.IntegrationException;
import org.hiremarket.api.integration.IntegrationKind;
import org.hiremarket.api.integration.StandardScopes;
import org.osgi.service.component.annotations.Component;

/**
 * TalentBridge Recruiting, a demo agency. A customer connects with the agency code of the
 * TalentBridge office it works with ({@code TB-LON-0042}), the contact email of its account
 * manager there and the API secret TalentBridge issued. Office codes ending in {@code -0000} are
 * suspended; contacts must use a company email address (TalentBridge verifies them; free-mail
 * addresses never pass).
 */
@Component(service = Integration.class, immediate = true)
public class TalentBridgeConnector implements AgencyConnector {

    static final String ID = "talentbridge";
    static final String AGENCY_CODE = "agencyCode";
    static final String CONTACT_EMAIL = "contactEmail";
    static final String API_SECRET = "apiSecret";
    static final Pattern CODE = Pattern.compile("TB-[A-Z]{3}-[0-9]{4}");
    static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+-]+@([A-Za-z0-9-]+\\.)+[A-Za-z]{2,}");
    static final Pattern SECRET = Pattern.compile("[A-Za-z0-9]{20,64}");
    static final Set<String> FREE_MAIL = Set.of("gmail.com", "yahoo.com", "hotmail.com", "outlook.com");
    private static final int REMEMBERED = 10_000;

    private static final IntegrationDescriptor DESCRIPTOR = new IntegrationDescriptor(ID, "TalentBridge Recruiting",
            "TalentBridge Ltd", IntegrationKind.AGENCY, "1.0.0",
            "Send jobs to TalentBridge's recruiters and receive screened candidates directly on the job.",
            List.of(new DataScope(StandardScopes.COMPANY_READ, "to present your company to candidates"),
                    new DataScope(StandardScopes.JOBS_READ, "to read the jobs you assign to us"),
                    new DataScope(StandardScopes.APPLICATIONS_READ, "to follow how our candidates progress"),
                    new DataScope(StandardScopes.CANDIDATES_WRITE, "to submit the candidates we source")),
            List.of(AccountField.required(AGENCY_CODE, "TalentBridge office code")
                    .withPattern(CODE.pattern(), "The code of your TalentBridge office, like TB-LON-0042"),
                    AccountField.required(CONTACT_EMAIL, "Account manager's email")
                            .withPattern(EMAIL.pattern(), "A company email address, like jane.doe@acme.com"),
                    AccountField.secret(API_SECRET, "TalentBridge API secret")
                            .withPattern(SECRET.pattern(), "20 to 64 letters and digits, from your TalentBridge contract")),
            List.of());

    /** Receipts by assignment id, so a redelivered assignment is not created twice. */
    private final Map<String, AssignmentReceipt> receipts = new LinkedHashMap<>(16, 0.75f, false) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, AssignmentReceipt> eldest) {
            return size() > REMEMBERED;
        }
    };
    private long next = 1;

    @Override
    public IntegrationDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public ConnectResult connect(ConnectionContext context) {
        String code = context.account().get(AGENCY_CODE).orElse("");
        String email = context.account().get(CONTACT_EMAIL).orElse("");
        String secret = context.account().get(API_SECRET).orElse("");
        Matcher mail = EMAIL.matcher(email);
        if (!CODE.matcher(code).matches() || !mail.matches() || !SECRET.matcher(secret).matches()) {
            return ConnectResult.rejected("INVALID_ACCOUNT",
                    "TalentBridge needs an office code like TB-LON-0042, a contact email and the API secret");
        }
        if (code.endsWith("-0000")) {
            return ConnectResult.rejected("AGENCY_SUSPENDED",
                    "TalentBridge office " + code + " is suspended; ask TalentBridge which office serves you now");
        }
        String domain = email.substring(email.indexOf('@') + 1).toLowerCase(Locale.ROOT);
        if (FREE_MAIL.contains(domain)) {
            return ConnectResult.rejected("CONTACT_NOT_VERIFIED", "TalentBridge only works with verified company"
                    + " email addresses; " + domain + " is a free-mail domain");
        }
        return ConnectResult.connected("Connected to TalentBridge office " + code + "; assignments go to " + email);
    }

    @Override
    public void disconnect(ConnectionContext context) {
        // open assignments stay with the recruiters until the customer cancels them
    }

    @Override
    public synchronized AssignmentReceipt receiveAssignment(ConnectionContext context, Assignment assignment)
            throws IntegrationException {
        if (assignment.jobTitle().isBlank()) {
            throw IntegrationException.invalid("INVALID_ASSIGNMENT", "an assignment needs the job's title");
        }
        return receipts.computeIfAbsent(assignment.assignmentId(), id -> new AssignmentReceipt("TB-A-" + next++));
    }

    @Override
    public synchronized void cancelAssignment(ConnectionContext context, String assignmentId, String reason)
            throws IntegrationException {
        if (assignmentId == null || assignmentId.isBlank()) {
            throw IntegrationException.invalid("INVALID_ASSIGNMENT", "which assignment? the id is empty");
        }
        // cancelling an unknown or already cancelled assignment is not an error
        receipts.remove(assignmentId);
    }
}
