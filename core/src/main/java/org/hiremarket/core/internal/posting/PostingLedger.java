package org.hiremarket.core.internal.posting;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;

import javax.persistence.EntityManager;

import org.hiremarket.api.jobboard.Publication;
import org.hiremarket.core.internal.common.ApiException;
import org.hiremarket.core.internal.common.Ids;
import org.hiremarket.core.internal.persistence.Database;
import org.hiremarket.core.internal.posting.PostingViews.PostingEventView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every change of a posting's state, each with its history entry. The customer's requests, the
 * job's changes, the mailbox's deliveries and the board's applications all move postings through
 * here, so the lifecycle holds whoever moves one.
 */
final class PostingLedger {

    private static final Logger LOG = LoggerFactory.getLogger(PostingLedger.class);
    private static final AtomicLong SEQ = new AtomicLong();
    /** How often a write that lost a race with another writer of the same posting is tried again. */
    private static final int ATTEMPTS = 3;

    private final Database db;
    private final long lifetimeMs;

    PostingLedger(Database db, long lifetimeMs) {
        this.db = db;
        this.lifetimeMs = lifetimeMs;
    }

    static void move(EntityManager em, PostingEntity p, PostingStatus to, String detail, long now) {
        PostingStatus from = p.getStatus();
        p.status(to, now);
        event(em, p, from, to, detail, now);
    }

    static void event(EntityManager em, PostingEntity p, PostingStatus from, PostingStatus to, String detail, long now) {
        em.persist(new PostingEventEntity(Ids.newId(), p.getId(), now, SEQ.incrementAndGet(), from, to,
                truncate(detail, 1000)));
    }

    static List<PostingEventView> history(EntityManager em, String postingId) {
        return em.createQuery("SELECT e FROM PostingEventEntity e WHERE e.postingId = :id"
                + " ORDER BY e.occurredAt, e.seq", PostingEventEntity.class).setParameter("id", postingId)
                .getResultList().stream().map(e -> new PostingEventView(PostingViews.instant(e.getOccurredAt()),
                        e.getFromStatus(), e.getToStatus(), e.getDetail()))
                .toList();
    }

    static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }

    /** Runs one change of a posting in a transaction of its own, again when another writer got in between. */
    private <R> R change(String postingId, BiFunction<EntityManager, PostingEntity, R> change) {
        for (int attempt = 1;; attempt++) {
            try {
                return db.tx(em -> {
                    PostingEntity p = em.find(PostingEntity.class, postingId);
                    return p == null ? null : change.apply(em, p);
                });
            } catch (ApiException e) {
                if (e.status() != 409 || attempt >= ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    /**
     * The board took version {@code version} of the ad.
     *
     * @return a description of a conflict (the board answered with another reference than before), or {@code null}
     */
    String published(String postingId, int version, Publication pub, long now) {
        return change(postingId, (em, p) -> {
            String conflict = null;
            String reference = truncate(pub.boardReference(), 200);
            if (p.getBoardReference() != null && !p.getBoardReference().equals(reference)) {
                conflict = "Posting " + postingId + " was published again as " + reference + ", not as "
                        + p.getBoardReference() + ": the board did not honour the idempotency key and may show the ad twice";
                event(em, p, p.getStatus(), p.getStatus(), "The board answered with another reference (" + reference
                        + "); the first, " + p.getBoardReference() + ", is kept", now);
                LOG.warn("{}; the first reference is kept", conflict);
                reference = p.getBoardReference();
            }
            String url = pub.url() == null ? null : truncate(pub.url(), 2000);
            if (p.getAction() == PostingAction.WITHDRAW) {
                // taken down while the publish was under way: keep the reference, so the withdrawal reaches the board
                p.live(reference, url, version, now, lifetimeMs);
                return conflict;
            }
            if (p.getAction() == null && !p.isRedeliver() || p.getStatus().ended()) {
                return conflict;
            }
            p.live(reference, url, version, now, lifetimeMs);
            if (p.getStatus() == PostingStatus.PENDING) {
                move(em, p, PostingStatus.LIVE, "Live on " + p.getBoardName() + " as " + reference
                        + (p.getDeliveryAttempts() > 0 ? " after " + (p.getDeliveryAttempts() + 1) + " attempts" : ""), now);
            } else if (p.getStatus() == PostingStatus.UPDATE_PENDING && version >= p.getAdVersion()) {
                move(em, p, PostingStatus.LIVE, "Version " + version + " of the ad is live on the board", now);
            }
            if (version >= p.getAdVersion()) {
                p.settled(now);
            } else {
                // the ad changed again meanwhile: the newest version is owed
                p.owe(PostingAction.UPDATE, now, now);
            }
            return conflict;
        });
    }

    /** The board took the ad down (or never had it). */
    void withdrawnAtBoard(String postingId, String detail, long now) {
        change(postingId, (em, p) -> {
            if (p.getAction() == PostingAction.WITHDRAW) {
                event(em, p, p.getStatus(), p.getStatus(), detail, now);
                p.settled(now);
            }
            return null;
        });
    }

    void attemptFailed(String postingId, String error, long retryAt, long now) {
        change(postingId, (em, p) -> {
            if (p.getAction() != null || p.isRedeliver()) {
                p.attemptFailed(truncate(error, 1000), retryAt, now);
            }
            return null;
        });
    }

    /** The owed call can never be made: the board refused it, or it was not acknowledged in time. */
    void gaveUp(String postingId, String code, String reason, long now) {
        change(postingId, (em, p) -> {
            PostingAction owed = p.getAction();
            if (owed == PostingAction.PUBLISH) {
                p.failed(truncate(code, 80), truncate(reason, 1000));
                move(em, p, PostingStatus.FAILED, reason, now);
            } else if (owed == PostingAction.UPDATE) {
                move(em, p, PostingStatus.LIVE, "The board did not take version " + p.getAdVersion() + " of the ad: "
                        + reason + "; it shows version " + p.getLiveVersion(), now);
            } else if (owed == PostingAction.WITHDRAW) {
                event(em, p, p.getStatus(), p.getStatus(), "The board could not be told to take the ad down: " + reason,
                        now);
            } else if (p.isRedeliver()) {
                event(em, p, p.getStatus(), p.getStatus(), "Sending the ad again failed: " + reason, now);
            }
            p.settled(now);
            p.lastError(truncate(reason, 1000));
            return null;
        });
    }

    /** A live ad ran its time: it is shown expired and taken down at the board. */
    boolean expire(String postingId, long now) {
        Boolean expired = change(postingId, (em, p) -> {
            if (!p.getStatus().live() || p.getAction() != null || p.getExpiresAt() == null || p.getExpiresAt() > now) {
                return false;
            }
            move(em, p, PostingStatus.EXPIRED, "Ran its " + (lifetimeMs / 86_400_000L) + " days on the board", now);
            p.owe(PostingAction.WITHDRAW, now, now);
            return true;
        });
        return Boolean.TRUE.equals(expired);
    }

    /** Nothing is owed for this posting now: it waits for its expiry, or for nothing. */
    void settle(String postingId, long now) {
        change(postingId, (em, p) -> {
            p.settled(now);
            return null;
        });
    }
}
