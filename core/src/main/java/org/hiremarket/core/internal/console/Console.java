package org.hiremarket.core.internal.console;

import java.util.function.Supplier;

import org.hiremarket.core.internal.common.ApiException;

/** Shared handling for commands: a refused request prints its reason, not a stack trace. */
final class Console {

    private Console() {
    }

    static <T> T run(Supplier<T> work) {
        try {
            return work.get();
        } catch (ApiException e) {
            StringBuilder sb = new StringBuilder(e.detail());
            e.errors().forEach(f -> sb.append(System.lineSeparator()).append("  ").append(f.field()).append(": ")
                    .append(f.message()));
            throw new IllegalArgumentException(sb.toString());
        }
    }
}
