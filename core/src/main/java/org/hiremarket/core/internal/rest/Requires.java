package org.hiremarket.core.internal.rest;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.hiremarket.core.internal.identity.Scope;

/** The scope a resource method (or every method of a resource class) needs. */
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.TYPE, ElementType.METHOD })
@interface Requires {
    Scope value();
}
