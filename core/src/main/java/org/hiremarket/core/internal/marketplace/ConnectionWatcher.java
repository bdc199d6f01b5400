package org.hiremarket.core.internal.marketplace;

import javax.persistence.EntityManager;

/**
 * Told when a connection stops taking work (the customer disconnected it), inside the transaction
 * that records it, so work sent through it is wound up with the same commit.
 */
public interface ConnectionWatcher {

    void connectionEnded(EntityManager em, ConnectionEntity connection, String reason, long now);
}
