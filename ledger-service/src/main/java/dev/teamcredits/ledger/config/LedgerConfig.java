package dev.teamcredits.ledger.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Prices, trusted backends and limits of the ledger: configuration, not code. */
@ConfigMapping(prefix = "ledger")
public interface LedgerConfig {

    /** Credits per unit of each action, e.g. {@code PAGE_SCRAPE=1}; an action not listed is refused. */
    Map<String, Long> prices();

    /** OAuth client ids (token {@code azp}) of backends allowed to spend on a member's behalf. */
    List<String> trustedClients();

    /**
     * OAuth client ids (token {@code azp}) of the billing backend: the only callers that record purchases and
     * decline top-up requests, and nothing else.
     */
    @WithDefault("billing-backend")
    List<String> billingClients();

    /** Available credits below which a pool or member balance raises a low-balance event. */
    @WithDefault("100")
    long lowBalanceThreshold();

    /** Free credits a user's personal balance receives when it is first created. */
    @WithDefault("0")
    long freeCredits();

    Spends spends();

    Reservations reservations();

    TopUps topUps();

    /** Top-up requests: what the billing backend is asked for. */
    interface TopUps {

        /** How long a request waits to be completed or declined before it expires. */
        @WithDefault("PT24H")
        Duration requestTtl();

        /** How often requests past their expiry are ended (read by the schedule). */
        @WithDefault("10s")
        String expiryInterval();

        /** Requests awaiting payment an account may have at once; one more is refused (409). */
        @WithDefault("20")
        int maxOpenPerAccount();
    }

    CycleClose cycles();

    interface CycleClose {

        /** How often to look for orgs whose cycle has ended (read by the schedule). */
        @WithDefault("60s")
        String checkInterval();
    }

    interface Spends {

        /** Most spends applied in one database transaction (of one org or of several). */
        @WithDefault("256")
        int maxBatch();

        /**
         * Batches that may run at once: each org belongs to one lane, and a lane commits one batch at
         * a time. More lanes mean smaller batches and more database connections busy.
         */
        @WithDefault("8")
        int lanes();

        /**
         * Spends that may wait in one lane; a request that would go past it is refused whole with 503
         * and Retry-After, before anything of it is queued, so memory stays bounded under overload.
         */
        @WithDefault("20000")
        int maxQueued();

        /**
         * Spends of one org that may wait (in its lane), so one flooding org cannot take a lane it
         * shares with others; refused the same way. At least one batch request's worth (1,000).
         */
        @WithDefault("5000")
        int maxQueuedPerOrg();

        /**
         * Longest a single spend waits in its lane before its batch starts; past it, it is answered 503
         * with Retry-After and not applied, so admitted spends keep a bounded latency under overload
         * (items of a bulk request never expire: that request is answered or refused whole).
         */
        @WithDefault("PT2S")
        Duration maxWait();
    }

    interface Reservations {

        @WithDefault("PT5M")
        Duration defaultTtl();

        @WithDefault("PT24H")
        Duration maxTtl();

        /**
         * How often lapsed reservations are released (read by the schedule): a hold's credits are available
         * again at most this long after its TTL, plus the release itself.
         */
        @WithDefault("1s")
        String expiryInterval();

        /** How many lapsed reservations one transaction of the expiry job releases; it repeats until none is left. */
        @WithDefault("500")
        int expiryBatch();
    }
}
