package org.hiremarket.plugin.openboard;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/**
 * How the demo board behaves. Configuration PID {@code org.hiremarket.plugin.openboard}, so
 * {@code etc/org.hiremarket.plugin.openboard.cfg} in Karaf; every key is optional. DS turns the
 * {@code _} in the method names into {@code .}: {@code slow_ms()} is the key {@code slow.ms}.
 */
@ObjectClassDefinition(name = "OpenBoard demo job board",
        description = "Which trouble the demo job board OpenBoard simulates, and how many applicants it sends")
public @interface OpenBoardConfig {

    String PID = "org.hiremarket.plugin.openboard";

    @AttributeDefinition(name = "Mode", description = "normal; slow: publish and unpublish answer after slow.ms; "
            + "fail: the board is down (retryable errors); refuse: the board takes no new ads (updates and "
            + "withdrawals still work)",
            options = { @Option(label = "normal", value = "normal"), @Option(label = "slow", value = "slow"),
                    @Option(label = "fail", value = "fail"), @Option(label = "refuse", value = "refuse") })
    String mode() default "normal";

    @AttributeDefinition(name = "Slow answer (ms)", description = "How long publish and unpublish block in slow mode",
            min = "0")
    long slow_ms() default 30_000;

    @AttributeDefinition(name = "Applications per ad",
            description = "How many applicants OpenBoard sends for every new ad", min = "0", max = "20")
    int applications_per_ad() default 2;

    @AttributeDefinition(name = "Application delay (ms)",
            description = "Time from an ad going live to its first application, and between applications", min = "0")
    long application_delay_ms() default 2000;
}
