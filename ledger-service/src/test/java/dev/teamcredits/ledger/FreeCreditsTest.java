package dev.teamcredits.ledger;

import static dev.teamcredits.ledger.LedgerFixture.as;
import static dev.teamcredits.ledger.LedgerFixture.post;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.teamcredits.events.team.Plan;
import dev.teamcredits.ledger.LedgerFixture.Org;
import dev.teamcredits.ledger.LedgerFixture.User;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** With free credits configured, a new personal balance gets them once, and they burn before top-ups. */
@QuarkusTest
@TestProfile(FreeCreditsTest.WithFreeCredits.class)
class FreeCreditsTest extends LedgerTestBase {

    @jakarta.inject.Inject
    io.vertx.mutiny.sqlclient.Pool db;

    public static class WithFreeCredits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("ledger.free-credits", "5");
        }
    }

    @Test
    void freeCreditsArriveOnceAndBurnBeforeTopUps() {
        User dan = LedgerFixture.user("dan");
        assertEquals(15, ((Number) ((Map<?, ?>) LedgerFixture.buy(Map.of("userId",
                dan.subject()), 10).get("balanceAfter")).get("available")).longValue(), "5 free + 10 bought");
        assertEquals(16, ((Number) ((Map<?, ?>) LedgerFixture.buy(Map.of("userId",
                dan.subject()), 1).get("balanceAfter")).get("available")).longValue(), "the free credits came once");

        Org org = Org.create(Plan.PRO, 0, false, true);
        User ben = org.join("ben", false, null);
        post(ben).body(Map.of("action", "PAGE_SCRAPE", "quantity", 3)).post("/v1/orgs/{o}/spends", org.id).then()
                .statusCode(200).body("sources[0].account.kind", equalTo("PERSONAL"))
                .body("personal.available", equalTo(2));
        LedgerFixture.buyPersonal(ben, 4);
        post(ben).body(Map.of("action", "PAGE_SCRAPE", "quantity", 2)).post("/v1/orgs/{o}/spends", org.id).then()
                .statusCode(200);
        as(ben).get("/v1/me/balance").then().body("available", equalTo(4));
        // FREE burns before TOP_UP: the two free credits left went first; the top-up is untouched.
        java.util.List<String> lots = new java.util.ArrayList<>();
        db.preparedQuery("SELECT l.kind || ':' || l.remaining FROM lot l JOIN account a ON a.id = l.account_id "
                + "WHERE a.ref = $1 AND l.remaining > 0").execute(io.vertx.mutiny.sqlclient.Tuple.of("PERSONAL:"
                        + ben.subject())).await().atMost(java.time.Duration.ofSeconds(5)).forEach(r -> lots.add(r.getString(0)));
        assertEquals(java.util.List.of("TOP_UP:4"), lots);
    }

    /** Personal credits are a person's: a service client's would be stranded (it spends members' credits). */
    @Test
    void serviceClientsCannotAskForCreditsForAPersonalBalance() {
        for (User client : java.util.List.of(LedgerFixture.backend(), LedgerFixture.operator(), LedgerFixture.billing())) {
            post(client).body(Map.of("amount", 10)).post("/v1/me/top-up-requests").then().statusCode(403)
                    .body("type", equalTo("urn:team-credits:problem:user-token-required"));
            as(client).get("/v1/me/balance").then().statusCode(200).body("available", equalTo(0));
        }
    }
}
