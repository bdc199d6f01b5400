package org.hiremarket.core.internal.common;

import java.util.ArrayList;
import java.util.List;

/**
 * Validated {@code limit}/{@code offset} of a list request.
 *
 * @param offset index of the first item, 0 or more
 * @param limit  page size, 1 to {@link #MAX_LIMIT}
 */
public record PageRequest(int offset, int limit) {

    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 100;

    /** Reads the raw query values, throwing a validation problem when they are out of range. */
    public static PageRequest of(Integer offset, Integer limit) {
        List<FieldError> errors = new ArrayList<>();
        int o = offset == null ? 0 : offset;
        int l = limit == null ? DEFAULT_LIMIT : limit;
        if (o < 0) {
            errors.add(new FieldError("offset", "must be 0 or more"));
        }
        if (l < 1 || l > MAX_LIMIT) {
            errors.add(new FieldError("limit", "must be between 1 and " + MAX_LIMIT));
        }
        if (!errors.isEmpty()) {
            throw ApiException.validation(errors);
        }
        return new PageRequest(o, l);
    }
}
