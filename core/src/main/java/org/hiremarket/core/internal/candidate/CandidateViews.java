package org.hiremarket.core.internal.candidate;

import java.time.Instant;
import java.util.List;

import org.hiremarket.core.internal.candidate.ApplicationStatus;

import io.swagger.v3.oas.annotations.media.Schema;

/** Candidate and application resources as the API speaks them. */
public final class CandidateViews {

    private CandidateViews() {
    }

    /** {@code {"countryCode": "DE", "city": "Berlin"}} */
    public record LocationIn(String countryCode, String city) {
    }

    public record LocationView(String country, String countryCode, String city) {
    }

    /** One position held; dates are {@code YYYY-MM}. */
    public record Experience(String title, String company, String startDate, String endDate, Boolean current,
            String description) {
    }

    /** One degree or course; dates are {@code YYYY-MM}. */
    public record Education(String institution, String degree, String major, String startDate, String endDate) {
    }

    /** Body of {@code POST /candidates}, and the candidate part of an application. */
    public record CandidateIn(@Schema(required = true) String firstName, @Schema(required = true) String lastName, @Schema(required = true, format = "email") String email, String phone, LocationIn location,
            List<Experience> experience, List<Education> education) {
    }

    /** Body of {@code PATCH /candidates/{id}}: fields left out stay; lists given replace the old ones. */
    public record CandidateUpdate(String firstName, String lastName, String email, String phone, LocationIn location,
            List<Experience> experience, List<Education> education) {
    }

    @Schema(name = "CandidateAttachment")
    public record AttachmentView(@Schema(required = true) String id, @Schema(required = true) String name, @Schema(required = true) String contentType, @Schema(required = true) int size, @Schema(required = true) Instant createdOn) {
        static AttachmentView of(AttachmentEntity a) {
            return new AttachmentView(a.getId(), a.getName(), a.getContentType(), a.getSize(),
                    Instant.ofEpochMilli(a.getCreatedAt()));
        }
    }

    /** Body of {@code POST /candidates/{id}/attachments}: the file's bytes in base64. */
    public record AttachmentIn(@Schema(required = true) String name, @Schema(required = true) String contentType, @Schema(required = true, format = "byte", description = "the file's bytes in base64") String content) {
    }

    public record CandidateView(@Schema(required = true) String id, @Schema(required = true) String firstName, @Schema(required = true) String lastName, @Schema(required = true) String email, String phone,
            LocationView location, List<Experience> experience, List<Education> education, @Schema(required = true) Instant createdOn,
            @Schema(required = true) Instant updatedOn) {
    }

    /** {@code {"type": "JOB_BOARD", "name": "OpenBoard"}} */
    public record Source(String type, String name) {
    }

    /** Body of {@code POST /jobs/{jobId}/applications}: an existing candidate, or a new one. */
    public record ApplyIn(String candidateId, CandidateIn candidate, Source source, List<String> labels) {
    }

    /** Body of {@code PUT /applications/{id}/status}. */
    @Schema(name = "ApplicationStatusChange")
    public record StatusChange(@Schema(required = true, implementation = ApplicationStatus.class) String status, String note) {
    }

    /** Body of {@code PUT /applications/{id}/labels}. */
    public record Labels(@Schema(required = true) List<String> labels) {
    }

    public record HistoryEntry(ApplicationStatus from, ApplicationStatus to, Instant on, String by, String note) {
    }

    public record SourceView(SourceType type, String name) {
    }

    public record CandidateRef(@Schema(required = true) String id, String firstName, String lastName, String email) {
    }

    public record ApplicationView(@Schema(required = true) String id, @Schema(required = true) String jobId, @Schema(required = true) CandidateRef candidate, @Schema(required = true) ApplicationStatus status,
            String hiringStepId, SourceView source, List<String> labels, List<HistoryEntry> history, @Schema(required = true) Instant createdOn,
            @Schema(required = true) Instant updatedOn) {
    }
}
