package org.hiremarket.core.internal.candidate;

/** Where an application came from; the source is credited for the hire. */
public enum SourceType {
    /** Entered by the hiring team or an integration through the API (the default). */
    API,
    /** The company's public career site. */
    CAREER_SITE,
    /** An employee applying through the employee portal. */
    EMPLOYEE,
    /** Referred by an employee. */
    REFERRAL,
    /** A job board. */
    JOB_BOARD,
    /** A recruiting agency. */
    AGENCY,
    /** Sourced by a recruiter (LinkedIn search, event, ...). */
    SOURCED
}
