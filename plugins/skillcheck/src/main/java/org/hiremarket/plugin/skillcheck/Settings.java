package org.hiremarket.plugin.skillcheck;

import java.util.Locale;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The checked, immutable form of a {@link SkillCheckConfig}. The connector swaps the whole object
 * when the configuration changes, so a call always sees one consistent set of values. Tests build
 * it directly.
 *
 * @param completionDelayMs time from the acknowledgement to the final report, at least 0
 * @param mode              which behaviour the vendor simulates
 * @param slowMs            how long {@code placeOrder} blocks in {@link Mode#SLOW}, at least 0
 * @param pushResults       whether progress and results are sent through the host's callback; if not,
 *                          the host learns of them only by polling
 */
record Settings(long completionDelayMs, Mode mode, long slowMs, boolean pushResults) {

    private static final Logger LOG = LoggerFactory.getLogger(Settings.class);

    /** What the demo vendor simulates. */
    enum Mode {
        /** Takes orders and completes them after the delay. */
        NORMAL,
        /** The vendor is down: orders and status requests fail with a retryable error. */
        FAIL,
        /** The vendor answers orders only after {@code slow.ms}. */
        SLOW,
        /** The vendor refuses every new order for good. */
        REJECT
    }

    static final Settings DEFAULTS = new Settings(3000, Mode.NORMAL, 30_000, true);

    Settings {
        completionDelayMs = Math.max(0, completionDelayMs);
        mode = mode == null ? Mode.NORMAL : mode;
        slowMs = Math.max(0, slowMs);
    }

    static Settings from(SkillCheckConfig config) {
        return new Settings(config.completion_delay_ms(), mode(config.mode()), config.slow_ms(), config.push_results());
    }

    /** @return the mode named {@code value}; an unknown name is logged and means {@link Mode#NORMAL} */
    static Mode mode(String value) {
        String name = value == null ? "" : value.strip().toUpperCase(Locale.ROOT);
        for (Mode m : Mode.values()) {
            if (m.name().equals(name)) {
                return m;
            }
        }
        LOG.warn("SkillCheck: unknown mode '{}' in {}; expected normal, fail, slow or reject; using normal", value,
                SkillCheckConfig.PID);
        return Mode.NORMAL;
    }
}
