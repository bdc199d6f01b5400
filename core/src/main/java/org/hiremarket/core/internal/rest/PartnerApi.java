package org.hiremarket.core.internal.rest;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A resource of the partner realm: its methods take partner credentials only (a partner session
 * or a Marketplace API token), never a company's; every other resource takes company credentials
 * only. The resource decides the realm, never the credential.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@interface PartnerApi {
}
