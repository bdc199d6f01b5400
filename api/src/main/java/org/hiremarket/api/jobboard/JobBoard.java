package org.hiremarket.api.jobboard;

import org.hiremarket.api.integration.ConnectionContext;
import org.hiremarket.api.integration.Integration;
import org.hiremarket.api.integration.IntegrationException;
import org.osgi.annotation.versioning.ConsumerType;

/** A job board, aggregator or multiposting tool. */
@ConsumerType
public interface JobBoard extends Integration {

    /**
     * Publishes (or updates, for the same {@link JobAd#jobId()}) a job ad on the board.
     *
     * @return where the ad is published
     * @throws IntegrationException when the board refuses the ad or cannot take it now
     */
    Publication publish(ConnectionContext context, JobAd ad) throws IntegrationException;

    /**
     * Withdraws an ad published before. Withdrawing an ad the board no longer has is not an error.
     *
     * @throws IntegrationException when the board cannot take the call now
     */
    void unpublish(ConnectionContext context, String boardReference) throws IntegrationException;
}
