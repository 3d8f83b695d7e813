package dev.teamcredits.model;

import static dev.teamcredits.model.Fixture.ADMIN;
import static dev.teamcredits.model.Fixture.ANCHOR;
import static dev.teamcredits.model.Fixture.CONFIG;
import static dev.teamcredits.model.Fixture.TOP_UP;
import static dev.teamcredits.model.Fixture.U1;
import static dev.teamcredits.model.Fixture.assertRefused;
import static dev.teamcredits.model.Fixture.buckets;
import static dev.teamcredits.model.Fixture.buy;
import static dev.teamcredits.model.Fixture.capture;
import static dev.teamcredits.model.Fixture.close;
import static dev.teamcredits.model.Fixture.join;
import static dev.teamcredits.model.Fixture.ok;
import static dev.teamcredits.model.Fixture.org;
import static dev.teamcredits.model.Fixture.release;
import static dev.teamcredits.model.Fixture.reserve;
import static dev.teamcredits.model.Fixture.roll;
import static dev.teamcredits.model.Fixture.snapshot;
import static dev.teamcredits.model.Fixture.spend;
import static dev.teamcredits.model.Fixture.sub;
import static dev.teamcredits.model.Fixture.transfer;
import static dev.teamcredits.model.Fixture.view;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CycleCloseTest {

    @Test
    void aCloseOnANonRolloverPlanExpiresSubscriptionCreditsKeepsTopUpsAndGrantsTheNewAllocation() {
        MoneyModel m = org();
        join(m, "u1", true, null);
        buy(m, "pool", 50);
        transfer(m, "pool", "u1", 20);

        Answer answer = close(m);

        assertEquals(new Answer.Closed(ANCHOR, ANCHOR.plusMonths(1), ANCHOR.plusMonths(2), 100,
                new View(Acct.pool(), 150, 0, 150)), answer);
        assertEquals(buckets(sub(2), 100, TOP_UP, 50), m.state(Acct.pool()).buckets());
        assertEquals(buckets(), m.state(Acct.member("u1")).buckets());
        assertEquals(100, m.expired());
        assertEquals(100, m.poolTotalThisCycle());
        assertEquals(1, m.cycle());
        assertEquals(ANCHOR.plusMonths(1), m.cycleStart());
        assertEquals(ANCHOR.plusMonths(2), m.cycleEnd());
    }

    @Test
    void aCloseOnARolloverPlanRollsUnusedSubscriptionCreditsOnceIntoRolloverThatExpiresAtTheNextBoundary() {
        MoneyModel m = org(true, false);
        spend(m, "admin", 30);

        close(m);
        assertEquals(buckets(sub(2), 100, roll(2), 70), m.state(Acct.pool()).buckets());
        assertEquals(170, m.poolTotalThisCycle());

        close(m);
        assertEquals(buckets(sub(3), 100, roll(3), 100), m.state(Acct.pool()).buckets());
        assertEquals(70, m.expired());
        spend(m, "admin", 120);
        assertEquals(buckets(roll(3), 80), m.state(Acct.pool()).buckets());
    }

    @Test
    void heldSubscriptionCreditsRollTooAndStayHeld() {
        MoneyModel m = org(true, false);
        join(m, "u1", true, null);
        reserve(m, U1, null, 40);
        close(m);
        assertEquals(new AccountState(200, 40, 160, buckets(sub(2), 100, roll(2), 100)), m.state(Acct.pool()));
        release(m, U1, "R1");
        assertEquals(0, m.expired());
    }

    @Test
    void creditsHeldAcrossACloseOnANonRolloverPlanStayHeldAndExpireAtOnceWhenTheHoldIsReleased() {
        MoneyModel m = org();
        join(m, "u1", true, null);
        reserve(m, U1, null, 40);

        close(m);
        assertEquals(new AccountState(140, 40, 100, buckets(sub(1), 40, sub(2), 100)), m.state(Acct.pool()));
        assertEquals(60, m.expired());

        release(m, U1, "R1");
        assertEquals(new AccountState(100, 0, 100, buckets(sub(2), 100)), m.state(Acct.pool()));
        assertEquals(100, m.expired());
    }

    @Test
    void aPartialCaptureOfCreditsHeldAcrossACloseChargesValidCreditsAndExpiresTheHeldOnes() {
        MoneyModel m = org();
        join(m, "u1", true, null);
        reserve(m, U1, null, 40);
        close(m);

        assertEquals(new Answer.Captured(40, 10, List.of(new Part(Acct.pool(), 10))), capture(m, U1, "R1", 10));
        assertEquals(new AccountState(90, 0, 90, buckets(sub(2), 90)), m.state(Acct.pool()));
        assertEquals(100, m.expired());
        assertEquals(10, m.poolDrawnThisCycle("u1"));
        assertEquals(10, m.usage("u1", 1).fromPool());
    }

    @Test
    void releasingOneHoldAcrossACloseNeverExpiresCreditsThatBackAnother() {
        MoneyModel m = org();
        reserve(m, ADMIN, null, 60);
        reserve(m, ADMIN, null, 40);
        close(m);
        assertEquals(new AccountState(200, 100, 100, buckets(sub(1), 100, sub(2), 100)), m.state(Acct.pool()));

        release(m, ADMIN, "R1");
        assertEquals(new AccountState(140, 40, 100, buckets(sub(1), 40, sub(2), 100)), m.state(Acct.pool()));
        assertEquals(60, m.expired());
    }

    @Test
    void aCaptureAnswers402AndChangesNothingWhenValidCreditsDoNotCoverIt() {
        MoneyModel m = org();
        join(m, "u1", false, null);
        transfer(m, "pool", "u1", 40);
        reserve(m, U1, null, 40);
        close(m);
        assertEquals(new AccountState(40, 40, 0, buckets(sub(1), 40)), m.state(Acct.member("u1")));
        String before = snapshot(m);

        assertRefused(capture(m, U1, "R1", 10), 402, "insufficient-credits", Map.of("required", 10L, "available", 0L,
                "shortfall", 10L));
        assertEquals(before, snapshot(m));

        transfer(m, "pool", "u1", 5);
        assertRefused(capture(m, U1, "R1", 10), 402, "insufficient-credits", Map.of("required", 10L, "available", 5L,
                "shortfall", 5L));
        assertEquals("ACTIVE", m.reservations().get(0).status());
        ok(capture(m, U1, "R1", 5), Answer.Captured.class);
        assertEquals(new AccountState(0, 0, 0, buckets()), m.state(Acct.member("u1")));
    }

    @Test
    void thePoolTotalAfterACloseIsTheRolloverPlusTheAllocationPlusLaterInflows() {
        MoneyModel m = org(true, false);
        join(m, "u1", true, null);
        spend(m, "admin", 30);
        close(m);
        assertEquals(170, m.poolTotalThisCycle());
        buy(m, "pool", 20);
        transfer(m, "pool", "u1", 40);
        transfer(m, "u1", "pool", 5);
        m.apply(new Op.SetAutoTopUp(ADMIN, "pool", 1000, 8, 1));
        spend(m, "admin", 1);
        assertEquals(1, m.topUpRequests().size());
        assertEquals(170 + 20 + 5, m.poolTotalThisCycle(), "a request is no credit yet");
        Fixture.complete(m, "Q1", 8);
        assertEquals(170 + 20 + 5 + 8, m.poolTotalThisCycle());
    }

    @Test
    void aPlanChangeTakesEffectAtTheNextClose() {
        MoneyModel m = org();
        spend(m, "admin", 30);
        m.apply(new Op.ChangePlan(500, true));
        assertEquals(500, m.monthlyAllocation());
        assertEquals(70, m.state(Acct.pool()).balance());

        assertEquals(500, ok(close(m), Answer.Closed.class).granted());
        assertEquals(buckets(sub(2), 500, roll(2), 70), m.state(Acct.pool()).buckets());
    }

    @Test
    void aCloseStartsFreshUsageAndDrawnCountersAndKeepsPastCyclesReadable() {
        MoneyModel m = org();
        join(m, "u1", true, null);
        spend(m, "u1", 10);
        close(m);
        assertEquals(10, m.usage("u1", 0).fromPool());
        assertEquals(0, m.usage("u1", 1).spends());
        assertEquals(0, m.poolDrawnThisCycle("u1"));
    }

    @Test
    void cycleDatesFromAnAnchorOnThe31stFollowEachMonthsLastDay() {
        LocalDate anchor = LocalDate.of(2024, 1, 31);
        MoneyModel m = new MoneyModel(CONFIG, anchor, 100, false, false);
        assertEquals(List.of(LocalDate.of(2024, 1, 31), LocalDate.of(2024, 2, 29), LocalDate.of(2024, 3, 31),
                LocalDate.of(2024, 4, 30)), List.of(m.cycleStartOf(0), m.cycleStartOf(1), m.cycleStartOf(2),
                m.cycleStartOf(3)));
        Bucket firstAllocation = new Bucket(LotKind.SUBSCRIPTION,
                LocalDate.of(2024, 2, 29).atStartOfDay(ZoneOffset.UTC).toInstant());
        assertEquals(buckets(firstAllocation, 100), m.state(Acct.pool()).buckets());

        close(m);
        Answer second = close(m);
        assertEquals(new Answer.Closed(LocalDate.of(2024, 2, 29), LocalDate.of(2024, 3, 31),
                LocalDate.of(2024, 4, 30), 100, view(m, Acct.pool())), second);
    }

    @Test
    void recurringAllocationsTopUpOrAddFromThePoolInUserNameOrderLimitedByThePool() {
        MoneyModel m = org();
        for (String user : List.of("u3", "u2", "u1")) {
            join(m, user, false, null);
        }
        m.apply(new Op.SetRecurring(ADMIN, "u3", "ADD", 70));
        m.apply(new Op.SetRecurring(ADMIN, "u2", "ADD", 50));
        m.apply(new Op.SetRecurring(ADMIN, "u1", "TOP_UP_TO", 30));

        close(m);

        assertEquals(List.of(
                new MoneyModel.TransferInfo("T1", "pool", "u1", 30, MoneyModel.TransferInfo.Kind.RECURRING, null),
                new MoneyModel.TransferInfo("T2", "pool", "u2", 50, MoneyModel.TransferInfo.Kind.RECURRING, null),
                new MoneyModel.TransferInfo("T3", "pool", "u3", 20, MoneyModel.TransferInfo.Kind.RECURRING, null)),
                m.transfers());
        assertEquals(buckets(sub(2), 30), m.state(Acct.member("u1")).buckets());
        assertEquals(100, m.poolTotalThisCycle());

        buy(m, "pool", 200);
        close(m);
        assertEquals(List.of(30L, 50L, 70L), m.transfers().subList(3, 6).stream().map(t -> t.amount()).toList());
    }

    @Test
    void aTopUpToAllocationMovesNothingWhenTheMemberHasEnough() {
        MoneyModel m = org(true, false);
        join(m, "u1", false, null);
        transfer(m, "pool", "u1", 40);
        m.apply(new Op.SetRecurring(ADMIN, "u1", "TOP_UP_TO", 30));
        close(m);
        assertEquals(1, m.transfers().size());
        assertRefused(m.apply(new Op.SetRecurring(ADMIN, "u1", "DOUBLE", 30)), 400, "validation-failed");
        assertRefused(m.apply(new Op.SetRecurring(ADMIN, "u9", "ADD", 30)), 404, "member-not-found");
        assertRefused(m.apply(new Op.SetRecurring(ADMIN, "pool", "ADD", 30)), 404, "member-not-found");
        assertRefused(m.apply(new Op.SetRecurring(U1, "u1", "ADD", 30)), 403, "admin-required");
    }

    @Test
    void recurringAllocationsGoOnlyToActiveMembersAndEndWithTheMembership() {
        MoneyModel m = org();
        join(m, "u1", false, null);
        join(m, "u2", false, null);
        m.apply(new Op.SetRecurring(ADMIN, "u1", "ADD", 10));
        m.apply(new Op.SetRecurring(ADMIN, "u2", "ADD", 10));
        assertEquals(new Answer.Done(204), m.apply(new Op.DeleteRecurring(ADMIN, "u2")));
        m.apply(new Op.Leave("u1"));
        join(m, "u1", false, null);
        close(m);
        assertEquals(List.of(), m.transfers());
    }
}
