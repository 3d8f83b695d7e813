package dev.teamcredits.ledger;

import static dev.teamcredits.ledger.LedgerFixture.as;
import static dev.teamcredits.ledger.LedgerFixture.post;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.teamcredits.events.team.Plan;
import dev.teamcredits.ledger.LedgerFixture.Org;
import dev.teamcredits.ledger.LedgerFixture.User;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@QuarkusTest
class SpendTest extends LedgerTestBase {

    private static final String PROBLEM = "application/problem+json";

    private static io.restassured.response.ValidatableResponse spend(User user, Org org, Map<String, Object> body) {
        return post(user).body(body).post("/v1/orgs/{o}/spends", org.id).then();
    }

    private static void personal(User user, long amount) {
        LedgerFixture.buyPersonal(user, amount);
    }

    @Test
    void poolFirstThenMemberBalanceThenPersonalInOneSpend() {
        Org org = Org.create(Plan.PRO, 10, false, true);
        User ben = org.join("ben", true, null);
        org.buy(0 + 5); // pool: 10 subscription + 5 top-up
        org.transfer("pool", ben.subject(), 5); // pool 10, ben 5 (subscription credits go first)
        personal(ben, 7);

        spend(ben, org, Map.of("action", "PAGE_SCRAPE", "quantity", 20)).statusCode(200)
                .body("amount", equalTo(20))
                .body("sources", hasSize(3))
                .body("sources[0].account.kind", equalTo("POOL")).body("sources[0].amount", equalTo(10))
                .body("sources[1].account.kind", equalTo("MEMBER")).body("sources[1].amount", equalTo(5))
                .body("sources[2].account.kind", equalTo("PERSONAL")).body("sources[2].amount", equalTo(5))
                .body("pool.available", equalTo(0)).body("member.available", equalTo(0))
                .body("personal.available", equalTo(2));
    }

    @Test
    void withoutPoolAccessOnlyOwnCreditsAreSpent() {
        Org org = Org.create(Plan.PRO, 100, false, true);
        User ben = org.join("ben", false, null);
        org.transfer("pool", ben.subject(), 3);
        spend(ben, org, Map.of("action", "ENRICHMENT", "quantity", 3)).statusCode(200)
                .body("sources", hasSize(1)).body("sources[0].account.kind", equalTo("MEMBER"));
        spend(ben, org, Map.of("action", "ENRICHMENT", "quantity", 1)).statusCode(402).contentType(PROBLEM)
                .body("type", equalTo("urn:team-credits:problem:insufficient-credits"))
                .body("shortfall", equalTo(1)).body("available", equalTo(0));
        assertEquals(97, org.pool());
    }

    @Test
    void poolCapStopsPoolUseAtTheCapAndFallsThroughToOwnCredits() {
        Org org = Org.create(Plan.PRO, 100, false, true);
        User ben = org.join("ben", true, 30L);
        org.transfer("pool", ben.subject(), 10); // pool 90
        spend(ben, org, Map.of("action", "PAGE_SCRAPE", "quantity", 25)).statusCode(200)
                .body("sources[0].account.kind", equalTo("POOL")).body("sources[0].amount", equalTo(25));
        spend(ben, org, Map.of("action", "PAGE_SCRAPE", "quantity", 8)).statusCode(200)
                .body("sources[0].amount", equalTo(5)).body("sources[1].account.kind", equalTo("MEMBER"))
                .body("sources[1].amount", equalTo(3));
        spend(ben, org, Map.of("action", "PAGE_SCRAPE", "quantity", 8)).statusCode(402).body("available", equalTo(7));
        as(ben).get("/v1/orgs/{o}/balances", org.id).then().body("members[0].poolDrawnThisCycle", equalTo(30));
        assertEquals(60, org.pool());

        org.poolCap(ben, null);
        spend(ben, org, Map.of("action", "PAGE_SCRAPE", "quantity", 8)).statusCode(200)
                .body("sources[0].account.kind", equalTo("POOL"));
    }

    @Test
    void notEnoughAnywhereIs402WithTheShortfallAndChargesNothing() {
        Org org = Org.create(Plan.PRO, 5, false, true);
        User ben = org.join("ben", true, null);
        personal(ben, 2);
        spend(ben, org, Map.of("action", "PAGE_SCRAPE", "quantity", 10)).statusCode(402)
                .body("required", equalTo(10)).body("available", equalTo(7)).body("shortfall", equalTo(3));
        assertEquals(5, org.pool());
        as(ben).get("/v1/me/balance").then().body("available", equalTo(2));
    }

    @Test
    void personalFallbackOnlyWhenTheOrgAllowsIt() {
        Org org = Org.create(Plan.PRO, 0, false, false);
        User ben = org.join("ben", true, null);
        personal(ben, 10);
        spend(ben, org, Map.of("action", "PAGE_SCRAPE", "quantity", 1)).statusCode(402);
        org.personalFallback(true);
        spend(ben, org, Map.of("action", "PAGE_SCRAPE", "quantity", 1)).statusCode(200)
                .body("sources[0].account.kind", equalTo("PERSONAL"));
    }

    @Test
    void trustedBackendSpendsOnAMembersBehalfAndNobodyElseMay() {
        Org org = Org.create(Plan.PRO, 100, false, true);
        User ben = org.join("ben", true, null);
        User cleo = org.join("cleo", true, null);
        User backend = LedgerFixture.backend();

        spend(backend, org, Map.of("userId", ben.subject(), "action", "PAGE_SCRAPE", "quantity", 4)).statusCode(200)
                .body("userId", equalTo(ben.subject()));
        spend(backend, org, Map.of("action", "PAGE_SCRAPE", "quantity", 4)).statusCode(400)
                .body("type", equalTo("urn:team-credits:problem:user-id-required"));
        spend(backend, org, Map.of("userId", "nobody", "action", "PAGE_SCRAPE", "quantity", 4)).statusCode(404)
                .body("type", equalTo("urn:team-credits:problem:member-not-found"));
        spend(cleo, org, Map.of("userId", ben.subject(), "action", "PAGE_SCRAPE", "quantity", 4)).statusCode(403)
                .body("type", equalTo("urn:team-credits:problem:spend-for-others"));
        spend(LedgerFixture.user("outsider"), org, Map.of("action", "PAGE_SCRAPE", "quantity", 1)).statusCode(404);
        assertEquals(96, org.pool());
    }

    @Test
    void pricesComeFromConfiguration() {
        Org org = Org.create(Plan.PRO, 100, false, true);
        User ben = org.join("ben", true, null);
        spend(ben, org, Map.of("action", "EXPORT", "quantity", 500)).statusCode(200).body("amount", equalTo(0))
                .body("sources", hasSize(0));
        spend(ben, org, Map.of("action", "EMAIL_FINDING", "quantity", 1, "resultValid", false)).statusCode(200)
                .body("amount", equalTo(0));
        spend(ben, org, Map.of("action", "EMAIL_FINDING", "quantity", 2, "resultValid", true)).statusCode(200)
                .body("amount", equalTo(2));
        spend(ben, org, Map.of("action", "TELEPORT", "quantity", 1)).statusCode(400)
                .body("type", equalTo("urn:team-credits:problem:unknown-action"));
        assertEquals(98, org.pool());
    }

    @ParameterizedTest
    @ValueSource(strings = { "0", "-1", "2.5", "\"3\"", "1000000000001", "null" })
    void invalidQuantitiesAreBadRequests(String quantity) {
        Org org = Org.create(Plan.PRO, 100, false, true);
        post(org.admin).body("{\"action\":\"PAGE_SCRAPE\",\"quantity\":" + quantity + "}")
                .post("/v1/orgs/{o}/spends", org.id).then().statusCode(400).contentType(PROBLEM);
        assertEquals(100, org.pool());
    }

    @Test
    void retriedSpendIsChargedOnce() {
        Org org = Org.create(Plan.PRO, 100, false, true);
        Map<String, Object> body = Map.of("action", "PAGE_SCRAPE", "quantity", 7);
        String tx = as(org.admin).header("Idempotency-Key", "s-1").body(body).post("/v1/orgs/{o}/spends", org.id)
                .then().statusCode(200).extract().path("transactionId");
        as(org.admin).header("Idempotency-Key", "s-1").body(body).post("/v1/orgs/{o}/spends", org.id).then()
                .statusCode(200).header("Idempotency-Replayed", "true").body("transactionId", equalTo(tx));
        as(org.admin).header("Idempotency-Key", "s-1").body(Map.of("action", "PAGE_SCRAPE", "quantity", 8))
                .post("/v1/orgs/{o}/spends", org.id).then().statusCode(422);
        as(org.admin).body(body).post("/v1/orgs/{o}/spends", org.id).then().statusCode(400)
                .body("type", equalTo("urn:team-credits:problem:idempotency-key-required"));
        assertEquals(93, org.pool());
    }

    @Test
    void aRefusedSpendCanBeRetriedWithTheSameKeyOnceCreditsArrive() {
        Org org = Org.create(Plan.PRO, 0, false, true);
        Map<String, Object> body = Map.of("action", "PAGE_SCRAPE", "quantity", 5);
        as(org.admin).header("Idempotency-Key", "s-2").body(body).post("/v1/orgs/{o}/spends", org.id).then()
                .statusCode(402);
        org.buy(5);
        as(org.admin).header("Idempotency-Key", "s-2").body(body).post("/v1/orgs/{o}/spends", org.id).then()
                .statusCode(200);
        assertEquals(0, org.pool());
    }
}
