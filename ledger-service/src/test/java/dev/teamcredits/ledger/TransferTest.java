package dev.teamcredits.ledger;

import static dev.teamcredits.ledger.LedgerFixture.as;
import static dev.teamcredits.ledger.LedgerFixture.post;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.teamcredits.events.team.Plan;
import dev.teamcredits.ledger.LedgerFixture.Org;
import dev.teamcredits.ledger.LedgerFixture.User;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@QuarkusTest
class TransferTest extends LedgerTestBase {

    private static final String PROBLEM = "application/problem+json";

    @Inject
    Pool db;

    @Test
    void newOrgGetsItsAllocationInThePoolAndMembersSeeOnlyTheirOwnBalance() {
        Org org = Org.create(Plan.PRO, 1000, false, true);
        User ben = org.join("ben", true, 200L);
        as(org.admin).get("/v1/orgs/{o}/balances", org.id).then().statusCode(200)
                .body("pool.available", equalTo(1000))
                .body("pool.balance", equalTo(1000))
                .body("pool.reserved", equalTo(0))
                .body("pool.totalThisCycle", equalTo(1000))
                .body("members", hasSize(2));
        as(ben).get("/v1/orgs/{o}/balances", org.id).then().statusCode(200)
                .body("pool.available", equalTo(1000))
                .body("members", hasSize(1))
                .body("members[0].userId", equalTo(ben.subject()))
                .body("members[0].poolCap", equalTo(200));
        as(LedgerFixture.user("stranger")).get("/v1/orgs/{o}/balances", org.id).then().statusCode(404)
                .contentType(PROBLEM).body("type", equalTo("urn:team-credits:problem:org-not-found"));
    }

    @Test
    void previewChangesNothingAndTransferMovesExactlyTheAmount() {
        Org org = Org.create(Plan.PRO, 1000, false, true);
        User ben = org.join("ben", false, null);
        Map<String, Object> body = Map.of("from", "pool", "to", ben.subject(), "amount", 200, "reason", "campaign");

        as(org.admin).body(body).post("/v1/orgs/{o}/transfers/preview", org.id).then().statusCode(200)
                .body("preview", equalTo(true))
                .body("transactionId", nullValue())
                .body("from.available", equalTo(800))
                .body("to.available", equalTo(200));
        assertEquals(1000, org.pool());
        assertEquals(0, org.member(ben));
        assertEquals(0L, db.preparedQuery("SELECT count(*) FROM account WHERE ref = $1")
                .execute(Tuple.of("MEMBER:" + org.id + ":" + ben.subject())).await().atMost(Duration.ofSeconds(5))
                .iterator().next().getLong(0), "a preview creates nothing, not even an empty account");

        post(org.admin).body(body).post("/v1/orgs/{o}/transfers", org.id).then().statusCode(201)
                .body("transactionId", notNullValue())
                .body("reason", equalTo("campaign"))
                .body("from.available", equalTo(800))
                .body("to.available", equalTo(200));
        assertEquals(800, org.pool());
        assertEquals(200, org.member(ben));
    }

    @Test
    void lotsMoveWithTheirKindAndExpiry() {
        Org org = Org.create(Plan.PRO, 100, false, true);
        org.buy(50);
        User ben = org.join("ben", false, null);
        org.transfer("pool", ben.subject(), 120); // all 100 subscription credits, then 20 top-up credits

        List<String> lots = StreamSupport.stream(db.preparedQuery("SELECT l.kind || ':' || l.remaining || ':' || "
                + "(l.expires_at IS NULL) FROM lot l JOIN account a ON a.id = l.account_id WHERE a.ref = $1 "
                + "AND l.remaining > 0 ORDER BY l.kind").execute(Tuple.of("MEMBER:" + org.id + ":" + ben.subject()))
                .await().atMost(Duration.ofSeconds(5)).spliterator(), false).map(r -> r.getString(0)).toList();
        assertEquals(List.of("SUBSCRIPTION:100:false", "TOP_UP:20:true"), lots);
    }

    @Test
    void transfersNeedAnAdminAndAvailableCredits() {
        Org org = Org.create(Plan.PRO, 100, false, true);
        User ben = org.join("ben", false, null);
        User cleo = org.join("cleo", false, null);
        org.transfer("pool", ben.subject(), 50);

        post(ben).body(Map.of("from", ben.subject(), "to", cleo.subject(), "amount", 10))
                .post("/v1/orgs/{o}/transfers", org.id).then().statusCode(403).contentType(PROBLEM)
                .body("type", equalTo("urn:team-credits:problem:admin-required"));
        post(org.admin).body(Map.of("from", ben.subject(), "to", cleo.subject(), "amount", 51))
                .post("/v1/orgs/{o}/transfers", org.id).then().statusCode(409)
                .body("type", equalTo("urn:team-credits:problem:insufficient-available-credits"))
                .body("shortfall", equalTo(1));
        post(org.admin).body(Map.of("from", ben.subject(), "to", ben.subject(), "amount", 1))
                .post("/v1/orgs/{o}/transfers", org.id).then().statusCode(422);
        post(org.admin).body(Map.of("from", "pool", "to", "someone-else", "amount", 1))
                .post("/v1/orgs/{o}/transfers", org.id).then().statusCode(404)
                .body("type", equalTo("urn:team-credits:problem:member-not-found"));
        assertEquals(50, org.pool());
        assertEquals(50, org.member(ben));
        assertEquals(0, org.member(cleo));
    }

    @ParameterizedTest
    @ValueSource(strings = { "0", "-5", "1.5", "\"10\"", "1000000000001", "99999999999999999999", "null", "true" })
    void invalidAmountsAreBadRequestsAndMoveNothing(String amount) {
        Org org = Org.create(Plan.PRO, 100, false, true);
        User ben = org.join("ben", false, null);
        post(org.admin).body("{\"from\":\"pool\",\"to\":\"" + ben.subject() + "\",\"amount\":" + amount + "}")
                .post("/v1/orgs/{o}/transfers", org.id).then().statusCode(400).contentType(PROBLEM);
        post(org.admin).body("{\"amount\":" + amount + "}").post("/v1/orgs/{o}/top-up-requests", org.id).then()
                .statusCode(400);
        assertEquals(100, org.pool());
        assertEquals(0, org.member(ben));
    }

    @Test
    void reversalClawsBackAtMostWhatWasTransferred() {
        Org org = Org.create(Plan.PRO, 100, false, true);
        User ben = org.join("ben", false, null);
        String transferId = post(org.admin).body(Map.of("from", "pool", "to", ben.subject(), "amount", 60))
                .post("/v1/orgs/{o}/transfers", org.id).then().statusCode(201).extract().path("transactionId");

        post(org.admin).body(Map.of("amount", 20, "reason", "over-allocated"))
                .post("/v1/orgs/{o}/transfers/{t}/reversal", org.id, transferId).then().statusCode(201)
                .body("reversalOf", equalTo(transferId)).body("from.available", equalTo(40))
                .body("to.available", equalTo(60));
        post(org.admin).body(Map.of("amount", 41)).post("/v1/orgs/{o}/transfers/{t}/reversal", org.id, transferId)
                .then().statusCode(409).body("reversible", equalTo(40));
        post(org.admin).body("{}").post("/v1/orgs/{o}/transfers/{t}/reversal", org.id, transferId).then().statusCode(201)
                .body("amount", equalTo(40));
        assertEquals(100, org.pool());
        assertEquals(0, org.member(ben));
        post(org.admin).body("{}").post("/v1/orgs/{o}/transfers/{t}/reversal", org.id, UUID.randomUUID())
                .then().statusCode(404);
    }

    @Test
    void moneyPostsNeedAnIdempotencyKeyAndRetriesMoveNothing() {
        Org org = Org.create(Plan.PRO, 100, false, true);
        User ben = org.join("ben", false, null);
        Map<String, Object> body = Map.of("from", "pool", "to", ben.subject(), "amount", 30);
        as(org.admin).body(body).post("/v1/orgs/{o}/transfers", org.id).then().statusCode(400)
                .body("type", equalTo("urn:team-credits:problem:idempotency-key-required"));

        String first = as(org.admin).header("Idempotency-Key", "t-1").body(body).post("/v1/orgs/{o}/transfers", org.id)
                .then().statusCode(201).extract().path("transactionId");
        as(org.admin).header("Idempotency-Key", "t-1").body(body).post("/v1/orgs/{o}/transfers", org.id)
                .then().statusCode(201).header("Idempotency-Replayed", "true").body("transactionId", equalTo(first));
        as(org.admin).header("Idempotency-Key", "t-1").body(Map.of("from", "pool", "to", ben.subject(), "amount", 31))
                .post("/v1/orgs/{o}/transfers", org.id).then().statusCode(422)
                .body("type", equalTo("urn:team-credits:problem:idempotency-key-reused"));
        assertEquals(70, org.pool());
        assertEquals(30, org.member(ben));
    }

    @Test
    void personalPurchasesStayPersonal() {
        User dan = LedgerFixture.user("dan");
        LedgerFixture.buyPersonal(dan, 25);
        as(dan).get("/v1/me/balance").then().statusCode(200).body("available", equalTo(25))
                .body("account.kind", equalTo("PERSONAL"));
    }

    @Test
    void historyListsTransactionsWithCursorAndFiltersAndExportsCsv() {
        Org org = Org.create(Plan.PRO, 100, false, true);
        User ben = org.join("ben", false, null);
        for (int i = 1; i <= 3; i++) {
            org.transfer("pool", ben.subject(), i);
        }
        org.buy(10);

        var first = as(org.admin).queryParam("limit", 2).get("/v1/orgs/{o}/transactions", org.id).then().statusCode(200)
                .body("items", hasSize(2)).body("items[0].type", equalTo("PURCHASE")).body("items[1].type", equalTo("TRANSFER"))
                .body("items[1].amount", equalTo(3)).body("nextCursor", notNullValue()).extract();
        as(org.admin).queryParam("limit", 2).queryParam("cursor", first.path("nextCursor").toString())
                .get("/v1/orgs/{o}/transactions", org.id).then().statusCode(200)
                .body("items", hasSize(2)).body("items[0].amount", equalTo(2)).body("items[1].amount", equalTo(1));
        as(org.admin).queryParam("type", "TRANSFER").get("/v1/orgs/{o}/transactions", org.id).then()
                .body("items", hasSize(3)).body("items[0].reason", equalTo("test"))
                .body("items[0].accounts.'POOL:%s'".formatted(org.id), equalTo(-3));
        as(ben).get("/v1/orgs/{o}/transactions", org.id).then().statusCode(200).body("items", hasSize(3));
        as(ben).queryParam("account", "pool").get("/v1/orgs/{o}/transactions", org.id).then().statusCode(403);
        as(org.admin).queryParam("type", "BOGUS").get("/v1/orgs/{o}/transactions", org.id).then().statusCode(400);
        as(org.admin).queryParam("cursor", "garbage").get("/v1/orgs/{o}/transactions", org.id).then().statusCode(400);
        // a true/false filter is exactly that, not "false" for anything else.
        as(org.admin).queryParam("former", "maybe").get("/v1/orgs/{o}/balances", org.id).then().statusCode(400)
                .body("type", equalTo("urn:team-credits:problem:invalid-filter"));
        as(org.admin).queryParam("former", "true").get("/v1/orgs/{o}/balances", org.id).then().statusCode(200);
        // a cursor is bound to its org's history; another org's is refused, not followed.
        Org other = Org.create(Plan.PRO, 100, false, true);
        as(other.admin).queryParam("limit", 2).queryParam("cursor", first.path("nextCursor").toString())
                .get("/v1/orgs/{o}/transactions", other.id).then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("urn:team-credits:problem:invalid-cursor"));

        String csv = as(org.admin).accept("text/csv").queryParam("type", "TRANSFER")
                .get("/v1/orgs/{o}/transactions", org.id).then().statusCode(200).contentType("text/csv")
                .extract().asString();
        List<String> lines = csv.lines().toList();
        assertEquals("id,at,type,amount,actor,reason,reverses,accounts", lines.get(0));
        assertEquals(4, lines.size());
        assertTrue(lines.get(1).contains(",TRANSFER,3,"), lines.get(1));
    }
}
