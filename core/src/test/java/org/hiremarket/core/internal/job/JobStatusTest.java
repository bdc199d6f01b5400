package org.hiremarket.core.internal.job;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.EnumSet;

import org.junit.Test;

public class JobStatusTest {

    @Test
    public void aJobIsSourcedPutOnHoldAndEndsFilledOrCancelled() {
        assertEquals(EnumSet.of(JobStatus.SOURCING, JobStatus.ON_HOLD, JobStatus.CANCELLED), JobStatus.CREATED.next());
        assertTrue(JobStatus.SOURCING.canMoveTo(JobStatus.FILLED));
        assertTrue(JobStatus.ON_HOLD.canMoveTo(JobStatus.SOURCING));
        assertFalse(JobStatus.CREATED.canMoveTo(JobStatus.FILLED));
        assertFalse(JobStatus.SOURCING.canMoveTo(JobStatus.CREATED));
    }

    @Test
    public void endedJobsCanOnlyBeReopenedForSourcing() {
        assertEquals(EnumSet.of(JobStatus.SOURCING), JobStatus.FILLED.next());
        assertEquals(EnumSet.of(JobStatus.SOURCING), JobStatus.CANCELLED.next());
    }

    @Test
    public void onlySourcingJobsTakeApplicationsAndEndedJobsCannotBePublished() {
        for (JobStatus s : JobStatus.values()) {
            assertEquals(s == JobStatus.SOURCING, s.acceptsApplications());
        }
        assertFalse(JobStatus.FILLED.publishable());
        assertFalse(JobStatus.CANCELLED.publishable());
        assertTrue(JobStatus.CREATED.publishable());
    }

    @Test
    public void referenceListsHaveStableIdsAndLabels() {
        assertEquals("Computer Software", JobReference.find(JobReference.INDUSTRIES, "computer_software").get().label());
        assertTrue(JobReference.find(JobReference.FUNCTIONS, "alchemy").isEmpty());
        assertEquals(7, JobReference.EXPERIENCE_LEVELS.size());
        assertTrue(JobReference.find(JobReference.EXPERIENCE_LEVELS, null).isEmpty());
    }
}
