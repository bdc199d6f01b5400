package org.hiremarket.core.internal.marketplace;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration PID {@code org.hiremarket.marketplace} ({@code etc/org.hiremarket.marketplace.cfg}). */
@ObjectClassDefinition(name = "HireMarket marketplace", description = "How the host calls connector plugins")
public @interface MarketplaceConfig {

    String PID = "org.hiremarket.marketplace";

    @AttributeDefinition(name = "Plugin call timeout (ms)",
            description = "Longest time any single call into plugin code may take before it fails", min = "100")
    long plugin_call_timeout_ms() default 10_000;

    @AttributeDefinition(name = "Plugin threads", description = "Size of the executor that runs plugin calls",
            min = "2", max = "256")
    int plugin_threads() default 16;

    @AttributeDefinition(name = "Concurrent calls per integration",
            description = "Calls one integration may have running at once; more fail fast as busy", min = "1")
    int plugin_max_concurrent_calls() default 8;

    @AttributeDefinition(name = "Breaker failure rate (%)",
            description = "Failure rate over the recent calls of one integration that opens its circuit breaker",
            min = "1", max = "100")
    float breaker_failure_rate() default 50;

    @AttributeDefinition(name = "Breaker window", description = "How many recent calls the failure rate is taken over",
            min = "2")
    int breaker_window() default 10;

    @AttributeDefinition(name = "Breaker minimum calls",
            description = "Calls needed in the window before the failure rate may open the breaker", min = "1")
    int breaker_minimum_calls() default 5;

    @AttributeDefinition(name = "Breaker open time (s)",
            description = "How long calls to an integration are paused after its breaker opened; then a few trial calls decide",
            min = "1")
    long breaker_open_seconds() default 30;

    @AttributeDefinition(name = "Secret key file",
            description = "AES key that encrypts partner-account secrets; created on first start")
    String secrets_key_file() default "${karaf.data}/hiremarket/secret.key";
}
