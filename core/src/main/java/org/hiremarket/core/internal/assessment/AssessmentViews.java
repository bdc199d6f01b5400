package org.hiremarket.core.internal.assessment;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.hiremarket.core.internal.candidate.CandidateViews.ApplicationView;

import io.swagger.v3.oas.annotations.media.Schema;

/** What the REST API and the console show of assessments: never entities. */
public final class AssessmentViews {

    private AssessmentViews() {
    }

    /** One package a vendor sells, as listed for a connection. */
    public record PackageView(String id, String name, String description, int durationMinutes) {
    }

    /** Body of {@code POST /applications/{id}/assessments}. */
    public record OrderIn(@Schema(required = true) String connectionId, @Schema(required = true) String packageId) {
    }

    public record CandidateShared(String id, String firstName, String lastName, String email) {
    }

    @Schema(name = "ResultAttachment")
    public record AttachmentView(String name, String contentType, String url) {
    }

    /** The result once reported; {@code null} on an order without one. */
    public record ResultView(Double score, Boolean passed, String band, String summary, String reportUrl,
            Map<String, String> details, List<AttachmentView> attachments, Instant completedAt) {
    }

    /**
     * Delivery to the vendor, for support: calls made (the acknowledged one included), how many of
     * them failed, the last error and the next attempt.
     */
    public record DeliveryView(int attempts, int failedAttempts, String lastError, Instant nextAttemptAt) {
    }

    public record OrderEventView(Instant at, OrderStatus from, OrderStatus to, String detail) {
    }

    public record OrderView(@Schema(required = true) String id, @Schema(required = true) String applicationId, String jobId, String jobTitle, CandidateShared candidate,
            @Schema(required = true) String connectionId, String integrationId, @Schema(required = true) String packageId, String packageName, String hiringStepId,
            @Schema(required = true) OrderStatus status, String statusDetail, String statusReason, String vendorReference, String candidateUrl, ResultView result,
            DeliveryView delivery, String placedBy, Instant placedAt, Instant sentAt, Instant startedAt,
            Instant finishedAt, Instant updatedAt, List<OrderEventView> history) {
    }

    /** One row of {@code marketplace:orders}. */
    public record OrderAdminView(String id, String companyId, String integrationId, String connectionId,
            OrderStatus status, String packageId, int attempts, String lastError, Instant placedAt, Instant updatedAt) {
    }

    /** Body of {@code POST /jobs/{id}/hiring-steps} and {@code PATCH .../{stepId}}. */
    public record StepIn(@Schema(required = true) String name, Integer position, StepAssessmentIn assessment) {
    }

    /** The assessment a step orders; {@code null} (or absent) for none. */
    public record StepAssessmentIn(@Schema(required = true) String connectionId, @Schema(required = true) String packageId) {
    }

    public record StepAssessmentView(String connectionId, String packageId, String packageName) {
    }

    public record StepView(@Schema(required = true) String id, @Schema(required = true) String jobId, @Schema(required = true) int position, @Schema(required = true) String name, StepAssessmentView assessment,
            Instant createdOn, Instant updatedOn) {
    }

    /** Body of {@code PUT /applications/{id}/hiring-step}. */
    public record StepMove(@Schema(required = true) String stepId) {
    }

    /** Answer of a step move: the application, and the order the step placed, if any. */
    public record StepMoveView(ApplicationView application, OrderView assessmentOrder, String assessmentNotOrdered) {
    }
}
