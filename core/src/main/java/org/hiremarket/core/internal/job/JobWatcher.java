package org.hiremarket.core.internal.job;

import javax.persistence.EntityManager;

/**
 * Told of every change of a job that may matter beyond it (its ad on job boards), inside the
 * transaction that changes the job: what the watcher writes commits, or rolls back, with the change.
 */
public interface JobWatcher {

    /**
     * @param job              the job as it now is
     * @param adContentChanged whether what its ad shows changed (title, text, location, ...)
     */
    void jobChanged(EntityManager em, JobEntity job, boolean adContentChanged, long now);
}
