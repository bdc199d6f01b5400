package org.hiremarket.core.internal.rest;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the REST API (PID {@code org.hiremarket.api}, file {@code etc/org.hiremarket.api.cfg}). */
@ObjectClassDefinition(name = "HireMarket REST API", description = "Request limits and idempotency of the REST API")
public @interface ApiConfig {

    String PID = "org.hiremarket.api";

    @AttributeDefinition(description = "Requests per second each credential (API key, OAuth client, session) may make on"
            + " average; anonymous calls are limited per client address. 0 turns rate limiting off.")
    int rate_limit_per_second() default 100;

    @AttributeDefinition(description = "Requests a credential may make in a burst above the average rate.")
    int rate_limit_burst() default 200;

    @AttributeDefinition(description = "Largest request body accepted, in bytes; larger bodies are answered 413.")
    int max_body_bytes() default 1_048_576;

    @AttributeDefinition(description = "Hours an Idempotency-Key is remembered.")
    int idempotency_retention_hours() default 24;
}
