package org.hiremarket.core.internal.marketplace;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.hiremarket.api.integration.CandidateSubmission;
import org.hiremarket.api.integration.CompanyProfile;
import org.hiremarket.api.integration.SubmissionReceipt;
import org.hiremarket.api.integration.PartnerAccount;
import org.hiremarket.api.integration.ScopeNotGrantedException;
import org.hiremarket.api.integration.StandardScopes;
import org.junit.Test;

/** The small parts of the connect flow: what is kept of a connection and an integration, and the plugin's facade. */
public class MarketplacePartsTest {

    @Test
    public void theFacadeHandsTheCompanyProfileOnlyWithItsScope() throws Exception {
        int[] asked = { 0 };
        HostFacadeImpl granted = new HostFacadeImpl(Set.of(StandardScopes.COMPANY_READ, StandardScopes.JOBS_READ), () -> {
            asked[0]++;
            return new CompanyProfile("c-1", "Acme");
        }, "conn-1", () -> null);
        assertEquals(new CompanyProfile("c-1", "Acme"), granted.companyProfile());
        assertEquals(Set.of("company.read", "jobs.read"), granted.grantedScopes());
        assertTrue(granted.isGranted("jobs.read"));
        HostFacadeImpl jobsOnly = new HostFacadeImpl(Set.of(StandardScopes.JOBS_READ), () -> {
            asked[0]++;
            return new CompanyProfile("c-1", "Acme");
        }, "conn-1", () -> null);
        try {
            jobsOnly.companyProfile();
            fail("the profile without its scope");
        } catch (ScopeNotGrantedException expected) {
            assertEquals("the profile is not even read without the scope", 1, asked[0]);
        }
        Set<String> mutable = new LinkedHashSet<>(List.of("jobs.read"));
        HostFacadeImpl copy = new HostFacadeImpl(mutable, () -> null, "conn-1", () -> null);
        mutable.add("company.read");
        assertEquals("the grant is fixed when the call starts", Set.of("jobs.read"), copy.grantedScopes());
    }

    @Test
    public void theFacadeSendsPeopleToTheIntakeForItsConnectionOnlyWithTheWriteScope() throws Exception {
        List<String> arrived = new ArrayList<>();
        CandidateIntake intake = (connectionId, s) -> {
            arrived.add(connectionId + ":" + s.reference() + ":" + s.email());
            return new SubmissionReceipt("app-1", "cand-1", false);
        };
        CandidateSubmission ada = new CandidateSubmission("ob-1", "Ada", "Lovelace", "ada@example.org", null, null, null);
        HostFacadeImpl writer = new HostFacadeImpl(Set.of(StandardScopes.CANDIDATES_WRITE), () -> null, "conn-1",
                () -> intake);
        assertEquals(new SubmissionReceipt("app-1", "cand-1", false), writer.submitCandidate(ada));
        assertEquals(List.of("conn-1:ob-1:ada@example.org"), arrived);

        HostFacadeImpl reader = new HostFacadeImpl(Set.of(StandardScopes.JOBS_READ), () -> null, "conn-1", () -> intake);
        try {
            reader.submitCandidate(ada);
            fail("a submission without candidates.write");
        } catch (ScopeNotGrantedException expected) {
            assertEquals(1, arrived.size());
        }
        try {
            writer.submitCandidate(null);
            fail("no submission");
        } catch (IllegalArgumentException expected) {
            assertEquals("the submission is required", expected.getMessage());
        }
        HostFacadeImpl restarting = new HostFacadeImpl(Set.of(StandardScopes.CANDIDATES_WRITE), () -> null, "conn-1",
                () -> null);
        try {
            restarting.submitCandidate(ada);
            fail("no intake: try later");
        } catch (IllegalStateException expected) {
            assertTrue(expected.getMessage(), expected.getMessage().contains("send it again later"));
        }
        assertEquals(1, arrived.size());
    }

    @Test
    public void aContextNamesItsConnectionOnlyNeverTheAccount() {
        ConnectionContextImpl c = new ConnectionContextImpl("conn-1", "c-1", new PartnerAccount(Map.of("token", "s3cret")),
                new HostFacadeImpl(Set.of(), () -> null, "conn-1", () -> null));
        assertEquals("Connection[conn-1]", c.toString());
    }

    @Test
    public void whatIsKeptOfAnIntegrationChangesOnlyWhenItDiffers() {
        IntegrationSettingEntity s = new IntegrationSettingEntity("board-a", false, 5);
        assertTrue(s.remember("Board", "V", "JOB_BOARD", "1"));
        assertFalse(s.remember("Board", "V", "JOB_BOARD", "1"));
        assertEquals(List.of("Board", "V", "JOB_BOARD", "1"), List.of(s.getName(), s.getVendor(), s.getKind(), s.getVersion()));
        assertTrue(s.remember("Board 2", "V", "JOB_BOARD", "1"));
        assertTrue(s.remember("Board 2", "W", "JOB_BOARD", "1"));
        assertTrue(s.remember("Board 2", "W", "AGENCY", "1"));
        assertTrue(s.remember("Board 2", "W", "AGENCY", "2"));
        assertEquals(List.of("Board 2", "W", "AGENCY", "2"), List.of(s.getName(), s.getVendor(), s.getKind(), s.getVersion()));
        assertFalse(s.isActive());
        s.setActive(true, 9);
        assertTrue(s.isActive());
        assertEquals("board-a", s.getIntegrationId());
    }

    @Test
    public void aConnectionKeepsItsScopesAndTheTimesOfItsMoves() {
        ConnectionEntity c = new ConnectionEntity("conn-1", "c-1", "board-a", 100);
        assertEquals(ConnectionState.SCOPE_REVIEW, c.getState());
        assertEquals(Set.of(), c.getGrantedScopes());
        c.grantScopes(new LinkedHashSet<>(List.of("jobs.read", "company.read")));
        assertEquals(List.of("jobs.read", "company.read"), List.copyOf(c.getGrantedScopes()));
        c.grantReverseScopes(Set.of());
        assertEquals(Set.of(), c.getGrantedReverseScopes());
        c.grantReverseScopes(Set.of("vendor.catalog.read"));
        assertEquals(Set.of("vendor.catalog.read"), c.getGrantedReverseScopes());
        assertEquals(List.of("conn-1", "c-1", "board-a"), List.of(c.getId(), c.getCompanyId(), c.getIntegrationId()));
        assertNull(c.getAccountData());
        c.setAccountData("{}");
        assertEquals("{}", c.getAccountData());
        c.moveTo(ConnectionState.AWAITING_ACCOUNT, "D", "desc", 200);
        assertEquals(200, c.getUpdatedAt());
        assertEquals(100, c.getCreatedAt());
        assertNull(c.getActivatedAt());
        assertNull(c.getDisconnectedAt());
        c.moveTo(ConnectionState.ACTIVE, "OK", "ok", 300);
        assertEquals(Long.valueOf(300), c.getActivatedAt());
        assertNull(c.getDisconnectedAt());
        c.moveTo(ConnectionState.DISCONNECTED, "DISCONNECTED", "bye", 400);
        assertEquals(Long.valueOf(300), c.getActivatedAt());
        assertEquals(Long.valueOf(400), c.getDisconnectedAt());
        assertEquals("bye", c.getStatusDescription());
        assertEquals("DISCONNECTED", c.getStatusDetail());
    }

    @Test
    public void anUnreadableStoredAccountIsAnError() {
        try {
            AccountStore.masked("{not json");
            fail("read an unreadable account");
        } catch (IllegalStateException expected) {
            assertEquals("stored partner account is not readable", expected.getMessage());
        }
        assertEquals(Map.of(), AccountStore.masked(null));
        assertEquals(Map.of(), AccountStore.masked(" "));
    }
}
