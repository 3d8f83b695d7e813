package dev.teamcredits.common.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The transactional outbox relay: when and how much it publishes. */
@ConfigMapping(prefix = "teamcredits.outbox")
public interface OutboxConfig {

    /** Whether this service relays its outbox to Kafka (services that publish nothing turn it off). */
    @WithDefault("true")
    boolean enabled();

    /**
     * The fallback poll: how often the relay looks for rows that no commit notification announced
     * (one lost while its LISTEN connection was down, or left by a failed round). Commits wake the
     * relay at once, so this bounds only those cases. Read by the relay's schedule: at least 1s, or
     * {@code off}.
     */
    @WithDefault("10s")
    String pollInterval();

    /** Most events published in one relay transaction. */
    @WithDefault("500")
    int batchSize();
}
