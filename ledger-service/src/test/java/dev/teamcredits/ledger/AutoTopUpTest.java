package dev.teamcredits.ledger;

import static dev.teamcredits.ledger.LedgerFixture.as;
import static dev.teamcredits.ledger.LedgerFixture.post;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.teamcredits.events.team.Plan;
import dev.teamcredits.ledger.LedgerFixture.Org;
import dev.teamcredits.ledger.LedgerFixture.User;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class AutoTopUpTest extends LedgerTestBase {

    private static void spend(User user, Org org, long quantity, int status) {
        post(user).body(Map.of("action", "PAGE_SCRAPE", "quantity", quantity)).post("/v1/orgs/{o}/spends", org.id)
                .then().statusCode(status);
    }

    @Test
    void refillsOncePerDropWithinThePerCycleLimit() {
        Org org = Org.create(Plan.PRO, 100, false, false);
        as(org.admin).body(Map.of("threshold", 50, "amount", 100, "perCycleLimit", 2))
                .put("/v1/orgs/{o}/accounts/pool/auto-top-up", org.id).then().statusCode(200);

        spend(org.admin, org, 60, 200);           // 40 < 50: refilled to 140
        assertEquals(140, org.pool());
        spend(org.admin, org, 10, 200);           // 130: nothing
        assertEquals(130, org.pool());
        spend(org.admin, org, 100, 200);          // 30 < 50: second refill, to 130
        assertEquals(130, org.pool());
        spend(org.admin, org, 100, 200);          // 30: the cycle's limit of two is used up
        assertEquals(30, org.pool());
        as(org.admin).queryParam("type", "GRANT").get("/v1/orgs/{o}/transactions", org.id).then()
                .body("items.findAll { it.reason == 'AUTO_TOP_UP' }.size()", equalTo(2));

        LedgerFixture.post(LedgerFixture.operator()).post("/v1/orgs/{o}/cycles/close", org.id).then().statusCode(200);
        spend(org.admin, org, 90, 200);           // new cycle: 30 + 100 new - 90 = 40 < 50: refilled again
        assertEquals(140, org.pool());
    }

    @Test
    void aTransferNeverCarriesTheSettingToTheRecipient() {
        Org org = Org.create(Plan.PRO, 300, false, false);
        User ben = org.join("ben", false, null);
        User cleo = org.join("cleo", false, null);
        org.transfer("pool", ben.subject(), 100);
        as(org.admin).body(Map.of("threshold", 50, "amount", 25, "perCycleLimit", 5))
                .put("/v1/orgs/{o}/accounts/{a}/auto-top-up", org.id, ben.subject()).then().statusCode(200);
        org.transfer(ben.subject(), cleo.subject(), 60);    // ben 40 < 50: refilled to 65 (still above? 65 >= 50)
        assertEquals(65, org.member(ben));
        spend(cleo, org, 55, 200);                          // cleo 5: no auto top-up of her own
        assertEquals(5, org.member(cleo));
        as(ben).body(Map.of("threshold", 1, "amount", 1, "perCycleLimit", 1))
                .put("/v1/orgs/{o}/accounts/{a}/auto-top-up", org.id, ben.subject()).then().statusCode(403);
        as(org.admin).body(Map.of("threshold", 0, "amount", 1, "perCycleLimit", 1))
                .put("/v1/orgs/{o}/accounts/pool/auto-top-up", org.id).then().statusCode(400);
    }

    @Test
    void thePerCycleLimitHoldsWhenSpendsAndTransfersRaceOnTheAccount() throws Exception {
        Org org = Org.create(Plan.PRO, 10_000, false, false);
        User ben = org.join("ben", false, null);
        org.transfer("pool", ben.subject(), 2_000);
        as(org.admin).body(Map.of("threshold", 1_995, "amount", 3, "perCycleLimit", 1))
                .put("/v1/orgs/{o}/accounts/{a}/auto-top-up", org.id, ben.subject()).then().statusCode(200);
        var threads = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            List<java.util.concurrent.Future<Integer>> calls = new java.util.ArrayList<>();
            for (int i = 0; i < 80; i++) {
                boolean spend = i % 2 == 0;
                calls.add(threads.submit(() -> spend
                        ? post(ben).body(Map.of("action", "PAGE_SCRAPE", "quantity", 1)).post("/v1/orgs/{o}/spends",
                                org.id).statusCode()
                        : post(org.admin).body(Map.of("from", ben.subject(), "to", "pool", "amount", 1))
                                .post("/v1/orgs/{o}/transfers", org.id).statusCode()));
            }
            for (var call : calls) {
                assertEquals(true, call.get() < 300);
            }
        } finally {
            threads.shutdownNow();
        }
        long refills = org.history("GRANT").stream().filter(g -> "AUTO_TOP_UP".equals(g.get("reason"))).count();
        assertEquals(1, refills, "one refill per cycle, however the requests interleave");
    }
}
