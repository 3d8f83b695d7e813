package dev.teamcredits.common.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The transactional outbox relay: how often and how much it publishes. */
@ConfigMapping(prefix = "teamcredits.outbox")
public interface OutboxConfig {

    /** Whether this service relays its outbox to Kafka (services that publish nothing turn it off). */
    @WithDefault("true")
    boolean enabled();

    /** How often the relay looks for new rows (read by the relay's schedule; the scheduler's minimum is 1s). */
    @WithDefault("1s")
    String pollInterval();

    /** Most events published in one relay transaction. */
    @WithDefault("500")
    int batchSize();

    /** How long published rows are kept for inspection before cleanup. */
    @WithDefault("P7D")
    Duration retention();
}
