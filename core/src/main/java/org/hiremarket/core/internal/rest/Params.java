package org.hiremarket.core.internal.rest;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

import org.hiremarket.core.internal.common.ApiException;
import org.hiremarket.core.internal.common.PageRequest;

/** Reads query parameters so that a bad value is a 400 naming the parameter, not a 404. */
final class Params {

    private Params() {
    }

    static PageRequest page(String offset, String limit) {
        return PageRequest.of(integer("offset", offset), integer("limit", limit));
    }

    static Integer integer(String name, String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(raw.trim());
        } catch (NumberFormatException e) {
            throw ApiException.validation(name, "must be a whole number");
        }
    }

    static <E extends Enum<E>> E enumValue(String name, String raw, Class<E> type) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, raw.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiException.validation(name, "must be one of " + Arrays.stream(type.getEnumConstants())
                    .map(Enum::name).collect(Collectors.joining(", ")));
        }
    }

    static <T> T body(T body) {
        if (body == null) {
            throw ApiException.badRequest("a JSON body is required");
        }
        return body;
    }
}
