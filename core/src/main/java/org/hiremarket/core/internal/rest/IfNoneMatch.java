package org.hiremarket.core.internal.rest;

import java.util.List;

/**
 * {@code If-None-Match} of a GET as RFC 9110 §13.1.2 evaluates it: the condition is false (the
 * answer is 304 Not Modified) when the field is {@code *} or lists an entity tag that matches the
 * current one by weak comparison ({@code W/"x"} matches {@code "x"}). The field is a list, and may
 * come on several lines.
 *
 * <p>CXF 3.5's {@code Request.evaluatePreconditions(EntityTag)} does not do this job: it reads each
 * line as one tag (it does not split header lists by default), so {@code "a", "b"} matches nothing,
 * and it compares the weak flag too, so a tag a compressing proxy handed on as {@code W/"x"} never
 * matches.
 */
final class IfNoneMatch {

    static final String HEADER = "If-None-Match";

    private IfNoneMatch() {
    }

    /**
     * @param lines   the field's lines as received ({@code null} or none without the field)
     * @param current the current representation's entity tag, without its quotes
     * @return whether the field names the current representation (answer 304)
     */
    static boolean matches(List<String> lines, String current) {
        if (lines == null) {
            return false;
        }
        for (String line : lines) {
            if (line != null && matchesLine(line, current)) {
                return true;
            }
        }
        return false;
    }

    /** One line: {@code *}, or entity tags separated by commas; a malformed member matches nothing. */
    static boolean matchesLine(String field, String current) {
        int i = 0;
        while (i < field.length()) {
            char c = field.charAt(i);
            if (c == ',' || c == ' ' || c == '\t') {
                i++;
                continue;
            }
            int quote = field.startsWith("W/", i) ? i + 2 : i;
            if (quote < field.length() && field.charAt(quote) == '"') {
                int end = field.indexOf('"', quote + 1);
                if (end < 0) {
                    return false;
                }
                if (field.substring(quote + 1, end).equals(current)) {
                    return true;
                }
                i = end + 1;
            } else {
                int comma = field.indexOf(',', i);
                int next = comma < 0 ? field.length() : comma;
                if (field.substring(i, next).trim().equals("*")) {
                    return true;
                }
                i = next;
            }
        }
        return false;
    }
}
