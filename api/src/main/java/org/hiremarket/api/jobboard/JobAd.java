package org.hiremarket.api.jobboard;

import java.util.Objects;

/**
 * A job ad as a board receives it. The host sends the same posting again (same
 * {@link #postingId()}) whenever the ad changes; each version carries an
 * {@link #idempotencyKey()} of its own, and a board must answer a repeated key with the
 * publication it returned the first time instead of creating a second ad.
 *
 * @param jobId          the host's opaque job id
 * @param title          the job title
 * @param description    the ad text
 * @param countryCode    ISO 3166-1 alpha-2 country of the job
 * @param city           the city, or {@code null} for remote jobs
 * @param remote         whether the job can be done remotely
 * @param applyUrl       where candidates apply
 * @param postingId      the host's id of this posting (one job on one board), or {@code null} from
 *                       hosts before 1.1
 * @param idempotencyKey the same for every delivery of one version of the ad, or {@code null}
 *                       from hosts before 1.1
 * @param companyName    the hiring company's name when the customer granted
 *                       {@code company.read}, else {@code null}
 * @param reference      the customer's own reference of the job, or {@code null}
 * @since 1.1 for the last four components
 */
public record JobAd(String jobId, String title, String description, String countryCode, String city, boolean remote,
        String applyUrl, String postingId, String idempotencyKey, String companyName, String reference) {

    public JobAd {
        Objects.requireNonNull(jobId, "jobId");
        Objects.requireNonNull(title, "title");
    }

    /** The ad as hosts before 1.1 sent it. */
    public JobAd(String jobId, String title, String description, String countryCode, String city, boolean remote,
            String applyUrl) {
        this(jobId, title, description, countryCode, city, remote, applyUrl, null, null, null, null);
    }
}
