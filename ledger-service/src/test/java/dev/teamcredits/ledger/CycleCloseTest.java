package dev.teamcredits.ledger;

import static dev.teamcredits.ledger.LedgerFixture.as;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.teamcredits.events.team.Plan;
import dev.teamcredits.ledger.LedgerFixture.Org;
import dev.teamcredits.ledger.LedgerFixture.User;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

@QuarkusTest
class CycleCloseTest extends LedgerTestBase {

    @Inject
    Pool db;

    private static io.restassured.response.ValidatableResponse close(Org org, String cycleStart) {
        var request = LedgerFixture.post(LedgerFixture.operator());
        if (cycleStart != null) {
            request = request.queryParam("cycleStart", cycleStart);
        }
        return request.post("/v1/orgs/{o}/cycles/close", org.id).then();
    }

    @Test
    void onProSubscriptionCreditsExpireTopUpsStayAndTheNextAllocationArrives() {
        Org org = Org.create(Plan.PRO, 100, false, true);
        User ben = org.join("ben", true, null);
        org.buy(30);
        org.transfer("pool", ben.subject(), 40); // 40 subscription credits move to ben, with their expiry
        LedgerFixture.post(ben).body(Map.of("action", "PAGE_SCRAPE", "quantity", 10)).post("/v1/orgs/{o}/spends", org.id)
                .then().statusCode(200); // from the pool's subscription credits: 50 left there

        close(org, null).statusCode(200).body("granted", equalTo(100));
        assertEquals(130, org.pool(), "50 expired, the 30 top-up stayed, 100 new");
        assertEquals(0, org.member(ben), "subscription credits moved to a member expire too");
        as(org.admin).get("/v1/orgs/{o}/transactions", org.id).then().body("items.findAll { it.type == 'EXPIRY' }.size()",
                equalTo(2));
    }

    @Test
    void onARolloverPlanUnusedCreditsRollOverOnceThenExpire() {
        Org org = Org.create(Plan.PRO_PLUS, 100, true, true);
        LedgerFixture.post(org.admin).body(Map.of("action", "PAGE_SCRAPE", "quantity", 30))
                .post("/v1/orgs/{o}/spends", org.id).then().statusCode(200);

        close(org, null).statusCode(200);
        assertEquals(170, org.pool(), "70 rolled over + 100 new");
        assertEquals(List.of("ROLLOVER:70", "SUBSCRIPTION:100"), lots(org));

        LedgerFixture.post(org.admin).body(Map.of("action", "PAGE_SCRAPE", "quantity", 120))
                .post("/v1/orgs/{o}/spends", org.id).then().statusCode(200); // rollover lot burns after subscription
        assertEquals(List.of("ROLLOVER:50"), lots(org));

        close(org, null).statusCode(200);
        assertEquals(List.of("SUBSCRIPTION:100"), lots(org), "the rolled-over rest expired; no second rollover");
    }

    @Test
    void aCycleClosesExactlyOnceUnderConcurrentRequests() throws Exception {
        Org org = Org.create(Plan.PRO, 100, false, true);
        String cycleStart = as(org.admin).get("/v1/orgs/{o}/balances", org.id).path("cycleStart");
        var executor = Executors.newFixedThreadPool(6);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                Callable<Integer> call = () -> close(org, cycleStart).extract().statusCode();
                results.add(executor.submit(call));
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> f : results) {
                statuses.add(f.get());
            }
            assertEquals(1, statuses.stream().filter(s -> s == 200).count(), "statuses: " + statuses);
            assertEquals(5, statuses.stream().filter(s -> s == 409).count(), "statuses: " + statuses);
        } finally {
            executor.shutdownNow();
        }
        assertEquals(100, org.pool());
        as(org.admin).get("/v1/orgs/{o}/transactions", org.id).then()
                .body("items.findAll { it.type == 'GRANT' }.size()", equalTo(2));
    }

    @Test
    void recurringAllocationsApplyAtCycleStart() {
        Org org = Org.create(Plan.PRO, 100, false, true);
        User ben = org.join("ben", false, null);
        User cleo = org.join("cleo", false, null);
        org.buy(100);
        LedgerFixture.post(org.admin).body(Map.of("mode", "TOP_UP_TO", "amount", 30))
                .put("/v1/orgs/{o}/members/{u}/recurring-allocation", org.id, ben.subject()).then().statusCode(200);
        LedgerFixture.post(org.admin).body(Map.of("mode", "ADD", "amount", 20))
                .put("/v1/orgs/{o}/members/{u}/recurring-allocation", org.id, cleo.subject()).then().statusCode(200);
        LedgerFixture.post(ben).body(Map.of("mode", "ADD", "amount", 20))
                .put("/v1/orgs/{o}/members/{u}/recurring-allocation", org.id, ben.subject()).then().statusCode(403);
        org.transfer("pool", ben.subject(), 50); // top-up credits? no: subscription first — they expire at close

        close(org, null).statusCode(200);
        assertEquals(30, org.member(ben), "topped up to 30 after its 50 subscription credits expired");
        assertEquals(20, org.member(cleo));
        assertEquals(100 + 100 - 30 - 20, org.pool());
    }

    @Test
    void onlyOperatorsCloseCyclesByHand() {
        Org org = Org.create(Plan.PRO, 100, false, true);
        LedgerFixture.post(org.admin).post("/v1/orgs/{o}/cycles/close", org.id).then().statusCode(403);
        close(org, "not-a-date").statusCode(400);
    }

    private List<String> lots(Org org) {
        List<String> lots = new ArrayList<>();
        db.preparedQuery("SELECT l.kind || ':' || l.remaining FROM lot l JOIN account a ON a.id = l.account_id "
                + "WHERE a.ref = $1 AND l.remaining > 0 ORDER BY l.kind").execute(Tuple.of("POOL:" + org.id))
                .await().atMost(Duration.ofSeconds(5)).forEach(r -> lots.add(r.getString(0)));
        return lots;
    }
}
