package org.hiremarket.core.internal.common;

import java.util.List;
import java.util.function.Function;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * One page of a list, as every list endpoint answers it.
 *
 * @param totalFound how many items match, over all pages
 * @param offset     the index of the first item of this page
 * @param limit      the page size asked for
 * @param content    the items
 */
public record Page<T>(@Schema(required = true) long totalFound, @Schema(required = true) int offset, @Schema(required = true) int limit, @Schema(required = true) List<T> content) {

    public <R> Page<R> map(Function<T, R> mapper) {
        return new Page<>(totalFound, offset, limit, content.stream().map(mapper).toList());
    }

    /** Cuts one page out of a complete list held in memory. */
    public static <T> Page<T> of(List<T> all, PageRequest request) {
        int from = Math.min(request.offset(), all.size());
        int to = Math.min(from + request.limit(), all.size());
        return new Page<>(all.size(), request.offset(), request.limit(), List.copyOf(all.subList(from, to)));
    }
}
