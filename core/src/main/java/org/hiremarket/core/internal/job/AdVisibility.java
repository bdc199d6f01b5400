package org.hiremarket.core.internal.job;

/** Who sees a published job ad (employee portal rules). */
public enum AdVisibility {
    /** Everyone: the public job list, the employee portal, job boards. */
    PUBLIC,
    /** The company's own employees only, in the employee portal. */
    INTERNAL,
    /** Nobody outside the hiring team: applications only by invitation or referral through the API. */
    PRIVATE
}
