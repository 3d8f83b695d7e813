package dev.teamcredits.ledger;

import static dev.teamcredits.ledger.LedgerFixture.as;
import static dev.teamcredits.ledger.LedgerFixture.post;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.teamcredits.events.team.Plan;
import dev.teamcredits.ledger.LedgerFixture.Org;
import dev.teamcredits.ledger.LedgerFixture.User;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Nothing is granted, transferred, reversed or topped up into the account of someone who left. */
@QuarkusTest
class InactiveMemberTest extends LedgerTestBase {

    @Inject
    Pool db;

    @Test
    void aLeavingMembersAutoTopUpEndsWithTheMembership() {
        Org org = Org.create(Plan.PRO, 100, false, false);
        User ben = org.join("ben", false, null);
        org.transfer("pool", ben.subject(), 20);
        as(org.admin).body(Map.of("threshold", 10, "amount", 50, "perCycleLimit", 3))
                .put("/v1/orgs/{o}/accounts/{a}/auto-top-up", org.id, ben.subject()).then().statusCode(200);

        org.remove(ben);
        assertEquals(100, org.pool(), "the 20 came back to the pool");
        List<Map<String, Object>> grants = as(org.admin).queryParam("account", ben.subject())
                .queryParam("type", "GRANT").get("/v1/orgs/{o}/transactions", org.id).then().statusCode(200)
                .extract().path("items");
        assertEquals(List.of(), grants, "no auto top-up into the account of someone who left");
    }

    @Test
    void theSweepOfALeavingMemberCannotBeReversed() {
        Org org = Org.create(Plan.PRO, 100, false, false);
        User ben = org.join("ben", false, null);
        org.transfer("pool", ben.subject(), 30);
        org.remove(ben);
        String sweep = (String) org.history("TRANSFER").stream().filter(t -> "member removed".equals(t.get("reason")))
                .findFirst().orElseThrow().get("id");

        post(org.admin).body(Map.of()).post("/v1/orgs/{o}/transfers/{t}/reversal", org.id, sweep).then()
                .statusCode(409).body("type", equalTo("urn:team-credits:problem:transfer-not-reversible"));
        assertEquals(100, org.pool());
    }

    @Test
    void aReversalNeverMovesCreditsIntoTheAccountOfSomeoneWhoLeft() {
        Org org = Org.create(Plan.PRO, 100, false, false);
        User ben = org.join("ben", false, null);
        org.transfer("pool", ben.subject(), 30);
        String back = org.transfer(ben.subject(), "pool", 10);
        org.remove(ben);

        post(org.admin).body(Map.of()).post("/v1/orgs/{o}/transfers/{t}/reversal", org.id, back).then()
                .statusCode(409).body("type", equalTo("urn:team-credits:problem:member-inactive"));
        assertEquals(100, org.pool());
        org.transfer("pool", org.admin.subject(), 1); // the org itself still works
    }

    /**
     * A reversal checks the members before it locks their accounts and again after: a departure that commits in
     * between gets the same answer as one that came before, 409 member-inactive (found by the concurrent model
     * check). The test holds the pool's row so that the departure, then the reversal, queue behind it.
     */
    @Test
    void aReversalThatADepartureOvertakesIsRefusedAsOneThatCameAfterIt() throws Exception {
        Org org = Org.create(Plan.PRO, 100, false, false);
        User ben = org.join("ben", false, null);
        String transfer = org.transfer("pool", ben.subject(), 30);
        io.vertx.mutiny.sqlclient.SqlConnection holder = db.getConnection().await().atMost(Duration.ofSeconds(10));
        io.vertx.mutiny.sqlclient.Transaction held = holder.begin().await().atMost(Duration.ofSeconds(10));
        java.util.concurrent.ExecutorService caller = java.util.concurrent.Executors.newSingleThreadExecutor();
        try {
            holder.preparedQuery("SELECT id FROM account WHERE ref = $1 FOR UPDATE")
                    .execute(io.vertx.mutiny.sqlclient.Tuple.of("POOL:" + org.id)).await().atMost(Duration.ofSeconds(10));
            LedgerFixture.send(org.id, new dev.teamcredits.events.team.MemberRemoved(org.id, ben.subject(),
                    ben.email(), org.admin.subject(), java.time.Instant.now()));
            LedgerFixture.await("the departure waits for the pool", () -> waitingForLocks() >= 1);
            java.util.concurrent.Future<io.restassured.response.Response> reversal = caller.submit(() ->
                    post(org.admin).body(Map.of()).post("/v1/orgs/{o}/transfers/{t}/reversal", org.id, transfer));
            LedgerFixture.await("the reversal waits too", () -> waitingForLocks() >= 2);
            held.commit().await().atMost(Duration.ofSeconds(10));
            reversal.get(30, java.util.concurrent.TimeUnit.SECONDS).then().statusCode(409)
                    .body("type", equalTo("urn:team-credits:problem:member-inactive"));
        } finally {
            caller.shutdownNow();
            holder.close().await().atMost(Duration.ofSeconds(10));
        }
        assertEquals(100, org.pool(), "the departure swept the 30 back; the reversal moved nothing");
    }

    private long waitingForLocks() {
        return db.query("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
                + "AND datname = current_database()").execute().await().atMost(Duration.ofSeconds(10)).iterator()
                .next().getLong(0);
    }
}
