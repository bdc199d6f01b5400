package org.hiremarket.api.agency;

import java.util.Objects;

/**
 * The agency took the assignment.
 *
 * @param agencyReference the agency's own id of the assignment
 */
public record AssignmentReceipt(String agencyReference) {

    public AssignmentReceipt {
        Objects.requireNonNull(agencyReference, "agencyReference");
    }
}
