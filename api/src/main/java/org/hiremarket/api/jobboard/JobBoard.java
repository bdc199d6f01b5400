package org.hiremarket.api.jobboard;

import org.hiremarket.api.integration.ConnectionContext;
import org.hiremarket.api.integration.Integration;
import org.hiremarket.api.integration.IntegrationException;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A job board, aggregator or multiposting tool.
 *
 * <p>The host owns each posting: it commits the posting before calling the board, retries
 * {@link #publish} with backoff until the board answers, sends it again with the same idempotency
 * key whenever it cannot be sure the board kept it (after a restart of the host or of the
 * connector bundle), sends every changed version of the ad through {@link #publish} again, and
 * withdraws it through {@link #unpublish}. Applications come back through
 * {@link org.hiremarket.api.integration.HostFacade#submitCandidate}, with the board reference
 * {@code publish} returned.
 */
@ConsumerType
public interface JobBoard extends Integration {

    /**
     * Publishes (or updates, for the same {@link JobAd#postingId()}) a job ad on the board. Called
     * again with the same {@link JobAd#idempotencyKey()}, the board answers with the publication of
     * the first call.
     *
     * @return where the ad is published
     * @throws IntegrationException a non-retryable one when the board refuses the ad (the posting
     *                              fails with the board's message); a retryable one when it cannot
     *                              take it now
     */
    Publication publish(ConnectionContext context, JobAd ad) throws IntegrationException;

    /**
     * Withdraws an ad published before. Withdrawing an ad the board no longer has is not an error.
     *
     * @throws IntegrationException when the board cannot take the call now
     */
    void unpublish(ConnectionContext context, String boardReference) throws IntegrationException;
}
