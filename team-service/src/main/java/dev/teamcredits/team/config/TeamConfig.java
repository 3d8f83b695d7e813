package dev.teamcredits.team.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Map;

/** Plans, invitation and default org settings: numbers are configuration, not code. */
@ConfigMapping(prefix = "team")
public interface TeamConfig {

    /** Terms of each plan with team accounts, keyed by plan name; BASIC has none ({@link TeamPlansProducer}). */
    Map<String, PlanConfig> plans();

    Invitations invitations();

    Defaults defaults();

    interface PlanConfig {

        /** Members plus pending invitations an org on this plan may have. */
        int memberLimit();

        /** Subscription credits granted into the pool at each cycle start. */
        long monthlyAllocation();

        /** Whether unused subscription credits roll over for one cycle. */
        boolean rollover();
    }

    interface Invitations {

        /** How long an invitation can be accepted. */
        @WithDefault("P7D")
        Duration ttl();
    }

    interface Defaults {

        /** Whether a new org lets spends fall back to members' personal balances. */
        @WithDefault("true")
        boolean personalFallback();

        /** Whether a new org only admits invitees of the inviting admin's email domain. */
        @WithDefault("true")
        boolean sameDomainOnly();
    }
}
