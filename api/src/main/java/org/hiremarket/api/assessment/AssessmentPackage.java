package org.hiremarket.api.assessment;

import java.util.Objects;

/**
 * One assessment a vendor sells.
 *
 * @param id              the vendor's stable id of the package
 * @param name            display name
 * @param description     what it measures
 * @param durationMinutes how long the candidate needs, 0 when unknown
 */
public record AssessmentPackage(String id, String name, String description, int durationMinutes) {

    public AssessmentPackage {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        description = description == null ? "" : description;
    }
}
