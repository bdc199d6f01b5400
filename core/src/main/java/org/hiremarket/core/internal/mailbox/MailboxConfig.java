package org.hiremarket.core.internal.mailbox;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration PID {@code org.hiremarket.mailbox} ({@code etc/org.hiremarket.mailbox.cfg}). */
@ObjectClassDefinition(name = "HireMarket delivery mailbox",
        description = "How the calls the host owes plugins (assessment orders, job-board postings, agency assignments) are delivered")
public @interface MailboxConfig {

    String PID = "org.hiremarket.mailbox";

    @AttributeDefinition(name = "First retry (ms)",
            description = "Wait before the first retry of a call the plugin did not acknowledge; doubles per attempt, with jitter",
            min = "10")
    long retry_initial_ms() default 1000;

    @AttributeDefinition(name = "Longest retry wait (ms)", description = "Cap of the growing wait between retries",
            min = "100")
    long retry_max_ms() default 300_000;

    @AttributeDefinition(name = "Give up after (hours)",
            description = "An order, posting or agency assignment no plugin acknowledged for this long fails with the last error", min = "1")
    int delivery_max_hours() default 72;

    @AttributeDefinition(name = "Delivery threads",
            description = "Calls delivered to plugins at the same time (each plugin is also limited by the marketplace's per-integration limit)",
            min = "1", max = "256")
    int delivery_threads() default 16;

    @AttributeDefinition(name = "Dispatcher idle check (ms)",
            description = "How often the mailbox looks for due calls when nothing woke it", min = "50")
    long dispatch_interval_ms() default 1000;
}
