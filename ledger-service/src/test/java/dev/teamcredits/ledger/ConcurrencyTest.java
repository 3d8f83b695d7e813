package dev.teamcredits.ledger;

import static dev.teamcredits.ledger.LedgerFixture.as;
import static dev.teamcredits.ledger.LedgerFixture.post;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.teamcredits.events.team.Plan;
import dev.teamcredits.ledger.LedgerFixture.Org;
import dev.teamcredits.ledger.LedgerFixture.User;
import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;

/** Real concurrent HTTP requests against one pool: never overdrawn, no lost update, no double charge. */
@QuarkusTest
class ConcurrencyTest extends LedgerTestBase {


    @Test
    void twoHundredConcurrentSpendsOfOneAgainstAPoolOfOneHundred() throws Exception {
        Org org = Org.create(Plan.PRO, 100, false, false);
        List<User> members = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            members.add(org.join("m" + i, true, null));
        }
        List<Callable<Integer>> calls = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            User who = members.get(i % members.size());
            calls.add(() -> post(who).body(Map.of("action", "PAGE_SCRAPE", "quantity", 1))
                    .post("/v1/orgs/{o}/spends", org.id).statusCode());
        }
        List<Integer> statuses = LedgerFixture.concurrently(32, calls);
        assertEquals(100, statuses.stream().filter(s -> s == 200).count(), "statuses: " + statuses);
        assertEquals(100, statuses.stream().filter(s -> s == 402).count(), "statuses: " + statuses);
        assertEquals(0, org.pool());
        long drawn = 0;
        for (User m : members) {
            drawn += ((Number) as(m).get("/v1/orgs/{o}/balances", org.id).path("members[0].poolDrawnThisCycle"))
                    .longValue();
        }
        assertEquals(100, drawn, "pool usage per member adds up to what was spent");
    }

    @Test
    void concurrentTransfersBothWaysNeitherLoseNorCreateCredit() throws Exception {
        Org org = Org.create(Plan.PRO, 0, false, true);
        org.buy(1000);
        User ben = org.join("ben", false, null);
        User cleo = org.join("cleo", false, null);
        org.transfer("pool", ben.subject(), 300);
        org.transfer("pool", cleo.subject(), 300);
        List<Callable<Integer>> calls = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            String[] pair = switch (i % 3) {
                case 0 -> new String[] { ben.subject(), cleo.subject() };
                case 1 -> new String[] { cleo.subject(), ben.subject() };
                default -> new String[] { "pool", i % 2 == 0 ? ben.subject() : cleo.subject() };
            };
            long amount = 1 + i % 7;
            calls.add(() -> post(org.admin).body(Map.of("from", pair[0], "to", pair[1], "amount", amount))
                    .post("/v1/orgs/{o}/transfers", org.id).statusCode());
        }
        List<Integer> statuses = LedgerFixture.concurrently(16, calls);
        assertEquals(List.of(), statuses.stream().filter(s -> s != 201 && s != 409).toList());
        assertEquals(1000, org.pool() + org.member(ben) + org.member(cleo), "credits are conserved");
    }

    @Test
    void concurrentRetriesOfOneSpendChargeOnce() throws Exception {
        Org org = Org.create(Plan.PRO, 100, false, false);
        List<Callable<Integer>> calls = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            calls.add(() -> as(org.admin).header("Idempotency-Key", "same-spend")
                    .body(Map.of("action", "PAGE_SCRAPE", "quantity", 9)).post("/v1/orgs/{o}/spends", org.id)
                    .statusCode());
        }
        List<Integer> statuses = LedgerFixture.concurrently(20, calls);
        assertEquals(20, statuses.stream().filter(s -> s == 200).count(), "statuses: " + statuses);
        assertEquals(91, org.pool());
    }

    @Test
    void concurrentReversalsOfOneTransferNeverClawBackMoreThanIt() throws Exception {
        Org org = Org.create(Plan.PRO, 1000, false, false);
        User ben = org.join("ben", false, null);
        // More than one transfer's worth, so a double claw-back would go through.
        org.transfer("pool", ben.subject(), 300);
        for (int round = 0; round < 5; round++) {
            String transfer = org.transfer("pool", ben.subject(), 100);
            List<Callable<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                calls.add(() -> post(org.admin).body(Map.of()).post("/v1/orgs/{o}/transfers/{t}/reversal", org.id,
                        transfer).statusCode());
            }
            List<Integer> statuses = LedgerFixture.concurrently(8, calls);
            assertEquals(1, statuses.stream().filter(s -> s == 201).count(), "statuses: " + statuses);
            assertEquals(7, statuses.stream().filter(s -> s == 409).count(), "statuses: " + statuses);
            assertEquals(300, org.member(ben));
            assertEquals(700, org.pool());
        }
    }
}
