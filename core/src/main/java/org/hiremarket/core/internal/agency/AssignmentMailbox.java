package org.hiremarket.core.internal.agency;

import java.time.Instant;
import java.util.List;

import org.hiremarket.api.agency.AgencyConnector;
import org.hiremarket.api.agency.Assignment;
import org.hiremarket.api.agency.AssignmentReceipt;
import org.hiremarket.api.integration.ConnectionContext;
import org.hiremarket.core.internal.identity.UserEntity;
import org.hiremarket.core.internal.job.JobEntity;
import org.hiremarket.core.internal.mailbox.DeliveryPolicy;
import org.hiremarket.core.internal.mailbox.Letters;
import org.hiremarket.core.internal.mailbox.Mailbox;
import org.hiremarket.core.internal.marketplace.ConnectionEntity;
import org.hiremarket.core.internal.marketplace.ConnectionService;
import org.hiremarket.core.internal.marketplace.IntegrationRegistry;
import org.hiremarket.core.internal.marketplace.PluginCallException;
import org.hiremarket.core.internal.marketplace.RegisteredIntegration;
import org.hiremarket.core.internal.persistence.CacheSettings;
import org.hiremarket.core.internal.persistence.Database;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Assignments to agencies connected through a bundle ({@link AgencyConnector}) as letters of the
 * host's one {@link Mailbox}. An assignment owes its agency at most one call at a time
 * ({@link AssignmentCall}): the assignment itself ({@code receiveAssignment}, idempotent by the
 * assignment id) or its cancellation. The row is committed with the assignment (or the cancel), the
 * mailbox hands it to {@link #deliver}, which calls the agency through the guarded plugin caller and
 * records the outcome ({@link AssignmentLedger}); failures are retried with the mailbox's backoff
 * until the delivery time limit, a refusal leaves the assignment {@code NEW} with delivery
 * {@code FAILED} and the agency's reason. Whenever the agency's integration comes back, owed calls
 * are due at once and assignments it acknowledged (not over yet) are sent again with the same id,
 * since it may have lost them.
 */
@Component(service = AssignmentMailbox.class, immediate = true)
public class AssignmentMailbox implements Letters {

    private static final Logger LOG = LoggerFactory.getLogger(AssignmentMailbox.class);

    private final Database db;
    private final IntegrationRegistry registry;
    private final ConnectionService connections;
    private final Mailbox mailbox;
    private final AssignmentLedger ledger;

    @Activate
    public AssignmentMailbox(@Reference Database db, @Reference IntegrationRegistry registry,
            @Reference ConnectionService connections, @Reference Mailbox mailbox) {
        this.db = db;
        this.registry = registry;
        this.connections = connections;
        this.mailbox = mailbox;
        this.ledger = new AssignmentLedger(db);
        mailbox.join(this);
    }

    @Deactivate
    void deactivate() {
        mailbox.leave(this);
    }

    /** An assignment was committed with a call owed: deliver it without waiting for the next scan. */
    public void enqueue(String assignmentId, String integrationId) {
        mailbox.enqueue(this, assignmentId, integrationId);
    }

    /** @return the mailbox's time (epoch ms) */
    long now() {
        return mailbox.now();
    }

    IntegrationRegistry registry() {
        return registry;
    }

    @Override
    public String kind() {
        return "assignment";
    }

    @Override
    public boolean deliversTo(RegisteredIntegration integration) {
        return integration.service() instanceof AgencyConnector;
    }

    @Override
    public List<Due> due(long from, long now, int limit) {
        return Letters.dueRows(db, "AssignmentEntity", from, now, limit);
    }

    @Override
    public void postpone(String integrationId, long now, long until) {
        db.tx(em -> em.createQuery("UPDATE AssignmentEntity a SET a.nextAttemptAt = :until"
                + " WHERE a.integrationId = :integrationId AND a.nextAttemptAt <= :now")
                .setParameter("until", until).setParameter("integrationId", integrationId).setParameter("now", now)
                .executeUpdate());
    }

    /** The agency is (back): owed calls are due now, and the assignments it holds are sent again with the same id. */
    @Override
    public void integrationAvailable(RegisteredIntegration r, long now) {
        int[] n = db.tx(em -> new int[] {
            em.createQuery("UPDATE AssignmentEntity a SET a.nextAttemptAt = :now"
                    + " WHERE a.integrationId = :integrationId AND a.pendingCall IS NOT NULL")
                    .setParameter("now", now).setParameter("integrationId", r.id()).executeUpdate(),
            em.createQuery("UPDATE AssignmentEntity a SET a.nextAttemptAt = :now, a.redeliver = TRUE"
                    + " WHERE a.integrationId = :integrationId AND a.pendingCall IS NULL AND a.delivery = :delivered"
                    + " AND a.status IN :open")
                    .setParameter("now", now).setParameter("integrationId", r.id())
                    .setParameter("delivered", AssignmentDelivery.DELIVERED)
                    .setParameter("open", List.of(AssignmentStatus.NEW, AssignmentStatus.IN_PROGRESS)).executeUpdate() });
        if (n[0] + n[1] > 0) {
            LOG.info("Agency {} is available: delivering {} owed calls and sending {} open assignments again", r.id(),
                    n[0], n[1]);
        }
    }

    /** What one delivery works with, read in one transaction. */
    private record Work(AssignmentEntity assignment, ConnectionEntity connection, JobEntity job, String assignedBy) {
    }

    @Override
    public void deliver(String id, RegisteredIntegration r, Runnable vendorAnswered) {
        Work w = db.tx(em -> {
            AssignmentEntity a = em.find(AssignmentEntity.class, id, CacheSettings.READ_ONLY);
            if (a == null || a.getConnectionId() == null) {
                return null;
            }
            UserEntity u = a.getAssignedByUserId() == null ? null
                    : em.find(UserEntity.class, a.getAssignedByUserId(), CacheSettings.READ_ONLY);
            return new Work(a, em.find(ConnectionEntity.class, a.getConnectionId(), CacheSettings.READ_ONLY),
                    em.find(JobEntity.class, a.getJobId(), CacheSettings.READ_ONLY),
                    u == null ? null : (u.getFirstName() + " " + u.getLastName()).strip());
        });
        if (w == null) {
            return;
        }
        AssignmentEntity a = w.assignment();
        long now = mailbox.now();
        AgencyConnector agency = (AgencyConnector) r.service();
        try {
            if (a.getCall() == null && !(a.isRedeliver() && a.getDelivery() == AssignmentDelivery.DELIVERED
                    && !a.getStatus().isFinal())) {
                ledger.settle(id, now);
                return;
            }
            if (w.connection() == null || w.job() == null) {
                ledger.gaveUp(id, "CONNECTION_GONE", "The connection or the job of the assignment no longer exists", now);
                return;
            }
            ConnectionContext ctx = connections.hostContext(w.connection());
            if (a.getCall() == AssignmentCall.CANCEL) {
                String reason = a.getDeliveryDetail();
                try {
                    registry.caller().call(r.id(), "cancelAssignment", () -> {
                        agency.cancelAssignment(ctx, id, reason);
                        return null;
                    });
                } finally {
                    vendorAnswered.run();
                }
                ledger.cancelDelivered(id, mailbox.now());
                return;
            }
            Assignment sent = assignment(a, w.job(), w.assignedBy());
            AssignmentReceipt receipt;
            try {
                receipt = registry.caller().call(r.id(), "receiveAssignment", () -> agency.receiveAssignment(ctx, sent));
            } finally {
                vendorAnswered.run();
            }
            if (receipt == null || receipt.agencyReference() == null || receipt.agencyReference().isBlank()) {
                after(a, null, "the agency gave no reference for the assignment");
                return;
            }
            String conflict = ledger.acknowledged(id, receipt.agencyReference(), mailbox.now());
            if (conflict != null) {
                registry.caller().recordAnomaly(r.id(), conflict);
            }
            if (a.getCall() == AssignmentCall.ASSIGN) {
                // cancelled while the agency answered: the cancellation is due next
                AssignmentEntity after = db.tx(em -> em.find(AssignmentEntity.class, id));
                if (after != null && after.getCall() == AssignmentCall.CANCEL) {
                    mailbox.enqueue(this, id, r.id());
                }
            }
        } catch (PluginCallException e) {
            after(a, e, null);
        } catch (RuntimeException e) {
            LOG.warn("Delivering assignment {} failed", id, e);
            try {
                after(a, null, "the host could not deliver the assignment: " + e.getMessage());
            } catch (RuntimeException again) {
                LOG.warn("Assignment {} could not be rescheduled; it stays due", id, again);
            }
        }
    }

    private void after(AssignmentEntity a, PluginCallException failure, String message) {
        Long deadlineFrom = a.getCall() != null ? a.getCallSince() : null;
        long now = mailbox.now();
        DeliveryPolicy.Decision d = mailbox.policy().afterFailure(a.getDeliveryAttempts(), deadlineFrom, now, failure,
                message, registry.caller().pausedUntil(a.getIntegrationId()));
        if (d.retry()) {
            ledger.attemptFailed(a.getId(), d.error(), d.retryAt(), now);
        } else {
            ledger.gaveUp(a.getId(), d.code(), d.failure(), now);
        }
    }

    /** The assignment as the agency receives it. */
    static Assignment assignment(AssignmentEntity a, JobEntity job, String assignedBy) {
        return new Assignment(a.getId(), job.getId(), job.getTitle(), job.getCountryCode(), job.getCity(), assignedBy,
                feeTerms(a.terms()), Instant.ofEpochMilli(a.getCreatedAt()));
    }

    /** The payment terms as the agency reads them, like {@code 20.00% of a first-year salary of 60000.00 EUR}. */
    static String feeTerms(PaymentTerms t) {
        if (t.type() == PaymentTerms.Type.FIXED_FEE) {
            return "Fixed fee of " + t.fee().toPlainString() + " " + t.currency() + " per hire";
        }
        return t.percentage().stripTrailingZeros().toPlainString() + "% of a first-year salary of "
                + t.firstYearSalary().toPlainString() + " " + t.currency() + " (" + t.revenue().toPlainString() + " "
                + t.currency() + " per hire)";
    }
}
