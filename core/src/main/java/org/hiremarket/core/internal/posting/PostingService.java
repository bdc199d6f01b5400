package org.hiremarket.core.internal.posting;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import javax.persistence.EntityManager;
import javax.persistence.TypedQuery;

import org.hiremarket.api.integration.CandidateSubmission;
import org.hiremarket.api.integration.IntegrationKind;
import org.hiremarket.api.integration.StandardScopes;
import org.hiremarket.api.integration.SubmissionReceipt;
import org.hiremarket.core.internal.candidate.ApplicationService;
import org.hiremarket.core.internal.candidate.CandidateViews.CandidateIn;
import org.hiremarket.core.internal.candidate.SourceType;
import org.hiremarket.core.internal.common.ApiException;
import org.hiremarket.core.internal.common.FieldError;
import org.hiremarket.core.internal.common.Ids;
import org.hiremarket.core.internal.common.Page;
import org.hiremarket.core.internal.common.PageRequest;
import org.hiremarket.core.internal.identity.Caller;
import org.hiremarket.core.internal.job.AdVisibility;
import org.hiremarket.core.internal.job.JobEntity;
import org.hiremarket.core.internal.job.JobService;
import org.hiremarket.core.internal.job.JobStatus;
import org.hiremarket.core.internal.job.JobWatcher;
import org.hiremarket.core.internal.mailbox.Mailbox;
import org.hiremarket.core.internal.marketplace.CandidateIntake;
import org.hiremarket.core.internal.marketplace.ConnectionEntity;
import org.hiremarket.core.internal.marketplace.ConnectionService;
import org.hiremarket.core.internal.marketplace.ConnectionState;
import org.hiremarket.core.internal.marketplace.ConnectionWatcher;
import org.hiremarket.core.internal.marketplace.IntegrationRegistry;
import org.hiremarket.core.internal.marketplace.IntegrationSettingEntity;
import org.hiremarket.core.internal.persistence.Database;
import org.hiremarket.core.internal.common.SecretTokens;
import org.hiremarket.core.internal.posting.PostingViews.BoardApplicationIn;
import org.hiremarket.core.internal.posting.PostingViews.BoardReceiptView;
import org.hiremarket.core.internal.posting.PostingViews.BoardTokenView;
import org.hiremarket.core.internal.posting.PostingViews.PostingAdminView;
import org.hiremarket.core.internal.posting.PostingViews.PostingIn;
import org.hiremarket.core.internal.posting.PostingViews.PostingView;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Job ads on job boards: posting a job's {@code PUBLIC} ad to a company's board connections, the
 * posting's lifecycle as the job and the connection change, and the applications the boards send
 * back. Every change is committed first and owed to the board through the {@link Mailbox} (see
 * {@link PostingMailbox}); nothing here calls a plugin.
 */
@Component(service = { PostingService.class, JobWatcher.class, ConnectionWatcher.class, CandidateIntake.class })
public class PostingService implements JobWatcher, ConnectionWatcher, CandidateIntake {

    private final Database db;
    private final IntegrationRegistry registry;
    private final PostingMailbox mailbox;

    @Activate
    public PostingService(@Reference Database db, @Reference IntegrationRegistry registry,
            @Reference PostingMailbox mailbox) {
        this.db = db;
        this.registry = registry;
        this.mailbox = mailbox;
    }

    // ------------------------------------------------------------------------------ the customer's requests

    /** Posts the job's {@code PUBLIC} ad to one of the company's active job-board connections. */
    public PostingView post(Caller caller, String jobId, PostingIn in) {
        if (in == null || in.connectionId() == null || in.connectionId().isBlank()) {
            throw ApiException.validation("connectionId", "is required");
        }
        PostingView v = db.tx(em -> {
            JobEntity job = JobService.load(em, caller.companyId(), jobId);
            requirePostable(job);
            ConnectionEntity c = ConnectionService.load(em, caller.companyId(), in.connectionId().trim());
            if (c.getState() != ConnectionState.ACTIVE) {
                throw ApiException.conflict("connection-not-active", "Connection not active",
                        "connection " + c.getId() + " is " + c.getState() + "; only an ACTIVE connection takes postings"
                                + (c.getState() == ConnectionState.DISCONNECTED ? " (re-activate it first)" : ""));
            }
            String kind = kind(em, c.getIntegrationId());
            if (!IntegrationKind.JOB_BOARD.name().equals(kind)) {
                throw ApiException.conflict("not-a-job-board", "Not a job board",
                        "connection " + c.getId() + " is to " + c.getIntegrationId() + ", "
                                + (kind == null ? "an integration not known here" : "a " + kind + " integration")
                                + "; ads are posted to JOB_BOARD connections");
            }
            if (!c.getGrantedScopes().contains(StandardScopes.JOBS_READ)) {
                throw ApiException.conflict("scope-not-granted", "Scope not granted",
                        "connection " + c.getId() + " was not granted " + StandardScopes.JOBS_READ
                                + ", which sending the ad to the board needs");
            }
            List<PostingEntity> open = em.createQuery("SELECT p FROM PostingEntity p WHERE p.openKey = :key",
                    PostingEntity.class).setParameter("key", PostingEntity.openKey(jobId, c.getId())).getResultList();
            if (!open.isEmpty()) {
                throw ApiException.conflict("already-posted", "Already posted",
                        "the job is already on this board: posting " + open.get(0).getId() + " is "
                                + open.get(0).getStatus() + "; withdraw it first to post again");
            }
            long now = System.currentTimeMillis();
            PostingEntity p = new PostingEntity(Ids.newId(), caller.companyId(), jobId, c.getId(), c.getIntegrationId(),
                    boardName(em, c.getIntegrationId()), ApplicationService.actor(caller), now,
                    now + Mailbox.HANDOVER_GRACE_MS);
            em.persist(p);
            PostingLedger.event(em, p, null, PostingStatus.PENDING,
                    "Posted by " + p.getPostedBy() + " to " + p.getBoardName(), now);
            em.flush();
            return PostingViews.view(p, PostingLedger.history(em, p.getId()));
        });
        db.afterCommit(() -> mailbox.enqueue(v.id(), v.integrationId()));
        return v;
    }

    static void requirePostable(JobEntity job) {
        if (job.getStatus() != JobStatus.SOURCING) {
            throw ApiException.conflict("job-not-sourcing", "Job not sourcing",
                    "the job is " + job.getStatus() + "; only a SOURCING job is posted to job boards");
        }
        if (job.getAdVisibility() == null) {
            throw ApiException.conflict("ad-not-published", "Ad not published",
                    "the job's ad is not published; publish it as PUBLIC first");
        }
        if (job.getAdVisibility() != AdVisibility.PUBLIC) {
            throw ApiException.conflict("ad-not-public", "Ad not public",
                    "the job's ad is " + job.getAdVisibility() + "; only PUBLIC ads are posted to job boards,"
                            + " INTERNAL and PRIVATE ads never leave HireMarket");
        }
    }

    private String kind(EntityManager em, String integrationId) {
        return registry.find(integrationId).map(r -> r.descriptor().kind().name()).orElseGet(() -> {
            IntegrationSettingEntity s = em.find(IntegrationSettingEntity.class, integrationId);
            return s == null ? null : s.getKind();
        });
    }

    private String boardName(EntityManager em, String integrationId) {
        return registry.find(integrationId).map(r -> r.descriptor().name()).orElseGet(() -> {
            IntegrationSettingEntity s = em.find(IntegrationSettingEntity.class, integrationId);
            return s == null || s.getName() == null ? integrationId : s.getName();
        });
    }

    public PostingView get(Caller caller, String postingId) {
        return db.tx(em -> {
            PostingEntity p = load(em, caller.companyId(), postingId);
            return PostingViews.view(p, PostingLedger.history(em, p.getId()));
        });
    }

    /** The job's postings, newest first. */
    public List<PostingView> listForJob(Caller caller, String jobId) {
        return db.tx(em -> {
            JobService.load(em, caller.companyId(), jobId);
            return em.createQuery("SELECT p FROM PostingEntity p WHERE p.companyId = :companyId AND p.jobId = :jobId"
                    + " ORDER BY p.createdAt DESC, p.id", PostingEntity.class)
                    .setParameter("companyId", caller.companyId()).setParameter("jobId", jobId).getResultList()
                    .stream().map(p -> PostingViews.view(p, null)).toList();
        });
    }

    /** The company's postings, newest first, by connection and status. */
    public Page<PostingView> list(Caller caller, String connectionId, String status, PageRequest page) {
        PostingStatus s = status(status);
        return db.tx(em -> {
            StringBuilder where = new StringBuilder(" FROM PostingEntity p WHERE p.companyId = :companyId");
            Map<String, Object> params = new LinkedHashMap<>();
            params.put("companyId", caller.companyId());
            if (connectionId != null && !connectionId.isBlank()) {
                where.append(" AND p.connectionId = :connectionId");
                params.put("connectionId", connectionId.trim());
            }
            if (s != null) {
                where.append(" AND p.status = :status");
                params.put("status", s);
            }
            TypedQuery<Long> count = em.createQuery("SELECT COUNT(p)" + where, Long.class);
            TypedQuery<PostingEntity> q = em.createQuery("SELECT p" + where + " ORDER BY p.createdAt DESC, p.id",
                    PostingEntity.class);
            params.forEach((k, v) -> {
                count.setParameter(k, v);
                q.setParameter(k, v);
            });
            List<PostingView> content = q.setFirstResult(page.offset()).setMaxResults(page.limit()).getResultList()
                    .stream().map(p -> PostingViews.view(p, null)).toList();
            return new Page<>(count.getSingleResult(), page.offset(), page.limit(), content);
        });
    }

    static PostingStatus status(String status) {
        if (status == null || status.isBlank()) {
            return null;
        }
        try {
            return PostingStatus.valueOf(status.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiException.validation("status", "must be one of " + List.of(PostingStatus.values()));
        }
    }

    /** The customer takes the ad down; the board is told. */
    public PostingView withdraw(Caller caller, String postingId) {
        PostingView v = db.tx(em -> {
            PostingEntity p = load(em, caller.companyId(), postingId);
            if (p.getStatus().ended()) {
                throw ApiException.conflict("posting-ended", "Posting over",
                        "posting " + postingId + " is already " + p.getStatus());
            }
            withdraw(em, p, "Withdrawn by " + ApplicationService.actor(caller), System.currentTimeMillis());
            return PostingViews.view(p, PostingLedger.history(em, p.getId()));
        });
        db.afterCommit(() -> mailbox.enqueue(v.id(), v.integrationId()));
        return v;
    }

    private static PostingEntity load(EntityManager em, String companyId, String postingId) {
        PostingEntity p = postingId == null ? null : em.find(PostingEntity.class, postingId);
        if (p == null || !p.getCompanyId().equals(companyId)) {
            throw ApiException.notFound("posting", postingId);
        }
        return p;
    }

    /** Shows the posting withdrawn at once; the board is told by the mailbox (a PENDING one that never reached it, not at all). */
    private static void withdraw(EntityManager em, PostingEntity p, String reason, long now) {
        p.failed("WITHDRAWN", PostingLedger.truncate(reason, 1000));
        PostingLedger.move(em, p, PostingStatus.WITHDRAWN, reason, now);
        p.owe(PostingAction.WITHDRAW, now, now);
    }

    // ------------------------------------------------------------------------------ the job and the connection change

    @Override
    public void jobChanged(EntityManager em, JobEntity job, boolean adContentChanged, long now) {
        List<PostingEntity> open = notOver(em, "jobId", job.getId());
        if (open.isEmpty()) {
            return;
        }
        String stop = stopReason(job);
        for (PostingEntity p : open) {
            if (stop != null) {
                withdraw(em, p, stop, now);
            } else if (adContentChanged) {
                p.newVersion();
                if (p.getStatus() == PostingStatus.LIVE) {
                    PostingLedger.move(em, p, PostingStatus.UPDATE_PENDING,
                            "The job's ad changed: version " + p.getAdVersion() + " is being sent", now);
                    p.owe(PostingAction.UPDATE, now, now + Mailbox.HANDOVER_GRACE_MS);
                } else if (p.getStatus() == PostingStatus.UPDATE_PENDING) {
                    p.owe(PostingAction.UPDATE, now, now + Mailbox.HANDOVER_GRACE_MS);
                }
                // PENDING: the first delivery sends the newest version
            } else {
                continue;
            }
            db.afterCommit(() -> mailbox.enqueue(p.getId(), p.getIntegrationId()));
        }
    }

    /** The postings not over (pending or live) whose {@code field} (jobId or connectionId) is {@code value}. */
    private static List<PostingEntity> notOver(EntityManager em, String field, String value) {
        return em.createQuery("SELECT p FROM PostingEntity p WHERE p." + field + " = :value AND p.status IN :open",
                PostingEntity.class).setParameter("value", value)
                .setParameter("open", List.of(PostingStatus.PENDING, PostingStatus.LIVE, PostingStatus.UPDATE_PENDING))
                .getResultList();
    }

    /** @return why the job's postings must come down, or {@code null} while it sources with a PUBLIC ad */
    static String stopReason(JobEntity job) {
        if (job.getStatus() != JobStatus.SOURCING) {
            return "The job is " + job.getStatus() + "; its ad was taken down from the board";
        }
        if (job.getAdVisibility() == null) {
            return "The job's ad was unpublished; it was taken down from the board";
        }
        if (job.getAdVisibility() != AdVisibility.PUBLIC) {
            return "The job's ad is now " + job.getAdVisibility() + "; it was taken down from the board";
        }
        return null;
    }

    @Override
    public void connectionEnded(EntityManager em, ConnectionEntity c, String reason, long now) {
        List<PostingEntity> open = notOver(em, "connectionId", c.getId());
        for (PostingEntity p : open) {
            withdraw(em, p, reason, now);
            db.afterCommit(() -> mailbox.enqueue(p.getId(), p.getIntegrationId()));
        }
    }

    // ------------------------------------------------------------------------------ applications from boards

    @Override
    public IntegrationKind kind() {
        return IntegrationKind.JOB_BOARD;
    }

    /** For plugins (the host facade): refusals as the SPI names them. */
    @Override
    public SubmissionReceipt submit(String connectionId, CandidateSubmission s) {
        try {
            return receive(connectionId, s);
        } catch (ApiException e) {
            String why = e.detail() == null ? e.getMessage() : e.detail();
            if (e.status() == 400 && !e.errors().isEmpty()) {
                why = e.errors().stream().map(fe -> fe.field() + ": " + fe.message())
                        .collect(java.util.stream.Collectors.joining("; "));
            }
            if (e.status() >= 500 || "duplicate".equals(e.type()) || "concurrent-update".equals(e.type())) {
                throw new IllegalStateException("the application could not be stored now (" + why
                        + "); send it again later", e);
            }
            throw new IllegalArgumentException(why, e);
        }
    }

    /**
     * A person who applied on a board, sent through the connection: an application on the posted
     * job with source {@code JOB_BOARD} and the board's name, found again by email.
     *
     * @throws ApiException 400 for invalid fields, 404 when the reference names nothing of this
     *                      connection, 409 when the posting or the job takes no applications
     */
    SubmissionReceipt receive(String connectionId, CandidateSubmission s) {
        if (s.reference() == null || s.reference().isBlank()) {
            throw ApiException.validation("reference", "is required: the board's reference of the ad, or the posting id");
        }
        String reference = s.reference().trim();
        return db.tx(em -> {
            PostingEntity p = byReference(em, connectionId, reference);
            if (p == null) {
                throw ApiException.notFound("posting", reference);
            }
            if (!p.getStatus().live()) {
                throw ApiException.conflict("posting-not-live", "Posting not live", "posting " + p.getId() + " is "
                        + p.getStatus() + " and takes no applications");
            }
            JobEntity job = JobService.load(em, p.getCompanyId(), p.getJobId());
            ApplicationService.Intake in = ApplicationService.applyFromIntegration(em, job,
                    new CandidateIn(s.firstName(), s.lastName(), s.email(), s.phone(), null, null, null),
                    SourceType.JOB_BOARD, p.getBoardName(), "integration:" + p.getIntegrationId());
            if (!in.duplicate()) {
                p.counted();
            }
            return new SubmissionReceipt(in.application().id(), in.application().candidate().id(), in.duplicate());
        });
    }

    // ------------------------------------------------------------------------------ remote boards

    static final String BOARD_TOKEN_PREFIX = "hmb";

    /** A new board credential for one of the company's job-board connections; the one before stops working. */
    public BoardTokenView issueBoardToken(Caller caller, String connectionId) {
        return db.tx(em -> {
            ConnectionEntity c = ConnectionService.load(em, caller.companyId(), connectionId);
            if (!IntegrationKind.JOB_BOARD.name().equals(kind(em, c.getIntegrationId()))) {
                throw ApiException.conflict("not-a-job-board", "Not a job board", "connection " + c.getId()
                        + " is not to a job board; board tokens are for job boards that send applications");
            }
            em.createQuery("DELETE FROM BoardTokenEntity t WHERE t.connectionId = :c").setParameter("c", c.getId())
                    .executeUpdate();
            SecretTokens.Generated g = SecretTokens.generate(BOARD_TOKEN_PREFIX);
            long now = System.currentTimeMillis();
            em.persist(new BoardTokenEntity(g.id(), c.getId(), c.getCompanyId(), g.hash(), now,
                    ApplicationService.actor(caller)));
            return new BoardTokenView(c.getId(), g.plainText(), java.time.Instant.ofEpochMilli(now));
        });
    }

    /**
     * An application a remote board's service sends with its board token.
     *
     * @throws ApiException 401 for a missing or unknown token, 403 when the connection no longer
     *                      lets the board send people, else as {@link #receive}
     */
    public BoardReceiptView receiveFromBoard(String bearerToken, BoardApplicationIn in) {
        String connectionId = db.tx(em -> {
            String id = SecretTokens.idOf(BOARD_TOKEN_PREFIX, bearerToken).orElse(null);
            BoardTokenEntity t = id == null ? null : em.find(BoardTokenEntity.class, id);
            if (t == null || !SecretTokens.matches(bearerToken, t.getHash())) {
                throw ApiException.unauthorized("a board token (Authorization: Bearer hmb_...) is required;"
                        + " the customer creates it on POST /connections/{id}/board-token");
            }
            ConnectionEntity c = em.find(ConnectionEntity.class, t.getConnectionId());
            if (c == null || !c.getGrantedScopes().contains(StandardScopes.CANDIDATES_WRITE)) {
                throw new ApiException(403, "forbidden", "Forbidden", "this connection was not granted "
                        + StandardScopes.CANDIDATES_WRITE + ", which sending applications needs", null);
            }
            return c.getId();
        });
        if (in == null) {
            throw ApiException.validation("body", "is required");
        }
        SubmissionReceipt r = receive(connectionId, new CandidateSubmission(in.reference(), in.firstName(),
                in.lastName(), in.email(), in.phone(), in.coverLetter(), in.externalId()));
        return new BoardReceiptView(r.applicationId(), r.candidateId(), r.duplicate());
    }

    private static PostingEntity byReference(EntityManager em, String connectionId, String reference) {
        List<PostingEntity> byBoard = em.createQuery("SELECT p FROM PostingEntity p WHERE p.connectionId = :connectionId"
                + " AND p.boardReference = :reference ORDER BY p.createdAt DESC", PostingEntity.class)
                .setParameter("connectionId", connectionId).setParameter("reference", reference).getResultList();
        if (!byBoard.isEmpty()) {
            return byBoard.get(0);
        }
        PostingEntity byId = em.find(PostingEntity.class, reference);
        return byId != null && byId.getConnectionId().equals(connectionId) ? byId : null;
    }

    // ------------------------------------------------------------------------------ the platform admin's console

    /** Postings of every company (or one), newest first, at most {@code limit}. */
    public List<PostingAdminView> adminList(String companyId, String integrationId, String status, int limit) {
        PostingStatus s = status(status);
        return db.tx(em -> {
            StringBuilder q = new StringBuilder("SELECT p FROM PostingEntity p WHERE 1 = 1");
            Map<String, Object> params = new LinkedHashMap<>();
            if (companyId != null) {
                q.append(" AND p.companyId = :companyId");
                params.put("companyId", companyId);
            }
            if (integrationId != null) {
                q.append(" AND p.integrationId = :integrationId");
                params.put("integrationId", integrationId);
            }
            if (s != null) {
                q.append(" AND p.status = :status");
                params.put("status", s);
            }
            q.append(" ORDER BY p.createdAt DESC, p.id");
            TypedQuery<PostingEntity> query = em.createQuery(q.toString(), PostingEntity.class);
            params.forEach(query::setParameter);
            return query.setMaxResults(limit).getResultList().stream().map(PostingViews::admin).toList();
        });
    }
}
