package org.hiremarket.core.internal.agency;

/** The call the host owes an agency connected through a bundle for one assignment. */
public enum AssignmentCall {
    /** {@code receiveAssignment}: the agency takes the job (idempotent by the assignment id). */
    ASSIGN,
    /** {@code cancelAssignment}: the customer cancelled the assignment (or disconnected the agency). */
    CANCEL
}
