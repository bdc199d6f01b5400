package org.hiremarket.core.internal.posting;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.hiremarket.api.integration.ConnectionContext;
import org.hiremarket.api.integration.StandardScopes;
import org.hiremarket.api.jobboard.JobAd;
import org.hiremarket.api.jobboard.JobBoard;
import org.hiremarket.api.jobboard.Publication;
import org.hiremarket.core.internal.company.CompanyService;
import org.hiremarket.core.internal.job.JobEntity;
import org.hiremarket.core.internal.mailbox.DeliveryPolicy;
import org.hiremarket.core.internal.mailbox.Letters;
import org.hiremarket.core.internal.mailbox.Mailbox;
import org.hiremarket.core.internal.marketplace.ConnectionEntity;
import org.hiremarket.core.internal.marketplace.ConnectionService;
import org.hiremarket.core.internal.marketplace.IntegrationRegistry;
import org.hiremarket.core.internal.marketplace.PluginCallException;
import org.hiremarket.core.internal.marketplace.RegisteredIntegration;
import org.hiremarket.core.internal.persistence.CacheSettings;
import org.hiremarket.core.internal.persistence.Database;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Job-board postings as letters of the host's one {@link Mailbox}. A posting owes its board at most
 * one call at a time ({@link PostingAction}): publish, publish the changed ad again (a new version,
 * so a new idempotency key), or unpublish. The mailbox hands each due posting to {@link #deliver},
 * which calls the board through the guarded plugin caller and records the outcome in the
 * {@link PostingLedger}; failures are retried with the mailbox's backoff, a refusal fails the
 * posting with the board's reason. A live ad is due again when it expires, and whenever its board
 * comes back its confirmed version is sent again with the same key, since the board may have lost it.
 */
@Component(service = PostingMailbox.class, immediate = true, configurationPid = PostingConfig.PID)
@Designate(ocd = PostingConfig.class)
public class PostingMailbox implements Letters {

    private static final Logger LOG = LoggerFactory.getLogger(PostingMailbox.class);

    private final Database db;
    private final IntegrationRegistry registry;
    private final ConnectionService connections;
    private final CompanyService companies;
    private final Mailbox mailbox;
    private final PostingConfig config;
    private final PostingLedger ledger;

    @Activate
    public PostingMailbox(@Reference Database db, @Reference IntegrationRegistry registry,
            @Reference ConnectionService connections, @Reference CompanyService companies, @Reference Mailbox mailbox,
            PostingConfig config) {
        this.db = db;
        this.registry = registry;
        this.connections = connections;
        this.companies = companies;
        this.mailbox = mailbox;
        this.config = config;
        this.ledger = new PostingLedger(db, config.lifetime_days() * 86_400_000L);
        mailbox.join(this);
    }

    @Deactivate
    void deactivate() {
        mailbox.leave(this);
    }

    /** A posting was committed with a call owed: deliver it without waiting for the next scan. */
    public void enqueue(String postingId, String integrationId) {
        mailbox.enqueue(this, postingId, integrationId);
    }

    @Override
    public String kind() {
        return "posting";
    }

    @Override
    public boolean deliversTo(RegisteredIntegration integration) {
        return integration.service() instanceof JobBoard;
    }

    @Override
    public List<Due> due(long from, long now, int limit) {
        return Letters.dueRows(db, "PostingEntity", from, now, limit);
    }

    @Override
    public void postpone(String integrationId, long now, long until) {
        db.tx(em -> em.createQuery("UPDATE PostingEntity p SET p.nextAttemptAt = :until"
                + " WHERE p.integrationId = :integrationId AND p.nextAttemptAt <= :now")
                .setParameter("until", until).setParameter("integrationId", integrationId).setParameter("now", now)
                .executeUpdate());
    }

    /** The board is (back): owed calls are due now, and live ads are sent again with the same key. */
    @Override
    public void integrationAvailable(RegisteredIntegration r, long now) {
        int[] n = db.tx(em -> new int[] {
            em.createQuery("UPDATE PostingEntity p SET p.nextAttemptAt = :now"
                    + " WHERE p.integrationId = :integrationId AND p.action IS NOT NULL")
                    .setParameter("now", now).setParameter("integrationId", r.id()).executeUpdate(),
            em.createQuery("UPDATE PostingEntity p SET p.nextAttemptAt = :now, p.redeliver = TRUE"
                    + " WHERE p.integrationId = :integrationId AND p.action IS NULL AND p.status = :live")
                    .setParameter("now", now).setParameter("integrationId", r.id())
                    .setParameter("live", PostingStatus.LIVE).executeUpdate() });
        if (n[0] + n[1] > 0) {
            LOG.info("Job board {} is available: delivering {} owed calls and sending {} live ads again", r.id(), n[0],
                    n[1]);
        }
    }

    /** What one delivery works with, read in one transaction. */
    private record Work(PostingEntity posting, ConnectionEntity connection, JobEntity job) {
    }

    @Override
    public void deliver(String postingId, RegisteredIntegration r, Runnable vendorAnswered) {
        Work w = db.tx(em -> {
            PostingEntity p = em.find(PostingEntity.class, postingId, CacheSettings.READ_ONLY);
            if (p == null) {
                return null;
            }
            return new Work(p, em.find(ConnectionEntity.class, p.getConnectionId(), CacheSettings.READ_ONLY),
                    em.find(JobEntity.class, p.getJobId(), CacheSettings.READ_ONLY));
        });
        if (w == null) {
            return;
        }
        PostingEntity p = w.posting();
        long now = mailbox.now();
        JobBoard board = (JobBoard) r.service();
        try {
            if (p.getAction() == null && p.getStatus().live() && !p.isRedeliver() && p.getExpiresAt() != null
                    && p.getExpiresAt() <= now) {
                if (ledger.expire(postingId, now)) {
                    mailbox.enqueue(this, postingId, r.id());
                }
                return;
            }
            if (w.connection() == null || w.job() == null) {
                ledger.gaveUp(postingId, "CONNECTION_GONE", "The connection or the job of the posting no longer exists", now);
                return;
            }
            if (p.getAction() == PostingAction.WITHDRAW) {
                if (p.getBoardReference() == null) {
                    ledger.withdrawnAtBoard(postingId, "The ad never reached the board; nothing to take down", now);
                    return;
                }
                ConnectionContext ctx = connections.hostContext(w.connection());
                try {
                    registry.caller().call(r.id(), "unpublish", () -> {
                        board.unpublish(ctx, p.getBoardReference());
                        return null;
                    });
                } finally {
                    vendorAnswered.run();
                }
                ledger.withdrawnAtBoard(postingId, "The board took the ad down", mailbox.now());
                return;
            }
            int version;
            if (p.getAction() == PostingAction.PUBLISH || p.getAction() == PostingAction.UPDATE) {
                version = p.getAdVersion();
            } else if (p.isRedeliver() && p.getStatus().live()) {
                version = p.getLiveVersion();
            } else {
                ledger.settle(postingId, now);
                return;
            }
            ConnectionContext ctx = connections.hostContext(w.connection());
            JobAd ad = ad(p, w.job(), w.connection().getGrantedScopes(), version);
            Publication pub;
            try {
                pub = registry.caller().call(r.id(), "publish", () -> board.publish(ctx, ad));
            } finally {
                vendorAnswered.run();
            }
            if (pub == null || pub.boardReference() == null || pub.boardReference().isBlank()) {
                after(p, null, "the board gave no reference for the ad");
                return;
            }
            String conflict = ledger.published(postingId, version, pub, mailbox.now());
            if (conflict != null) {
                registry.caller().recordAnomaly(r.id(), conflict);
            }
            if (version < p.getAdVersion()) {
                mailbox.enqueue(this, postingId, r.id());
            }
        } catch (PluginCallException e) {
            after(p, e, null);
        } catch (RuntimeException e) {
            LOG.warn("Delivering posting {} failed", postingId, e);
            try {
                after(p, null, "the host could not deliver the posting: " + e.getMessage());
            } catch (RuntimeException again) {
                LOG.warn("Posting {} could not be rescheduled; it stays due", postingId, again);
            }
        }
    }

    private void after(PostingEntity p, PluginCallException failure, String message) {
        Long deadlineFrom = p.getAction() != null ? p.getActionSince() : null;
        long now = mailbox.now();
        DeliveryPolicy.Decision d = mailbox.policy().afterFailure(p.getDeliveryAttempts(), deadlineFrom, now, failure,
                message, registry.caller().pausedUntil(p.getIntegrationId()));
        if (d.retry()) {
            ledger.attemptFailed(p.getId(), d.error(), d.retryAt(), now);
        } else {
            ledger.gaveUp(p.getId(), d.code(), d.failure(), now);
        }
    }

    /** The ad as the board receives it: what the job shows now, and what the connection's scopes allow. */
    JobAd ad(PostingEntity p, JobEntity job, Set<String> granted, int version) {
        String company = granted.contains(StandardScopes.COMPANY_READ)
                ? companies.findCompany(job.getCompanyId()).map(c -> c.name()).orElse(null)
                : null;
        String apply = config.apply_url() == null || config.apply_url().isBlank() ? null
                : config.apply_url().replace("{companyId}", job.getCompanyId()).replace("{jobId}", job.getId());
        return new JobAd(job.getId(), job.getTitle(), description(job), job.getCountryCode(), job.getCity(),
                job.isRemote(), apply, p.getId(), PostingEntity.idempotencyKey(p.getId(), version), company,
                job.getRefNumber());
    }

    /** The ad's text: the job's sections, in the order the ad shows them, separated by blank lines. */
    static String description(JobEntity job) {
        return Stream.of(job.getCompanyDescription(), job.getJobDescription(), job.getQualifications(),
                job.getAdditionalInformation()).filter(s -> s != null && !s.isBlank()).map(String::strip)
                .collect(Collectors.joining("\n\n"));
    }
}
