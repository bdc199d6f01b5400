package org.hiremarket.core.internal.identity;

import static org.hiremarket.core.internal.identity.Scope.ASSESSMENTS_MANAGE;
import static org.hiremarket.core.internal.identity.Scope.ASSESSMENTS_READ;
import static org.hiremarket.core.internal.identity.Scope.CANDIDATES_MANAGE;
import static org.hiremarket.core.internal.identity.Scope.CANDIDATES_READ;
import static org.hiremarket.core.internal.identity.Scope.CREDENTIALS_MANAGE;
import static org.hiremarket.core.internal.identity.Scope.EMPLOYEE_PORTAL;
import static org.hiremarket.core.internal.identity.Scope.INTEGRATIONS_MANAGE;
import static org.hiremarket.core.internal.identity.Scope.JOBS_MANAGE;
import static org.hiremarket.core.internal.identity.Scope.JOBS_READ;
import static org.hiremarket.core.internal.identity.Scope.USERS_MANAGE;
import static org.hiremarket.core.internal.identity.Scope.USERS_READ;

import java.util.EnumSet;
import java.util.Set;

/** The five standard system roles every company has, and what each may do. */
public enum SystemRole {
    /** Runs the account: users, credentials, integrations, and everything else. */
    ADMINISTRATOR(EnumSet.of(USERS_READ, USERS_MANAGE, JOBS_READ, JOBS_MANAGE, CANDIDATES_READ, CANDIDATES_MANAGE,
            INTEGRATIONS_MANAGE, ASSESSMENTS_READ, ASSESSMENTS_MANAGE, CREDENTIALS_MANAGE)),
    /** Recruiter: manages jobs and candidates, orders assessments. */
    EXTENDED(EnumSet.of(USERS_READ, JOBS_READ, JOBS_MANAGE, CANDIDATES_READ, CANDIDATES_MANAGE, ASSESSMENTS_READ,
            ASSESSMENTS_MANAGE)),
    /** Hiring team member: works with candidates of existing jobs. */
    STANDARD(EnumSet.of(USERS_READ, JOBS_READ, CANDIDATES_READ, CANDIDATES_MANAGE, ASSESSMENTS_READ)),
    /** Interviewer: reads what they are shown. */
    RESTRICTED(EnumSet.of(JOBS_READ, CANDIDATES_READ, ASSESSMENTS_READ)),
    /** An employee: the employee portal only. */
    EMPLOYEE(EnumSet.of(EMPLOYEE_PORTAL));

    private final Set<Scope> scopes;

    SystemRole(Set<Scope> scopes) {
        this.scopes = Set.copyOf(scopes);
    }

    public Set<Scope> scopes() {
        return scopes;
    }
}
