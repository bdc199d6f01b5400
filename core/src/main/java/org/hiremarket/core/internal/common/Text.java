package org.hiremarket.core.internal.common;

import java.util.List;

/** Validation of free text fields, collecting {@link FieldError}s instead of failing on the first. */
public final class Text {

    private Text() {
    }

    /** A required single-line text: trimmed, 1 to {@code max} characters, no control characters. */
    public static String required(List<FieldError> errors, String field, String value, int max) {
        String v = value == null ? "" : value.trim();
        if (v.isEmpty()) {
            errors.add(new FieldError(field, "is required"));
            return v;
        }
        return check(errors, field, v, max, false);
    }

    /** An optional single-line text: {@code null} or blank become {@code null}. */
    public static String optional(List<FieldError> errors, String field, String value, int max) {
        if (value == null || value.isBlank()) {
            return null;
        }
        return check(errors, field, value.trim(), max, false);
    }

    /** An optional multi-line text (line breaks and tabs allowed). */
    public static String multiline(List<FieldError> errors, String field, String value, int max) {
        if (value == null || value.isBlank()) {
            return null;
        }
        return check(errors, field, value.strip(), max, true);
    }

    private static String check(List<FieldError> errors, String field, String v, int max, boolean multiline) {
        if (v.length() > max) {
            errors.add(new FieldError(field, "must be at most " + max + " characters"));
        } else if (v.chars().anyMatch(c -> Character.isISOControl(c) && !(multiline && (c == '\n' || c == '\r' || c == '\t')))) {
            errors.add(new FieldError(field, "must not contain control characters"));
        }
        return v;
    }
}
