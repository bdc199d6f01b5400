package org.hiremarket.core.internal.agency;

import static org.hiremarket.core.internal.agency.AgencyFixture.fee;
import static org.hiremarket.core.internal.agency.AgencyFixture.percent;
import static org.hiremarket.core.internal.common.Refusals.refused;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.util.List;

import org.hiremarket.core.internal.agency.AgencyConversations.MessageIn;
import org.hiremarket.core.internal.agency.AgencyConversations.MessageView;
import org.hiremarket.core.internal.agency.AgencyConversations.ProposalIn;
import org.hiremarket.core.internal.agency.AgencyConversations.ProposalView;
import org.hiremarket.core.internal.agency.AgencyConversations.StoryView;
import org.hiremarket.core.internal.common.ApiException;
import org.hiremarket.core.internal.common.Page;
import org.hiremarket.core.internal.common.WallClock;
import org.hiremarket.core.internal.common.PageRequest;
import org.hiremarket.core.internal.identity.Caller;
import org.hiremarket.core.internal.identity.PartnerCaller;
import org.hiremarket.core.internal.identity.TestPartners;
import org.hiremarket.core.internal.identity.TestSessions;
import org.junit.Before;
import org.junit.Test;

/**
 * Messages between agencies and clients, the activity feeds they land in, and proposals: who is
 * told, what is stored, and what another company or agency can never reach.
 */
public class AgencyConversationsTest {

    private AgencyFixture f;
    private AgencyConversations conversations;

    @Before
    public void setUp() {
        f = new AgencyFixture(getClass());
        conversations = new AgencyConversations(f.db, f.mailer);
    }

    private record Setup(Caller company, Caller user, String userEmail, PartnerCaller agency, String assignment) {
    }

    /** A company, its user who sends a job to an activated agency it invited. */
    private Setup assigned() {
        Caller company = f.company("Talking");
        String email = AgencyFixture.email("hanna");
        String userId = TestSessions.user(f.db, company.companyId(), email, "Hanna");
        Caller user = AgencyFixture.user(company, userId);
        PartnerCaller agency = f.linkedRecruiter(company, AgencyFixture.unique("Chatty"));
        String job = f.job(company, "Site reliability engineer");
        String assignment = f.agencies.assign(user, job, AgencyFixture.assign(agency, percent("20", "60000", "EUR"))).id();
        return new Setup(company, user, email, agency, assignment);
    }

    private static List<String> kinds(Page<StoryView> feed) {
        return feed.content().stream().map(s -> s.kind().name()).toList();
    }

    @Test
    public void anAgencysMessageReachesTheAssignerAndTheirReplyTheAgency() {
        Setup s = assigned();
        MessageView m = conversations.fromAgency(s.agency(), s.assignment(), new MessageIn(" Remote possible? ", null,
                null));
        assertEquals("Remote possible?", m.text());
        assertEquals("AGENCY", m.from());
        assertEquals(s.assignment(), m.assignmentId());
        Page<StoryView> userFeed = conversations.clientFeed(s.user(), PageRequest.of(0, 20));
        assertEquals(List.of("MESSAGE"), kinds(userFeed));
        assertEquals(1, userFeed.totalFound());
        assertTrue(userFeed.content().get(0).summary(), userFeed.content().get(0).summary()
                .endsWith("wrote about Site reliability engineer: Remote possible?"));
        assertEquals(m.id(), userFeed.content().get(0).messageId());
        assertEquals("the user's story is not the whole company's", 0,
                conversations.clientFeed(s.company(), PageRequest.of(0, 20)).totalFound());
        AgencyFixture.Mail mail = f.mailer.to(s.userEmail()).get(0);
        assertTrue(mail.subject(), mail.subject().startsWith("A message from Chatty"));
        assertTrue(mail.text(), mail.text().contains("Remote possible?") && mail.text().contains(s.assignment()));

        MessageView reply = conversations.fromClient(s.user(), s.assignment(), new MessageIn("Two days a week.", null,
                m.id()));
        assertEquals(m.id(), reply.inReplyTo());
        assertEquals("CLIENT", reply.from());
        assertEquals("Hanna Tester", reply.author());
        Page<StoryView> agencyFeed = conversations.agencyFeed(s.agency(), PageRequest.of(0, 20));
        assertEquals(List.of("REPLY"), kinds(agencyFeed));
        assertTrue(agencyFeed.content().get(0).summary(), agencyFeed.content().get(0).summary()
                .endsWith(" replied about Site reliability engineer: Two days a week."));
        MessageView plain = conversations.fromClient(s.company(), s.assignment(), new MessageIn("From the company", null,
                null));
        assertNull(plain.inReplyTo());
        assertEquals(f.companyName(s.company()), plain.author());
        assertEquals(List.of("MESSAGE", "REPLY"), kinds(conversations.agencyFeed(s.agency(), PageRequest.of(0, 20))));
        assertEquals(List.of(m.id(), reply.id(), plain.id()),
                conversations.messagesForAgency(s.agency(), s.assignment()).stream().map(MessageView::id).toList());
        assertEquals(3, conversations.messagesForClient(s.company(), s.assignment()).size());
        assertEquals("a mail to the agency's contact for each", 2, f.mailer.sent.stream()
                .filter(x -> x.subject().contains("sent you a message") || x.subject().contains("replied")).count());
    }

    @Test
    public void aMessageOfACredentialsAssignmentGoesToTheCompanysFeedWithoutMail() {
        Caller company = f.company("Keys");
        PartnerCaller agency = f.linkedRecruiter(company, AgencyFixture.unique("Keyed"));
        String assignment = f.agencies.assign(company, f.job(company, "Analyst"),
                AgencyFixture.assign(agency, fee("5000", "EUR"))).id();
        int mails = f.mailer.sent.size();
        conversations.fromAgency(agency, assignment, new MessageIn("Hello", null, null));
        assertEquals(List.of("MESSAGE"), kinds(conversations.clientFeed(company, PageRequest.of(0, 20))));
        assertEquals(mails, f.mailer.sent.size());
    }

    @Test
    public void messagesAreCheckedAndReachNothingOfOthers() {
        Setup s = assigned();
        ApiException e = refused(400, "validation-error", () -> conversations.fromAgency(s.agency(), s.assignment(),
                new MessageIn(" ", null, null)));
        assertEquals("text", e.errors().get(0).field());
        refused(400, "validation-error", () -> conversations.fromAgency(s.agency(), s.assignment(), null));
        refused(400, "validation-error", () -> conversations.fromClient(s.user(), s.assignment(),
                new MessageIn("x".repeat(4001), null, null)));
        refused(404, "not-found", () -> conversations.fromAgency(s.agency(), s.assignment(),
                new MessageIn("about someone", "no-such-submission", null)));
        refused(404, "not-found", () -> conversations.fromClient(s.user(), s.assignment(),
                new MessageIn("reply", null, "no-such-message")));
        PartnerCaller other = f.recruiter(AgencyFixture.unique("Other"));
        refused(404, "not-found", () -> conversations.fromAgency(other, s.assignment(), new MessageIn("x", null, null)));
        refused(404, "not-found", () -> conversations.messagesForAgency(other, s.assignment()));
        Caller otherCompany = f.company("Other Co");
        refused(404, "not-found", () -> conversations.fromClient(otherCompany, s.assignment(),
                new MessageIn("x", null, null)));
        refused(404, "not-found", () -> conversations.messagesForClient(otherCompany, null));
        assertEquals(0, f.count("HM_AGENCY_MESSAGE", "ASSIGNMENTID = ?", s.assignment()));

        // a message about a candidate names its submission
        String submission = f.agencies.submit(s.agency(), s.assignment(),
                AgencyFixture.submission("Ada", "Lovelace", AgencyFixture.email("ada"))).person().submissionId();
        assertEquals(submission, conversations.fromAgency(s.agency(), s.assignment(),
                new MessageIn("About Ada", " " + submission + " ", null)).submissionId());
    }

    @Test
    public void aProposalAcceptedIsAnAssignmentAndTheFeedsTell() {
        Caller company = f.company("Proposed");
        PartnerCaller agency = f.recruiter(AgencyFixture.unique("Proposing"));
        String job = f.job(company, "Backend engineer");
        refused(404, "not-found", () -> conversations.propose(agency, new ProposalIn(company.companyId(), job,
                fee("8000", "EUR"), null)));
        f.jobs.publish(company, job, "PUBLIC");
        ProposalView p = conversations.propose(agency, new ProposalIn(company.companyId(), job, fee("8000", "EUR"),
                "We know ten people."));
        assertEquals(ProposalEntity.Status.PENDING, p.status());
        assertEquals("We know ten people.", p.message());
        assertEquals("Backend engineer", p.jobTitle());
        refused(409, "proposal-pending", () -> conversations.propose(agency, new ProposalIn(company.companyId(), job,
                fee("8000", "EUR"), null)));
        assertEquals(List.of("PROPOSAL_SENT"), kinds(conversations.agencyFeed(agency, PageRequest.of(0, 20))));
        assertEquals(List.of("PROPOSAL_SENT"), kinds(conversations.clientFeed(company, PageRequest.of(0, 20))));
        assertEquals(List.of(p.id()), conversations.proposalsToCompany(company).stream().map(ProposalView::id).toList());
        refused(404, "not-found", () -> conversations.accept(f.company("Stranger"), p.id()));

        ProposalView accepted = conversations.accept(company, p.id());
        assertEquals(ProposalEntity.Status.ACCEPTED, accepted.status());
        AgencyViews.AssignmentView a = f.agencies.get(company, accepted.assignmentId());
        assertEquals(AssignmentStatus.NEW, a.status());
        assertEquals(PaymentTerms.Type.FIXED_FEE, a.terms().type());
        assertEquals(List.of("PROPOSAL_ACCEPTED", "PROPOSAL_SENT"),
                kinds(conversations.agencyFeed(agency, PageRequest.of(0, 20))));
        refused(409, "invalid-status-change", () -> conversations.decline(company, p.id()));
        assertEquals("the company now works with the agency", 1,
                f.count("HM_AGENCY_LINK", "COMPANYID = ? AND PARTNERID = ?", company.companyId(), agency.partnerId()));
        assertEquals(List.of(accepted.id()),
                conversations.proposalsOfAgency(agency).stream().map(ProposalView::id).toList());
    }

    @Test
    public void aDeclinedProposalIsToldAndOnlyAssignableAgenciesPropose() {
        Caller company = f.company("Declining");
        String job = f.job(company, "Designer");
        f.jobs.publish(company, job, "PUBLIC");
        PartnerCaller notActive = f.recruiterNotActivated(AgencyFixture.unique("Sleepy"));
        ApiException e = refused(409, "agency-not-assignable", () -> conversations.propose(notActive,
                new ProposalIn(company.companyId(), job, fee("100", "EUR"), null)));
        assertTrue(e.detail(), e.detail().contains("not activated"));
        ApiException invalid = refused(400, "validation-error", () -> conversations.propose(notActive,
                new ProposalIn(" ", null, null, null)));
        assertEquals(List.of("companyId", "jobId", "terms"), invalid.errors().stream().map(x -> x.field()).toList());
        refused(400, "bad-request", () -> conversations.propose(notActive, null));

        PartnerCaller agency = f.recruiter(AgencyFixture.unique("Declined"));
        ProposalView p = conversations.propose(agency, new ProposalIn(company.companyId(), job, fee("100", "EUR"), null));
        ProposalView declined = conversations.decline(company, p.id());
        assertEquals(ProposalEntity.Status.DECLINED, declined.status());
        assertNull(declined.assignmentId());
        assertEquals(List.of("PROPOSAL_DECLINED", "PROPOSAL_SENT"),
                kinds(conversations.agencyFeed(agency, PageRequest.of(0, 20))));
        refused(409, "invalid-status-change", () -> conversations.accept(company, p.id()));
        // declined, it may propose again
        assertEquals(ProposalEntity.Status.PENDING, conversations.propose(agency,
                new ProposalIn(company.companyId(), job, fee("90", "EUR"), null)).status());
    }

    @Test
    public void feedsArePagedNewestFirst() {
        Setup s = assigned();
        for (int i = 0; i < 3; i++) {
            conversations.fromClient(s.company(), s.assignment(), new MessageIn("note " + i, null, null));
            WallClock.nextMillisecond();
        }
        Page<StoryView> page = conversations.agencyFeed(s.agency(), PageRequest.of(1, 1));
        assertEquals(3, page.totalFound());
        assertEquals(1, page.content().size());
        assertTrue(page.content().get(0).summary(), page.content().get(0).summary().endsWith("note 1"));
        assertEquals(0, conversations.agencyFeed(TestPartners.signedIn("nobody"), PageRequest.of(0, 5)).totalFound());
    }
}
