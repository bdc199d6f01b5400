package org.hiremarket.core.internal.common;

import java.util.List;

/**
 * A failure the caller can act on, answered as an RFC 9457 problem. Services throw it; the REST
 * layer maps it to {@code application/problem+json} and the console prints its detail.
 */
public class ApiException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String type;
    private final String title;
    private final transient List<FieldError> errors;

    public ApiException(int status, String type, String title, String detail, List<FieldError> errors) {
        super(detail);
        this.status = status;
        this.type = type;
        this.title = title;
        this.errors = errors == null ? List.of() : List.copyOf(errors);
    }

    public static ApiException validation(List<FieldError> errors) {
        String detail = errors.size() == 1 ? errors.get(0).field() + ": " + errors.get(0).message()
                : errors.size() + " fields are invalid";
        return new ApiException(400, "validation-error", "Your request is not valid", detail, errors);
    }

    public static ApiException validation(String field, String message) {
        return validation(List.of(new FieldError(field, message)));
    }

    public static ApiException badRequest(String detail) {
        return new ApiException(400, "bad-request", "Bad request", detail, null);
    }

    public static ApiException notFound(String what, String id) {
        return new ApiException(404, "not-found", "Not found", what + " '" + id + "' does not exist", null);
    }

    public static ApiException conflict(String type, String title, String detail) {
        return new ApiException(409, type, title, detail, null);
    }

    public static ApiException unauthorized(String detail) {
        return new ApiException(401, "unauthorized", "Authentication required", detail, null);
    }

    public int status() {
        return status;
    }

    /** @return the short problem type slug, documented in docs/rest-api.md or docs/assessments.md */
    public String type() {
        return type;
    }

    public String title() {
        return title;
    }

    public String detail() {
        return getMessage();
    }

    public List<FieldError> errors() {
        return errors;
    }

    /** @return extra response headers this problem needs, such as {@code Retry-After} */
    public java.util.Map<String, String> headers() {
        return java.util.Map.of();
    }
}
