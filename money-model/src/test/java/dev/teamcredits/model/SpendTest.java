package dev.teamcredits.model;

import static dev.teamcredits.model.Fixture.ADMIN;
import static dev.teamcredits.model.Fixture.BACKEND;
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
import static dev.teamcredits.model.Fixture.roll;
import static dev.teamcredits.model.Fixture.snapshot;
import static dev.teamcredits.model.Fixture.spend;
import static dev.teamcredits.model.Fixture.sub;
import static dev.teamcredits.model.Fixture.transfer;
import static dev.teamcredits.model.Fixture.view;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class SpendTest {

    @Test
    void burnOrderIsSubscriptionThenRolloverThenFreeThenTopUpAndTheEarliestExpiryFirst() {
        List<Bucket> shuffled = new ArrayList<>(List.of(TOP_UP, FREE, roll(2), sub(2), sub(1)));
        shuffled.sort(Bucket.BURN_ORDER);
        assertEquals(List.of(sub(1), sub(2), roll(2), FREE, TOP_UP), shuffled);

        MoneyModel m = org();
        buy(m, "pool", 50);
        spend(m, "admin", 120);
        assertEquals(buckets(TOP_UP, 30), m.state(Acct.pool()).buckets());
    }

    @Test
    void aPersonalBalanceSpendsItsFreeCreditsBeforeItsTopUps() {
        MoneyModel m = org(false, true);
        join(m, "u1", false, null);
        buy(m, "personal:u1", 5);
        spend(m, "u1", 12);
        assertEquals(buckets(TOP_UP, 3), m.state(Acct.personal("u1")).buckets());
    }

    @Test
    void spendTakesThePoolFirstThenTheMemberBalanceThenPersonal() {
        MoneyModel m = org(false, true);
        join(m, "u1", true, null);
        transfer(m, "pool", "u1", 20);

        Answer answer = spend(m, "u1", 105);

        List<Part> sources = List.of(new Part(Acct.pool(), 80), new Part(Acct.member("u1"), 20),
                new Part(Acct.personal("u1"), 5));
        assertEquals(new Answer.Spent(105, sources, new View(Acct.pool(), 0, 0, 0),
                new View(Acct.member("u1"), 0, 0, 0), new View(Acct.personal("u1"), 5, 0, 5)), answer);
        assertEquals(80, m.poolDrawnThisCycle("u1"));
    }

    @Test
    void withoutPoolAccessOrPersonalFallbackThoseSourcesAreSkipped() {
        MoneyModel m = org(false, false);
        join(m, "u1", false, null);
        transfer(m, "pool", "u1", 5);

        assertRefused(spend(m, "u1", 6), 402, "insufficient-credits",
                Map.of("required", 6L, "available", 5L, "shortfall", 1L));
        Answer.Spent spent = ok(spend(m, "u1", 5), Answer.Spent.class);
        assertEquals(List.of(new Part(Acct.member("u1"), 5)), spent.sources());
        assertEquals(null, spent.personal());
    }

    @Test
    void notEnoughCreditsAnywhereIs402WithTheShortfallAndChargesNothing() {
        MoneyModel m = org(false, true);
        join(m, "u1", true, null);
        String before = snapshot(m);

        assertRefused(spend(m, "u1", 111), 402, "insufficient-credits",
                Map.of("required", 111L, "available", 110L, "shortfall", 1L));
        assertEquals(before, snapshot(m));
    }

    @Test
    void thePoolCapCountsTheCyclesDrawsPlusOpenPoolHolds() {
        MoneyModel m = org();
        join(m, "u1", true, 30L);
        spend(m, "u1", 10);
        reserve(m, U1, null, 15);

        assertRefused(spend(m, "u1", 6), 402, "insufficient-credits",
                Map.of("required", 6L, "available", 5L, "shortfall", 1L));
        ok(spend(m, "u1", 5), Answer.Spent.class);
        assertEquals(15, m.poolDrawnThisCycle("u1"));
        assertEquals(15, m.poolHeld("u1"));
    }

    @Test
    void openPoolHoldsStillCountAgainstTheCapAfterACloseButTheOldCyclesDrawsDoNot() {
        MoneyModel m = org();
        join(m, "u1", true, 30L);
        spend(m, "u1", 10);
        reserve(m, U1, null, 15);
        close(m);

        assertEquals(0, m.poolDrawnThisCycle("u1"));
        assertEquals(15, m.poolHeld("u1"));
        assertRefused(spend(m, "u1", 16), 402, "insufficient-credits",
                Map.of("required", 16L, "available", 15L, "shortfall", 1L));
        ok(spend(m, "u1", 15), Answer.Spent.class);
    }

    @Test
    void spendsCountInTheMembersUsageOfTheCycleAndZeroPricedSpendsCountWithNoSources() {
        MoneyModel m = org();
        join(m, "u1", true, null);
        transfer(m, "pool", "u1", 10);
        m.apply(new Op.Spend(BACKEND, key(), "u1", "ENRICHMENT", 95, null));
        Answer.Spent export = ok(m.apply(new Op.Spend(U1, key(), null, "EXPORT", 3, null)), Answer.Spent.class);
        Answer.Spent noEmail = ok(m.apply(new Op.Spend(U1, key(), "u1", "EMAIL_FINDING", 1, false)),
                Answer.Spent.class);

        assertEquals(0, export.amount());
        assertEquals(List.of(), export.sources());
        assertEquals(0, noEmail.amount());
        TreeMap<String, Usage.ByAction> byAction = new TreeMap<>(Map.of("ENRICHMENT", new Usage.ByAction(95, 1),
                "EXPORT", new Usage.ByAction(0, 1), "EMAIL_FINDING", new Usage.ByAction(0, 1)));
        assertEquals(new Usage(90, 5, 0, 3, byAction), m.usage("u1", 0));
        assertEquals(new Usage(0, 0, 0, 0, new TreeMap<>()), m.usage("u1", 1));
    }

    @Test
    void aValidEmailFindingIsCharged() {
        MoneyModel m = org();
        Answer.Spent found = ok(m.apply(new Op.Spend(ADMIN, key(), null, "EMAIL_FINDING", 1, true)),
                Answer.Spent.class);
        assertEquals(1, found.amount());
    }

    @Test
    void whoIsChargedComesFirstThenThePriceThenMembership() {
        MoneyModel m = new MoneyModel(new ModelConfig(Map.of("BIG", 3L, "PAGE_SCRAPE", 1L), 0, 60),
                LocalDate.of(2025, 1, 1), 100, false, false);
        m.apply(new Op.Join("admin", Op.Role.ADMIN, true, null));
        String before = snapshot(m);

        assertRefused(m.apply(new Op.Spend(BACKEND, key(), null, "NOPE", 0, null)), 400, "user-id-required");
        assertRefused(m.apply(new Op.Spend(ADMIN, key(), "u1", "NOPE", 0, null)), 403, "spend-for-others");
        assertRefused(m.apply(new Op.Spend(ADMIN, key(), null, "PAGE_SCRAPE", 0, null)), 400, "validation-failed");
        assertRefused(m.apply(new Op.Spend(ADMIN, key(), null, "NOPE", 1, null)), 400, "unknown-action");
        assertRefused(m.apply(new Op.Spend(ADMIN, key(), null, "BIG", 400_000_000_000L, null)), 400,
                "amount-out-of-range");
        assertRefused(m.apply(new Op.Spend(Who.user("stranger"), key(), null, "BIG", 1, null)), 404,
                "org-not-found");
        assertRefused(m.apply(new Op.Spend(BACKEND, key(), "stranger", "BIG", 1, null)), 404, "member-not-found");
        assertEquals(before, snapshot(m));
        ok(m.apply(new Op.Spend(BACKEND, key(), "admin", "BIG", 33, null)), Answer.Spent.class);
    }

    @Test
    void theAnswersViewsShowNoCreditsFromTheAutoTopUpTheSpendSetOff() {
        MoneyModel m = org();
        m.apply(new Op.SetAutoTopUp(ADMIN, "pool", 50, 25, 3));
        Answer.Spent spent = ok(spend(m, "admin", 60), Answer.Spent.class);
        assertEquals(new View(Acct.pool(), 40, 0, 40), spent.pool());
        assertEquals(view(m, Acct.pool()), spent.pool());
        assertEquals(1, m.topUpRequests().size());
    }
}
