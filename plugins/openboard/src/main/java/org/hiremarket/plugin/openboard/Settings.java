package org.hiremarket.plugin.openboard;

import java.util.Locale;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The checked, immutable form of an {@link OpenBoardConfig}. The connector swaps the whole object
 * when the configuration changes, so a call always sees one consistent set of values. Tests build
 * it directly.
 *
 * @param mode               which behaviour the board simulates
 * @param slowMs             how long publish and unpublish block in {@link Mode#SLOW}, at least 0
 * @param applicationsPerAd  how many applicants OpenBoard sends for every new ad, 0 to 20
 * @param applicationDelayMs time from an ad going live to its first application, and between two
 *                           applications, at least 0
 */
record Settings(Mode mode, long slowMs, int applicationsPerAd, long applicationDelayMs) {

    private static final Logger LOG = LoggerFactory.getLogger(Settings.class);

    static final int MAX_APPLICATIONS_PER_AD = 20;

    /** What the demo board simulates. */
    enum Mode {
        /** Takes, updates and withdraws ads. */
        NORMAL,
        /** Answers publish and unpublish only after {@code slow.ms}. */
        SLOW,
        /** The board is down: publish and unpublish fail with a retryable error. */
        FAIL,
        /** The board takes no new ads (a non-retryable refusal); updates and withdrawals still work. */
        REFUSE
    }

    static final Settings DEFAULTS = new Settings(Mode.NORMAL, 30_000, 2, 2000);

    Settings {
        mode = mode == null ? Mode.NORMAL : mode;
        slowMs = Math.max(0, slowMs);
        applicationsPerAd = Math.max(0, Math.min(MAX_APPLICATIONS_PER_AD, applicationsPerAd));
        applicationDelayMs = Math.max(0, applicationDelayMs);
    }

    static Settings from(OpenBoardConfig config) {
        int perAd = config.applications_per_ad();
        if (perAd < 0 || perAd > MAX_APPLICATIONS_PER_AD) {
            LOG.warn("OpenBoard: applications.per.ad {} in {} is outside 0..{}; using {}", perAd, OpenBoardConfig.PID,
                    MAX_APPLICATIONS_PER_AD, Math.max(0, Math.min(MAX_APPLICATIONS_PER_AD, perAd)));
        }
        return new Settings(mode(config.mode()), config.slow_ms(), perAd, config.application_delay_ms());
    }

    /** @return the mode named {@code value}; an unknown name is logged and means {@link Mode#NORMAL} */
    static Mode mode(String value) {
        String name = value == null ? "" : value.strip().toUpperCase(Locale.ROOT);
        for (Mode m : Mode.values()) {
            if (m.name().equals(name)) {
                return m;
            }
        }
        LOG.warn("OpenBoard: unknown mode '{}' in {}; expected normal, slow, fail or refuse; using normal", value,
                OpenBoardConfig.PID);
        return Mode.NORMAL;
    }
}
