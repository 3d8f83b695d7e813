package dev.teamcredits.ledger.rest.dto;

import java.time.Instant;

/**
 * Credits of one kind and expiry in an account (lots of the same kind and expiry are summed), listed
 * in burn order: what is spent first comes first.
 *
 * @param kind      SUBSCRIPTION, ROLLOVER, FREE or TOP_UP
 * @param expiresAt null = never
 */
public record LotView(String kind, Instant expiresAt, long remaining) {
}
