package org.hiremarket.plugin.openboard;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.hiremarket.api.jobboard.JobAd;
import org.hiremarket.api.jobboard.Publication;

/**
 * The ads of one OpenBoard board: every posting by the host's posting id, every idempotency key
 * OpenBoard answered, and every reference it handed out. A real board keeps this in its database;
 * the demo keeps it in memory until the bundle stops. Thread-safe: every method holds this
 * object's lock, so two deliveries of one posting never create two ads.
 */
final class Catalogue {

    static final String PUBLIC_SITE = "https://jobs.openboard.example/";

    /** What a publish did. */
    enum Outcome {
        /** A new ad went live. */
        CREATED,
        /** A live ad got a new version (a new idempotency key for a known posting). */
        UPDATED,
        /** The key (or, without one, the very same ad) came before: answered as the first time, nothing changed. */
        REPLAYED,
        /** A posting the host had withdrawn was published with a new version and is live again. */
        RELISTED,
        /** The board takes no new ads (refuse mode): nothing changed. */
        REFUSED,
        /** The key was already used for another posting: nothing changed. */
        KEY_OF_ANOTHER_POSTING,
        /** The derived reference belongs to another posting (a digest collision): nothing changed. */
        REFERENCE_TAKEN
    }

    /**
     * @param outcome   what happened
     * @param posting   the posting concerned (for {@link Outcome#KEY_OF_ANOTHER_POSTING} the one
     *                  holding the key; {@code null} for {@link Outcome#REFUSED})
     * @param listing   the posting's listing number after the call
     * @param duplicate whether the posting went live while another live posting of this board was
     *                  for the same job: a second ad for one job, which a correct host never asks for
     */
    record Result(Outcome outcome, Posting posting, int listing, boolean duplicate) {
    }

    /** What an unpublish did. */
    enum Withdrawal {
        WITHDRAWN, ALREADY_WITHDRAWN, UNKNOWN
    }

    private final String board;
    private final Map<String, Posting> byPosting = new HashMap<>();
    private final Map<String, Posting> byKey = new HashMap<>();
    private final Map<String, Posting> byReference = new HashMap<>();
    /** How many live postings each job id has on this board: more than one is a duplicate ad. */
    private final Map<String, Integer> liveByJob = new HashMap<>();
    private int live;

    Catalogue(String board) {
        this.board = Objects.requireNonNull(board, "board");
    }

    /**
     * The reference of a posting on a board: the same for every version of the ad and after a
     * restart of the board, and 64 bits of a SHA-256, so two postings practically never share one.
     */
    static String reference(String board, String postingId) {
        return "ob-" + Digests.sha256Hex(board + "/" + postingId, 8);
    }

    static Publication publication(String board, String postingId) {
        String reference = reference(board, postingId);
        return new Publication(reference, PUBLIC_SITE + board + "/" + reference);
    }

    /**
     * Publishes a version of a posting's ad (the ad was checked before).
     *
     * @param postingId the host's posting id (the job id for hosts before 1.1)
     * @param acceptNew whether the board takes new ads: when not, only updates of live ads and replays go through
     */
    synchronized Result publish(String postingId, JobAd ad, boolean acceptNew) {
        String key = blankToNull(ad.idempotencyKey());
        if (key != null) {
            Posting known = byKey.get(key);
            if (known != null) {
                Outcome o = known.postingId().equals(postingId) ? Outcome.REPLAYED : Outcome.KEY_OF_ANOTHER_POSTING;
                return new Result(o, known, known.listing(), false);
            }
        }
        Posting posting = byPosting.get(postingId);
        Result result;
        if (posting == null) {
            if (!acceptNew) {
                return new Result(Outcome.REFUSED, null, 0, false);
            }
            Publication publication = publication(board, postingId);
            Posting owner = byReference.get(publication.boardReference());
            if (owner != null) {
                return new Result(Outcome.REFERENCE_TAKEN, owner, owner.listing(), false);
            }
            posting = new Posting(board, postingId, ad.jobId(), publication, ad);
            byPosting.put(postingId, posting);
            byReference.put(publication.boardReference(), posting);
            result = new Result(Outcome.CREATED, posting, posting.listing(), goesLive(posting));
        } else if (posting.isLive()) {
            if (key == null && ad.equals(posting.ad())) {
                // a host before 1.1 sent the very same ad again: nothing changed
                return new Result(Outcome.REPLAYED, posting, posting.listing(), false);
            }
            posting.newVersion(ad);
            result = new Result(Outcome.UPDATED, posting, posting.listing(), false);
        } else {
            if (!acceptNew) {
                return new Result(Outcome.REFUSED, null, 0, false);
            }
            posting.newVersion(ad);
            result = new Result(Outcome.RELISTED, posting, posting.listing(), goesLive(posting));
        }
        if (key != null) {
            byKey.put(key, posting);
        }
        return result;
    }

    /** Counts a posting that just went live; @return whether its job already had a live ad here. */
    private boolean goesLive(Posting posting) {
        live++;
        int before = liveByJob.getOrDefault(posting.jobId(), 0);
        liveByJob.put(posting.jobId(), before + 1);
        return before > 0;
    }

    /** Withdraws the ad with this reference; an unknown or withdrawn one is left alone. */
    synchronized Withdrawal withdraw(String reference) {
        Posting posting = byReference.get(reference);
        if (posting == null) {
            return Withdrawal.UNKNOWN;
        }
        if (!posting.isLive()) {
            return Withdrawal.ALREADY_WITHDRAWN;
        }
        posting.withdraw();
        live--;
        liveByJob.computeIfPresent(posting.jobId(), (job, n) -> n > 1 ? n - 1 : null);
        return Withdrawal.WITHDRAWN;
    }

    synchronized Posting find(String postingId) {
        return byPosting.get(postingId);
    }

    synchronized Posting findByReference(String reference) {
        return byReference.get(reference);
    }

    synchronized int live() {
        return live;
    }

    synchronized int size() {
        return byPosting.size();
    }

    /** @return every posting as plain JDK values, for the stats service: an unmodifiable copy */
    synchronized List<Map<String, Object>> snapshot() {
        List<Map<String, Object>> postings = new ArrayList<>(byPosting.size());
        for (Posting p : byPosting.values()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("board", board);
            m.put("postingId", p.postingId());
            m.put("jobId", p.jobId());
            m.put("reference", p.reference());
            m.put("url", p.publication().url());
            m.put("status", p.isLive() ? "live" : "withdrawn");
            m.put("versions", (long) p.versions());
            m.put("title", p.ad().title());
            postings.add(Collections.unmodifiableMap(m));
        }
        return List.copyOf(postings);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
