package dev.teamcredits.ledger.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Expiry is absolute: past-expiry credits are never drawn, back holds first, and expire once no hold needs them. */
class ExpiryTest {

    private static final Instant PAST = Instant.parse("2026-11-30T00:00:00Z"); // the current cycle's start

    /** valid, past expiry (closed over), reserved → available, closed-over credits no hold needs. */
    @ParameterizedTest(name = "valid {0}, past expiry {1}, reserved {2} → available {3}, excess {4}")
    @CsvSource({ "100, 0, 0, 100, 0", "100, 0, 30, 70, 0", "100, 30, 30, 100, 0", "100, 30, 10, 100, 20",
            "100, 30, 50, 80, 0", "0, 30, 30, 0, 0", "0, 30, 0, 0, 30", "20, 30, 40, 10, 0" })
    void heldCreditsAreBackedByPastExpiryOnesFirst(long valid, long past, long reserved, long available,
            long excess) {
        Account a = Accounts.pool();
        Accounts.lot(a, LotKind.TOP_UP, null, valid);
        Accounts.lot(a, LotKind.SUBSCRIPTION, PAST, past);
        a.reserved = reserved;
        assertEquals(available, a.available());
        assertEquals(excess, a.closedOverExcess());
    }

    @Test
    void aDrawNeverTakesCreditsPastTheirExpiry() {
        Account a = Accounts.pool();
        Lot expired = Accounts.lot(a, LotKind.SUBSCRIPTION, PAST, 50);
        Lot topUp = Accounts.lot(a, LotKind.TOP_UP, null, 10);
        Postings p = Accounts.postings();
        Postings.Tx tx = p.begin(TransactionType.SPEND, Accounts.ORG, 10, "u", null, null, java.util.Map.of());
        p.spend(tx, a, 10);
        assertEquals(50, expired.remaining);
        assertEquals(0, topUp.remaining);
        assertThrows(IllegalStateException.class, () -> p.spend(tx, a, 1));
        p.checkBalanced();
    }

    @Test
    void creditsAHoldKeptExpireAtOnceWhenItEnds() {
        Account a = Accounts.pool();
        Accounts.lot(a, LotKind.SUBSCRIPTION, PAST, 40);
        Accounts.lot(a, LotKind.SUBSCRIPTION, Accounts.NEXT_END, 100);
        a.reserved = 40;
        Postings p = Accounts.postings();
        p.unhold(a, 40);
        assertEquals(40, p.expireUnheld(a));
        assertEquals(List.of(100L), a.lots.stream().map(l -> l.remaining).toList());
        assertEquals(100, a.balance);
        p.checkBalanced();
    }
}
