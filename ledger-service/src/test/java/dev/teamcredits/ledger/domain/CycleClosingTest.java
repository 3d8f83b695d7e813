package dev.teamcredits.ledger.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CycleClosingTest {

    /** Subscription ending now, top-up, reserved, rollover plan → the account's credits after the close. */
    @ParameterizedTest(name = "subscription {0}, top-up {1}, reserved {2}, rollover {3} → {4}")
    @CsvSource({
            "100, 30, 0, false, TOP_UP=30",
            "100, 30, 0, true, ROLLOVER@next=100 TOP_UP=30",
            "100, 30, 50, false, SUBSCRIPTION@end=20 TOP_UP=30",
            "100, 30, 20, false, TOP_UP=30",
            "100, 30, 50, true, ROLLOVER@next=100 TOP_UP=30",
            "100, 0, 100, false, SUBSCRIPTION@end=100" })
    void subscriptionCreditsExpireOrRollOverExceptWhatHoldsNeed(long subscription, long topUp, long reserved,
            boolean rollover, String after) {
        Account a = Accounts.pool();
        a.asOf(Accounts.CYCLE_START.minusSeconds(86_400 * 30L), Accounts.CYCLE_START);
        Accounts.lot(a, LotKind.SUBSCRIPTION, Accounts.CYCLE_END, subscription);
        Accounts.lot(a, LotKind.TOP_UP, null, topUp);
        a.reserved = reserved;
        Postings p = Accounts.postings();
        if (rollover) {
            CycleClosing.rollOver(p, a, Accounts.CYCLE_END, Accounts.NEXT_END);
        }
        CycleClosing.expire(p, a, Accounts.CYCLE_END);
        p.checkBalanced();
        assertEquals(after, String.join(" ", a.creditsByKindAndExpiry().stream().map(c -> c.kind()
                + (c.expiresAt() == null ? "" : c.expiresAt().equals(Accounts.CYCLE_END) ? "@end" : "@next") + "="
                + c.remaining()).toList()));
    }

    /** mode, amount, member available, pool available → moved. */
    @ParameterizedTest(name = "{0} {1} with member {2}, pool {3} → {4}")
    @CsvSource({ "TOP_UP_TO, 30, 10, 100, 20", "TOP_UP_TO, 30, 40, 100, 0", "ADD, 30, 40, 100, 30",
            "ADD, 30, 0, 12, 12", "TOP_UP_TO, 30, 0, 0, 0" })
    void recurringAllocationsComeFromThePoolAsFarAsItGoes(CycleClosing.Mode mode, long amount, long member,
            long pool, long moved) {
        Account p = Accounts.pool();
        Accounts.lot(p, LotKind.TOP_UP, null, pool);
        Account m = Accounts.member("u1");
        Accounts.lot(m, LotKind.TOP_UP, null, member);
        Postings postings = Accounts.postings();
        CycleClosing.allocate(postings, p, m, mode, amount);
        postings.checkBalanced();
        assertEquals(List.of(member + moved, pool - moved), List.of(m.balance, p.balance));
    }
}
