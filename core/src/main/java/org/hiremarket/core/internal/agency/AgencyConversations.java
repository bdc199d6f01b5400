package org.hiremarket.core.internal.agency;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import javax.persistence.EntityManager;

import org.hiremarket.core.internal.agency.AgencyViews.TermsIn;
import org.hiremarket.core.internal.agency.AgencyViews.TermsView;
import org.hiremarket.core.internal.candidate.ApplicationService;
import org.hiremarket.core.internal.common.ApiException;
import org.hiremarket.core.internal.common.FieldError;
import org.hiremarket.core.internal.common.Ids;
import org.hiremarket.core.internal.common.Page;
import org.hiremarket.core.internal.common.PageRequest;
import org.hiremarket.core.internal.common.Text;
import org.hiremarket.core.internal.company.CompanyEntity;
import org.hiremarket.core.internal.identity.Caller;
import org.hiremarket.core.internal.identity.PartnerAccountEntity;
import org.hiremarket.core.internal.identity.PartnerCaller;
import org.hiremarket.core.internal.identity.UserEntity;
import org.hiremarket.core.internal.job.AdVisibility;
import org.hiremarket.core.internal.job.JobEntity;
import org.hiremarket.core.internal.job.JobService;
import org.hiremarket.core.internal.mail.MailText;
import org.hiremarket.core.internal.mail.Mailer;
import org.hiremarket.core.internal.partner.PartnerEntity;
import org.hiremarket.core.internal.persistence.Database;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * What agencies and their clients say to each other: messages about an assignment (or one of its
 * candidates), the activity feeds they appear in, and agencies' proposals to work on a job. A
 * message from the agency goes to the user who assigned the job (their feed, and a mail); a
 * client's message or reply goes to the agency's feed (and a mail to its contact). The agency's
 * feed also tells of its proposals being sent, accepted or declined.
 */
@Component(service = AgencyConversations.class)
public class AgencyConversations {

    private static final Logger LOG = LoggerFactory.getLogger(AgencyConversations.class);

    public record MessageIn(@Schema(required = true) String text, String submissionId, String inReplyTo) {
    }

    public record MessageView(@Schema(required = true) String id, @Schema(required = true) String assignmentId,
            String submissionId, @Schema(required = true, allowableValues = { "AGENCY", "CLIENT" }) String from,
            @Schema(required = true) String author, String inReplyTo, @Schema(required = true) String text,
            @Schema(required = true) Instant sentAt) {
        static MessageView of(AgencyMessageEntity m) {
            return new MessageView(m.getId(), m.getAssignmentId(), m.getSubmissionId(), m.getFrom().name(),
                    m.getAuthor(), m.getInReplyTo(), m.getText(), Instant.ofEpochMilli(m.getSentAt()));
        }
    }

    public record StoryView(@Schema(required = true) String id, @Schema(required = true) FeedStoryEntity.Kind kind,
            @Schema(required = true) String summary, String assignmentId, String proposalId, String messageId,
            @Schema(required = true) Instant at) {
        static StoryView of(FeedStoryEntity s) {
            return new StoryView(s.getId(), s.getKind(), s.getSummary(), s.getAssignmentId(), s.getProposalId(),
                    s.getMessageId(), Instant.ofEpochMilli(s.getOccurredAt()));
        }
    }

    /** An agency's proposal: a job with a PUBLIC ad of a company, the terms it asks, a message. */
    public record ProposalIn(@Schema(required = true) String companyId, @Schema(required = true) String jobId,
            @Schema(required = true) TermsIn terms, String message) {
    }

    public record ProposalView(@Schema(required = true) String id, @Schema(required = true) String companyId,
            @Schema(required = true) String companyName, @Schema(required = true) String jobId,
            @Schema(required = true) String jobTitle, @Schema(required = true) String agencyId,
            @Schema(required = true) String agencyName, String message, @Schema(required = true) TermsView terms,
            @Schema(required = true) ProposalEntity.Status status, @Schema(required = true) Instant sentAt,
            Instant decidedAt, String assignmentId) {
    }

    private final Database db;
    private final Mailer mailer;

    @Activate
    public AgencyConversations(@Reference Database db, @Reference Mailer mailer) {
        this.db = db;
        this.mailer = mailer;
    }

    // ------------------------------------------------------------------------------ messages

    /** The agency writes to the user who assigned the job (to the company when a credential assigned it). */
    public MessageView fromAgency(PartnerCaller caller, String assignmentId, MessageIn in) {
        String text = text(in);
        String[] mail = new String[3];
        MessageView sent = db.tx(em -> {
            AssignmentEntity a = ofAgency(em, caller, assignmentId);
            String submission = submission(em, a, in.submissionId());
            String agency = agencyName(em, a.getPartnerId());
            long now = System.currentTimeMillis();
            AgencyMessageEntity m = new AgencyMessageEntity(Ids.newId(), a.getId(), submission,
                    AgencyMessageEntity.From.AGENCY, a.getAssignedByUserId(), agency, null, text, now);
            em.persist(m);
            String audience = a.getAssignedByUserId() != null ? "user:" + a.getAssignedByUserId()
                    : "company:" + a.getCompanyId();
            em.persist(new FeedStoryEntity(Ids.newId(), audience, FeedStoryEntity.Kind.MESSAGE, a.getId(), null, m.getId(),
                    agency + " wrote about " + jobTitle(em, a) + ": " + text, now));
            UserEntity u = a.getAssignedByUserId() == null ? null : em.find(UserEntity.class, a.getAssignedByUserId());
            if (u != null && u.getEmail() != null) {
                mail[0] = u.getEmail();
                mail[1] = "A message from " + MailText.userValue(agency) + " about " + MailText.userValue(jobTitle(em, a));
                mail[2] = "Hello " + MailText.userValue(u.getFirstName()) + ",\n\n" + MailText.userValue(agency)
                        + " wrote about the job you sent them (assignment " + a.getId() + "):\n\n" + text
                        + "\n\nReply: POST " + mailer.publicUrl() + "/api/v1/agencies/assignments/" + a.getId()
                        + "/messages\n";
            }
            return MessageView.of(m);
        });
        notify(mail);
        return sent;
    }

    /** A client's user writes to the agency, or replies to one of its messages. */
    public MessageView fromClient(Caller caller, String assignmentId, MessageIn in) {
        String text = text(in);
        String[] mail = new String[3];
        MessageView sent = db.tx(em -> {
            AssignmentEntity a = ofCompany(em, caller, assignmentId);
            if (a.getPartnerId() == null) {
                throw ApiException.conflict("not-a-portal-agency", "No portal agency",
                        "this assignment went to an agency's own system; write to the agency there");
            }
            String submission = submission(em, a, in.submissionId());
            String reply = null;
            if (in.inReplyTo() != null && !in.inReplyTo().isBlank()) {
                AgencyMessageEntity original = em.find(AgencyMessageEntity.class, in.inReplyTo().trim());
                if (original == null || !original.getAssignmentId().equals(a.getId())) {
                    throw ApiException.notFound("message", in.inReplyTo());
                }
                reply = original.getId();
            }
            String author = author(em, caller);
            long now = System.currentTimeMillis();
            AgencyMessageEntity m = new AgencyMessageEntity(Ids.newId(), a.getId(), submission,
                    AgencyMessageEntity.From.CLIENT, caller.userId(), author, reply, text, now);
            em.persist(m);
            String company = companyName(em, a.getCompanyId());
            em.persist(new FeedStoryEntity(Ids.newId(), "agency:" + a.getPartnerId(),
                    reply == null ? FeedStoryEntity.Kind.MESSAGE : FeedStoryEntity.Kind.REPLY, a.getId(), null, m.getId(),
                    company + (reply == null ? " sent you a message" : " replied") + " about " + jobTitle(em, a) + ": "
                            + text, now));
            String[] contact = contact(em, a.getPartnerId());
            mail[0] = contact[0];
            mail[1] = MailText.userValue(company) + (reply == null ? " sent you a message" : " replied to your message");
            mail[2] = "Hello " + MailText.userValue(contact[1]) + ",\n\n" + MailText.userValue(company) + " wrote about "
                    + MailText.userValue(jobTitle(em, a)) + " (assignment " + a.getId() + "):\n\n" + text
                    + "\n\nSee it in the recruiter portal: GET " + mailer.publicUrl() + "/api/v1/partner/agency/feed\n";
            return MessageView.of(m);
        });
        notify(mail);
        return sent;
    }

    public List<MessageView> messagesForAgency(PartnerCaller caller, String assignmentId) {
        return db.tx(em -> messages(em, ofAgency(em, caller, assignmentId)));
    }

    public List<MessageView> messagesForClient(Caller caller, String assignmentId) {
        return db.tx(em -> messages(em, ofCompany(em, caller, assignmentId)));
    }

    private static List<MessageView> messages(EntityManager em, AssignmentEntity a) {
        return em.createNamedQuery("AgencyMessage.ofAssignment", AgencyMessageEntity.class)
                .setParameter("assignmentId", a.getId()).getResultList().stream().map(MessageView::of).toList();
    }

    // ------------------------------------------------------------------------------ feeds

    /** The agency's activity feed, newest first. */
    public Page<StoryView> agencyFeed(PartnerCaller caller, PageRequest page) {
        return feed(Set.of("agency:" + caller.partnerId()), page);
    }

    /** A client user's activity feed (their own stories and the company's), newest first. */
    public Page<StoryView> clientFeed(Caller caller, PageRequest page) {
        Set<String> audiences = caller.userId() == null ? Set.of("company:" + caller.companyId())
                : Set.of("company:" + caller.companyId(), "user:" + caller.userId());
        return feed(audiences, page);
    }

    private Page<StoryView> feed(Set<String> audiences, PageRequest page) {
        return db.tx(em -> {
            var q = em.createNamedQuery("FeedStory.of", FeedStoryEntity.class).setParameter("audiences", audiences);
            long total = em.createQuery("SELECT COUNT(s) FROM FeedStoryEntity s WHERE s.audience IN :audiences",
                    Long.class).setParameter("audiences", audiences).getSingleResult();
            List<StoryView> content = q.setFirstResult(page.offset()).setMaxResults(page.limit()).getResultList()
                    .stream().map(StoryView::of).toList();
            return new Page<>(total, page.offset(), page.limit(), content);
        });
    }

    // ------------------------------------------------------------------------------ proposals

    /**
     * An agency proposes to work on a company's job: one whose ad is PUBLIC and sourcing (what
     * anyone can see), with the terms it asks. The agency must be able to take jobs.
     */
    public ProposalView propose(PartnerCaller caller, ProposalIn in) {
        if (in == null) {
            throw ApiException.badRequest("a JSON body with companyId, jobId and terms is required");
        }
        List<FieldError> errors = new ArrayList<>();
        if (in.companyId() == null || in.companyId().isBlank()) {
            errors.add(new FieldError("companyId", "is required"));
        }
        if (in.jobId() == null || in.jobId().isBlank()) {
            errors.add(new FieldError("jobId", "is required"));
        }
        PaymentTerms terms = AgencyService.terms(errors, in.terms());
        String message = Text.multiline(errors, "message", in.message(), 2000);
        if (!errors.isEmpty()) {
            throw ApiException.validation(errors);
        }
        return db.tx(em -> {
            JobEntity job = JobService.loadAd(em, in.companyId().trim(), in.jobId().trim(), Set.of(AdVisibility.PUBLIC));
            String why = AgencyService.whyNotAssignable(em.find(PartnerEntity.class, caller.partnerId()));
            if (why != null) {
                throw ApiException.conflict("agency-not-assignable", "Cannot propose", why);
            }
            boolean pending = em.createNamedQuery("Proposal.ofPartner", ProposalEntity.class)
                    .setParameter("partnerId", caller.partnerId()).getResultList().stream()
                    .anyMatch(p -> p.getJobId().equals(job.getId()) && p.getStatus() == ProposalEntity.Status.PENDING);
            if (pending) {
                throw ApiException.conflict("proposal-pending", "Proposal pending",
                        "you have a proposal for this job waiting for the company's answer");
            }
            long now = System.currentTimeMillis();
            ProposalEntity p = new ProposalEntity(Ids.newId(), job.getCompanyId(), job.getId(), caller.partnerId(),
                    message, terms, now);
            em.persist(p);
            String agency = agencyName(em, caller.partnerId());
            String company = companyName(em, job.getCompanyId());
            em.persist(new FeedStoryEntity(Ids.newId(), "agency:" + caller.partnerId(),
                    FeedStoryEntity.Kind.PROPOSAL_SENT, null, p.getId(), null,
                    "You proposed to " + company + " to work on " + job.getTitle(), now));
            em.persist(new FeedStoryEntity(Ids.newId(), "company:" + job.getCompanyId(),
                    FeedStoryEntity.Kind.PROPOSAL_SENT, null, p.getId(), null,
                    agency + " proposes to work on " + job.getTitle(), now));
            return proposalView(em, p);
        });
    }

    public List<ProposalView> proposalsOfAgency(PartnerCaller caller) {
        return db.tx(em -> em.createNamedQuery("Proposal.ofPartner", ProposalEntity.class)
                .setParameter("partnerId", caller.partnerId()).getResultList().stream()
                .map(p -> proposalView(em, p)).toList());
    }

    public List<ProposalView> proposalsToCompany(Caller caller) {
        return db.tx(em -> em.createNamedQuery("Proposal.ofCompany", ProposalEntity.class)
                .setParameter("companyId", caller.companyId()).getResultList().stream()
                .map(p -> proposalView(em, p)).toList());
    }

    /** The company accepts a proposal: the job goes to the agency with the proposed terms (an assignment). */
    public ProposalView accept(Caller caller, String proposalId) {
        return db.tx(em -> {
            ProposalEntity p = pendingOf(em, caller, proposalId);
            JobEntity job = JobService.load(em, caller.companyId(), p.getJobId());
            if (job.getStatus() == org.hiremarket.core.internal.job.JobStatus.FILLED
                    || job.getStatus() == org.hiremarket.core.internal.job.JobStatus.CANCELLED) {
                throw ApiException.conflict("job-closed", "Job closed", "the job is " + job.getStatus());
            }
            String why = AgencyService.whyNotAssignable(em.find(PartnerEntity.class, p.getPartnerId()));
            if (why != null) {
                throw ApiException.conflict("agency-not-assignable", "Agency cannot take jobs", why);
            }
            boolean open = em.createNamedQuery("Assignment.ofJob", AssignmentEntity.class)
                    .setParameter("companyId", caller.companyId()).setParameter("jobId", job.getId()).getResultList()
                    .stream().anyMatch(a -> p.getPartnerId().equals(a.getPartnerId()) && !a.getStatus().isFinal());
            if (open) {
                throw ApiException.conflict("already-assigned", "Already assigned", "the job is already with this agency");
            }
            long now = System.currentTimeMillis();
            AssignmentEntity a = new AssignmentEntity(Ids.newId(), caller.companyId(), job.getId(), p.getPartnerId(),
                    caller.userId(), ApplicationService.actor(caller), p.terms(), now);
            em.persist(a);
            if (em.find(AgencyLinkEntity.class, AgencyLinkEntity.idOf(caller.companyId(), p.getPartnerId())) == null) {
                em.persist(new AgencyLinkEntity(caller.companyId(), p.getPartnerId(), now));
            }
            p.decided(ProposalEntity.Status.ACCEPTED, a.getId(), now);
            em.persist(new FeedStoryEntity(Ids.newId(), "agency:" + p.getPartnerId(),
                    FeedStoryEntity.Kind.PROPOSAL_ACCEPTED, a.getId(), p.getId(), null,
                    companyName(em, caller.companyId()) + " accepted your proposal for " + job.getTitle(), now));
            return proposalView(em, p);
        });
    }

    public ProposalView decline(Caller caller, String proposalId) {
        return db.tx(em -> {
            ProposalEntity p = pendingOf(em, caller, proposalId);
            long now = System.currentTimeMillis();
            p.decided(ProposalEntity.Status.DECLINED, null, now);
            JobEntity job = em.find(JobEntity.class, p.getJobId());
            em.persist(new FeedStoryEntity(Ids.newId(), "agency:" + p.getPartnerId(),
                    FeedStoryEntity.Kind.PROPOSAL_DECLINED, null, p.getId(), null,
                    companyName(em, caller.companyId()) + " declined your proposal for "
                            + (job == null ? "a job" : job.getTitle()), now));
            return proposalView(em, p);
        });
    }

    private static ProposalEntity pendingOf(EntityManager em, Caller caller, String proposalId) {
        ProposalEntity p = proposalId == null ? null : em.find(ProposalEntity.class, proposalId);
        if (p == null || !p.getCompanyId().equals(caller.companyId())) {
            throw ApiException.notFound("proposal", proposalId);
        }
        if (p.getStatus() != ProposalEntity.Status.PENDING) {
            throw ApiException.conflict("invalid-status-change", "Proposal decided",
                    "the proposal is " + p.getStatus() + " already");
        }
        return p;
    }

    // ------------------------------------------------------------------------------ helpers

    private static String text(MessageIn in) {
        List<FieldError> errors = new ArrayList<>();
        String text = in == null ? null : Text.multiline(errors, "text", in.text(), 4000);
        if (text == null && errors.isEmpty()) {
            errors.add(new FieldError("text", "is required"));
        }
        if (!errors.isEmpty()) {
            throw ApiException.validation(errors);
        }
        return text;
    }

    private static String submission(EntityManager em, AssignmentEntity a, String submissionId) {
        if (submissionId == null || submissionId.isBlank()) {
            return null;
        }
        AgencySubmissionEntity s = em.find(AgencySubmissionEntity.class, submissionId.trim());
        if (s == null || !s.getAssignmentId().equals(a.getId())) {
            throw ApiException.notFound("submission", submissionId);
        }
        return s.getId();
    }

    private static AssignmentEntity ofAgency(EntityManager em, PartnerCaller caller, String id) {
        AssignmentEntity a = id == null ? null : em.find(AssignmentEntity.class, id);
        if (a == null || !caller.partnerId().equals(a.getPartnerId())) {
            throw ApiException.notFound("assignment", id);
        }
        return a;
    }

    private static AssignmentEntity ofCompany(EntityManager em, Caller caller, String id) {
        AssignmentEntity a = id == null ? null : em.find(AssignmentEntity.class, id);
        if (a == null || !a.getCompanyId().equals(caller.companyId())) {
            throw ApiException.notFound("assignment", id);
        }
        return a;
    }

    private static String author(EntityManager em, Caller caller) {
        if (caller.userId() != null) {
            UserEntity u = em.find(UserEntity.class, caller.userId());
            if (u != null) {
                return (u.getFirstName() + " " + u.getLastName()).trim();
            }
        }
        return companyName(em, caller.companyId());
    }

    private static String[] contact(EntityManager em, String partnerId) {
        PartnerAccountEntity a = em.find(PartnerAccountEntity.class, partnerId);
        PartnerEntity p = em.find(PartnerEntity.class, partnerId);
        String email = p != null && p.getContactEmail() != null ? p.getContactEmail() : a == null ? null : a.getEmail();
        return new String[] { email, a == null ? "" : a.getName() };
    }

    private static String agencyName(EntityManager em, String partnerId) {
        PartnerAccountEntity a = partnerId == null ? null : em.find(PartnerAccountEntity.class, partnerId);
        return a == null ? "The agency" : a.getCompanyName();
    }

    private static String companyName(EntityManager em, String companyId) {
        CompanyEntity c = em.find(CompanyEntity.class, companyId);
        return c == null ? "The company" : c.getName();
    }

    private static String jobTitle(EntityManager em, AssignmentEntity a) {
        JobEntity j = em.find(JobEntity.class, a.getJobId());
        return j == null ? "a job" : j.getTitle();
    }

    private ProposalView proposalView(EntityManager em, ProposalEntity p) {
        JobEntity j = em.find(JobEntity.class, p.getJobId());
        return new ProposalView(p.getId(), p.getCompanyId(), companyName(em, p.getCompanyId()), p.getJobId(),
                j == null ? "?" : j.getTitle(), p.getPartnerId(), agencyName(em, p.getPartnerId()), p.getMessage(),
                TermsView.of(p.terms()), p.getStatus(), Instant.ofEpochMilli(p.getSentAt()),
                p.getDecidedAt() == null ? null : Instant.ofEpochMilli(p.getDecidedAt()), p.getAssignmentId());
    }

    /** Sends a notification mail after the commit; a failed mail is logged (the message is stored). */
    private void notify(String[] mail) {
        if (mail[0] == null) {
            return;
        }
        try {
            mailer.send(mail[0], mail[1], mail[2]);
        } catch (RuntimeException e) {
            LOG.warn("A notification mail could not be sent: {}", e.getMessage());
        }
    }
}
