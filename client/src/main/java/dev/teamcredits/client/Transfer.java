package dev.teamcredits.client;

import java.time.Instant;

/**
 * A transfer, or its preview.
 *
 * @param transactionId null for a preview
 * @param preview       true when nothing was written
 * @param reversalOf    the transfer this one reverses, if it is a reversal
 * @param from          the source's balance after it
 * @param to            the destination's balance after it
 * @param replayed      the answer of an earlier call with the same key
 */
public record Transfer(String transactionId, boolean preview, long amount, String reason, String reversalOf,
        BalanceView from, BalanceView to, Instant at, boolean replayed) {
}
