package org.hiremarket.core.internal.agency;

import java.util.List;
import java.util.stream.Collectors;

import javax.persistence.EntityManager;

import org.hiremarket.api.integration.CandidateSubmission;
import org.hiremarket.api.integration.IntegrationKind;
import org.hiremarket.api.integration.StandardScopes;
import org.hiremarket.api.integration.SubmissionReceipt;
import org.hiremarket.core.internal.candidate.ApplicationService;
import org.hiremarket.core.internal.candidate.CandidateViews.CandidateIn;
import org.hiremarket.core.internal.common.ApiException;
import org.hiremarket.core.internal.common.Ids;
import org.hiremarket.core.internal.identity.Caller;
import org.hiremarket.core.internal.job.JobEntity;
import org.hiremarket.core.internal.job.JobService;
import org.hiremarket.core.internal.mailbox.DeliveryPolicy;
import org.hiremarket.core.internal.mailbox.Mailbox;
import org.hiremarket.core.internal.marketplace.CandidateIntake;
import org.hiremarket.core.internal.marketplace.ConnectionEntity;
import org.hiremarket.core.internal.marketplace.ConnectionService;
import org.hiremarket.core.internal.marketplace.ConnectionState;
import org.hiremarket.core.internal.marketplace.ConnectionWatcher;
import org.hiremarket.core.internal.marketplace.IntegrationRegistry;
import org.hiremarket.core.internal.marketplace.IntegrationSettingEntity;
import org.hiremarket.core.internal.persistence.Database;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * Agencies connected through a bundle ({@code AgencyConnector}), the host's side: sending a job
 * through a company's connection to an {@code AGENCY} integration (the call is owed through the
 * {@link AssignmentMailbox}, committed with the assignment), telling the agency of cancellations,
 * cancelling the open assignments of a disconnected connection, and the candidates the agency
 * submits back through the host facade ({@code reference} = the assignment id), attributed by the
 * same rules as the recruiter portal's. Nothing here calls a plugin.
 */
@Component(service = { AgencyConnectors.class, ConnectionWatcher.class, CandidateIntake.class })
public class AgencyConnectors implements ConnectionWatcher, CandidateIntake {

    private final Database db;
    private final IntegrationRegistry registry;
    /**
     * Hands committed calls to the mailbox at once; bound dynamically, so this component (which the
     * connection service binds as a watcher and intake) does not depend on the mailbox, which depends
     * on the connection service. While it is absent a call is only late: the mailbox's scan finds it
     * once its hand-over grace has passed.
     */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile AssignmentMailbox mailbox;

    @Activate
    public AgencyConnectors(@Reference Database db, @Reference IntegrationRegistry registry) {
        this.db = db;
        this.registry = registry;
    }

    /** For tests, and hosts wired by hand. */
    public AgencyConnectors(Database db, AssignmentMailbox mailbox) {
        this(db, mailbox.registry());
        this.mailbox = mailbox;
    }

    private void enqueue(AssignmentEntity a) {
        AssignmentMailbox m = mailbox;
        if (m != null) {
            m.enqueue(a.getId(), a.getIntegrationId());
        }
    }

    // ------------------------------------------------------------------------------ the customer's requests

    /**
     * Sends the job through one of the company's ACTIVE connections to an agency; runs in the
     * caller's transaction (the assignment and the call owed commit together).
     *
     * @throws ApiException 404 for an unknown connection or another company's, 409
     *                      {@code connection-not-active}, {@code not-an-agency}, {@code scope-not-granted}
     *                      (no {@code jobs.read}) or {@code already-assigned}
     */
    AssignmentEntity assign(EntityManager em, Caller caller, JobEntity job, String connectionId, PaymentTerms terms,
            long now) {
        ConnectionEntity c = ConnectionService.load(em, caller.companyId(), connectionId);
        if (c.getState() != ConnectionState.ACTIVE) {
            throw ApiException.conflict("connection-not-active", "Connection not active",
                    "connection " + c.getId() + " is " + c.getState() + "; only an ACTIVE connection takes assignments"
                            + (c.getState() == ConnectionState.DISCONNECTED ? " (re-activate it first)" : ""));
        }
        String kind = kind(em, c.getIntegrationId());
        if (!IntegrationKind.AGENCY.name().equals(kind)) {
            throw ApiException.conflict("not-an-agency", "Not an agency",
                    "connection " + c.getId() + " is to " + c.getIntegrationId() + ", "
                            + (kind == null ? "an integration not known here" : "a " + kind + " integration")
                            + "; jobs are sent to AGENCY connections");
        }
        if (!c.getGrantedScopes().contains(StandardScopes.JOBS_READ)) {
            throw ApiException.conflict("scope-not-granted", "Scope not granted", "connection " + c.getId()
                    + " was not granted " + StandardScopes.JOBS_READ + ", which sending a job to the agency needs");
        }
        boolean open = em.createNamedQuery("Assignment.ofJob", AssignmentEntity.class)
                .setParameter("companyId", caller.companyId()).setParameter("jobId", job.getId()).getResultList()
                .stream().anyMatch(a -> c.getId().equals(a.getConnectionId()) && !a.getStatus().isFinal());
        if (open) {
            throw ApiException.conflict("already-assigned", "Already assigned",
                    "the job is already with this agency; cancel that assignment first to change its terms");
        }
        AssignmentEntity a = AssignmentEntity.connected(Ids.newId(), caller.companyId(), job.getId(), c.getId(),
                c.getIntegrationId(), agencyName(em, c.getIntegrationId()), caller.userId(),
                ApplicationService.actor(caller), terms, now, now + Mailbox.HANDOVER_GRACE_MS);
        em.persist(a);
        db.afterCommit(() -> enqueue(a));
        return a;
    }

    /**
     * The assignment was just cancelled (in the caller's transaction): the agency is owed the
     * cancellation, unless it refused the assignment and so never had it.
     */
    void cancelled(AssignmentEntity a, String reason, long now) {
        if (!a.isConnected()) {
            return;
        }
        if (a.getDelivery() == AssignmentDelivery.FAILED
                && !DeliveryPolicy.NOT_ACKNOWLEDGED.equals(a.getDeliveryCode())) {
            return;
        }
        a.owe(AssignmentCall.CANCEL, AssignmentDelivery.CANCELLING, AssignmentLedger.truncate(reason, 1000), now,
                now + Mailbox.HANDOVER_GRACE_MS);
        db.afterCommit(() -> enqueue(a));
    }

    /** A disconnected connection's open assignments are cancelled; the agency is told (best effort). */
    @Override
    public void connectionEnded(EntityManager em, ConnectionEntity c, String reason, long now) {
        List<AssignmentEntity> open = em.createQuery("SELECT a FROM AssignmentEntity a WHERE a.connectionId = :c"
                + " AND a.status IN :open", AssignmentEntity.class).setParameter("c", c.getId())
                .setParameter("open", List.of(AssignmentStatus.NEW, AssignmentStatus.IN_PROGRESS)).getResultList();
        for (AssignmentEntity a : open) {
            a.cancelled(now);
            cancelled(a, reason + "; the assignment was cancelled", now);
        }
    }

    private String kind(EntityManager em, String integrationId) {
        return registry.find(integrationId).map(r -> r.descriptor().kind().name()).orElseGet(() -> {
            IntegrationSettingEntity s = em.find(IntegrationSettingEntity.class, integrationId);
            return s == null ? null : s.getKind();
        });
    }

    private String agencyName(EntityManager em, String integrationId) {
        return registry.find(integrationId).map(r -> r.descriptor().name()).orElseGet(() -> {
            IntegrationSettingEntity s = em.find(IntegrationSettingEntity.class, integrationId);
            return s == null || s.getName() == null ? integrationId : s.getName();
        });
    }

    // ------------------------------------------------------------------------------ candidates from the agency

    @Override
    public IntegrationKind kind() {
        return IntegrationKind.AGENCY;
    }

    /** For plugins (the host facade): refusals as the SPI names them. */
    @Override
    public SubmissionReceipt submit(String connectionId, CandidateSubmission s) {
        try {
            return receive(connectionId, s);
        } catch (ApiException e) {
            String why = e.detail() == null ? e.getMessage() : e.detail();
            if (e.status() == 400 && !e.errors().isEmpty()) {
                why = e.errors().stream().map(fe -> fe.field() + ": " + fe.message()).collect(Collectors.joining("; "));
            }
            if (e.status() >= 500 || "duplicate".equals(e.type()) || "concurrent-update".equals(e.type())) {
                throw new IllegalStateException("the candidate could not be stored now (" + why
                        + "); send it again later", e);
            }
            throw new IllegalArgumentException(why, e);
        }
    }

    /**
     * A candidate the connected agency submits to an assignment it was sent ({@code reference} = the
     * assignment id): an application on the job with the source {@code AGENCY} and the agency's name,
     * unless the person had applied to the company on their own before. The first submission starts
     * the assignment.
     *
     * @throws ApiException 400 for invalid fields, 404 when the reference names no assignment of this
     *                      connection, 409 when the assignment is over or the job takes no applications
     */
    SubmissionReceipt receive(String connectionId, CandidateSubmission s) {
        if (s.reference() == null || s.reference().isBlank()) {
            throw ApiException.validation("reference", "is required: the id of the assignment the candidate is for");
        }
        String reference = s.reference().trim();
        return db.tx(em -> {
            AssignmentEntity a = em.find(AssignmentEntity.class, reference);
            if (a == null || !connectionId.equals(a.getConnectionId())) {
                throw ApiException.notFound("assignment", reference);
            }
            if (a.getStatus().isFinal()) {
                throw ApiException.conflict("assignment-closed", "Assignment closed",
                        "assignment " + a.getId() + " is " + a.getStatus() + " and takes no more candidates");
            }
            JobEntity job = JobService.load(em, a.getCompanyId(), a.getJobId());
            AgencyService.Recorded r = AgencyService.recordSubmission(em, a, job,
                    new CandidateIn(s.firstName(), s.lastName(), s.email(), s.phone(), null, null, null),
                    a.getAgencyName(), "integration:" + a.getIntegrationId(), null, null, null);
            return new SubmissionReceipt(r.intake().entity().getId(), r.intake().entity().getCandidateId(),
                    r.intake().duplicate());
        });
    }
}
