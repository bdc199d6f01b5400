package org.hiremarket.core.internal.rest;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A resource method that commits in several steps around a call into plugin code (the partner
 * account check, re-activation, a vendor told of a disconnect or a cancellation): its work cannot
 * run in one transaction with the {@code Idempotency-Key} record, so the key is reserved first
 * and its answer stored afterwards ({@link IdempotentInvoker}).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@interface CommitsInSteps {
}
