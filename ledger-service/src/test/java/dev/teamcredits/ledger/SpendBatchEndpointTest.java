package dev.teamcredits.ledger;

import static dev.teamcredits.ledger.LedgerFixture.as;
import static dev.teamcredits.ledger.LedgerFixture.post;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.teamcredits.events.team.Plan;
import dev.teamcredits.ledger.LedgerFixture.Org;
import dev.teamcredits.ledger.LedgerFixture.User;
import io.restassured.response.Response;
import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code POST …/spends/batch}: many spends in one request, each answered exactly as it would be
 * alone with its own key, in order; a refused item never fails the others.
 */
@QuarkusTest
class SpendBatchEndpointTest extends LedgerTestBase {

    private static Map<String, Object> item(String key, String action, long quantity) {
        return new HashMap<>(Map.of("idempotencyKey", key, "action", action, "quantity", quantity));
    }

    private static List<Map<String, Object>> pageScrapes(String prefix, int count) {
        List<Map<String, Object>> items = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            items.add(item(prefix + "-" + i, "PAGE_SCRAPE", 1));
        }
        return items;
    }

    private static Response batch(User caller, Org org, List<Map<String, Object>> items) {
        return as(caller).body(Map.of("spends", items)).post("/v1/orgs/{o}/spends/batch", org.id);
    }

    private static List<Integer> statuses(Response response) {
        return response.then().statusCode(200).extract().jsonPath().getList("results.status", Integer.class);
    }

    @Test
    void eachItemIsChargedInOrderUntilTheCreditsRunOutAndOnlyTheRestAreRefused() {
        Org org = Org.create(Plan.PRO, 10, false, false);
        User ben = org.join("ben", true, null);
        Response response = batch(ben, org, pageScrapes("b", 12));
        List<Integer> expected = new ArrayList<>(java.util.Collections.nCopies(10, 200));
        expected.addAll(List.of(402, 402));
        assertEquals(expected, statuses(response));
        response.then().body("results[9].spend.pool.balance", equalTo(0))
                .body("results[10].problem.type", equalTo("urn:team-credits:problem:insufficient-credits"))
                .body("results[0].replayed", equalTo(false));
        assertEquals(0, org.pool());
        assertEquals(10, org.history("SPEND").size());
    }

    @Test
    void aRetriedBatchReplaysEveryChargedItemAndMovesNothingMore() {
        Org org = Org.create(Plan.PRO, 100, false, false);
        User ben = org.join("ben", true, null);
        List<Map<String, Object>> items = pageScrapes("retry", 5);
        assertEquals(List.of(200, 200, 200, 200, 200), statuses(batch(ben, org, items)));
        Response again = batch(ben, org, items);
        assertEquals(List.of(200, 200, 200, 200, 200), statuses(again));
        assertEquals(List.of(true, true, true, true, true),
                again.jsonPath().getList("results.replayed", Boolean.class));
        // An item's key is the same key a single spend would use.
        as(ben).header("Idempotency-Key", "retry-2").body(Map.of("action", "PAGE_SCRAPE", "quantity", 1))
                .post("/v1/orgs/{o}/spends", org.id).then().statusCode(200).header("Idempotency-Replayed", "true");
        assertEquals(95, org.pool());
    }

    @Test
    void anUnknownActionOrAKeyReusedForAnotherSpendIsRefusedAloneAndTheOthersAreCharged() {
        Org org = Org.create(Plan.PRO, 100, false, false);
        User ben = org.join("ben", true, null);
        List<Map<String, Object>> items = List.of(item("a", "PAGE_SCRAPE", 1), item("b", "TELEPORT", 1),
                item("c", "ENRICHMENT", 2), item("a", "PAGE_SCRAPE", 7), item("a", "PAGE_SCRAPE", 1));
        Response response = batch(ben, org, items);
        assertEquals(List.of(200, 400, 200, 422, 200), statuses(response));
        response.then().body("results[1].problem.type", equalTo("urn:team-credits:problem:unknown-action"))
                .body("results[4].replayed", equalTo(true));
        assertEquals(97, org.pool());
    }

    @Test
    void aBackendChargesManyMembersInOneBatchAndANonMemberItemGets404() {
        Org org = Org.create(Plan.PRO, 100, false, false);
        User ben = org.join("ben", true, null);
        User cy = org.join("cy", true, null);
        User backend = LedgerFixture.backend();
        List<Map<String, Object>> items = new ArrayList<>();
        for (String who : List.of(ben.subject(), cy.subject(), "stranger", ben.subject())) {
            Map<String, Object> item = item("m-" + items.size(), "PAGE_SCRAPE", 3);
            item.put("userId", who);
            items.add(item);
        }
        Response response = batch(backend, org, items);
        assertEquals(List.of(200, 200, 404, 200), statuses(response));
        response.then().body("results[1].spend.userId", equalTo(cy.subject()))
                .body("results[2].problem.type", equalTo("urn:team-credits:problem:member-not-found"));
        assertEquals(91, org.pool());
    }

    @Test
    void aMalformedItemOrTooManyItemsRefuseTheWholeRequestAndChargeNothing() {
        Org org = Org.create(Plan.PRO, 2000, false, false);
        User ben = org.join("ben", true, null);
        List<Map<String, Object>> items = pageScrapes("bad", 3);
        items.get(1).put("quantity", 0);
        batch(ben, org, items).then().statusCode(400)
                .body("type", equalTo("urn:team-credits:problem:validation-failed"));
        batch(ben, org, pageScrapes("many", 1001)).then().statusCode(400);
        batch(ben, org, List.of()).then().statusCode(400);
        // A key is part of an item's shape: one a single spend's header would refuse is a malformed item.
        for (String key : List.of("has space", "ключ", "tab\there", "", "k".repeat(201))) {
            List<Map<String, Object>> withKey = pageScrapes("key", 3);
            withKey.get(2).put("idempotencyKey", key);
            batch(ben, org, withKey).then().statusCode(400)
                    .body("type", equalTo("urn:team-credits:problem:validation-failed"));
        }
        assertEquals(2000, org.pool());
        assertEquals(List.of(200), statuses(batch(ben, org, pageScrapes("bad", 1))));
    }

    /**
     * A batch is a request about one org: whoever is not its member (another org's user, an operator client) gets
     * 404 {@code org-not-found} for the whole request, as from every org endpoint, not a 200 of refused items.
     */
    @Test
    void aNonMemberOrAnOperatorGets404ForTheWholeBatchAndNothingIsCharged() {
        Org org = Org.create(Plan.PRO, 100, false, false);
        User stranger = LedgerFixture.user("stranger");
        batch(stranger, org, pageScrapes("s", 2)).then().statusCode(404)
                .body("type", equalTo("urn:team-credits:problem:org-not-found"));
        batch(LedgerFixture.operator(), org, pageScrapes("o", 2)).then().statusCode(404)
                .body("type", equalTo("urn:team-credits:problem:org-not-found"));
        assertEquals(100, org.pool());
        post(org.admin).body(Map.of("action", "PAGE_SCRAPE", "quantity", 1)).post("/v1/orgs/{o}/spends", org.id)
                .then().statusCode(200);
        assertEquals(99, org.pool());
    }

    /**
     * A refused spend keeps nothing, so its key's next use is judged afresh, one at a time; inside one batch too.
     * The same items as single spends in one org and as one batch in an identical org answer the same.
     */
    @Test
    void aKeyRefusedEarlierInTheBatchIsJudgedAfreshAsItWouldBeOneAtATime() {
        List<Map<String, Object>> items = List.of(item("K", "PAGE_SCRAPE", 50), item("K", "PAGE_SCRAPE", 50),
                item("K", "PAGE_SCRAPE", 3), item("K", "PAGE_SCRAPE", 3), item("K", "PAGE_SCRAPE", 50),
                item("L", "ENRICHMENT", 20), item("L", "PAGE_SCRAPE", 7), item("L", "PAGE_SCRAPE", 7));
        Org alone = Org.create(Plan.PRO, 10, false, false);
        User ben = alone.join("ben", true, null);
        List<String> oneAtATime = new ArrayList<>();
        for (Map<String, Object> item : items) {
            Response r = as(ben).header("Idempotency-Key", item.get("idempotencyKey"))
                    .body(Map.of("action", item.get("action"), "quantity", item.get("quantity")))
                    .post("/v1/orgs/{o}/spends", alone.id);
            oneAtATime.add(r.statusCode() + ("true".equals(r.header("Idempotency-Replayed")) ? " replayed" : ""));
        }
        assertEquals(List.of("402", "402", "200", "200 replayed", "422", "402", "200", "200 replayed"), oneAtATime,
                "the rules, one at a time");

        Org together = Org.create(Plan.PRO, 10, false, false);
        User cleo = together.join("cleo", true, null);
        Response response = batch(cleo, together, items);
        List<String> batched = new ArrayList<>();
        List<Integer> statuses = statuses(response);
        for (int i = 0; i < statuses.size(); i++) {
            Object replayed = response.jsonPath().get("results[" + i + "].replayed");
            batched.add(statuses.get(i) + (Boolean.TRUE.equals(replayed) ? " replayed" : ""));
        }
        assertEquals(oneAtATime, batched, "the same items in one batch");
        assertEquals(alone.pool(), together.pool());
        assertEquals(0, together.pool());
    }

    /**
     * A retry replays its key's answer, even after the member left (found by the concurrent model check, whose
     * clients retry): as a single spend and as a batch item alike. A new spend of someone who left is refused.
     */
    @Test
    void aFormerMembersRetryReplaysTheirSpendInABatchAsAlone() {
        Org org = Org.create(Plan.PRO, 100, false, false);
        User ben = org.join("ben", true, null);
        Map<String, Object> spend = Map.of("action", "PAGE_SCRAPE", "quantity", 2);
        as(ben).header("Idempotency-Key", "before-leaving").body(spend).post("/v1/orgs/{o}/spends", org.id).then()
                .statusCode(200);
        org.remove(ben);

        as(ben).header("Idempotency-Key", "before-leaving").body(spend).post("/v1/orgs/{o}/spends", org.id).then()
                .statusCode(200).header("Idempotency-Replayed", "true");
        Response retried = batch(ben, org, List.of(item("before-leaving", "PAGE_SCRAPE", 2),
                item("after-leaving", "PAGE_SCRAPE", 2)));
        assertEquals(List.of(200, 404), statuses(retried));
        retried.then().body("results[0].replayed", equalTo(true))
                .body("results[1].problem.type", equalTo("urn:team-credits:problem:org-not-found"));
        assertEquals(98, org.pool());
    }
}
