package org.hiremarket.core.internal.agency;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import javax.persistence.EntityManager;

import org.hiremarket.core.internal.agency.AgencyViews.AcceptedView;
import org.hiremarket.core.internal.agency.AgencyViews.AgencyAdminView;
import org.hiremarket.core.internal.agency.AgencyViews.AgencyAssignmentRow;
import org.hiremarket.core.internal.agency.AgencyViews.AgencyAssignmentView;
import org.hiremarket.core.internal.agency.AgencyViews.AgencyView;
import org.hiremarket.core.internal.agency.AgencyViews.AssignIn;
import org.hiremarket.core.internal.agency.AgencyViews.AssignmentAdminView;
import org.hiremarket.core.internal.agency.AgencyViews.AssignmentView;
import org.hiremarket.core.internal.agency.AgencyViews.ContactView;
import org.hiremarket.core.internal.agency.AgencyViews.DashboardView;
import org.hiremarket.core.internal.agency.AgencyViews.DeliveryView;
import org.hiremarket.core.internal.agency.AgencyViews.InvitationView;
import org.hiremarket.core.internal.agency.AgencyViews.Money;
import org.hiremarket.core.internal.agency.AgencyViews.MonthRevenue;
import org.hiremarket.core.internal.agency.AgencyViews.PersonView;
import org.hiremarket.core.internal.agency.AgencyViews.SubmissionIn;
import org.hiremarket.core.internal.agency.AgencyViews.SubmissionResult;
import org.hiremarket.core.internal.agency.AgencyViews.SubmissionView;
import org.hiremarket.core.internal.agency.AgencyViews.TermsIn;
import org.hiremarket.core.internal.agency.AgencyViews.TermsView;
import org.hiremarket.core.internal.candidate.ApplicationEntity;
import org.hiremarket.core.internal.candidate.ApplicationService;
import org.hiremarket.core.internal.candidate.ApplicationStatus;
import org.hiremarket.core.internal.candidate.ApplicationWatcher;
import org.hiremarket.core.internal.candidate.CandidateEntity;
import org.hiremarket.core.internal.candidate.CandidateService;
import org.hiremarket.core.internal.partner.ImageCheck;
import org.hiremarket.core.internal.candidate.CandidateViews.CandidateIn;
import org.hiremarket.core.internal.common.ApiException;
import org.hiremarket.core.internal.common.FieldError;
import org.hiremarket.core.internal.common.Ids;
import org.hiremarket.core.internal.common.Page;
import org.hiremarket.core.internal.common.PageRequest;
import org.hiremarket.core.internal.common.SecretTokens;
import org.hiremarket.core.internal.common.Text;
import org.hiremarket.core.internal.company.CompanyEntity;
import org.hiremarket.core.internal.identity.Caller;
import org.hiremarket.core.internal.identity.PartnerAccountEntity;
import org.hiremarket.core.internal.identity.PartnerAuthService;
import org.hiremarket.core.internal.identity.PartnerCaller;
import org.hiremarket.core.internal.job.JobEntity;
import org.hiremarket.core.internal.job.JobService;
import org.hiremarket.core.internal.job.JobStatus;
import org.hiremarket.core.internal.job.JobViews.AssignedJobView;
import org.hiremarket.core.internal.mail.MailText;
import org.hiremarket.core.internal.mail.Mailer;
import org.hiremarket.core.internal.partner.OfferKind;
import org.hiremarket.core.internal.partner.PartnerEntity;
import org.hiremarket.core.internal.partner.PartnerService;
import org.hiremarket.core.internal.partner.VendorType;
import org.hiremarket.core.internal.persistence.Database;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Agencies and their assignments. A customer invites an agency by email; a recruiter signed in to
 * the partner portal accepts the invitation, and once the platform admin activated its account the
 * customer can send it jobs with payment terms (an assignment). The agency sees its assignments and
 * the job's ad, and submits candidates: each becomes an application with the source {@code AGENCY}
 * and the agency's name, unless the person had applied to the company on their own before. The
 * assignment's status follows: {@code IN_PROGRESS} with the first submission, {@code COMPLETED} when
 * a candidate it submitted is hired (the hire's revenue is kept), {@code CANCELLED} by the customer.
 * As an {@link ApplicationWatcher} it is told of hires inside the transaction that makes them.
 */
@Component(service = { AgencyService.class, ApplicationWatcher.class })
public class AgencyService implements ApplicationWatcher {

    static final Duration INVITATION_VALIDITY = Duration.ofDays(14);
    static final String TOKEN_PREFIX = "hmi";
    private static final Logger LOG = LoggerFactory.getLogger(AgencyService.class);

    private final Database db;
    private final Mailer mailer;
    /** Agencies connected through a bundle; {@code null} in hosts wired without them (then only the portal works). */
    private final AgencyConnectors connectors;

    /** Without connected agencies: jobs go to portal recruiters only. */
    public AgencyService(Database db, Mailer mailer) {
        this(db, mailer, null);
    }

    @Activate
    public AgencyService(@Reference Database db, @Reference Mailer mailer, @Reference AgencyConnectors connectors) {
        this.db = db;
        this.mailer = mailer;
        this.connectors = connectors;
    }

    /** Stores the photos agencies send with their candidates (as the candidates' attachments, within quotas). */
    @Reference
    private volatile CandidateService candidates;

    /** For tests, and hosts wired by hand. */
    void candidates(CandidateService candidates) {
        this.candidates = candidates;
    }

    // ------------------------------------------------------------------------------ invitations

    /** Invites an agency by email: a mail with a token it accepts once signed in as a recruiter (14 days). */
    public InvitationView invite(Caller caller, String email) {
        List<FieldError> errors = new ArrayList<>();
        String e = email == null || email.isBlank() ? null : PartnerService.email(errors, "email", email);
        if (e == null) {
            errors.add(new FieldError("email", "is required"));
        }
        if (!errors.isEmpty()) {
            throw ApiException.validation(errors);
        }
        SecretTokens.Generated g = SecretTokens.generate(TOKEN_PREFIX);
        String[] company = new String[1];
        InvitationView view = db.tx(em -> {
            CompanyEntity c = em.find(CompanyEntity.class, caller.companyId());
            company[0] = c == null ? "A HireMarket customer" : c.getName();
            long now = System.currentTimeMillis();
            AgencyInvitationEntity i = new AgencyInvitationEntity(Ids.newId(), caller.companyId(), e,
                    ApplicationService.actor(caller), g.id(), g.hash(), now, now + INVITATION_VALIDITY.toMillis());
            em.persist(i);
            return invitationView(i, now);
        });
        db.afterCommit(() -> {
            try {
                mailer.send(e, MailText.userValue(company[0]) + " invites you to its agencies on HireMarket",
                        invitationText(company[0], mailer.publicUrl(), g.plainText()));
            } catch (RuntimeException failure) {
                LOG.warn("The invitation mail {} could not be sent: {}", view.id(), failure.getMessage());
            }
        });
        return view;
    }

    public List<InvitationView> invitations(Caller caller) {
        long now = System.currentTimeMillis();
        return db.tx(em -> em.createNamedQuery("AgencyInvitation.ofCompany", AgencyInvitationEntity.class)
                .setParameter("companyId", caller.companyId()).getResultList().stream()
                .map(i -> invitationView(i, now)).toList());
    }

    /** A recruiter signed in to the partner portal accepts an invitation: the company can then send it jobs. */
    public AcceptedView accept(PartnerCaller caller, String token) {
        PartnerAuthService.requireSession(caller, "accept an invitation");
        if (token == null || token.isBlank()) {
            throw ApiException.validation("token", "is required");
        }
        String id = SecretTokens.idOf(TOKEN_PREFIX, token.trim()).orElseThrow(() -> invalidToken());
        return db.tx(em -> {
            AgencyInvitationEntity i = em.createNamedQuery("AgencyInvitation.byTokenId", AgencyInvitationEntity.class)
                    .setParameter("tokenId", id).getResultList().stream()
                    .filter(x -> SecretTokens.matches(token.trim(), x.getTokenHash())).findFirst()
                    .orElseThrow(AgencyService::invalidToken);
            long now = System.currentTimeMillis();
            if (i.getAcceptedAt() != null || i.getExpiresAt() <= now) {
                throw invalidToken();
            }
            i.accepted(caller.partnerId(), now);
            if (em.find(AgencyLinkEntity.class, AgencyLinkEntity.idOf(i.getCompanyId(), caller.partnerId())) == null) {
                em.persist(new AgencyLinkEntity(i.getCompanyId(), caller.partnerId(), now));
            }
            CompanyEntity c = em.find(CompanyEntity.class, i.getCompanyId());
            return new AcceptedView(i.getCompanyId(), c == null ? "?" : c.getName());
        });
    }

    private static ApiException invalidToken() {
        return ApiException.validation("token", "is unknown, used or expired; ask the company for a new invitation");
    }

    // ------------------------------------------------------------------------------ the customer's side

    /**
     * The agencies a company may send jobs to: the ones that accepted its invitation and the ones
     * offering their service on the marketplace (an approved recruiting offer), with their contact
     * and company details and whether they can take a job now.
     */
    public List<AgencyView> agencies(Caller caller, URI base) {
        return db.tx(em -> {
            Map<String, Set<String>> via = new LinkedHashMap<>();
            em.createNamedQuery("AgencyLink.ofCompany", AgencyLinkEntity.class)
                    .setParameter("companyId", caller.companyId()).getResultList()
                    .forEach(l -> via.computeIfAbsent(l.getPartnerId(), k -> new LinkedHashSet<>()).add("INVITATION"));
            marketplaceAgencies(em)
                    .forEach(p -> via.computeIfAbsent(p, k -> new LinkedHashSet<>()).add("MARKETPLACE"));
            List<AgencyView> out = new ArrayList<>();
            via.forEach((partnerId, how) -> {
                AgencyView v = agencyView(em, partnerId, List.copyOf(how), base);
                if (v != null) {
                    out.add(v);
                }
            });
            return out;
        });
    }

    private static List<String> marketplaceAgencies(EntityManager em) {
        return em.createQuery("SELECT DISTINCT o.partnerId FROM OfferEntity o WHERE o.kind = :kind"
                + " AND o.approvedIntegrationId IS NOT NULL", String.class).setParameter("kind", OfferKind.RECRUITING)
                .getResultList();
    }

    private static AgencyView agencyView(EntityManager em, String partnerId, List<String> via, URI base) {
        PartnerAccountEntity a = em.find(PartnerAccountEntity.class, partnerId);
        if (a == null || !a.isVerified()) {
            return null;
        }
        PartnerEntity p = em.find(PartnerEntity.class, partnerId);
        String reason = whyNotAssignable(p);
        return new AgencyView(partnerId, a.getCompanyName(),
                new ContactView(a.getName(), p != null && p.getContactEmail() != null ? p.getContactEmail() : a.getEmail(),
                        p == null ? null : p.getPhone(), p == null ? null : p.getJobTitle()),
                p == null || p.getProfileSavedAt() == null ? null : PartnerService.publicProfile(em, partnerId, base),
                via, reason == null, reason);
    }

    /** @return why an agency cannot receive jobs now, {@code null} when it can */
    static String whyNotAssignable(PartnerEntity p) {
        if (p == null || p.getVendorType() != VendorType.RECRUITER) {
            return "the account has not joined as a recruiter (vendor type " + (p == null ? null : p.getVendorType())
                    + "); only recruiters can be sent jobs";
        }
        if (p.getProfileSavedAt() == null) {
            return "the agency has not completed its company profile yet";
        }
        if (p.getAgencyActivatedAt() == null) {
            return "the agency's account is not activated yet (the platform activates new agency accounts within"
                    + " 48 hours)";
        }
        return null;
    }

    /**
     * Sends a job with payment terms to an agency: a recruiter of the partner portal
     * ({@code agencyId}) or an agency system connected through a bundle ({@code connectionId}, one
     * of the company's ACTIVE connections to an {@code AGENCY} integration); exactly one of the two.
     */
    public AssignmentView assign(Caller caller, String jobId, AssignIn in) {
        if (in == null) {
            throw ApiException.badRequest("a JSON body with agencyId (or connectionId) and terms is required");
        }
        List<FieldError> errors = new ArrayList<>();
        boolean byAgency = in.agencyId() != null && !in.agencyId().isBlank();
        boolean byConnection = in.connectionId() != null && !in.connectionId().isBlank();
        if (byAgency && byConnection) {
            errors.add(new FieldError("connectionId", "give either agencyId (a portal recruiter) or connectionId"
                    + " (an agency connected through the marketplace), not both"));
        } else if (!byAgency && !byConnection) {
            errors.add(new FieldError("agencyId", "is required (or connectionId, for an agency connected through the"
                    + " marketplace)"));
        }
        PaymentTerms terms = terms(errors, in.terms());
        if (!errors.isEmpty()) {
            throw ApiException.validation(errors);
        }
        if (byConnection && connectors == null) {
            throw new ApiException(503, "service-unavailable", "Service unavailable",
                    "agencies connected through the marketplace cannot be sent jobs right now", null);
        }
        return db.tx(em -> {
            JobEntity job = JobService.load(em, caller.companyId(), jobId);
            if (job.getStatus() == JobStatus.FILLED || job.getStatus() == JobStatus.CANCELLED) {
                throw ApiException.conflict("job-closed", "Job closed",
                        "the job is " + job.getStatus() + "; reopen it before sending it to an agency");
            }
            if (byConnection) {
                return view(em, connectors.assign(em, caller, job, in.connectionId().trim(), terms,
                        System.currentTimeMillis()));
            }
            String agencyId = in.agencyId().trim();
            boolean linked = em.find(AgencyLinkEntity.class, AgencyLinkEntity.idOf(caller.companyId(), agencyId)) != null;
            if (!linked && !marketplaceAgencies(em).contains(agencyId)) {
                throw ApiException.notFound("agency", agencyId);
            }
            PartnerAccountEntity account = em.find(PartnerAccountEntity.class, agencyId);
            if (account == null || !account.isVerified()) {
                throw ApiException.notFound("agency", agencyId);
            }
            String why = whyNotAssignable(em.find(PartnerEntity.class, agencyId));
            if (why != null) {
                throw ApiException.conflict("agency-not-assignable", "Agency cannot take jobs", why);
            }
            boolean open = em.createNamedQuery("Assignment.ofJob", AssignmentEntity.class)
                    .setParameter("companyId", caller.companyId()).setParameter("jobId", jobId).getResultList().stream()
                    .anyMatch(a -> agencyId.equals(a.getPartnerId()) && !a.getStatus().isFinal());
            if (open) {
                throw ApiException.conflict("already-assigned", "Already assigned",
                        "the job is already with this agency; cancel that assignment first to change its terms");
            }
            AssignmentEntity a = new AssignmentEntity(Ids.newId(), caller.companyId(), jobId, agencyId, caller.userId(),
                    ApplicationService.actor(caller), terms, System.currentTimeMillis());
            em.persist(a);
            return view(em, a);
        });
    }

    public List<AssignmentView> forJob(Caller caller, String jobId) {
        return db.tx(em -> {
            JobService.load(em, caller.companyId(), jobId);
            return em.createNamedQuery("Assignment.ofJob", AssignmentEntity.class)
                    .setParameter("companyId", caller.companyId()).setParameter("jobId", jobId).getResultList().stream()
                    .map(a -> view(em, a)).toList();
        });
    }

    public Page<AssignmentView> list(Caller caller, AssignmentStatus status, PageRequest page) {
        return db.tx(em -> Page.of(em.createNamedQuery("Assignment.ofCompany", AssignmentEntity.class)
                .setParameter("companyId", caller.companyId()).getResultList().stream()
                .filter(a -> status == null || a.getStatus() == status).map(a -> view(em, a)).toList(), page));
    }

    public AssignmentView get(Caller caller, String id) {
        return db.tx(em -> view(em, ofCompany(em, caller, id)));
    }

    /** Cancels an assignment that is not over; the agency sees it {@code CANCELLED}. */
    public AssignmentView cancel(Caller caller, String id) {
        return db.tx(em -> {
            AssignmentEntity a = ofCompany(em, caller, id);
            if (a.getStatus() == AssignmentStatus.CANCELLED) {
                return view(em, a);
            }
            if (a.getStatus().isFinal()) {
                throw ApiException.conflict("invalid-status-change", "Status change not allowed",
                        "the assignment is " + a.getStatus() + " and cannot be cancelled");
            }
            long now = System.currentTimeMillis();
            a.cancelled(now);
            if (a.isConnected() && connectors != null) {
                connectors.cancelled(a, "Cancelled by the customer (" + ApplicationService.actor(caller) + ")", now);
            }
            return view(em, a);
        });
    }

    /** A member of the hiring team rates a candidate the agency submitted (1 to 5); their last rating counts. */
    public AssignmentView rate(Caller caller, String assignmentId, String submissionId, Integer rating) {
        if (rating == null || rating < 1 || rating > 5) {
            throw ApiException.validation("rating", "must be a whole number from 1 to 5");
        }
        return db.tx(em -> {
            AssignmentEntity a = ofCompany(em, caller, assignmentId);
            AgencySubmissionEntity s = submissionId == null ? null : em.find(AgencySubmissionEntity.class, submissionId);
            if (s == null || !s.getAssignmentId().equals(a.getId())) {
                throw ApiException.notFound("submission", submissionId);
            }
            String rater = caller.userId() != null ? caller.userId() : caller.credentialId();
            long now = System.currentTimeMillis();
            CandidateRatingEntity r = em.find(CandidateRatingEntity.class, s.getId() + ":" + rater);
            if (r == null) {
                em.persist(new CandidateRatingEntity(s.getId(), rater, rating, now));
            } else {
                r.rate(rating, now);
            }
            em.flush();
            return view(em, a);
        });
    }

    private static AssignmentEntity ofCompany(EntityManager em, Caller caller, String id) {
        AssignmentEntity a = id == null ? null : em.find(AssignmentEntity.class, id);
        if (a == null || !a.getCompanyId().equals(caller.companyId())) {
            throw ApiException.notFound("assignment", id);
        }
        return a;
    }

    // ------------------------------------------------------------------------------ the agency's side

    public Page<AgencyAssignmentRow> assignments(PartnerCaller caller, AssignmentStatus status, PageRequest page) {
        return db.tx(em -> Page.of(em.createNamedQuery("Assignment.ofPartner", AssignmentEntity.class)
                .setParameter("partnerId", caller.partnerId()).getResultList().stream()
                .filter(a -> status == null || a.getStatus() == status).map(a -> {
                    JobEntity j = em.find(JobEntity.class, a.getJobId());
                    return new AgencyAssignmentRow(a.getId(), companyName(em, a.getCompanyId()),
                            j == null ? "?" : j.getTitle(), j == null ? null : j.getCity(),
                            j == null ? null : j.getCountryCode(), Instant.ofEpochMilli(a.getCreatedAt()), a.getStatus());
                }).toList(), page));
    }

    public AgencyAssignmentView assignment(PartnerCaller caller, String id) {
        return db.tx(em -> agencyView(em, ofAgency(em, caller, id)));
    }

    /**
     * Submits a candidate to an assignment that is not over: the candidate applies to the job at
     * once; the application is the agency's unless the person had applied to the company on their
     * own before (then the answer says so). The first submission starts the assignment.
     */
    public SubmissionResult submit(PartnerCaller caller, String assignmentId, SubmissionIn in) {
        if (in == null || in.candidate() == null) {
            throw ApiException.validation("candidate", "is required: firstName, lastName and email at least");
        }
        List<FieldError> errors = new ArrayList<>();
        if (in.rating() != null && (in.rating() < 1 || in.rating() > 5)) {
            errors.add(new FieldError("rating", "must be a whole number from 1 to 5"));
        }
        String review = Text.multiline(errors, "review", in.review(), 2000);
        byte[] photo = null;
        if (in.photo() != null) {
            try {
                photo = java.util.Base64.getMimeDecoder().decode(in.photo().content() == null ? "" : in.photo().content());
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError("photo.content", "is not valid base64"));
            }
        }
        if (!errors.isEmpty()) {
            throw ApiException.validation(errors);
        }
        ImageCheck.Checked checked = photo == null ? null : ImageCheck.photo(photo);
        if (checked != null && checked.format() == ImageCheck.Format.GIF) {
            throw new ApiException(415, "unsupported-image-type", "Unsupported image type",
                    "a candidate's photo must be a PNG or JPEG image; this one is a GIF", null);
        }
        byte[] photoBytes = photo;
        return db.tx(em -> {
            AssignmentEntity a = ofAgency(em, caller, assignmentId);
            if (a.getStatus().isFinal()) {
                throw ApiException.conflict("assignment-closed", "Assignment closed",
                        "the assignment is " + a.getStatus() + " and takes no more candidates");
            }
            JobEntity job = em.find(JobEntity.class, a.getJobId());
            PartnerAccountEntity agency = em.find(PartnerAccountEntity.class, caller.partnerId());
            Recorded recorded = recordSubmission(em, a, job, in.candidate(), agency.getCompanyName(),
                    "agency:" + caller.partnerId(), caller.partnerId(), in.rating(), review);
            ApplicationService.AgencyIntake intake = recorded.intake();
            AgencySubmissionEntity s = recorded.submission();
            boolean attributed = recorded.attributed();
            if (checked != null && !intake.duplicate()) {
                candidates.attachPhoto(em, intake.entity().getCandidateId(), checked.format().mediaType(), photoBytes);
            }
            String message = intake.duplicate() && attributed
                    ? "the candidate was submitted to this job before; nothing changed"
                    : intake.reason() != null ? intake.reason()
                    : attributed ? null
                    : "the candidate had applied to this job already (source " + intake.entity().getSourceType() + ")";
            return new SubmissionResult(person(em, s), attributed, intake.duplicate(), message, a.getStatus());
        });
    }

    /** What {@link #recordSubmission} did: the agency's submission and the application it made. */
    record Recorded(AgencySubmissionEntity submission, ApplicationService.AgencyIntake intake, boolean attributed) {
    }

    /**
     * A candidate an agency submits to an assignment that is not over (a portal recruiter or a
     * connected agency system; {@code partnerId} is {@code null} for the latter): the application by
     * the attribution rules of {@link ApplicationService#applyFromAgency}, the submission once per
     * application, and the first one starts the assignment.
     */
    static Recorded recordSubmission(EntityManager em, AssignmentEntity a, JobEntity job, CandidateIn candidate,
            String agencyName, String actor, String partnerId, Integer rating, String review) {
        ApplicationService.AgencyIntake intake = ApplicationService.applyFromAgency(em, job, candidate, agencyName,
                actor);
        // the application's source names the agency by its name, which another agency may share: an
        // application made before is this agency's only if this agency (this partner, or this connection's
        // agency system) submitted it
        boolean attributed = intake.attributed() && (!intake.duplicate() || em.createNamedQuery(
                "AgencySubmission.byApplication", AgencySubmissionEntity.class)
                .setParameter("applicationId", intake.entity().getId()).getResultList().stream()
                .anyMatch(x -> sameAgency(em, x, a, partnerId)));
        long now = System.currentTimeMillis();
        AgencySubmissionEntity s = em.createNamedQuery("AgencySubmission.ofAssignment", AgencySubmissionEntity.class)
                .setParameter("assignmentId", a.getId()).getResultList().stream()
                .filter(x -> x.getApplicationId().equals(intake.entity().getId())).findFirst().orElse(null);
        if (s == null) {
            s = new AgencySubmissionEntity(Ids.newId(), a.getId(), partnerId, a.getCompanyId(),
                    intake.entity().getId(), attributed, rating, review, now);
            em.persist(s);
            a.started(now);
        }
        return new Recorded(s, intake, s.isAttributed());
    }

    /** Whether an earlier submission was made by the agency of assignment {@code a}. */
    private static boolean sameAgency(EntityManager em, AgencySubmissionEntity earlier, AssignmentEntity a,
            String partnerId) {
        if (partnerId != null) {
            return partnerId.equals(earlier.getPartnerId());
        }
        AssignmentEntity before = em.find(AssignmentEntity.class, earlier.getAssignmentId());
        return earlier.getPartnerId() == null && before != null && a.getConnectionId() != null
                && a.getConnectionId().equals(before.getConnectionId());
    }

    /** The agency's home page figures. */
    public DashboardView dashboard(PartnerCaller caller) {
        return dashboard(caller, YearMonth.now(ZoneOffset.UTC));
    }

    DashboardView dashboard(PartnerCaller caller, YearMonth thisMonth) {
        return db.tx(em -> {
            List<AssignmentEntity> all = em.createNamedQuery("Assignment.ofPartner", AssignmentEntity.class)
                    .setParameter("partnerId", caller.partnerId()).getResultList();
            long customers = all.stream().map(AssignmentEntity::getCompanyId).distinct().count();
            List<Integer> reviews = em.createNamedQuery("AgencySubmission.ofPartner", AgencySubmissionEntity.class)
                    .setParameter("partnerId", caller.partnerId()).getResultList().stream()
                    .map(AgencySubmissionEntity::getRating).filter(r -> r != null).toList();
            Double average = reviews.isEmpty() ? null
                    : Math.round(reviews.stream().mapToInt(Integer::intValue).average().orElse(0) * 100) / 100.0;
            // revenue of hires by month of the hire (UTC) and currency, over the last 12 months
            Map<YearMonth, Map<String, BigDecimal>> byMonth = new TreeMap<>();
            for (int i = 11; i >= 0; i--) {
                byMonth.put(thisMonth.minusMonths(i), new TreeMap<>());
            }
            for (AssignmentEntity a : all) {
                if (a.getStatus() == AssignmentStatus.COMPLETED && a.getRevenue() != null && a.getEndedAt() != null) {
                    YearMonth m = YearMonth.from(Instant.ofEpochMilli(a.getEndedAt()).atZone(ZoneOffset.UTC));
                    Map<String, BigDecimal> month = byMonth.get(m);
                    if (month != null) {
                        month.merge(a.getCurrency(), a.getRevenue(), BigDecimal::add);
                    }
                }
            }
            List<MonthRevenue> months = new ArrayList<>();
            byMonth.forEach((m, amounts) -> months.add(new MonthRevenue(m.toString(), money(amounts))));
            return new DashboardView(customers, all.size(), average, money(byMonth.get(thisMonth)), months);
        });
    }

    private static List<Money> money(Map<String, BigDecimal> amounts) {
        return amounts.entrySet().stream().map(e -> new Money(e.getKey(), e.getValue())).toList();
    }

    private static AssignmentEntity ofAgency(EntityManager em, PartnerCaller caller, String id) {
        AssignmentEntity a = id == null ? null : em.find(AssignmentEntity.class, id);
        if (a == null || !caller.partnerId().equals(a.getPartnerId())) {
            throw ApiException.notFound("assignment", id);
        }
        return a;
    }

    // ------------------------------------------------------------------------------ hires

    /** A hire of a candidate the agency submitted (and is attributed to it) completes its assignment. */
    @Override
    public void applicationStatusChanged(EntityManager em, ApplicationEntity application, ApplicationStatus from,
            ApplicationStatus to, long now) {
        if (to != ApplicationStatus.HIRED) {
            return;
        }
        for (AgencySubmissionEntity s : em.createNamedQuery("AgencySubmission.byApplication",
                AgencySubmissionEntity.class).setParameter("applicationId", application.getId()).getResultList()) {
            AssignmentEntity a = em.find(AssignmentEntity.class, s.getAssignmentId());
            if (a != null && !a.getStatus().isFinal()) {
                a.completed(application.getId(), a.terms().revenue(), now);
                LOG.info("Assignment {} completed: application {} was hired", a.getId(), application.getId());
            }
        }
    }

    // ------------------------------------------------------------------------------ the platform admin's side

    public List<AgencyAdminView> adminAgencies() {
        return db.tx(em -> em.createQuery("SELECT p FROM PartnerEntity p WHERE p.vendorType = :type", PartnerEntity.class)
                .setParameter("type", VendorType.RECRUITER).getResultList().stream().map(p -> {
                    PartnerAccountEntity a = em.find(PartnerAccountEntity.class, p.getId());
                    List<AssignmentEntity> all = em.createNamedQuery("Assignment.ofPartner", AssignmentEntity.class)
                            .setParameter("partnerId", p.getId()).getResultList();
                    return new AgencyAdminView(p.getId(), a == null ? "?" : a.getEmail(),
                            a == null ? "?" : a.getCompanyName(), a != null && a.isVerified(), true,
                            p.getProfileSavedAt() != null,
                            p.getAgencyActivatedAt() == null ? null : Instant.ofEpochMilli(p.getAgencyActivatedAt()),
                            all.stream().map(AssignmentEntity::getCompanyId).distinct().count(), all.size());
                }).toList());
    }

    public List<AssignmentAdminView> adminAssignments(String companyId, AssignmentStatus status) {
        return db.tx(em -> em.createNamedQuery("Assignment.all", AssignmentEntity.class).getResultList().stream()
                .filter(a -> companyId == null || a.getCompanyId().equals(companyId))
                .filter(a -> status == null || a.getStatus() == status).map(a -> {
                    PartnerAccountEntity p = a.getPartnerId() == null ? null
                            : em.find(PartnerAccountEntity.class, a.getPartnerId());
                    long submissions = em.createNamedQuery("AgencySubmission.ofAssignment", AgencySubmissionEntity.class)
                            .setParameter("assignmentId", a.getId()).getResultList().size();
                    return new AssignmentAdminView(a.getId(), a.getCompanyId(), a.getJobId(), a.getPartnerId(),
                            p != null ? p.getCompanyName() : a.isConnected() ? a.getAgencyName() : "?", a.getStatus(),
                            submissions,
                            Instant.ofEpochMilli(a.getCreatedAt()), Instant.ofEpochMilli(a.getUpdatedAt()));
                }).toList());
    }

    // ------------------------------------------------------------------------------ views and checks

    private static AssignmentView view(EntityManager em, AssignmentEntity a) {
        JobEntity j = em.find(JobEntity.class, a.getJobId());
        PartnerAccountEntity p = a.getPartnerId() == null ? null : em.find(PartnerAccountEntity.class, a.getPartnerId());
        List<SubmissionView> submissions = em.createNamedQuery("AgencySubmission.ofAssignment",
                AgencySubmissionEntity.class).setParameter("assignmentId", a.getId()).getResultList().stream().map(s -> {
                    ApplicationEntity app = em.find(ApplicationEntity.class, s.getApplicationId());
                    CandidateEntity c = app == null ? null : em.find(CandidateEntity.class, app.getCandidateId());
                    return new SubmissionView(s.getId(), s.getApplicationId(),
                            c == null ? "?" : c.getFirstName() + " " + c.getLastName(), s.isAttributed(),
                            app == null ? "?" : app.getStatus().name(), averageRating(em, s.getId()),
                            Instant.ofEpochMilli(s.getSubmittedAt()));
                }).toList();
        return new AssignmentView(a.getId(), a.getJobId(), j == null ? "?" : j.getTitle(), a.getPartnerId(),
                p != null ? p.getCompanyName() : a.isConnected() ? a.getAgencyName() : "?", TermsView.of(a.terms()),
                a.getStatus(), a.getAssignedBy(), Instant.ofEpochMilli(a.getCreatedAt()), instant(a.getStartedAt()),
                instant(a.getEndedAt()), a.getRevenue(), submissions, a.getConnectionId(), DeliveryView.of(a));
    }

    private static AgencyAssignmentView agencyView(EntityManager em, AssignmentEntity a) {
        JobEntity j = em.find(JobEntity.class, a.getJobId());
        List<PersonView> people = em.createNamedQuery("AgencySubmission.ofAssignment", AgencySubmissionEntity.class)
                .setParameter("assignmentId", a.getId()).getResultList().stream().map(s -> person(em, s)).toList();
        return new AgencyAssignmentView(a.getId(), companyName(em, a.getCompanyId()), AssignedJobView.of(j),
                TermsView.of(a.terms()), a.getStatus(), Instant.ofEpochMilli(a.getCreatedAt()), people);
    }

    private static PersonView person(EntityManager em, AgencySubmissionEntity s) {
        ApplicationEntity app = em.find(ApplicationEntity.class, s.getApplicationId());
        CandidateEntity c = app == null ? null : em.find(CandidateEntity.class, app.getCandidateId());
        return new PersonView(s.getId(), c == null ? "?" : c.getFirstName() + " " + c.getLastName(),
                c == null ? null : c.getCity(), c == null ? null : c.getCountryCode(), averageRating(em, s.getId()),
                app == null ? "Active" : portalStatus(app.getStatus()), s.isAttributed(), s.getRating(), s.getReview(),
                Instant.ofEpochMilli(s.getSubmittedAt()));
    }

    /** The recruiter portal's status of a submitted person, from the application's. */
    static String portalStatus(ApplicationStatus status) {
        return switch (status) {
            case NEW, IN_REVIEW, INTERVIEW, OFFERED -> "Active";
            case HIRED -> "Hired";
            case REJECTED -> "Rejected";
            case WITHDRAWN -> "Withdrawn";
        };
    }

    private static Double averageRating(EntityManager em, String submissionId) {
        Double avg = em.createQuery("SELECT AVG(CAST(r.rating AS DOUBLE)) FROM CandidateRatingEntity r"
                + " WHERE r.submissionId = :s", Double.class).setParameter("s", submissionId).getSingleResult();
        return avg == null ? null : Math.round(avg * 100) / 100.0;
    }

    private static String companyName(EntityManager em, String companyId) {
        CompanyEntity c = em.find(CompanyEntity.class, companyId);
        return c == null ? "?" : c.getName();
    }

    private static Instant instant(Long millis) {
        return millis == null ? null : Instant.ofEpochMilli(millis);
    }

    private static InvitationView invitationView(AgencyInvitationEntity i, long now) {
        String status = i.getAcceptedAt() != null ? "ACCEPTED" : i.getExpiresAt() <= now ? "EXPIRED" : "SENT";
        return new InvitationView(i.getId(), i.getEmail(), status, i.getPartnerId(), Instant.ofEpochMilli(i.getCreatedAt()),
                Instant.ofEpochMilli(i.getExpiresAt()), instant(i.getAcceptedAt()));
    }

    /** Checked payment terms: a percentage (0 to 100] of a first-year salary, or a fixed fee; ISO 4217 currency. */
    static PaymentTerms terms(List<FieldError> errors, TermsIn in) {
        if (in == null) {
            errors.add(new FieldError("terms", "is required: {type: PERCENTAGE, percentage, firstYearSalary, currency}"
                    + " or {type: FIXED_FEE, fee, currency}"));
            return null;
        }
        PaymentTerms.Type type = null;
        if (in.type() == null || in.type().isBlank()) {
            errors.add(new FieldError("terms.type", "is required: PERCENTAGE or FIXED_FEE"));
        } else {
            try {
                type = PaymentTerms.Type.valueOf(in.type().trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError("terms.type", "must be PERCENTAGE or FIXED_FEE"));
            }
        }
        String currency = in.currency() == null ? null : in.currency().trim().toUpperCase(Locale.ROOT);
        if (currency == null || currency.isEmpty()) {
            errors.add(new FieldError("terms.currency", "is required (ISO 4217, such as EUR)"));
        } else if (!isCurrency(currency)) {
            errors.add(new FieldError("terms.currency", "is not an ISO 4217 currency code: " + currency));
        }
        if (type == PaymentTerms.Type.PERCENTAGE) {
            positive(errors, "terms.percentage", in.percentage(), new BigDecimal("100"), 2);
            positive(errors, "terms.firstYearSalary", in.firstYearSalary(), new BigDecimal("999999999999"), 2);
            if (in.fee() != null) {
                errors.add(new FieldError("terms.fee", "is only for FIXED_FEE terms"));
            }
        } else if (type == PaymentTerms.Type.FIXED_FEE) {
            positive(errors, "terms.fee", in.fee(), new BigDecimal("999999999999"), 2);
            if (in.percentage() != null || in.firstYearSalary() != null) {
                errors.add(new FieldError(in.percentage() != null ? "terms.percentage" : "terms.firstYearSalary",
                        "is only for PERCENTAGE terms"));
            }
        }
        return type == null ? null : new PaymentTerms(type, in.percentage(), in.firstYearSalary(), in.fee(), currency);
    }

    private static void positive(List<FieldError> errors, String field, BigDecimal value, BigDecimal max, int scale) {
        if (value == null) {
            errors.add(new FieldError(field, "is required"));
        } else if (value.signum() <= 0 || value.compareTo(max) > 0 || value.stripTrailingZeros().scale() > scale) {
            errors.add(new FieldError(field, "must be more than 0 and at most " + max.toPlainString() + ", with at most "
                    + scale + " decimals"));
        }
    }

    private static boolean isCurrency(String code) {
        try {
            return code.length() == 3 && Currency.getInstance(code) != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    static String invitationText(String company, String publicUrl, String token) {
        return "Hello,\n\n" + MailText.userValue(company) + " invites your agency to receive job assignments through"
                + " HireMarket's recruiter portal.\n\n1. Sign up (or sign in) as a partner:\n  POST " + publicUrl
                + "/api/v1/partner/auth/signup\n  {\"name\": \"...\", \"email\": \"...\", \"companyName\": \"...\","
                + " \"password\": \"...\"}\n2. Verify your email with the token we mail you.\n3. Join as a recruiter:"
                + " PUT " + publicUrl + "/api/v1/partner/account/vendor-type {\"vendorType\": \"RECRUITER\"}\n"
                + "4. Complete your company profile: PUT " + publicUrl + "/api/v1/partner/profile\n5. Accept this"
                + " invitation within " + INVITATION_VALIDITY.toDays() + " days:\n  POST " + publicUrl
                + "/api/v1/partner/agency/invitations/accept\n  {\"token\": \"" + token + "\"}\n\nInvitation token: "
                + token + "\n\nNew agency accounts are activated by the platform within 48 hours; then the company can"
                + " send you jobs.\n";
    }
}
