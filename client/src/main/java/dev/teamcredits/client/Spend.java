package dev.teamcredits.client;

import java.util.List;

/**
 * What a spend charged and from where, with the balances right after it.
 *
 * @param transactionId the journal transaction ({@code null} for a zero-priced action)
 * @param amount        credits charged (price × quantity)
 * @param sources       pool, member and personal amounts, in the order they were drawn
 * @param pool          the pool after the spend, when it was drawn from
 * @param member        the member balance after, when drawn from
 * @param personal      the personal balance after, when drawn from
 * @param replayed      true when this is the stored answer of an earlier call with the same key: nothing was charged
 *                      again
 */
public record Spend(String transactionId, String userId, String action, long quantity, long amount,
        List<SourceAmount> sources, BalanceView pool, BalanceView member, BalanceView personal, boolean replayed) {

    /** Credits drawn from accounts of this kind ({@code POOL}, {@code MEMBER}, {@code PERSONAL}). */
    public long drawnFrom(String kind) {
        return sources == null ? 0 : sources.stream().filter(s -> kind.equals(s.account().kind()))
                .mapToLong(SourceAmount::amount).sum();
    }
}
