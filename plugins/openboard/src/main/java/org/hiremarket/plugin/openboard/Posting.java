package org.hiremarket.plugin.openboard;

import org.hiremarket.api.jobboard.JobAd;
import org.hiremarket.api.jobboard.Publication;

/**
 * One posting (one job on one board) as OpenBoard keeps it: its reference and public address,
 * which never change, and the current version of the ad. A real board keeps this in its database.
 *
 * <p>Changed only by its {@link Catalogue} under the catalogue's lock. OpenBoard's applicant
 * thread reads {@link #isListed(int)} without it, so the listing state is volatile.
 */
final class Posting {

    private final String board;
    private final String postingId;
    private final String jobId;
    private final Publication publication;

    /** The current version of the ad; guarded by the catalogue's lock. */
    private JobAd ad;
    /** How many versions of the ad OpenBoard took (first publish, updates, re-listings); catalogue's lock. */
    private int versions;
    private volatile boolean live;
    /** Changes whenever the posting is withdrawn or listed again, so applicants of an old listing stop. */
    private volatile int listing;

    Posting(String board, String postingId, String jobId, Publication publication, JobAd ad) {
        this.board = board;
        this.postingId = postingId;
        this.jobId = jobId;
        this.publication = publication;
        this.ad = ad;
        this.versions = 1;
        this.live = true;
    }

    String board() {
        return board;
    }

    String postingId() {
        return postingId;
    }

    /** @return the host's job id of the first version */
    String jobId() {
        return jobId;
    }

    Publication publication() {
        return publication;
    }

    String reference() {
        return publication.boardReference();
    }

    JobAd ad() {
        return ad;
    }

    int versions() {
        return versions;
    }

    boolean isLive() {
        return live;
    }

    int listing() {
        return listing;
    }

    /** @return whether the posting is still live in the listing numbered {@code listing} */
    boolean isListed(int listing) {
        return live && this.listing == listing;
    }

    /** A new version of the ad; a withdrawn posting is listed again. */
    void newVersion(JobAd newAd) {
        ad = newAd;
        versions++;
        if (!live) {
            listing++;
            live = true;
        }
    }

    void withdraw() {
        live = false;
        listing++;
    }
}
