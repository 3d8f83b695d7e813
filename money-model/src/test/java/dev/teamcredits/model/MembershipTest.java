package dev.teamcredits.model;

import static dev.teamcredits.model.Fixture.ADMIN;
import static dev.teamcredits.model.Fixture.BACKEND;
import static dev.teamcredits.model.Fixture.BILLING;
import static dev.teamcredits.model.Fixture.FREE;
import static dev.teamcredits.model.Fixture.TOP_UP;
import static dev.teamcredits.model.Fixture.U1;
import static dev.teamcredits.model.Fixture.assertRefused;
import static dev.teamcredits.model.Fixture.buckets;
import static dev.teamcredits.model.Fixture.buy;
import static dev.teamcredits.model.Fixture.close;
import static dev.teamcredits.model.Fixture.join;
import static dev.teamcredits.model.Fixture.key;
import static dev.teamcredits.model.Fixture.ok;
import static dev.teamcredits.model.Fixture.org;
import static dev.teamcredits.model.Fixture.reserve;
import static dev.teamcredits.model.Fixture.spend;
import static dev.teamcredits.model.Fixture.sub;
import static dev.teamcredits.model.Fixture.transfer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MembershipTest {

    @Test
    void leavingReleasesTheMembersHoldsThenSweepsTheWholeBalanceToThePool() {
        MoneyModel m = org(false, true);
        join(m, "u1", true, 20L);
        transfer(m, "pool", "u1", 50);
        reserve(m, BACKEND, "u1", 75);
        reserve(m, ADMIN, null, 5);

        m.apply(new Op.Leave("u1"));

        assertEquals("RELEASED", m.reservations().get(0).status());
        assertEquals("ACTIVE", m.reservations().get(1).status());
        assertEquals(new AccountState(100, 5, 95, buckets(sub(1), 100)), m.state(Acct.pool()));
        assertEquals(new AccountState(0, 0, 0, buckets()), m.state(Acct.member("u1")));
        assertEquals(new AccountState(10, 0, 10, buckets(FREE, 10)), m.state(Acct.personal("u1")));
        assertEquals(new MoneyModel.TransferInfo("T2", "u1", "pool", 50, MoneyModel.TransferInfo.Kind.SWEEP, null),
                m.transfers().get(1));
        assertEquals(0, m.poolHeld("u1"));
        assertEquals(150, m.poolTotalThisCycle());
        assertEquals(Set.of("admin"), m.activeMembers());
        assertEquals(Set.of("admin", "u1"), m.everJoined());
    }

    @Test
    void heldCreditsPastExpiryExpireWhenTheLeaveReleasesThem() {
        MoneyModel m = org();
        join(m, "u1", false, null);
        transfer(m, "pool", "u1", 30);
        reserve(m, U1, null, 30);
        close(m);
        m.apply(new Op.Leave("u1"));
        assertEquals(1, m.transfers().size());
        assertEquals(100, m.expired());
    }

    @Test
    void aLeaverGetsNothingAndCanDoNothingUntilTheyRejoinEmpty() {
        MoneyModel m = org();
        join(m, "u1", true, null);
        m.apply(new Op.Leave("u1"));
        assertRefused(transfer(m, "pool", "u1", 1), 404, "member-not-found");
        assertRefused(spend(m, "u1", 1), 404, "org-not-found");
        assertRefused(m.apply(new Op.Spend(BACKEND, key(), "u1", "PAGE_SCRAPE", 1, null)), 404, "member-not-found");
        assertFalse(m.poolAccess("u1"));

        join(m, "u1", false, null);
        assertEquals(0, m.state(Acct.member("u1")).balance());
        assertEquals(10, m.state(Acct.personal("u1")).balance());
    }

    @Test
    void aPersonalBalanceOpensOnceWithFreeCreditsAndReadsZeroBeforeThat() {
        MoneyModel m = org();
        assertEquals(new AccountState(0, 0, 0, buckets()), m.state(Acct.personal("u9")));
        Answer purchase = m.apply(new Op.RecordPurchase(BILLING, key(), "pay-1", "personal:u9", 5, null, null, null));
        assertEquals(new Answer.Purchased("P1", null, "pay-1", 5, null, null, new View(Acct.personal("u9"), 15, 0, 15)),
                purchase);
        buy(m, "personal:u9", 5);
        join(m, "u9", false, null);
        assertEquals(buckets(FREE, 10, TOP_UP, 10), m.state(Acct.personal("u9")).buckets());

        m.openPersonal("u8", buckets(TOP_UP, 7));
        join(m, "u8", false, null);
        assertEquals(buckets(TOP_UP, 7), m.state(Acct.personal("u8")).buckets());
        assertEquals(Set.of("admin", "u8", "u9"), m.personalOpened());

        long created = m.created().total();
        m.openPersonal("u8", buckets(TOP_UP, 4));
        assertEquals(buckets(TOP_UP, 4), m.state(Acct.personal("u8")).buckets());
        assertEquals(created - 3, m.created().total());
        assertEquals(new Provenance(0, 0, 0, 0, 4), m.created(Acct.personal("u8")));
    }

    @Test
    void aCopyIsIndependentOfTheModelItCameFrom() {
        MoneyModel m = org();
        join(m, "u1", true, null);
        reserve(m, U1, null, 10);
        MoneyModel copy = m.copy();
        String before = copy.toString();

        spend(m, "u1", 5);
        m.apply(new Op.Capture(U1, "c", "R1", 10));
        close(m);

        assertEquals(before, copy.toString());
        assertNotEquals(before, m.toString());
        assertTrue(copy.apply(new Op.Capture(U1, "c", "R1", 10)) instanceof Answer.Captured);
        assertTrue(before.contains("R1"));
    }

    @Test
    void teamFactsChangeRolesPoolAccessCapsAndFallbackForLaterOperations() {
        MoneyModel m = org();
        join(m, "u1", false, null);
        assertRefused(m.apply(new Op.RequestTopUp(U1, key(), "pool", 1)), 403, "admin-required");
        m.apply(new Op.SetRole("u1", Op.Role.ADMIN));
        m.apply(new Op.SetPoolAccess("u1", true));
        m.apply(new Op.SetPoolCap("u1", 7L));
        m.apply(new Op.SetPersonalFallback(true));
        assertTrue(m.isAdmin("u1"));
        assertEquals(7L, m.poolCap("u1"));
        assertTrue(m.personalFallback());
        ok(m.apply(new Op.RequestTopUp(U1, key(), "pool", 1)), Answer.Requested.class);
        Answer.Spent spent = ok(spend(m, "u1", 12), Answer.Spent.class);
        assertEquals(List.of(new Part(Acct.pool(), 7), new Part(Acct.personal("u1"), 5)), spent.sources());
    }
}
