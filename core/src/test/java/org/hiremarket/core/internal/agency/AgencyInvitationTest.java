package org.hiremarket.core.internal.agency;

import static org.hiremarket.core.internal.common.Refusals.refused;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.UUID;

import org.hiremarket.core.internal.agency.AgencyFixture.Mail;
import org.hiremarket.core.internal.agency.AgencyViews.AcceptedView;
import org.hiremarket.core.internal.agency.AgencyViews.AgencyView;
import org.hiremarket.core.internal.agency.AgencyViews.InvitationView;
import org.hiremarket.core.internal.common.ApiException;
import org.hiremarket.core.internal.common.FieldError;
import org.hiremarket.core.internal.common.TestConfigs;
import org.hiremarket.core.internal.identity.Caller;
import org.hiremarket.core.internal.identity.PartnerCaller;
import org.hiremarket.core.internal.identity.TestPartners;
import org.hiremarket.core.internal.mail.MailConfig;
import org.hiremarket.core.internal.mail.Mailer;
import org.junit.Before;
import org.junit.Test;

/** Customers invite agencies by mail; a recruiter signed in accepts once, within the validity, and is linked once. */
public class AgencyInvitationTest {

    private static final String INVALID = "is unknown, used or expired; ask the company for a new invitation";

    private AgencyFixture f;
    private Caller acme;

    @Before
    public void open() {
        f = new AgencyFixture(getClass());
        acme = f.company("Acme");
    }

    private int invitations(Caller company) {
        return f.count("HM_AGENCY_INVITATION", "COMPANYID = ?", company.companyId());
    }

    private int links(String partnerId) {
        return f.count("HM_AGENCY_LINK", "PARTNERID = ?", partnerId);
    }

    private static void onlyError(ApiException e, String field, String message) {
        assertEquals(List.of(new FieldError(field, message)), e.errors());
    }

    @Test
    public void anInvitationIsMailedWithTheCompanyNameAndAToken() {
        String address = AgencyFixture.email("rita");
        long before = System.currentTimeMillis();
        InvitationView v = f.agencies.invite(acme, "  " + address + " ");
        assertEquals(address, v.email());
        assertEquals("SENT", v.status());
        assertNull(v.agencyId());
        assertNull(v.acceptedAt());
        assertTrue(v.sentAt().toEpochMilli() >= before);
        assertEquals("14 days", 14L * 86_400_000L, v.expiresAt().toEpochMilli() - v.sentAt().toEpochMilli());

        List<Mail> mails = f.mailer.to(address);
        assertEquals(1, mails.size());
        assertEquals(f.companyName(acme) + " invites you to its agencies on HireMarket", mails.get(0).subject());
        String token = f.token(address);
        assertTrue(token, token.startsWith("hmi_"));
        assertTrue(mails.get(0).text().contains("POST https://host.example/api/v1/partner/agency/invitations/accept"));
        assertEquals("the token is stored as its hash only", 0,
                f.count("HM_AGENCY_INVITATION", "TOKENHASH = ? OR TOKENID = ?", token, token));
        assertEquals(List.of(v), f.agencies.invitations(acme));
        assertEquals(List.of("user:u-7"), f.rows("SELECT INVITEDBY FROM HM_AGENCY_INVITATION WHERE ID = ?",
                f.agencies.invite(AgencyFixture.user(acme, "u-7"), AgencyFixture.email("x")).id()));
        assertEquals(List.of("api-key:" + acme.credentialId()),
                f.rows("SELECT INVITEDBY FROM HM_AGENCY_INVITATION WHERE ID = ?", v.id()));
    }

    @Test
    public void theEmailIsRequiredAndMustBeAnAddress() {
        for (String missing : new String[] { null, "", "   " }) {
            onlyError(refused(400, "validation-error", () -> f.agencies.invite(acme, missing)), "email", "is required");
        }
        onlyError(refused(400, "validation-error", () -> f.agencies.invite(acme, "not-an-address")), "email",
                "is not an email address");
        onlyError(refused(400, "validation-error", () -> f.agencies.invite(acme, "a@" + "b".repeat(250) + ".com")),
                "email", "is not an email address");
        assertEquals("nothing stored", 0, invitations(acme));
        assertEquals("nothing mailed", 0, f.mailer.sent.size());
    }

    @Test
    public void aCompanyThatIsGoneStillInvitesAndAFailingMailerDoesNotUndoTheInvitation() {
        Caller ghost = Caller.apiKey(UUID.randomUUID().toString(), "key-ghost");
        String address = AgencyFixture.email("ghost");
        f.agencies.invite(ghost, address);
        assertEquals("A HireMarket customer invites you to its agencies on HireMarket",
                f.mailer.to(address).get(0).subject());

        Mailer broken = new Mailer(TestConfigs.config(MailConfig.class, java.util.Map.of("public_url",
                "https://host.example"))) {
            @Override
            public void send(String to, String subject, String text) {
                throw new IllegalStateException("the relay is down");
            }
        };
        InvitationView v = new AgencyService(f.db, broken).invite(acme, AgencyFixture.email("down"));
        assertEquals(List.of(v.id()), f.agencies.invitations(acme).stream().map(InvitationView::id).toList());
    }

    @Test
    public void acceptingLinksTheCompanyOnceAndTheInvitationIsAccepted() {
        PartnerCaller agency = f.recruiter(AgencyFixture.unique("Rita's Recruiting"));
        String address = AgencyFixture.email("rita");
        InvitationView sent = f.agencies.invite(acme, address);
        long before = System.currentTimeMillis();
        AcceptedView accepted = f.agencies.accept(agency, " " + f.token(address) + " ");
        assertEquals(new AcceptedView(acme.companyId(), f.companyName(acme)), accepted);
        InvitationView v = f.agencies.invitations(acme).get(0);
        assertEquals(sent.id(), v.id());
        assertEquals("ACCEPTED", v.status());
        assertEquals(agency.partnerId(), v.agencyId());
        assertTrue(v.acceptedAt().toEpochMilli() >= before);
        assertEquals(1, links(agency.partnerId()));
        assertEquals(List.of(acme.companyId()),
                f.rows("SELECT COMPANYID FROM HM_AGENCY_LINK WHERE PARTNERID = ?", agency.partnerId()));

        // used: refused, nothing changes
        ApiException used = refused(400, "validation-error", () -> f.agencies.accept(agency, f.token(address)));
        onlyError(used, "token", INVALID);
        assertEquals(1, links(agency.partnerId()));

        // a second invitation of the same company: accepted, still one link
        String again = AgencyFixture.email("again");
        f.agencies.invite(acme, again);
        f.agencies.accept(agency, f.token(again));
        assertEquals(1, links(agency.partnerId()));
        assertEquals(List.of("ACCEPTED", "ACCEPTED"), f.agencies.invitations(acme).stream().map(InvitationView::status)
                .toList());

        // another company's invitation links that company only
        Caller globex = f.company("Globex");
        Caller initech = f.company("Initech");
        String third = AgencyFixture.email("third");
        f.agencies.invite(globex, third);
        assertEquals(f.companyName(globex), f.agencies.accept(agency, f.token(third)).companyName());
        assertEquals(2, links(agency.partnerId()));
        assertTrue(listed(globex, agency.partnerId()));
        assertTrue(listed(acme, agency.partnerId()));
        assertTrue("not invited by Initech", !listed(initech, agency.partnerId()));
        assertEquals(List.of(), f.agencies.invitations(initech));
        assertEquals(1, f.agencies.invitations(globex).size());
    }

    private boolean listed(Caller company, String partnerId) {
        return f.agencies.agencies(company, AgencyFixture.BASE).stream().map(AgencyView::id).anyMatch(partnerId::equals);
    }

    @Test
    public void anUnknownMalformedForgedOrExpiredTokenIsRefusedAndLinksNothing() {
        PartnerCaller agency = f.recruiter(AgencyFixture.unique("Refused"));
        String address = AgencyFixture.email("late");
        f.agencies.invite(acme, address);
        String token = f.token(address);

        onlyError(refused(400, "validation-error", () -> f.agencies.accept(agency, null)), "token", "is required");
        onlyError(refused(400, "validation-error", () -> f.agencies.accept(agency, "  ")), "token", "is required");
        onlyError(refused(400, "validation-error", () -> f.agencies.accept(agency, "hmi_not-a-token")), "token", INVALID);
        onlyError(refused(400, "validation-error", () -> f.agencies.accept(agency, token.replace("hmi_", "hmo_"))),
                "token", INVALID);
        String unknown = "hmi_abcdefghij_" + "A".repeat(43);
        onlyError(refused(400, "validation-error", () -> f.agencies.accept(agency, unknown)), "token", INVALID);
        // the right id with another secret
        String forged = token.substring(0, token.length() - 43) + "B".repeat(43);
        onlyError(refused(400, "validation-error", () -> f.agencies.accept(agency, forged)), "token", INVALID);
        assertEquals(0, links(agency.partnerId()));
        assertEquals("SENT", f.agencies.invitations(acme).get(0).status());

        // a Marketplace API token cannot accept, even with a good invitation token
        ApiException e = refused(403, "session-required",
                () -> f.agencies.accept(TestPartners.withToken(agency.partnerId()), token));
        assertTrue(e.detail(), e.detail().contains("accept an invitation"));
        assertEquals(0, links(agency.partnerId()));

        // expired
        f.sql("UPDATE HM_AGENCY_INVITATION SET EXPIRESAT = " + (System.currentTimeMillis() - 1_000)
                + " WHERE COMPANYID = '" + acme.companyId() + "'");
        assertEquals("EXPIRED", f.agencies.invitations(acme).get(0).status());
        onlyError(refused(400, "validation-error", () -> f.agencies.accept(agency, token)), "token", INVALID);
        assertEquals(0, links(agency.partnerId()));
        assertEquals(List.of("null|null"), f.rows("SELECT ACCEPTEDAT, PARTNERID FROM HM_AGENCY_INVITATION"
                + " WHERE COMPANYID = ?", acme.companyId()));
        assertNotNull(f.agencies.invitations(acme).get(0).expiresAt());
    }

    @Test
    public void invitationsAreListedNewestFirstWithTheirStatus() {
        PartnerCaller agency = f.recruiter(AgencyFixture.unique("Lister"));
        String a = AgencyFixture.email("a");
        String b = AgencyFixture.email("b");
        String c = AgencyFixture.email("c");
        String ia = f.agencies.invite(acme, a).id();
        f.sql("UPDATE HM_AGENCY_INVITATION SET CREATEDAT = 1000, EXPIRESAT = 2000 WHERE ID = '" + ia + "'");
        String ib = f.agencies.invite(acme, b).id();
        f.sql("UPDATE HM_AGENCY_INVITATION SET CREATEDAT = 2000 WHERE ID = '" + ib + "'");
        f.agencies.accept(agency, f.token(b));
        String ic = f.agencies.invite(acme, c).id();
        List<InvitationView> list = f.agencies.invitations(acme);
        assertEquals(List.of(ic, ib, ia), list.stream().map(InvitationView::id).toList());
        assertEquals(List.of("SENT", "ACCEPTED", "EXPIRED"), list.stream().map(InvitationView::status).toList());
        assertEquals(List.of(c, b, a), list.stream().map(InvitationView::email).toList());
    }
}
