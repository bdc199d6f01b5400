package org.hiremarket.core.internal.assessment;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import javax.persistence.EntityManager;

import org.hiremarket.api.assessment.AssessmentCallback.Outcome;
import org.hiremarket.api.assessment.AssessmentResult;
import org.hiremarket.api.assessment.AssessmentUpdate;
import org.hiremarket.api.assessment.OrderAcknowledgement;
import org.hiremarket.core.internal.assessment.AssessmentViews.AttachmentView;
import org.hiremarket.core.internal.assessment.AssessmentViews.OrderEventView;
import org.hiremarket.core.internal.common.ApiException;
import org.hiremarket.core.internal.common.Ids;
import org.hiremarket.core.internal.common.StoredJson;
import org.hiremarket.core.internal.persistence.Database;
import org.hiremarket.core.internal.persistence.GroupCommit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;

/**
 * Every change of an order's state, each in its own short transaction with its history entry. The
 * only writer of orders besides placing them: the REST side, the mailbox and the vendors'
 * callbacks all go through here, so the lifecycle rules hold whoever moves an order, and a report
 * that repeats what is recorded changes nothing.
 */
final class OrderLedger {

    private static final Logger LOG = LoggerFactory.getLogger(OrderLedger.class);
    private static final AtomicLong SEQ = new AtomicLong();
    static final int MAX_DETAILS = 50;
    static final int MAX_ATTACHMENTS = 20;

    /** Acknowledgements and reports of many orders share a commit; each caller still waits for its own. */
    private final GroupCommit writes;

    OrderLedger(Database db) {
        // the orders a batch changes are read with one query; each write then finds its order in the transaction
        this.writes = new GroupCommit(db, "orders", 2, 200, (em, ids) -> em.createQuery(
                "SELECT o FROM AssessmentOrderEntity o WHERE o.id IN :ids", AssessmentOrderEntity.class)
                .setParameter("ids", ids).getResultList());
    }

    void close() {
        writes.close();
    }

    /** A history entry of its own: a note that changes no status, or a step of an order placed before steps were kept in the row. */
    static void event(EntityManager em, AssessmentOrderEntity o, OrderStatus from, OrderStatus to, String detail,
            long at) {
        em.persist(new AssessmentOrderEventEntity(Ids.newId(), o.getId(), at, SEQ.incrementAndGet(), from, to,
                truncate(detail, 1000)));
    }

    /** The first step of a new order, kept in its row (its time is {@code placedAt}). */
    static void placed(AssessmentOrderEntity o, String detail) {
        o.note(OrderStatus.PLACED, truncate(detail, 1000));
    }

    static void move(EntityManager em, AssessmentOrderEntity o, OrderStatus to, String detail, long at) {
        OrderStatus from = o.getStatus();
        o.moveTo(to, at);
        if (o.historyInRow()) {
            o.note(to, truncate(detail, 1000));
        } else {
            event(em, o, from, to, detail, at);
        }
    }

    /**
     * An order's history, oldest first: its standard steps (placed, sent, started, finished) from
     * the row, each at its timestamp and from the step before it, merged with its history entries
     * (notes, and every step of an order placed before steps were kept in the row).
     */
    static List<OrderEventView> history(AssessmentOrderEntity o, List<AssessmentOrderEventEntity> entries) {
        List<OrderEventView> out = new ArrayList<>();
        if (o.historyInRow()) {
            OrderStatus last = OrderStatus.PLACED;
            out.add(new OrderEventView(Instant.ofEpochMilli(o.getPlacedAt()), null, last, o.getPlacedNote()));
            if (o.getSentAt() != null) {
                out.add(new OrderEventView(Instant.ofEpochMilli(o.getSentAt()), last, OrderStatus.SENT, o.getSentNote()));
                last = OrderStatus.SENT;
            }
            if (o.getStartedAt() != null) {
                out.add(new OrderEventView(Instant.ofEpochMilli(o.getStartedAt()), last, OrderStatus.IN_PROGRESS,
                        o.getStartedNote()));
                last = OrderStatus.IN_PROGRESS;
            }
            if (o.getStatus().isFinal() && o.getFinishedAt() != null) {
                out.add(new OrderEventView(Instant.ofEpochMilli(o.getFinishedAt()), last, o.getStatus(),
                        o.getFinishedNote()));
            }
        }
        for (AssessmentOrderEventEntity e : entries) {
            out.add(new OrderEventView(Instant.ofEpochMilli(e.getOccurredAt()), e.getFromStatus(), e.getToStatus(),
                    e.getDetail()));
        }
        // stable: at the same instant a step comes before a note about it; entries keep their stored order
        out.sort(java.util.Comparator.comparing(OrderEventView::at));
        return out;
    }

    /**
     * The vendor acknowledged the order (first delivery or a redelivery). The first reference and
     * candidate link stay: a redelivery acknowledged with another reference (a vendor that did not
     * honour the idempotency key and may now hold the order twice) changes neither, and is noted in
     * the order's history and the log.
     *
     * @return a description of such a conflict, for the integration's health; {@code null} when there was none
     */
    String acknowledged(String orderId, OrderAcknowledgement ack) {
        try {
            return acknowledge(orderId, ack);
        } catch (ApiException e) {
            if (e.status() != 409) {
                throw e;
            }
            // the row changed between reading and writing it (the integration was announced again and its
            // orders rescheduled): the vendor has the order, so record that on the row as it is now
            return acknowledge(orderId, ack);
        }
    }

    private String acknowledge(String orderId, OrderAcknowledgement ack) {
        return writes.run(orderId, em -> {
            AssessmentOrderEntity o = em.find(AssessmentOrderEntity.class, orderId);
            if (o == null) {
                return null;
            }
            long now = System.currentTimeMillis();
            boolean redelivery = o.getStatus() != OrderStatus.PLACED;
            String reference = truncate(ack.vendorReference(), 200);
            o.attempted();
            if (o.getStatus() == OrderStatus.PLACED) {
                move(em, o, OrderStatus.SENT, "Acknowledged by the vendor as " + reference
                        + (o.getAttemptsMade() > 1 ? " after " + o.getAttemptsMade() + " attempts" : ""), now);
            }
            String conflict = null;
            if (o.getVendorReference() != null && reference != null && !reference.equals(o.getVendorReference())) {
                conflict = "Redelivery of order " + orderId + " acknowledged as " + reference + ", not as "
                        + o.getVendorReference() + ": the vendor did not honour the idempotency key hm-order-" + orderId
                        + " and may hold the order twice";
                event(em, o, o.getStatus(), o.getStatus(), "Redelivery acknowledged with another vendor reference ("
                        + reference + "); the first, " + o.getVendorReference() + ", is kept", now);
                LOG.warn("{}; the first reference is kept", conflict);
            }
            if (!o.getStatus().isFinal() || o.getVendorReference() == null) {
                o.acknowledged(reference, url(ack.candidateUrl()), now);
            }
            if (redelivery) {
                LOG.debug("Order {} redelivered to {} ({})", orderId, o.getIntegrationId(), o.getStatus());
            }
            return conflict;
        });
    }

    /** A delivery attempt failed in a way that may pass later. */
    void attemptFailed(String orderId, String error, long nextAttemptAt) {
        writes.run(orderId, em -> {
            AssessmentOrderEntity o = em.find(AssessmentOrderEntity.class, orderId);
            if (o != null && !o.getStatus().isFinal()) {
                o.attemptFailed(truncate(error, 1000), nextAttemptAt, System.currentTimeMillis());
            }
            return null;
        });
    }

    /**
     * The order can never be delivered: the vendor refused it, or it was not acknowledged in time.
     *
     * @param code      machine-readable reason: the vendor's code, or the host's
     * @param attempted whether this follows a call to the vendor (counted as a delivery attempt)
     */
    void deliveryFailed(String orderId, String code, String reason, boolean attempted) {
        writes.run(orderId, em -> {
            AssessmentOrderEntity o = em.find(AssessmentOrderEntity.class, orderId);
            if (o == null || o.getStatus().isFinal()) {
                return null;
            }
            long now = System.currentTimeMillis();
            if (attempted) {
                o.attempted();
            }
            if (o.getStatus() == OrderStatus.PLACED) {
                o.reason(truncate(reason, 1000));
                o.statusCode(truncate(code, 80));
                move(em, o, OrderStatus.FAILED, reason, now);
            } else {
                // the vendor has it already: a refused redelivery changes nothing but is noted
                o.acknowledged(null, null, now);
                event(em, o, o.getStatus(), o.getStatus(), "Redelivery refused by the vendor: " + reason, now);
            }
            return null;
        });
    }

    /**
     * Applies a vendor's report once.
     *
     * @throws IllegalArgumentException when the order is not one of this connection or the report is invalid
     */
    Outcome report(String orderId, String connectionId, AssessmentUpdate update) {
        if (update == null) {
            throw new IllegalArgumentException("the update is required");
        }
        String reason = update.reason() == null ? null : truncate(update.reason().strip(), 1000);
        CheckedResult result = update.result() == null ? null : check(update.result());
        try {
            try {
                return applyReport(orderId, connectionId, update, reason, result);
            } catch (ApiException e) {
                if (e.status() != 409) {
                    throw e;
                }
                // the row changed between reading and writing it (the mailbox rescheduled the integration's
                // orders): apply the report to the row as it is now
                return applyReport(orderId, connectionId, update, reason, result);
            }
        } catch (RuntimeException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof IllegalArgumentException iae) {
                    throw iae;
                }
            }
            throw e;
        }
    }

    private Outcome applyReport(String orderId, String connectionId, AssessmentUpdate update, String reason,
            CheckedResult result) {
        return writes.run(orderId, em -> {
            AssessmentOrderEntity o = em.find(AssessmentOrderEntity.class, orderId);
            if (o == null || !o.getConnectionId().equals(connectionId)) {
                throw new IllegalArgumentException("order " + orderId + " is not an order of this connection");
            }
            OrderStatus to = switch (update.status()) {
                case IN_PROGRESS -> OrderStatus.IN_PROGRESS;
                case COMPLETED -> OrderStatus.COMPLETED;
                case FAILED -> OrderStatus.FAILED;
                case EXPIRED -> OrderStatus.EXPIRED;
            };
            OrderStatus from = o.getStatus();
            if (from.isFinal() || from == to || (to == OrderStatus.IN_PROGRESS && from != OrderStatus.PLACED
                    && from != OrderStatus.SENT)) {
                if (from.isFinal() && from != to) {
                    LOG.info("Order {} is {}; the vendor's later {} report is ignored", orderId, from, to);
                }
                return Outcome.ALREADY_RECORDED;
            }
            long now = System.currentTimeMillis();
            if (from == OrderStatus.PLACED) {
                // the vendor reports before its acknowledgement was recorded: it evidently has the order
                move(em, o, OrderStatus.SENT, "Acknowledged implicitly: the vendor reported on the order", now);
            }
            String detail;
            switch (to) {
                case IN_PROGRESS -> detail = "The candidate started the assessment";
                case COMPLETED -> {
                    o.result(result.score, result.passed, result.band, result.summary, result.reportUrl,
                            result.detailsJson, result.attachmentsJson, update.result().completedAt().toEpochMilli());
                    detail = "Result received" + (result.score == null ? "" : ": score " + fmt(result.score))
                            + (result.band == null ? "" : ", " + result.band)
                            + (result.passed == null ? "" : result.passed ? ", passed" : ", not passed");
                }
                default -> {
                    o.reason(reason);
                    o.statusCode(to == OrderStatus.FAILED ? "VENDOR_FAILED" : "VENDOR_EXPIRED");
                    detail = (to == OrderStatus.FAILED ? "The vendor could not carry out the order" : "Expired")
                            + (reason == null ? "" : ": " + reason);
                }
            }
            move(em, o, to, detail, now);
            return Outcome.ACCEPTED;
        });
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }

    record CheckedResult(Double score, Boolean passed, String band, String summary, String reportUrl,
            String detailsJson, String attachmentsJson) {
    }

    /** Checks and bounds what a vendor reports, so nothing it sends can break a page or the database. */
    static CheckedResult check(AssessmentResult r) {
        Double score = r.score();
        if (score != null && (score.isNaN() || score < 0 || score > 100)) {
            throw new IllegalArgumentException("score must lie between 0 and 100, not " + score);
        }
        if (r.details().size() > MAX_DETAILS) {
            throw new IllegalArgumentException("at most " + MAX_DETAILS + " details, not " + r.details().size());
        }
        if (r.attachments().size() > MAX_ATTACHMENTS) {
            throw new IllegalArgumentException("at most " + MAX_ATTACHMENTS + " attachments");
        }
        Map<String, String> details = new LinkedHashMap<>();
        r.details().forEach((k, v) -> {
            if (k != null && !k.isBlank()) {
                details.put(truncate(k.strip(), 100), v == null ? "" : truncate(v.strip(), 500));
            }
        });
        List<AttachmentView> attachments = new ArrayList<>();
        for (AssessmentResult.ResultAttachment a : r.attachments()) {
            String u = url(a.url());
            if (u == null) {
                throw new IllegalArgumentException("attachment " + a.name() + " needs an http(s) URL");
            }
            attachments.add(new AttachmentView(truncate(a.name(), 200), truncate(a.contentType(), 100), u));
        }
        if (r.reportUrl() != null && url(r.reportUrl()) == null) {
            throw new IllegalArgumentException("reportUrl must be an http(s) URL");
        }
        try {
            return new CheckedResult(score, r.passed(), truncate(r.band(), 100), truncate(r.summary(), 4000),
                    url(r.reportUrl()), StoredJson.mapper().writeValueAsString(details),
                    StoredJson.mapper().writeValueAsString(attachments));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("result cannot be stored: " + e.getMessage());
        }
    }

    static Map<String, String> details(String json) {
        return read(json, new TypeReference<Map<String, String>>() { }, Map.of());
    }

    static List<AttachmentView> attachments(String json) {
        return read(json, new TypeReference<List<AttachmentView>>() { }, List.of());
    }

    private static <T> T read(String json, TypeReference<T> type, T empty) {
        if (json == null || json.isEmpty()) {
            return empty;
        }
        try {
            return StoredJson.mapper().readValue(json, type);
        } catch (JsonProcessingException e) {
            LOG.warn("Stored assessment data cannot be read: {}", e.getMessage());
            return empty;
        }
    }

    /** @return the URL if it is an absolute http(s) URL of sensible length, else {@code null} */
    static String url(String s) {
        if (s == null || s.isBlank() || s.length() > 2000) {
            return null;
        }
        try {
            URI u = URI.create(s.strip());
            String scheme = u.getScheme();
            return ("https".equalsIgnoreCase(scheme) || "http".equalsIgnoreCase(scheme)) && u.getHost() != null
                    ? u.toString() : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max - 3) + "...";
    }

    static Instant instant(Long millis) {
        return millis == null ? null : Instant.ofEpochMilli(millis);
    }
}
