package org.hiremarket.core.internal.assessment;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration PID {@code org.hiremarket.assessments} ({@code etc/org.hiremarket.assessments.cfg}). */
@ObjectClassDefinition(name = "HireMarket assessment orders", description = "How orders reach assessment vendors")
public @interface AssessmentConfig {

    String PID = "org.hiremarket.assessments";

    @AttributeDefinition(name = "First retry (ms)",
            description = "Wait before the first retry of an order the vendor did not acknowledge; doubles per attempt, with jitter",
            min = "10")
    long retry_initial_ms() default 1000;

    @AttributeDefinition(name = "Longest retry wait (ms)", description = "Cap of the growing wait between retries",
            min = "100")
    long retry_max_ms() default 300_000;

    @AttributeDefinition(name = "Give up after (hours)",
            description = "An order no vendor acknowledged for this long fails with the last error", min = "1")
    int delivery_max_hours() default 72;

    @AttributeDefinition(name = "Delivery threads",
            description = "Orders delivered to vendors at the same time (each vendor is also limited by the marketplace's per-integration limit)",
            min = "1", max = "256")
    int delivery_threads() default 16;

    @AttributeDefinition(name = "Dispatcher idle check (ms)",
            description = "How often the mailbox looks for due orders when nothing woke it", min = "50")
    long dispatch_interval_ms() default 1000;

    @AttributeDefinition(name = "Status poll interval (s)",
            description = "How often open orders of vendors that support polling are polled; 0 turns polling off",
            min = "0")
    int poll_interval_seconds() default 60;

    @AttributeDefinition(name = "Package list cache (s)",
            description = "How long a connection's package list from the vendor is reused when orders are placed",
            min = "0")
    int package_cache_seconds() default 60;
}
