package org.hiremarket.core.internal.assessment;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Configuration PID {@code org.hiremarket.assessments} ({@code etc/org.hiremarket.assessments.cfg}).
 * How orders are delivered (retries, threads) is the mailbox's: {@code org.hiremarket.mailbox}.
 */
@ObjectClassDefinition(name = "HireMarket assessment orders", description = "How orders reach assessment vendors")
public @interface AssessmentConfig {

    String PID = "org.hiremarket.assessments";

    @AttributeDefinition(name = "Status poll interval (s)",
            description = "How often open orders of vendors that support polling are polled; 0 turns polling off",
            min = "0")
    int poll_interval_seconds() default 60;

    @AttributeDefinition(name = "Package list cache (s)",
            description = "How long a connection's package list from the vendor is reused when orders are placed",
            min = "0")
    int package_cache_seconds() default 60;
}
