package org.hiremarket.core.internal.rest;

import java.util.List;

import org.hiremarket.core.internal.common.FieldError;

/**
 * An RFC 9457 problem document ({@code application/problem+json}).
 *
 * @param type   {@code urn:hiremarket:problem:<slug>}; every slug is listed in docs/rest-api.md
 *               (those of assessments in docs/assessments.md)
 * @param title  short summary of the problem type
 * @param status the HTTP status
 * @param detail what went wrong this time
 * @param errors for validation problems, one entry per bad field
 */
public record Problem(String type, String title, int status, String detail, List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";
    public static final String TYPE_PREFIX = "urn:hiremarket:problem:";

    public static Problem of(int status, String slug, String title, String detail, List<FieldError> errors) {
        return new Problem(TYPE_PREFIX + slug, title, status, detail,
                errors == null || errors.isEmpty() ? null : errors);
    }
}
