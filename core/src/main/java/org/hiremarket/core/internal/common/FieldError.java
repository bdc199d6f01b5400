package org.hiremarket.core.internal.common;

/**
 * One problem with one input field, as listed in a validation problem response.
 *
 * @param field   the JSON path of the field, for example {@code fields.accountId}
 * @param message what is wrong, in a sentence
 */
public record FieldError(String field, String message) {
}
