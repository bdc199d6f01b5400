package org.hiremarket.api.assessment;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The scored outcome of a completed assessment. The host checks it when it is reported: the score
 * lies in 0–100, URLs are {@code http(s)}, texts are bounded.
 *
 * @param score       the overall score in percent, or {@code null} for unscored assessments
 * @param passed      pass/fail verdict, or {@code null} when the vendor gives a band instead
 * @param band        the vendor's band or grade (for example "Strong"), or {@code null}
 * @param summary     a short text for recruiters
 * @param reportUrl   the full report at the vendor, or {@code null}
 * @param details     sub-scores or facts, name to value, in the vendor's order
 * @param attachments documents of the result (certificates, PDF reports) at the vendor
 * @param completedAt when the candidate finished
 */
public record AssessmentResult(Double score, Boolean passed, String band, String summary, String reportUrl,
        Map<String, String> details, List<ResultAttachment> attachments, Instant completedAt) {

    public AssessmentResult {
        Objects.requireNonNull(completedAt, "completedAt");
        details = details == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(details));
        attachments = List.copyOf(attachments == null ? List.of() : attachments);
    }

    /**
     * A document of a result.
     *
     * @param name        file name shown to recruiters
     * @param contentType its media type
     * @param url         where it can be downloaded
     */
    public record ResultAttachment(String name, String contentType, String url) {
        public ResultAttachment {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(url, "url");
            contentType = contentType == null ? "application/octet-stream" : contentType;
        }
    }
}
