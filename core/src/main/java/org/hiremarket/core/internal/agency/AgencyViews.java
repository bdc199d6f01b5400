package org.hiremarket.core.internal.agency;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import org.hiremarket.core.internal.candidate.CandidateViews.CandidateIn;
import org.hiremarket.core.internal.job.JobViews.AssignedJobView;
import org.hiremarket.core.internal.marketplace.Views.PartnerProfileView;

import io.swagger.v3.oas.annotations.media.Schema;

/** What the agency API and the customers' "send to agency" show and take: plain records, never entities. */
public final class AgencyViews {

    private AgencyViews() {
    }

    public record InvitationIn(@Schema(required = true, format = "email") String email) {
    }

    /** An invitation: {@code ACCEPTED} by the agency {@code agencyId}, {@code SENT} or {@code EXPIRED}. */
    public record InvitationView(@Schema(required = true) String id, @Schema(required = true) String email,
            @Schema(required = true, allowableValues = { "SENT", "ACCEPTED", "EXPIRED" }) String status,
            String agencyId, @Schema(required = true) Instant sentAt, @Schema(required = true) Instant expiresAt,
            Instant acceptedAt) {
    }

    /** How to reach the agency's contact person. */
    public record ContactView(@Schema(required = true) String name, String email, String phone, String jobTitle) {
    }

    /**
     * An agency a company may send jobs to: invited by the company or offering its service on the
     * marketplace. {@code assignable} says whether it can receive a job now, {@code reason} why not.
     */
    public record AgencyView(@Schema(required = true) String id, @Schema(required = true) String companyName,
            @Schema(required = true) ContactView contact, PartnerProfileView profile,
            @Schema(required = true) List<String> via, @Schema(required = true) boolean assignable, String reason) {
    }

    /** Payment terms: {@code PERCENTAGE} of {@code firstYearSalary}, or a {@code FIXED_FEE}, in {@code currency}. */
    public record TermsIn(@Schema(required = true, allowableValues = { "PERCENTAGE", "FIXED_FEE" }) String type,
            BigDecimal percentage, BigDecimal firstYearSalary, BigDecimal fee,
            @Schema(required = true) String currency) {
    }

    /**
     * Where to send a job: {@code agencyId}, a recruiter of the partner portal, or {@code connectionId},
     * one of the company's ACTIVE connections to an {@code AGENCY} integration; exactly one of the two.
     */
    public record AssignIn(String agencyId, @Schema(required = true) TermsIn terms, String connectionId) {

        /** To a portal recruiter. */
        public AssignIn(String agencyId, TermsIn terms) {
            this(agencyId, terms, null);
        }
    }

    public record TermsView(@Schema(required = true) PaymentTerms.Type type, BigDecimal percentage,
            BigDecimal firstYearSalary, BigDecimal fee, @Schema(required = true) String currency) {
        static TermsView of(PaymentTerms t) {
            return new TermsView(t.type(), t.percentage(), t.firstYearSalary(), t.fee(), t.currency());
        }
    }

    /** A person an agency submitted, as the customer sees it. */
    public record SubmissionView(@Schema(required = true) String id, @Schema(required = true) String applicationId,
            @Schema(required = true) String candidateName, @Schema(required = true) boolean attributed,
            @Schema(required = true) String applicationStatus, Double averageRating,
            @Schema(required = true) Instant submittedAt) {
    }

    /**
     * An assignment as the customer sees it: to a portal recruiter ({@code agencyId}) or to an agency
     * connected through the marketplace ({@code connectionId} and {@code delivery}; {@code agencyId}
     * is then absent).
     */
    public record AssignmentView(@Schema(required = true) String id, @Schema(required = true) String jobId,
            @Schema(required = true) String jobTitle, String agencyId,
            @Schema(required = true) String agencyName, @Schema(required = true) TermsView terms,
            @Schema(required = true) AssignmentStatus status, @Schema(required = true) String assignedBy,
            @Schema(required = true) Instant sentAt, Instant startedAt, Instant endedAt, BigDecimal revenue,
            @Schema(required = true) List<SubmissionView> submissions, String connectionId, DeliveryView delivery) {

        /** An assignment to a portal recruiter. */
        public AssignmentView(String id, String jobId, String jobTitle, String agencyId, String agencyName,
                TermsView terms, AssignmentStatus status, String assignedBy, Instant sentAt, Instant startedAt,
                Instant endedAt, BigDecimal revenue, List<SubmissionView> submissions) {
            this(id, jobId, jobTitle, agencyId, agencyName, terms, status, assignedBy, sentAt, startedAt, endedAt,
                    revenue, submissions, null, null);
        }
    }

    /**
     * How the assignment reached an agency connected through a bundle ({@code null} for a portal
     * recruiter): {@code state}, the agency's own reference once it acknowledged, the call still owed
     * ({@code ASSIGN} or {@code CANCEL}) with its failed attempts and next attempt, the code and
     * sentence of how the last call ended (a refusal keeps the assignment {@code NEW} with state
     * {@code FAILED}), and the last error.
     */
    @Schema(name = "AssignmentDeliveryView")
    public record DeliveryView(@Schema(required = true) AssignmentDelivery state, String agencyReference,
            AssignmentCall pendingCall, @Schema(required = true) int attempts, Instant nextAttemptAt, String code,
            String detail, String lastError, Instant deliveredAt) {

        static DeliveryView of(AssignmentEntity a) {
            if (!a.isConnected()) {
                return null;
            }
            return new DeliveryView(a.getDelivery(), a.getAgencyReference(), a.getCall(), a.getDeliveryAttempts(),
                    a.getCall() == null || a.getNextAttemptAt() == null ? null : Instant.ofEpochMilli(a.getNextAttemptAt()),
                    a.getDeliveryCode(), a.getDeliveryDetail(), a.getLastError(),
                    a.getDeliveredAt() == null ? null : Instant.ofEpochMilli(a.getDeliveredAt()));
        }
    }

    public record RatingIn(@Schema(required = true, minimum = "1", maximum = "5") Integer rating) {
    }

    // ------------------------------------------------------------------------------ the agency's side

    public record AcceptIn(@Schema(required = true) String token) {
    }

    public record AcceptedView(@Schema(required = true) String companyId, @Schema(required = true) String companyName) {
    }

    /** One row of the agency's assignment list. */
    public record AgencyAssignmentRow(@Schema(required = true) String id, @Schema(required = true) String companyName,
            @Schema(required = true) String jobTitle, String city, String countryCode,
            @Schema(required = true) Instant sentAt, @Schema(required = true) AssignmentStatus status) {
    }

    /**
     * A person the agency submitted, as the agency sees it: the client's average rating and the status
     * mapped as the recruiter portal shows it ({@code Active} for new, in review, interview and
     * offered; {@code Hired}; {@code Rejected}; {@code Withdrawn} when the candidate withdrew).
     */
    public record PersonView(@Schema(required = true) String submissionId, @Schema(required = true) String name,
            String city, String countryCode, Double clientAverageRating,
            @Schema(required = true, allowableValues = { "Active", "Hired", "Rejected", "Withdrawn" }) String status,
            @Schema(required = true) boolean attributed, Integer rating, String review,
            @Schema(required = true) Instant submittedAt) {
    }

    /** An assignment's details for the agency: the job's ad, the terms and the people it submitted. */
    public record AgencyAssignmentView(@Schema(required = true) String id, @Schema(required = true) String companyName,
            @Schema(required = true) AssignedJobView job, @Schema(required = true) TermsView terms,
            @Schema(required = true) AssignmentStatus status, @Schema(required = true) Instant sentAt,
            @Schema(required = true) List<PersonView> people) {
    }

    /**
     * A candidate the agency submits; {@code rating} (1 to 5) and {@code review} are the recruiter's
     * own; {@code photo}, optional, is a PNG or JPEG of the candidate (base64; checked by decoding it).
     */
    public record SubmissionIn(@Schema(required = true) CandidateIn candidate, Integer rating, String review,
            PhotoIn photo) {
    }

    /** An image in base64: the content decides its type (PNG or JPEG), 32 to 2,048 px a side. */
    public record PhotoIn(@Schema(required = true, format = "byte") String content) {
    }

    /** What a submission did: the person, whether the application is the agency's and, if not, why. */
    public record SubmissionResult(@Schema(required = true) PersonView person,
            @Schema(required = true) boolean attributed, @Schema(required = true) boolean duplicate, String message,
            @Schema(required = true) AssignmentStatus assignmentStatus) {
    }

    /** An amount in one currency. */
    public record Money(@Schema(required = true) String currency, @Schema(required = true) BigDecimal amount) {
    }

    public record MonthRevenue(@Schema(required = true) String month, @Schema(required = true) List<Money> revenue) {
    }

    /**
     * The agency's home page: distinct customers worked with, assignments received, the average of
     * the ratings the agency gave its candidates, this month's revenue from hires and the last 12
     * months' revenue month by month (oldest first; a month is the month of the hire, UTC).
     */
    public record DashboardView(@Schema(required = true) long customers, @Schema(required = true) long orders,
            Double averageReview, @Schema(required = true) List<Money> revenueThisMonth,
            @Schema(required = true) List<MonthRevenue> revenueByMonth) {
    }

    /** An agency as the platform admin lists it. */
    public record AgencyAdminView(String id, String email, String companyName, boolean verified, boolean recruiter,
            boolean profileSaved, Instant activatedAt, long customers, long assignments) {
    }

    /** An assignment as the platform admin lists it. */
    public record AssignmentAdminView(String id, String companyId, String jobId, String agencyId, String agencyName,
            AssignmentStatus status, long submissions, Instant sentAt, Instant updatedAt) {
    }
}
