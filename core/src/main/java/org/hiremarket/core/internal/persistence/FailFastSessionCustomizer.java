package org.hiremarket.core.internal.persistence;

import org.eclipse.persistence.config.SessionCustomizer;
import org.eclipse.persistence.sessions.DatabaseLogin;
import org.eclipse.persistence.sessions.Session;

/**
 * EclipseLink's reaction to a connection that fails (set in persistence.xml as
 * {@code eclipselink.session.customizer}). By default it retries a failed query up to three times,
 * sleeping 5 s before each reconnect: with the database gone, every call took 10 s or more and
 * then failed anyway. Here a failure surfaces at once; {@link DatabaseHealth} answers 503 and
 * brings the database back, and the pool validates connections when they are borrowed, so a retry
 * would not find a better connection than the next call does.
 */
public class FailFastSessionCustomizer implements SessionCustomizer {

    @Override
    public void customize(Session session) {
        if (session.getDatasourceLogin() instanceof DatabaseLogin login) {
            login.setQueryRetryAttemptCount(0);
            login.setDelayBetweenConnectionAttempts(0);
        }
    }
}
