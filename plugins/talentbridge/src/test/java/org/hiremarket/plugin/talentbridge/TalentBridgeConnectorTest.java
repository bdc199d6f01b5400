package org.hiremarket.plugin.talentbridge;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.time.Instant;
import java.util.Map;
import java.util.regex.Pattern;

import org.hiremarket.api.agency.Assignment;
import org.hiremarket.api.agency.AssignmentReceipt;
import org.hiremarket.api.integration.ConnectResult;
import org.hiremarket.api.integration.ConnectionContext;
import org.hiremarket.api.integration.IntegrationException;
import org.hiremarket.api.integration.IntegrationKind;
import org.hiremarket.api.integration.StandardScopes;
import org.hiremarket.api.testkit.TestConnections;
import org.junit.Test;

public class TalentBridgeConnectorTest {

    static final String SECRET = "tbSecret0123456789ABCDEF";
    private final TalentBridgeConnector agency = new TalentBridgeConnector();
    private final ConnectionContext ctx = TestConnections
            .context(Map.of("agencyCode", "TB-LON-0042", "contactEmail", "jane.doe@acme.com", "apiSecret", SECRET));

    private ConnectResult connect(String code, String email) {
        return agency.connect(TestConnections.context(Map.of("agencyCode", code, "contactEmail", email, "apiSecret", SECRET)));
    }

    private static Assignment assignment(String id, String title) {
        return new Assignment(id, "job-1", title, "GB", "London", "Sam Recruiter", "20% of first-year salary",
                Instant.parse("2026-11-01T09:00:00Z"));
    }

    @Test
    public void descriptorFollowsTheHostRules() {
        var d = agency.descriptor();
        assertEquals("talentbridge", d.id());
        assertEquals(IntegrationKind.AGENCY, d.kind());
        assertTrue(d.scopes().stream().allMatch(s -> StandardScopes.isKnown(s.id())));
        assertTrue(d.field("apiSecret").secret());
        assertTrue(d.reverseScopes().isEmpty());
    }

    @Test
    public void fieldPatternsAcceptTheDocumentedExamplesOnly() {
        assertTrue(Pattern.matches(agency.descriptor().field("agencyCode").pattern(), "TB-LON-0042"));
        assertFalse(Pattern.matches(agency.descriptor().field("agencyCode").pattern(), "TB-LONDON-42"));
        assertTrue(Pattern.matches(agency.descriptor().field("contactEmail").pattern(), "jane.doe@acme.com"));
        assertFalse(Pattern.matches(agency.descriptor().field("contactEmail").pattern(), "jane.doe"));
        assertFalse(Pattern.matches(agency.descriptor().field("apiSecret").pattern(), "short"));
    }

    @Test
    public void companyContactConnects() {
        ConnectResult r = connect("TB-LON-0042", "jane.doe@acme.com");
        assertTrue(r.description(), r.isConnected());
        assertTrue(r.description().contains("TB-LON-0042"));
    }

    @Test
    public void suspendedOfficeFreeMailAndMalformedInputAreRejected() {
        assertEquals("AGENCY_SUSPENDED", connect("TB-LON-0000", "jane.doe@acme.com").detail());
        ConnectResult freeMail = connect("TB-LON-0042", "jane@Gmail.com");
        assertEquals("CONTACT_NOT_VERIFIED", freeMail.detail());
        assertTrue(freeMail.description().contains("gmail.com"));
        assertEquals("INVALID_ACCOUNT", connect("LON-42", "jane.doe@acme.com").detail());
        assertEquals("INVALID_ACCOUNT", agency.connect(TestConnections.context(Map.of())).detail());
    }

    @Test
    public void sameAssignmentIsReceivedOnce() throws Exception {
        AssignmentReceipt first = agency.receiveAssignment(ctx, assignment("a1", "Nurse"));
        assertEquals(first, agency.receiveAssignment(ctx, assignment("a1", "Nurse")));
        assertNotEquals(first, agency.receiveAssignment(ctx, assignment("a2", "Nurse")));
        assertTrue(first.agencyReference().startsWith("TB-A-"));
    }

    @Test
    public void blankTitleIsRefusedAndCancellingIsLenient() throws Exception {
        try {
            agency.receiveAssignment(ctx, assignment("a3", " "));
            fail();
        } catch (IntegrationException e) {
            assertEquals("INVALID_ASSIGNMENT", e.code());
        }
        agency.cancelAssignment(ctx, "never-seen", "changed our mind");
        AssignmentReceipt r = agency.receiveAssignment(ctx, assignment("a4", "Chef"));
        agency.cancelAssignment(ctx, "a4", "filled internally");
        agency.cancelAssignment(ctx, "a4", "twice is fine");
        assertNotEquals("a cancelled assignment sent again is a new one", r,
                agency.receiveAssignment(ctx, assignment("a4", "Chef")));
        try {
            agency.cancelAssignment(ctx, "", "x");
            fail();
        } catch (IntegrationException e) {
            assertEquals("INVALID_ASSIGNMENT", e.code());
        }
    }
}
