package dev.teamcredits.ledger;

import static dev.teamcredits.ledger.LedgerFixture.post;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.teamcredits.events.team.MemberJoined;
import dev.teamcredits.events.team.OrgCreated;
import dev.teamcredits.events.team.OrgSettings;
import dev.teamcredits.events.team.Plan;
import dev.teamcredits.events.team.PlanTerms;
import dev.teamcredits.events.team.Role;
import dev.teamcredits.ledger.LedgerFixture.Org;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Expiry is absolute: a credit past its lot's expiry is never spent, transferred, reserved or
 * captured, whether or not a close has run; credits a hold kept past their expiry expire the
 * moment the hold gives them back.
 */
@QuarkusTest
class ExpiryTest extends LedgerTestBase {

    @Inject
    Pool db;

    @Test
    void subscriptionCreditsHeldAcrossACloseExpireWhenTheHoldIsReleased() {
        Org org = Org.create(Plan.PRO, 100, false, false);
        String hold = org.reserve(org.admin, org.admin, 100);
        org.closeCycle();
        org.balances().body("pool.balance", equalTo(200)).body("pool.reserved", equalTo(100))
                .body("pool.available", equalTo(100));

        post(org.admin).post("/v1/orgs/{o}/reservations/{r}/release", org.id, hold).then().statusCode(200);
        org.balances().body("pool.balance", equalTo(100)).body("pool.available", equalTo(100));
        assertEquals(List.of("SUBSCRIPTION:100"), lots(org), "only the new cycle's allocation is left");
        assertEquals(1, org.history("EXPIRY").size(), "the released credits expired at once");
    }

    @Test
    void releasingOneHoldAcrossACloseNeverExpiresCreditsThatBackAnother() {
        Org org = Org.create(Plan.PRO, 100, false, false);
        String first = org.reserve(org.admin, org.admin, 60);
        org.reserve(org.admin, org.admin, 40);
        org.closeCycle(); // all 100 old credits stay held; 100 new ones arrive
        org.balances().body("pool.available", equalTo(100));

        post(org.admin).post("/v1/orgs/{o}/reservations/{r}/release", org.id, first).then().statusCode(200);
        org.balances().body("pool.balance", equalTo(140)).body("pool.reserved", equalTo(40))
                .body("pool.available", equalTo(100));
    }

    @Test
    void aPartCaptureAfterACloseChargesValidCreditsAndExpiresTheHeldOnes() {
        Org org = Org.create(Plan.PRO, 100, false, false);
        String hold = org.reserve(org.admin, org.admin, 100);
        org.closeCycle();

        post(org.admin).body(Map.of("amount", 30)).post("/v1/orgs/{o}/reservations/{r}/capture", org.id, hold).then()
                .statusCode(200).body("captured", equalTo(30));
        org.balances().body("pool.balance", equalTo(70)).body("pool.reserved", equalTo(0));
        assertEquals(List.of("SUBSCRIPTION:70"), lots(org));
    }

    @Test
    void onARolloverPlanCreditsHeldOverTwoClosesRollOnceThenExpire() {
        Org org = Org.create(Plan.PRO_PLUS, 100, true, false);
        String hold = org.reserve(org.admin, org.admin, 100);
        org.closeCycle();
        org.closeCycle();

        post(org.admin).post("/v1/orgs/{o}/reservations/{r}/release", org.id, hold).then().statusCode(200);
        assertEquals(List.of("ROLLOVER:100", "SUBSCRIPTION:100"), lots(org),
                "the first cycle's credits rolled once and expired at the second close; nothing older is left");
        org.balances().body("pool.available", equalTo(200));
    }

    @Test
    void creditsPastTheirExpiryAreNotSpendableBeforeTheCloseJobRuns() {
        Org org = new Org();
        LocalDate anchor = LocalDate.now(ZoneOffset.UTC).minusMonths(1).minusDays(3); // its first cycle has ended
        LedgerFixture.send(org.id, new OrgCreated(org.id, "Late org", Plan.PRO, new PlanTerms(5, 100, false),
                new OrgSettings(false, true), anchor, org.admin.subject(), Instant.now()));
        LedgerFixture.send(org.id, new MemberJoined(org.id, org.admin.subject(), org.admin.email(), "Admin", Role.ADMIN,
                true, null, Instant.now(), null));
        LedgerFixture.await("org", () -> LedgerFixture.as(org.admin).get("/v1/orgs/{o}/balances", org.id)
                .statusCode() == 200);

        post(org.admin).body(Map.of("action", "PAGE_SCRAPE", "quantity", 1)).post("/v1/orgs/{o}/spends", org.id).then()
                .statusCode(402).body("available", equalTo(0));
        post(org.admin).body(Map.of("amount", 1)).post("/v1/orgs/{o}/reservations", org.id).then().statusCode(402);
        org.buy(10);
        post(org.admin).body(Map.of("action", "PAGE_SCRAPE", "quantity", 10)).post("/v1/orgs/{o}/spends", org.id).then()
                .statusCode(200);

        org.closeCycle(); // the overdue close: the old allocation expires, the new one arrives
        org.balances().body("pool.available", equalTo(100)).body("pool.balance", equalTo(100));
    }

    @Test
    void thePoolTotalThisCycleCountsTheNewAllocationRightAfterAnOperatorClose() {
        Org org = Org.create(Plan.PRO_PLUS, 100, true, false);
        post(org.admin).body(Map.of("action", "PAGE_SCRAPE", "quantity", 40)).post("/v1/orgs/{o}/spends", org.id).then()
                .statusCode(200);
        org.closeCycle();
        org.balances().body("pool.totalThisCycle", equalTo(160)); // 60 rolled over + 100 allocated
        org.buy(5);
        org.balances().body("pool.totalThisCycle", equalTo(165));
    }

    private List<String> lots(Org org) {
        List<String> lots = new ArrayList<>();
        db.preparedQuery("SELECT l.kind || ':' || sum(l.remaining) FROM lot l JOIN account a ON a.id = l.account_id "
                + "WHERE a.ref = $1 AND l.remaining > 0 GROUP BY l.kind, l.expires_at ORDER BY l.kind, l.expires_at")
                .execute(Tuple.of("POOL:" + org.id)).await().atMost(Duration.ofSeconds(5))
                .forEach(r -> lots.add(r.getString(0)));
        return lots;
    }
}
