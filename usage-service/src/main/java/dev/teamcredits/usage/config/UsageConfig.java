package dev.teamcredits.usage.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The unusual-usage rule (operator clients are common's {@code teamcredits.operators.clients}). */
@ConfigMapping(prefix = "usage")
public interface UsageConfig {

    Unusual unusual();

    /**
     * A member's day is unusual when its credits reach {@code minCredits} and exceed {@code factor}
     * times their average daily credits over the {@code trailingDays} before it (a member with no
     * usage in that window has no average to compare with, so is never flagged).
     */
    interface Unusual {

        @WithDefault("3.0")
        double factor();

        @WithDefault("7")
        int trailingDays();

        @WithDefault("100")
        long minCredits();
    }
}
