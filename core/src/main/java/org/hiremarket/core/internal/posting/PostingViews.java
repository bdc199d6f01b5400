package org.hiremarket.core.internal.posting;

import java.time.Instant;
import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;

/** What the REST API and the console show of postings; entities never leave the service. */
public final class PostingViews {

    private PostingViews() {
    }

    /** Body of {@code POST /jobs/{id}/postings}. */
    @Schema(name = "PostingCreate")
    public record PostingIn(@Schema(required = true, description = "an ACTIVE connection to a job board") String connectionId) {
    }

    /** The call the host still owes the board, if any. */
    @Schema(name = "PostingDelivery")
    public record DeliveryView(@Schema(description = "PUBLISH, UPDATE or WITHDRAW; absent when the board has what it should")
            String pending, int attempts, String lastError, Instant nextAttemptOn) {
    }

    @Schema(name = "PostingEvent")
    public record PostingEventView(@Schema(required = true) Instant at, PostingStatus from,
            @Schema(required = true) PostingStatus to, String detail) {
    }

    @Schema(name = "Posting")
    public record PostingView(@Schema(required = true) String id, @Schema(required = true) String jobId,
            @Schema(required = true) String connectionId, @Schema(required = true) String integrationId,
            @Schema(required = true) String boardName, @Schema(required = true) PostingStatus status,
            String statusCode, String reason,
            @Schema(description = "the board's id of the ad; shown once the posting was LIVE") String boardReference,
            @Schema(description = "the ad's public address on the board; shown once the posting was LIVE") String url,
            @Schema(required = true) int adVersion, @Schema(required = true) int liveVersion,
            @Schema(required = true, description = "applications that came in through this posting") int applications,
            DeliveryView delivery, List<PostingEventView> history, @Schema(required = true) Instant createdOn,
            @Schema(required = true) Instant updatedOn, Instant liveOn, Instant endedOn, Instant expiresOn) {
    }

    /** The board credential of a connection; {@code token} is shown this once and never again. */
    @Schema(name = "BoardToken")
    public record BoardTokenView(@Schema(required = true) String connectionId, @Schema(required = true) String token,
            @Schema(required = true) Instant createdOn) {
    }

    /** Body of {@code POST /job-boards/applications}: a person who applied on the board. */
    @Schema(name = "BoardApplication")
    public record BoardApplicationIn(@Schema(required = true, description = "the board's reference of the ad, or the posting id") String reference,
            @Schema(required = true) String firstName, @Schema(required = true) String lastName,
            @Schema(required = true, format = "email") String email, String phone, String coverLetter,
            @Schema(description = "the board's own id of the application") String externalId) {
    }

    /** The host's answer to a board's application. */
    @Schema(name = "BoardApplicationReceipt")
    public record BoardReceiptView(@Schema(required = true) String applicationId,
            @Schema(required = true) String candidateId,
            @Schema(required = true, description = "the person had applied to the job before; nothing new was created") boolean duplicate) {
    }

    /** A posting of any company, for the platform admin's console. */
    public record PostingAdminView(String id, String companyId, String jobId, String integrationId,
            PostingStatus status, String boardReference, int applications, String pending, int attempts,
            String lastError, Instant updatedAt) {
    }

    static Instant instant(Long millis) {
        return millis == null ? null : Instant.ofEpochMilli(millis);
    }

    static PostingView view(PostingEntity p, List<PostingEventView> history) {
        boolean shown = p.getLiveAt() != null;
        DeliveryView delivery = p.getAction() == null && p.getLastError() == null ? null
                : new DeliveryView(p.getAction() == null ? null : p.getAction().name(), p.getDeliveryAttempts(),
                        p.getLastError(), p.getAction() == null ? null : instant(p.getNextAttemptAt()));
        return new PostingView(p.getId(), p.getJobId(), p.getConnectionId(), p.getIntegrationId(), p.getBoardName(),
                p.getStatus(), p.getStatusCode(), p.getReason(), shown ? p.getBoardReference() : null,
                shown ? p.getUrl() : null, p.getAdVersion(), p.getLiveVersion(), p.getApplications(), delivery, history,
                Instant.ofEpochMilli(p.getCreatedAt()), Instant.ofEpochMilli(p.getUpdatedAt()), instant(p.getLiveAt()),
                instant(p.getEndedAt()), instant(p.getExpiresAt()));
    }

    static PostingAdminView admin(PostingEntity p) {
        return new PostingAdminView(p.getId(), p.getCompanyId(), p.getJobId(), p.getIntegrationId(), p.getStatus(),
                p.getBoardReference(), p.getApplications(), p.getAction() == null ? null : p.getAction().name(),
                p.getDeliveryAttempts(), p.getLastError(), Instant.ofEpochMilli(p.getUpdatedAt()));
    }
}
