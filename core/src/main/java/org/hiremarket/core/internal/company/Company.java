package org.hiremarket.core.internal.company;

import java.time.Instant;

/**
 * A company as services and the REST layer see it.
 *
 * @param id        opaque id
 * @param name      display name
 * @param createdAt when it was created
 */
public record Company(String id, String name, Instant createdAt) {

    static Company of(CompanyEntity e) {
        return new Company(e.getId(), e.getName(), Instant.ofEpochMilli(e.getCreatedAt()));
    }
}
