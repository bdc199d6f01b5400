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

    @AttributeDefinition(description = "Seconds a client has to send its whole request body; the body is read"
            + " without holding a thread, and a slower client is answered 408.")
    int body_read_timeout_seconds() default 20;

    @AttributeDefinition(description = "Slowest a request body may arrive, in bytes per second (checked from its"
            + " first second on); a slower one is answered 408 and the connection closed. 0 turns the check off.")
    int min_body_bytes_per_second() default 512;

    @AttributeDefinition(description = "Requests one client address may have in progress at once (including those"
            + " still sending their body); more are answered 429. 0 turns the limit off.")
    int max_requests_per_address() default 64;

    @AttributeDefinition(description = "Bytes of request bodies all clients together may have in memory while they"
            + " are received; a body that would go over it is answered 503. 0 turns the limit off.")
    long max_buffered_body_bytes() default 134_217_728L;

    @AttributeDefinition(description = "Failed authentications (bad API key or token) one client address may make"
            + " per minute; more are answered 429 with Retry-After. 0 turns the limit off.")
    int auth_failures_per_minute() default 600;

    @AttributeDefinition(description = "Failed authentications a client address may make in a burst above the"
            + " per-minute rate.")
    int auth_failures_burst() default 100;

    @AttributeDefinition(description = "Public base URL of the API host (e.g. https://api.example.com), used for"
            + " Location headers. Empty: the address and port the request arrived on. The request's Host header is"
            + " never used.")
    String public_base_url() default "";
}
