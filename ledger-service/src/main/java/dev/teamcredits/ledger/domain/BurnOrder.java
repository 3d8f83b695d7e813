package dev.teamcredits.ledger.domain;

import java.util.Comparator;
import java.util.List;

/**
 * The order in which an account's credits are spent, transferred or held: kind by its burn rank
 * ({@code SUBSCRIPTION}, {@code ROLLOVER}, {@code FREE}, {@code TOP_UP}), then the earliest expiry
 * (never expiring last), then the oldest lot.
 */
public final class BurnOrder {

    public static final Comparator<Lot> LOTS = Comparator.comparingInt((Lot l) -> l.kind.burnRank())
            .thenComparing(l -> l.expiresAt, Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(l -> l.createdAt)
            .thenComparing(l -> l.id);

    private BurnOrder() {
    }

    public static void sort(List<Lot> lots) {
        lots.sort(LOTS);
    }
}
