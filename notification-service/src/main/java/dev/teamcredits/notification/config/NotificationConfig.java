package dev.teamcredits.notification.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How email and webhook deliveries are retried, and how the live stream keeps connections open. */
@ConfigMapping(prefix = "notification")
public interface NotificationConfig {

    Email email();

    Webhook webhook();

    Stream stream();

    /** Email deliveries: retried with exponential backoff, then marked FAILED. */
    interface Email {

        /** Attempts before an email is given up (FAILED). */
        @WithDefault("8")
        int maxAttempts();

        /** Wait before the second attempt; doubles on each further failure. */
        @WithDefault("PT5S")
        Duration initialBackoff();

        @WithDefault("PT10M")
        Duration maxBackoff();

        /** How often the sender looks for due emails. */
        @WithDefault("PT1S")
        Duration pollInterval();
    }

    /** Webhook deliveries: retried with exponential backoff, then dead-lettered for an admin to re-drive. */
    interface Webhook {

        /** Attempts before a delivery becomes DEAD. */
        @WithDefault("6")
        int maxAttempts();

        /** Wait before the second attempt; doubles on each further failure. */
        @WithDefault("PT10S")
        Duration initialBackoff();

        @WithDefault("PT30M")
        Duration maxBackoff();

        /** How long a receiver may take to answer one attempt. */
        @WithDefault("PT10S")
        Duration timeout();

        /** How often the sender looks for due deliveries. */
        @WithDefault("PT1S")
        Duration pollInterval();

        /**
         * Hosts webhooks may reach even over plain HTTP and on internal addresses (loopback, private
         * ranges): for local development and tests only. Empty in production.
         */
        java.util.Optional<java.util.Set<String>> allowedHosts();
    }

    /** The Server-Sent Events stream. */
    interface Stream {

        /** A comment line this often keeps proxies from closing an idle stream. */
        @WithDefault("PT20S")
        Duration heartbeat();

        /** Streams one user may hold open on a replica (tabs, devices); one more is refused with 429. */
        @WithDefault("5")
        int maxPerUser();

        /** Streams a replica holds open in all; one more is refused with 503 and Retry-After. */
        @WithDefault("2000")
        int maxConnections();

        /**
         * Events written to a connection and not yet taken by its client; past it the connection is
         * closed (a client that stopped reading must not hold memory; it reconnects and re-reads the inbox).
         */
        @WithDefault("64")
        int maxUnsent();
    }
}
