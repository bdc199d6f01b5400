package org.hiremarket.plugin.talentbridge;

import java.util.Locale;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The checked, immutable form of a {@link TalentBridgeConfig}; the connector swaps the whole object
 * when the configuration changes. Tests build it directly.
 */
record Settings(Mode mode, long slowMs, int candidatesPerAssignment, long candidateDelayMs) {

    private static final Logger LOG = LoggerFactory.getLogger(Settings.class);

    static final int MAX_CANDIDATES = 20;

    /** What the demo agency simulates. */
    enum Mode {
        /** Takes and cancels assignments. */
        NORMAL,
        /** Answers only after {@code slow.ms}. */
        SLOW,
        /** TalentBridge is down: every call fails with a retryable error. */
        FAIL,
        /** TalentBridge takes no new assignments (a non-retryable refusal); replays and cancellations work. */
        REFUSE
    }

    static final Settings DEFAULTS = new Settings(Mode.NORMAL, 30_000, 2, 2000);

    Settings {
        mode = mode == null ? Mode.NORMAL : mode;
        slowMs = Math.max(0, slowMs);
        candidatesPerAssignment = Math.max(0, Math.min(MAX_CANDIDATES, candidatesPerAssignment));
        candidateDelayMs = Math.max(0, candidateDelayMs);
    }

    static Settings from(TalentBridgeConfig config) {
        return new Settings(mode(config.mode()), config.slow_ms(), config.candidates_per_assignment(),
                config.candidate_delay_ms());
    }

    /** @return the mode named {@code value}; an unknown name is logged and means {@link Mode#NORMAL} */
    static Mode mode(String value) {
        String name = value == null ? "" : value.strip().toUpperCase(Locale.ROOT);
        for (Mode m : Mode.values()) {
            if (m.name().equals(name)) {
                return m;
            }
        }
        LOG.warn("TalentBridge: unknown mode '{}' in {}; expected normal, slow, fail or refuse; using normal", value,
                TalentBridgeConfig.PID);
        return Mode.NORMAL;
    }
}
