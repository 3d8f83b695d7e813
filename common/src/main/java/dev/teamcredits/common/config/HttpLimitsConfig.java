package dev.teamcredits.common.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How much HTTP work a replica takes on at once, for every service. */
@ConfigMapping(prefix = "teamcredits.http")
public interface HttpLimitsConfig {

    /**
     * API requests served at once on a replica; one more is answered 503 at once. What waits inside a
     * saturated replica is this many requests, so it bounds their latency too (in-flight ÷ throughput).
     */
    @WithDefault("512")
    int maxInFlight();
}
