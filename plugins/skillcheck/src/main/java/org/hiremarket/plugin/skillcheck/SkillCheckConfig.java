package org.hiremarket.plugin.skillcheck;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/**
 * How the demo vendor behaves. Configuration PID {@code org.hiremarket.plugin.skillcheck}, so
 * {@code etc/org.hiremarket.plugin.skillcheck.cfg} in Karaf; every key is optional. DS turns the
 * {@code _} in the method names into {@code .}: {@code completion_delay_ms()} is the key
 * {@code completion.delay.ms}.
 */
@ObjectClassDefinition(name = "SkillCheck demo vendor",
        description = "How fast the demo vendor SkillCheck completes orders, and which outage it simulates")
public @interface SkillCheckConfig {

    String PID = "org.hiremarket.plugin.skillcheck";

    @AttributeDefinition(name = "Completion delay (ms)",
            description = "Time from acknowledging an order to reporting its result; the candidate starts "
                    + "(IN_PROGRESS) after half of it", min = "0")
    long completion_delay_ms() default 3000;

    @AttributeDefinition(name = "Mode", description = "normal; fail: the vendor is down (retryable errors); "
            + "slow: every order takes slow.ms to answer; reject: the vendor refuses new orders",
            options = { @Option(label = "normal", value = "normal"), @Option(label = "fail", value = "fail"),
                    @Option(label = "slow", value = "slow"), @Option(label = "reject", value = "reject") })
    String mode() default "normal";

    @AttributeDefinition(name = "Slow answer (ms)", description = "How long placeOrder blocks in slow mode",
            min = "0")
    long slow_ms() default 30_000;

    @AttributeDefinition(name = "Report threads", description = "How many reports SkillCheck sends at once",
            min = "1", max = "64")
    int report_threads() default 4;

    @AttributeDefinition(name = "Push results", description = "true: SkillCheck sends progress and results to "
            + "HireMarket as they happen; false: it only keeps them, and HireMarket learns of them when it polls")
    boolean push_results() default true;
}
