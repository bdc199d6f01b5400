package org.hiremarket.core.internal.company;

import java.time.Instant;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * What may be shown of a stored API key: never the key itself.
 *
 * @param id        opaque id of the record
 * @param keyId     the public part of the key ({@code hm_<keyId>_...})
 * @param label     the admin's label
 * @param createdAt when it was created
 * @param revokedAt when it was revoked, or {@code null}
 */
public record ApiKeyInfo(@Schema(required = true) String id, @Schema(required = true) String keyId, @Schema(required = true) String label, @Schema(required = true) Instant createdAt, Instant revokedAt) {

    static ApiKeyInfo of(ApiKeyEntity e) {
        return new ApiKeyInfo(e.getId(), e.getKeyId(), e.getLabel(), Instant.ofEpochMilli(e.getCreatedAt()),
                e.getRevokedAt() == null ? null : Instant.ofEpochMilli(e.getRevokedAt()));
    }
}
