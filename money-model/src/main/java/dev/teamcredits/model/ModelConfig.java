package dev.teamcredits.model;

import java.util.Map;

/**
 * The configuration the model shares with the ledger under test.
 *
 * @param prices               credits per unit of each action (e.g. PAGE_SCRAPE=1, EXPORT=0)
 * @param freeCredits          FREE credits a personal balance receives when it opens
 * @param maxTtlSeconds        the longest reservation TTL
 * @param maxOpenTopUpRequests top-up requests an account may have awaiting payment at once
 */
public record ModelConfig(Map<String, Long> prices, long freeCredits, long maxTtlSeconds, int maxOpenTopUpRequests) {

    /** Every amount in the API is at most this. */
    public static final long MAX_AMOUNT = 1_000_000_000_000L;

    /** The ledger's default limit of open top-up requests per account. */
    public static final int DEFAULT_MAX_OPEN_TOP_UP_REQUESTS = 20;

    /** The ledger's default price list. */
    public static final Map<String, Long> DEFAULT_PRICES = Map.of("PAGE_SCRAPE", 1L, "ENRICHMENT", 1L,
            "EMAIL_FINDING", 1L, "EXPORT", 0L, "TAG", 0L, "NOTE", 0L, "SAVE_ROW", 0L);

    /** With the ledger's default limit of open top-up requests. */
    public ModelConfig(Map<String, Long> prices, long freeCredits, long maxTtlSeconds) {
        this(prices, freeCredits, maxTtlSeconds, DEFAULT_MAX_OPEN_TOP_UP_REQUESTS);
    }
}
