package org.hiremarket.plugin.talentbridge;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/**
 * How the demo agency behaves. Configuration PID {@code org.hiremarket.plugin.talentbridge}, so
 * {@code etc/org.hiremarket.plugin.talentbridge.cfg} in Karaf; every key is optional.
 */
@ObjectClassDefinition(name = "TalentBridge demo agency",
        description = "Which trouble the demo agency TalentBridge simulates, and how many candidates it submits")
public @interface TalentBridgeConfig {

    String PID = "org.hiremarket.plugin.talentbridge";

    @AttributeDefinition(name = "Mode", description = "normal; slow: receiveAssignment and cancelAssignment answer"
            + " after slow.ms; fail: TalentBridge is down (retryable errors); refuse: it takes no new assignments"
            + " (replays and cancellations still work)",
            options = { @Option(label = "normal", value = "normal"), @Option(label = "slow", value = "slow"),
                    @Option(label = "fail", value = "fail"), @Option(label = "refuse", value = "refuse") })
    String mode() default "normal";

    @AttributeDefinition(name = "Slow answer (ms)", description = "How long a call blocks in slow mode", min = "0")
    long slow_ms() default 30_000;

    @AttributeDefinition(name = "Candidates per assignment",
            description = "How many candidates TalentBridge submits to every new assignment", min = "0", max = "20")
    int candidates_per_assignment() default 2;

    @AttributeDefinition(name = "Candidate delay (ms)",
            description = "Time from a new assignment to its first candidate, and between candidates", min = "0")
    long candidate_delay_ms() default 2000;
}
