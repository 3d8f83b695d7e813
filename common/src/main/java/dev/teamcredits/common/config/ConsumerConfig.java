package dev.teamcredits.common.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Min;
import java.time.Duration;

/**
 * How consumers treat an event they can read but not apply (common's {@code ParkedEvents}): tried this many
 * times with backoff, then parked. Transient database errors are retried without limit, with the same backoff, and
 * never count as attempts.
 */
@ConfigMapping(prefix = "teamcredits.consumers")
public interface ConsumerConfig {

    /** Attempts to apply a readable event, the first included, before it is parked. */
    @WithDefault("5")
    @Min(1)
    int attempts();

    /** The wait before the second attempt; it doubles (with jitter) for each further one, up to {@link #maxBackoff}. */
    @WithDefault("PT0.5S")
    Duration initialBackoff();

    /** The longest wait between two attempts. */
    @WithDefault("PT10S")
    Duration maxBackoff();
}
