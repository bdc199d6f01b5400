package org.hiremarket.api.jobboard;

import java.util.Objects;

/**
 * A job ad as a board receives it.
 *
 * @param jobId       the host's opaque job id
 * @param title       the job title
 * @param description the ad text
 * @param countryCode ISO 3166-1 alpha-2 country of the job
 * @param city        the city, or {@code null} for remote jobs
 * @param remote      whether the job can be done remotely
 * @param applyUrl    where candidates apply
 */
public record JobAd(String jobId, String title, String description, String countryCode, String city, boolean remote,
        String applyUrl) {

    public JobAd {
        Objects.requireNonNull(jobId, "jobId");
        Objects.requireNonNull(title, "title");
    }
}
