package dev.teamcredits.usage.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The usage service's settings (operator clients are common's {@code teamcredits.operators.clients}). */
@ConfigMapping(prefix = "usage")
public interface UsageConfig {

    Unusual unusual();

    /** The thresholds of the unusual-usage rule, {@code dev.teamcredits.usage.domain.UnusualUsageRule}. */
    interface Unusual {

        @WithDefault("3.0")
        double factor();

        @WithDefault("7")
        int trailingDays();

        @WithDefault("100")
        long minCredits();
    }
}
