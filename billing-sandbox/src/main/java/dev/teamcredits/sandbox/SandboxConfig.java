package dev.teamcredits.sandbox;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The sandbox's settings (README); the ledger's address and the OIDC client are Quarkus settings. */
@ConfigMapping(prefix = "sandbox")
public interface SandboxConfig {

    /** How long the "payment" takes: the wait between a request and its settlement. */
    @WithDefault("1s")
    Duration delay();

    /** Amounts above this many credits are declined. */
    @WithDefault("100000")
    long declineAbove();

    /** The price of one credit, in minor units of {@link #currency()}. */
    @WithDefault("1")
    long pricePerCreditMinor();

    @WithDefault("EUR")
    String currency();

    Retry retry();

    /** A ledger that cannot be reached or answers 5xx is asked again, waiting twice as long each time up to the max. */
    interface Retry {
        @WithDefault("0.5s")
        Duration initialBackoff();

        @WithDefault("30s")
        Duration maxBackoff();
    }

    default SandboxRules rules() {
        return new SandboxRules(declineAbove(), pricePerCreditMinor(), currency());
    }
}
