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

    /** The account's automatic top-up requests, oldest first. */
    private static List<Map<String, Object>> requests(Org org, String account) {
        List<Map<String, Object>> items = new java.util.ArrayList<>(as(org.admin)
                .get("/v1/orgs/{o}/accounts/{a}/purchases", org.id, account).then().statusCode(200).extract()
                .<List<Map<String, Object>>>path("items"));
        java.util.Collections.reverse(items);
        return items.stream().filter(i -> Boolean.TRUE.equals(i.get("automatic"))).toList();
    }

    /** The billing backend completes a request: the credits it asked for arrive. */
    private static void complete(Map<String, Object> request) {
        post(LedgerFixture.billing()).body(Map.of("topUpRequestId", request.get("requestId"), "amount",
                request.get("amount"), "paymentReference", "pay_" + request.get("requestId")))
                .post("/v1/purchases").then().statusCode(201);
    }

    @Test
    void makesOneRequestPerDropWithinThePerCycleLimitAndNeverCreatesCredits() {
        Org org = Org.create(Plan.PRO, 100, false, false);
        as(org.admin).body(Map.of("threshold", 50, "amount", 100, "perCycleLimit", 2))
                .put("/v1/orgs/{o}/accounts/pool/auto-top-up", org.id).then().statusCode(200);

        spend(org.admin, org, 60, 200);           // 40 < 50: a request for 100, no credits
        assertEquals(40, org.pool());
        assertEquals(List.of("awaiting-payment"), requests(org, "pool").stream().map(r -> r.get("status")).toList());
        spend(org.admin, org, 10, 200);           // 30: still below, no second request before it rose again
        assertEquals(1, requests(org, "pool").size());
        complete(requests(org, "pool").get(0));   // the purchase brings 100: 130, armed again
        assertEquals(130, org.pool());
        spend(org.admin, org, 100, 200);          // 30 < 50: the second request of the cycle
        assertEquals(2, requests(org, "pool").size());
        complete(requests(org, "pool").get(1));
        spend(org.admin, org, 100, 200);          // 30: the cycle's limit of two is used up
        assertEquals(30, org.pool());
        assertEquals(List.of("completed", "completed"), requests(org, "pool").stream().map(r -> r.get("status"))
                .toList());
        assertEquals(List.of("auto-top-up", "auto-top-up"), requests(org, "pool").stream()
                .map(r -> r.get("requestedBy")).toList());
        assertEquals(2, org.history("PURCHASE").size(), "the credits came by purchases");
        assertEquals(1, org.history("GRANT").size(), "and nothing else: the only grant is the allocation");

        LedgerFixture.post(LedgerFixture.operator()).post("/v1/orgs/{o}/cycles/close", org.id).then().statusCode(200);
        spend(org.admin, org, org.pool() - 10, 200); // a new cycle: a drop below makes a request again
        assertEquals(3, requests(org, "pool").size());
    }

    @Test
    void aTransferNeverCarriesTheSettingToTheRecipient() {
        Org org = Org.create(Plan.PRO, 300, false, false);
        User ben = org.join("ben", false, null);
        User cleo = org.join("cleo", false, null);
        org.transfer("pool", ben.subject(), 100);
        as(org.admin).body(Map.of("threshold", 50, "amount", 25, "perCycleLimit", 5))
                .put("/v1/orgs/{o}/accounts/{a}/auto-top-up", org.id, ben.subject()).then().statusCode(200);
        org.transfer(ben.subject(), cleo.subject(), 60);    // ben 40 < 50: a request for ben's balance
        assertEquals(40, org.member(ben));
        assertEquals(List.of(25), requests(org, ben.subject()).stream().map(r -> r.get("amount")).toList());
        spend(cleo, org, 55, 200);                          // cleo 5: no auto top-up of her own
        assertEquals(5, org.member(cleo));
        assertEquals(List.of(), requests(org, cleo.subject()));
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
        as(org.admin).body(Map.of("threshold", 1_995, "amount", 3, "perCycleLimit", 5))
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
        assertEquals(1, requests(org, ben.subject()).size(), "one request per drop, however the calls interleave");
        assertEquals(0, org.history("PURCHASE").size() + org.history("GRANT").size() - 1, "no credits were made");
    }
}
