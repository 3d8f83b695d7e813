package dev.teamcredits.usage.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The usage service's settings (operator clients are common's {@code teamcredits.operators.clients}). */
@ConfigMapping(prefix = "usage")
public interface UsageConfig {

    Unusual unusual();

    Rebuild rebuild();

    /** The thresholds of the unusual-usage rule, {@code dev.teamcredits.usage.domain.UnusualUsageRule}. */
    interface Unusual {

        @WithDefault("3.0")
        double factor();

        @WithDefault("7")
        int trailingDays();

        @WithDefault("100")
        long minCredits();
    }

    /** The rebuild from the topics ({@code dev.teamcredits.usage.service.RebuildService}). */
    interface Rebuild {

        /**
         * The topics' retention (30 days in production). Used only for a partition that retention emptied: its
         * records were at least this old, so only cycles since then can be recomputed.
         */
        @WithDefault("P30D")
        Duration topicRetention();
    }
}
