package dev.teamcredits.ledger.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WaterfallTest {

    /** pool, pool room (cap), member, personal (-1 = no fallback), amount → shares pool/member/personal or refused. */
    @ParameterizedTest(name = "pool {0} room {1} member {2} personal {3}: {4} → {5}")
    @CsvSource({
            "100, 1000, 10, 5, 20, 20/0/0",
            "15, 1000, 10, 5, 20, 15/5/0",
            "15, 1000, 3, 5, 20, 15/3/2",
            "100, 4, 10, 5, 19, 4/10/5",
            "100, 0, 10, 5, 12, 0/10/2",
            "15, 1000, 3, -1, 20, refused 18",
            "0, 1000, 0, 0, 1, refused 0",
            "15, 1000, 3, 5, 0, 0/0/0" })
    void thePoolWithinTheCapThenTheMemberBalanceThenPersonal(long pool, long room, long member, long personal,
            long amount, String expected) {
        Account p = Accounts.pool();
        Accounts.lot(p, LotKind.TOP_UP, null, pool);
        Account m = Accounts.member("u1");
        Accounts.lot(m, LotKind.TOP_UP, null, member);
        Account own = Accounts.account(AccountKey.personal("u1"));
        Accounts.lot(own, LotKind.TOP_UP, null, Math.max(0, personal));
        Waterfall.Plan plan = Waterfall.plan(amount, p, room, m, personal < 0 ? null : own);
        if (expected.startsWith("refused")) {
            assertFalse(plan.covers());
            assertEquals(Long.parseLong(expected.substring(8)), plan.available());
            return;
        }
        long[] shares = new long[3];
        List<Account> order = List.of(p, m, own);
        plan.parts().forEach(part -> shares[order.indexOf(part.account())] = part.amount());
        assertEquals(expected, shares[0] + "/" + shares[1] + "/" + shares[2]);
    }

    @ParameterizedTest(name = "cap {0}, drawn {1}, held {2} → room {3}")
    @CsvSource({ ", 50, 50, " + Long.MAX_VALUE, "100, 0, 0, 100", "100, 60, 30, 10", "100, 60, 50, 0",
            "100, 150, 0, 0" })
    void thePoolCapCountsTheCyclesDrawsAndOpenHolds(Long cap, long drawn, long held, long room) {
        assertEquals(room, PoolCap.room(cap, drawn, held));
    }
}
