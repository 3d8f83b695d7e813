package dev.teamcredits.ledger.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class BurnOrderTest {

    @Test
    void subscriptionThenRolloverThenFreeThenTopUpWithinAKindEarliestExpiryFirstAndNeverLast() {
        Account a = Accounts.pool();
        Accounts.lot(a, LotKind.TOP_UP, null, 1);
        Accounts.lot(a, LotKind.FREE, null, 2);
        Accounts.lot(a, LotKind.SUBSCRIPTION, null, 3);
        Accounts.lot(a, LotKind.ROLLOVER, Accounts.CYCLE_END, 4);
        Accounts.lot(a, LotKind.SUBSCRIPTION, Accounts.NEXT_END, 5);
        Accounts.lot(a, LotKind.SUBSCRIPTION, Accounts.CYCLE_END, 6);
        assertEquals(List.of(6L, 5L, 3L, 4L, 2L, 1L), a.lots.stream().map(l -> l.remaining).toList());
    }

    @Test
    void theRankIsExplicitNotTheDeclarationOrder() {
        assertEquals(List.of(0, 1, 2, 3), List.of(LotKind.SUBSCRIPTION.burnRank(), LotKind.ROLLOVER.burnRank(),
                LotKind.FREE.burnRank(), LotKind.TOP_UP.burnRank()));
    }

    @Test
    void withinAKindAndExpiryTheOldestLotGoesFirst() {
        Account a = Accounts.pool();
        Lot older = Accounts.lot(a, LotKind.TOP_UP, null, 1);
        Lot newer = Accounts.lot(a, LotKind.TOP_UP, null, 2);
        assertEquals(List.of(older, newer), a.lots);
    }
}
