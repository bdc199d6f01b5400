package org.hiremarket.core.internal.candidate;

import javax.persistence.EntityManager;

/**
 * Told of every status change of an application, inside the transaction that makes it: what the
 * watcher writes (an agency's assignment completed by a hire) commits, or rolls back, with it.
 */
public interface ApplicationWatcher {

    void applicationStatusChanged(EntityManager em, ApplicationEntity application, ApplicationStatus from,
            ApplicationStatus to, long now);
}
