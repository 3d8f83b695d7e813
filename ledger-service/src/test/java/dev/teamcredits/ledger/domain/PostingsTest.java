package dev.teamcredits.ledger.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PostingsTest {

    @Test
    void aTransferMovesLotsWithTheirKindAndExpiryAndBalances() {
        Account pool = Accounts.pool();
        Accounts.lot(pool, LotKind.SUBSCRIPTION, Accounts.CYCLE_END, 30);
        Accounts.lot(pool, LotKind.TOP_UP, null, 50);
        Account member = Accounts.member("u1");
        Postings p = Accounts.postings();
        p.transfer(pool, member, 40, "r", null, "admin", "Admin", true);
        p.checkBalanced();
        assertEquals(List.of(new Account.Credits(LotKind.SUBSCRIPTION, Accounts.CYCLE_END, 30),
                new Account.Credits(LotKind.TOP_UP, null, 10)), member.creditsByKindAndExpiry());
        assertEquals(40, pool.balance);
        assertEquals(40, member.balance);
        assertEquals(40, member.cycleIn);
        assertEquals(true, p.isReversible(p.transactions().get(0)));
    }

    @Test
    void anUnbalancedTransactionIsRefusedBeforeAnythingIsWritten() {
        Account pool = Accounts.pool();
        Accounts.lot(pool, LotKind.TOP_UP, null, 50);
        Postings p = Accounts.postings();
        Postings.Tx tx = p.begin(TransactionType.TRANSFER, Accounts.ORG, 5, "a", null, null, Map.of());
        p.draw(tx, pool, 5); // drawn, deposited nowhere
        assertThrows(IllegalStateException.class, p::checkBalanced);
    }

    @Test
    void aHoldCannotExceedWhatIsAvailable() {
        Account pool = Accounts.pool();
        Accounts.lot(pool, LotKind.TOP_UP, null, 5);
        Postings p = Accounts.postings();
        p.hold(pool, 5);
        assertThrows(IllegalStateException.class, () -> p.hold(pool, 1));
        assertEquals(0, pool.available());
    }

    @Test
    void aDepartingMembersWholeBalanceGoesToThePoolAndTheirAutoTopUpEnds() {
        Account pool = Accounts.pool();
        Account member = Accounts.member("u1");
        Accounts.lot(member, LotKind.SUBSCRIPTION, Accounts.CYCLE_END, 7);
        Accounts.lot(member, LotKind.TOP_UP, null, 3);
        member.autoTopUp = new Account.AutoTopUp(10, 5, 1, 0, null, true, 0);
        Postings p = Accounts.postings();
        MemberDeparture.endSettings(member);
        MemberDeparture.sweep(p, member, pool);
        p.checkBalanced();
        assertEquals(0, member.balance);
        assertEquals(10, pool.balance);
        assertEquals(null, member.autoTopUp);
        assertEquals(false, p.isReversible(p.transactions().get(0)));
    }
}
