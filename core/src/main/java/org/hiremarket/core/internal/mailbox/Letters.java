package org.hiremarket.core.internal.mailbox;

import java.util.List;

import org.hiremarket.core.internal.marketplace.RegisteredIntegration;
import org.hiremarket.core.internal.persistence.Database;

/**
 * One kind of call the host owes plugins (assessment orders, job-board postings, agency
 * assignments), as the {@link Mailbox} delivers it. Each kind keeps its letters in a table of its
 * own with a due time (indexed), and knows how to deliver one and record the outcome; the mailbox
 * owns everything else: finding what is due, fairness and bounds per integration, delivery threads,
 * the breaker, and redelivery when an integration comes back.
 */
public interface Letters {

    /** A letter that is due: its id and the integration it goes to. */
    record Due(String id, String integrationId) {
    }

    /**
     * The usual {@link #due} of a kind whose letters are rows of one entity with an indexed
     * {@code nextAttemptAt} and an {@code integrationId}: the due ones along that index, earliest first.
     *
     * @param entity the entity's JPQL name (a constant of the kind, never input)
     */
    static List<Due> dueRows(Database db, String entity, long from, long now, int limit) {
        return db.tx(em -> em.createQuery("SELECT l.id, l.integrationId FROM " + entity + " l"
                + " WHERE l.nextAttemptAt > :from AND l.nextAttemptAt <= :now ORDER BY l.nextAttemptAt", Object[].class)
                .setParameter("from", from).setParameter("now", now).setMaxResults(limit).getResultList())
                .stream().map(row -> new Due((String) row[0], (String) row[1])).toList();
    }

    /** @return a short name for logs, like {@code order} */
    String kind();

    /** @return whether the integration has this kind's capability (an assessment vendor, a job board) */
    boolean deliversTo(RegisteredIntegration integration);

    /**
     * @return the letters due in {@code (from, now]}, the earliest first, at most {@code limit}
     */
    List<Due> due(long from, long now, int limit);

    /**
     * The integration cannot take calls now (away, or its breaker is open): its letters that are
     * due by {@code now} wait until {@code until}.
     */
    void postpone(String integrationId, long now, long until);

    /**
     * The integration is (back): its waiting letters become due now, and those it acknowledged
     * before are sent again with the same idempotency key, since it may have lost them.
     */
    void integrationAvailable(RegisteredIntegration integration, long now);

    /**
     * Delivers one letter and records the outcome; never throws. Calls {@code vendorAnswered}
     * once the plugin answered, so its delivery slot is free while the answer is recorded.
     */
    void deliver(String id, RegisteredIntegration integration, Runnable vendorAnswered);
}
