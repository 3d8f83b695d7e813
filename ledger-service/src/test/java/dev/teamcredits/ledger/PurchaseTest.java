package dev.teamcredits.ledger;

import static dev.teamcredits.ledger.LedgerFixture.as;
import static dev.teamcredits.ledger.LedgerFixture.post;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.teamcredits.events.team.Plan;
import dev.teamcredits.ledger.LedgerFixture.Org;
import dev.teamcredits.ledger.LedgerFixture.User;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;

/**
 * Credits are bought: a user or an org admin asks (a top-up request), the billing backend takes the payment and
 * records the purchase (or declines), and only then do credits arrive. A purchase is recorded once per payment
 * reference; no user token creates credits anywhere.
 */
@QuarkusTest
class PurchaseTest extends LedgerTestBase {

    private static Map<String, Object> pool(Org org) {
        return Map.of("orgId", org.id.toString());
    }

    private static Response purchase(User caller, Map<String, Object> body) {
        return post(caller).body(body).post("/v1/purchases");
    }

    private static Map<String, Object> purchaseOf(Map<String, Object> account, long amount, String reference) {
        Map<String, Object> body = new HashMap<>(Map.of("amount", amount, "paymentReference", reference));
        if (account != null) {
            body.put("account", account);
        }
        return body;
    }

    private static Map<String, Object> requestFor(Org org, Object account, long amount) {
        Map<String, Object> body = new HashMap<>(Map.of("amount", amount));
        if (account != null) {
            body.put("account", account);
        }
        return post(org.admin).body(body).post("/v1/orgs/{o}/top-up-requests", org.id).then().statusCode(202)
                .body("status", equalTo("awaiting-payment")).extract().path("$");
    }

    private static List<Map<String, Object>> history(User reader, String path, Object... params) {
        return as(reader).get(path, params).then().statusCode(200).extract().path("items");
    }

    @Test
    void aPurchaseIsRecordedOncePerPaymentReferenceHoweverOftenAndConcurrentlyItIsSent() throws Exception {
        Org org = Org.create(Plan.PRO, 100, false, false);
        User billing = LedgerFixture.billing();
        String reference = "pi_" + UUID.randomUUID();
        List<Callable<Integer>> calls = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            // Each with its own Idempotency-Key: only the payment reference says they are one purchase.
            calls.add(() -> purchase(billing, purchaseOf(pool(org), 250, reference)).statusCode());
        }
        List<Integer> statuses = LedgerFixture.concurrently(8, calls);
        assertEquals(1, Collections.frequency(statuses, 201), statuses.toString());
        assertEquals(7, Collections.frequency(statuses, 200), statuses.toString());
        assertEquals(350, org.pool());
        assertEquals(1, org.history("PURCHASE").size());

        Response again = purchase(billing, purchaseOf(pool(org), 250, reference));
        again.then().statusCode(200).header("Idempotency-Replayed", "true").body("paymentReference",
                equalTo(reference)).body("amount", equalTo(250)).body("balanceAfter.available", equalTo(350));
        purchase(billing, purchaseOf(pool(org), 251, reference)).then().statusCode(409)
                .body("type", equalTo("urn:team-credits:problem:payment-reference-conflict"));
        User ben = org.join("ben", false, null);
        purchase(billing, purchaseOf(Map.of("orgId", org.id.toString(), "userId", ben.subject()),
                250, reference)).then().statusCode(409)
                .body("type", equalTo("urn:team-credits:problem:payment-reference-conflict"));
        assertEquals(350, org.pool());
        assertEquals(0, org.member(ben));
        org.balances().body("pool.totalThisCycle", equalTo(350)).body("pool.lots.find { it.kind == 'TOP_UP' }.remaining",
                equalTo(250));
    }

    @Test
    void anAdminsRequestIsCompletedByThePurchaseThatNamesItAndShowsInThePurchaseHistory() {
        Org org = Org.create(Plan.PRO, 100, false, false);
        Map<String, Object> request = requestFor(org, null, 500);
        assertEquals(100, org.pool(), "asking moves nothing");
        assertEquals(Map.of("kind", "POOL"), withoutNulls(request.get("account")));
        assertEquals(org.admin.subject(), request.get("requestedBy"));

        String reference = "pi_" + UUID.randomUUID();
        purchase(LedgerFixture.billing(), Map.of("topUpRequestId", request.get("id"), "amount", 500,
                "paymentReference", reference, "price", 4_999, "currency", "EUR")).then().statusCode(201)
                .body("account.kind", equalTo("POOL")).body("topUpRequestId", equalTo(request.get("id")))
                .body("balanceAfter.available", equalTo(600)).body("requestedBy", equalTo(org.admin.subject()));
        assertEquals(600, org.pool());

        List<Map<String, Object>> items = history(org.admin, "/v1/orgs/{o}/accounts/pool/purchases", org.id);
        assertEquals(1, items.size(), "the request, completed, is one line with its purchase");
        Map<String, Object> line = items.get(0);
        assertEquals("REQUEST", line.get("kind"));
        assertEquals("completed", line.get("status"));
        assertEquals(reference, line.get("paymentReference"));
        assertEquals(4_999, line.get("price"));
        assertEquals("EUR", line.get("currency"));
        // A second purchase naming the same request is a second payment for it: refused.
        purchase(LedgerFixture.billing(), Map.of("topUpRequestId", request.get("id"), "amount", 500,
                "paymentReference", "pi_" + UUID.randomUUID())).then().statusCode(409)
                .body("type", equalTo("urn:team-credits:problem:top-up-request-settled"));
        assertEquals(600, org.pool());
    }

    @Test
    void aDeclinedRequestTellsWhyAndCanNoLongerBeCompleted() {
        Org org = Org.create(Plan.PRO, 100, false, false);
        Map<String, Object> request = requestFor(org, "pool", 70);
        User billing = LedgerFixture.billing();
        String key = LedgerFixture.key();
        as(billing).header("Idempotency-Key", key).body(Map.of("reason", "card declined"))
                .post("/v1/top-up-requests/{r}/decline", request.get("id")).then().statusCode(200)
                .body("status", equalTo("declined")).body("declineReason", equalTo("card declined"));
        as(billing).header("Idempotency-Key", key).body(Map.of("reason", "card declined"))
                .post("/v1/top-up-requests/{r}/decline", request.get("id")).then().statusCode(200)
                .header("Idempotency-Replayed", "true").body("status", equalTo("declined"));
        post(billing).body(Map.of("reason", "card declined")).post("/v1/top-up-requests/{r}/decline",
                request.get("id")).then().statusCode(409)
                .body("type", equalTo("urn:team-credits:problem:top-up-request-settled"))
                .body("requestStatus", equalTo("declined"));
        purchase(billing, Map.of("topUpRequestId", request.get("id"), "amount", 70, "paymentReference",
                "pi_" + UUID.randomUUID())).then().statusCode(409)
                .body("type", equalTo("urn:team-credits:problem:top-up-request-settled"));
        post(billing).body(Map.of("reason", "x")).post("/v1/top-up-requests/{r}/decline", UUID.randomUUID()).then()
                .statusCode(404).body("type", equalTo("urn:team-credits:problem:top-up-request-not-found"));
        post(billing).body(Map.of("reason", " ")).post("/v1/top-up-requests/{r}/decline", request.get("id")).then()
                .statusCode(400);
        assertEquals(100, org.pool());
        Map<String, Object> line = history(org.admin, "/v1/orgs/{o}/accounts/pool/purchases", org.id).get(0);
        assertEquals("declined", line.get("status"));
        assertEquals("card declined", line.get("declineReason"));
    }

    @Test
    void anUnsettledRequestExpiresAndALatePurchaseStillCompletesIt() {
        Org org = Org.create(Plan.PRO, 100, false, false);
        Map<String, Object> request = requestFor(org, "pool", 40);
        // The test profile's requests expire after 10 s.
        LedgerFixture.await("the request expired", () -> "expired".equals(history(org.admin,
                "/v1/orgs/{o}/accounts/pool/purchases", org.id).get(0).get("status")));
        post(LedgerFixture.billing()).body(Map.of("reason", "too late")).post("/v1/top-up-requests/{r}/decline",
                request.get("id")).then().statusCode(409)
                .body("type", equalTo("urn:team-credits:problem:top-up-request-settled"));
        // The payment was taken after all: the credits are not refused, and the request is completed.
        purchase(LedgerFixture.billing(), Map.of("topUpRequestId", request.get("id"), "amount", 40,
                "paymentReference", "pi_" + UUID.randomUUID())).then().statusCode(201);
        assertEquals(140, org.pool());
        assertEquals("completed", history(org.admin, "/v1/orgs/{o}/accounts/pool/purchases", org.id).get(0)
                .get("status"));
    }

    @Test
    void aPurchaseMustMatchTheRequestItNamesAndItsAccount() {
        Org org = Org.create(Plan.PRO, 100, false, false);
        User ben = org.join("ben", false, null);
        Map<String, Object> request = requestFor(org, ben.subject(), 100);
        User billing = LedgerFixture.billing();
        purchase(billing, Map.of("topUpRequestId", request.get("id"), "amount", 99, "paymentReference",
                "pi_" + UUID.randomUUID())).then().statusCode(409)
                .body("type", equalTo("urn:team-credits:problem:top-up-request-mismatch"));
        purchase(billing, Map.of("topUpRequestId", request.get("id"), "amount", 100, "paymentReference",
                "pi_" + UUID.randomUUID(), "account", pool(org))).then().statusCode(409)
                .body("type", equalTo("urn:team-credits:problem:top-up-request-mismatch"));
        purchase(billing, Map.of("topUpRequestId", UUID.randomUUID(), "amount", 100, "paymentReference",
                "pi_" + UUID.randomUUID())).then().statusCode(404);
        purchase(billing, Map.of("amount", 100, "paymentReference", "pi_" + UUID.randomUUID())).then().statusCode(400)
                .body("type", equalTo("urn:team-credits:problem:validation-failed"));
        Map<String, Object> priceOnly = purchaseOf(pool(org), 5, "pi_" + UUID.randomUUID());
        priceOnly.put("price", 100);
        purchase(billing, priceOnly).then().statusCode(400)
                .body("type", equalTo("urn:team-credits:problem:validation-failed"));
        purchase(billing, Map.of("topUpRequestId", request.get("id"), "amount", 100, "paymentReference",
                "pi_" + UUID.randomUUID())).then().statusCode(201).body("account.userId", equalTo(ben.subject()));
        assertEquals(100, org.member(ben));
        assertEquals(100, org.pool());
    }

    @Test
    void onlyTheBillingBackendRecordsPurchasesAndNoUserTokenCreatesCredits() {
        Org org = Org.create(Plan.PRO, 100, false, false);
        User ben = org.join("ben", false, null);
        for (User caller : List.of(org.admin, ben, LedgerFixture.backend(), LedgerFixture.operator(),
                LedgerFixture.user("stranger"))) {
            purchase(caller, purchaseOf(pool(org), 10, "pi_" + UUID.randomUUID())).then().statusCode(403)
                    .body("type", equalTo("urn:team-credits:problem:billing-client-required"));
            purchase(caller, purchaseOf(Map.of("userId", caller.subject()), 10,
                    "pi_" + UUID.randomUUID())).then().statusCode(403);
            // The old ways of typing credits in are gone.
            int pool = post(caller).body(Map.of("amount", 10)).post("/v1/orgs/{o}/top-ups", org.id).statusCode();
            int personal = post(caller).body(Map.of("amount", 10)).post("/v1/me/top-ups").statusCode();
            assertTrue(pool == 404 || pool == 405, "pool top-up: " + pool);
            assertTrue(personal == 404 || personal == 405, "personal top-up: " + personal);
        }
        for (User caller : List.of(org.admin, ben, LedgerFixture.backend(), LedgerFixture.billing())) {
            post(caller).body(Map.of("account", pool(org), "amount", 10, "reason", "why not"))
                    .post("/v1/operator/grants").then().statusCode(403)
                    .body("type", equalTo("urn:team-credits:problem:operator-required"));
        }
        // The billing backend records purchases and nothing else: it is no member and no trusted backend.
        User billing = LedgerFixture.billing();
        post(billing).body(Map.of("userId", ben.subject(), "action", "PAGE_SCRAPE", "quantity", 1))
                .post("/v1/orgs/{o}/spends", org.id).then().statusCode(403);
        post(billing).body(Map.of("from", "pool", "to", ben.subject(), "amount", 1))
                .post("/v1/orgs/{o}/transfers", org.id).then().statusCode(404);
        as(billing).get("/v1/orgs/{o}/balances", org.id).then().statusCode(404);
        post(billing).body(Map.of("amount", 1)).post("/v1/orgs/{o}/top-up-requests", org.id).then().statusCode(404);
        post(billing).body(Map.of("amount", 1)).post("/v1/me/top-up-requests").then().statusCode(403);
        assertEquals(100, org.pool());
        assertEquals(0, org.member(ben));
        assertEquals(0, org.history("PURCHASE").size());
    }

    @Test
    void requestsForMemberBalancesFollowTheOrgsRules() {
        Org org = Org.create(Plan.PRO, 100, false, false);
        User ben = org.join("ben", false, null);
        User cleo = org.join("cleo", false, null);
        requestFor(org, ben.subject(), 30);
        post(ben).body(Map.of("amount", 30)).post("/v1/orgs/{o}/top-up-requests", org.id).then().statusCode(403)
                .body("type", equalTo("urn:team-credits:problem:admin-required"));
        post(LedgerFixture.user("stranger")).body(Map.of("amount", 30)).post("/v1/orgs/{o}/top-up-requests", org.id)
                .then().statusCode(404);
        post(org.admin).body(Map.of("amount", 30, "account", "nobody")).post("/v1/orgs/{o}/top-up-requests", org.id)
                .then().statusCode(404).body("type", equalTo("urn:team-credits:problem:member-not-found"));

        // Whoever may read a balance reads its purchase history: ben his own and the pool's, not cleo's.
        assertEquals(1, history(ben, "/v1/orgs/{o}/accounts/{a}/purchases", org.id, ben.subject()).size());
        assertEquals(0, history(ben, "/v1/orgs/{o}/accounts/pool/purchases", org.id).size());
        as(ben).get("/v1/orgs/{o}/accounts/{a}/purchases", org.id, cleo.subject()).then().statusCode(403);
        as(LedgerFixture.user("stranger")).get("/v1/orgs/{o}/accounts/pool/purchases", org.id).then().statusCode(404);

        org.remove(cleo);
        post(org.admin).body(Map.of("amount", 30, "account", cleo.subject()))
                .post("/v1/orgs/{o}/top-up-requests", org.id).then().statusCode(404);
        purchase(LedgerFixture.billing(), purchaseOf(Map.of("orgId", org.id.toString(), "userId",
                cleo.subject()), 30, "pi_" + UUID.randomUUID())).then().statusCode(409)
                .body("type", equalTo("urn:team-credits:problem:member-inactive"));
        post(LedgerFixture.operator()).body(Map.of("account", Map.of("orgId", org.id.toString(),
                "userId", cleo.subject()), "amount", 30, "reason", "goodwill")).post("/v1/operator/grants").then()
                .statusCode(409).body("type", equalTo("urn:team-credits:problem:member-inactive"));
    }

    @Test
    void anAccountHasAtMostTwentyRequestsAwaitingPayment() {
        Org org = Org.create(Plan.PRO, 100, false, false);
        for (int i = 0; i < 20; i++) {
            requestFor(org, "pool", 1 + i);
        }
        post(org.admin).body(Map.of("amount", 5)).post("/v1/orgs/{o}/top-up-requests", org.id).then().statusCode(409)
                .body("type", equalTo("urn:team-credits:problem:too-many-open-top-up-requests"));
    }

    @Test
    void aUserBuysForTheirPersonalBalanceAndReadsItsHistoryPageByPageAsJsonOrCsv() {
        User dan = LedgerFixture.user("dan");
        List<String> ids = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            ids.add(post(dan).body(Map.of("amount", 10 * i)).post("/v1/me/top-up-requests").then().statusCode(202)
                    .body("account.kind", equalTo("PERSONAL")).body("orgId", nullValue()).extract().path("id"));
        }
        User billing = LedgerFixture.billing();
        purchase(billing, Map.of("topUpRequestId", ids.get(1), "amount", 20, "paymentReference", "=cmd|'/C.calc'!A0"))
                .then().statusCode(201);
        purchase(billing, purchaseOf(Map.of("userId", dan.subject()), 7, "pi_" + UUID.randomUUID()))
                .then().statusCode(201);
        as(dan).get("/v1/me/balance").then().body("available", equalTo(27));

        List<Object> seen = new ArrayList<>();
        String cursor = null;
        do {
            var page = as(dan).queryParam("limit", 2).queryParams(cursor == null ? Map.of() : Map.of("cursor", cursor))
                    .get("/v1/me/purchases").then().statusCode(200).extract().jsonPath();
            seen.addAll(page.getList("items.amount"));
            cursor = page.getString("nextCursor");
        } while (cursor != null);
        assertEquals(List.of(7, 30, 20, 10), seen, "newest first: the purchase without request, then the requests");

        Response csv = as(dan).accept("text/csv").queryParam("limit", 3).get("/v1/me/purchases");
        csv.then().statusCode(200).contentType(org.hamcrest.Matchers.startsWith("text/csv"));
        String body = csv.asString();
        assertTrue(body.startsWith("kind,requestId,purchaseId,amount,status,paymentReference"), body);
        assertTrue(body.contains("'=cmd|"), "a payment reference that starts a formula is neutralised: " + body);
        assertTrue(csv.header("Link").contains("limit=3"), csv.header("Link"));
        assertEquals(0, history(LedgerFixture.user("eve"), "/v1/me/purchases").size(), "one's own history only");
    }

    @Test
    void anOperatorGrantsCreditsWithAReasonOnRecord() {
        Org org = Org.create(Plan.PRO, 100, false, false);
        User ben = org.join("ben", false, null);
        User operator = LedgerFixture.operator();
        post(operator).body(Map.of("account", pool(org), "amount", 50, "reason", "outage goodwill"))
                .post("/v1/operator/grants").then().statusCode(201).body("reason", equalTo("outage goodwill"))
                .body("balanceAfter.available", equalTo(150)).body("grantedBy", equalTo(operator.subject()));
        post(operator).body(Map.of("account", Map.of("orgId", org.id.toString(), "userId",
                ben.subject()), "amount", 5, "reason", "support ticket 42")).post("/v1/operator/grants").then()
                .statusCode(201);
        post(operator).body(Map.of("account", Map.of("userId", ben.subject()), "amount", 3,
                "reason", "migration")).post("/v1/operator/grants").then().statusCode(201);
        for (Object reason : java.util.Arrays.asList("", "   ", null, "x".repeat(501))) {
            Map<String, Object> body = new HashMap<>(Map.of("account", pool(org), "amount", 1));
            body.put("reason", reason);
            post(operator).body(body).post("/v1/operator/grants").then().statusCode(400);
        }
        post(operator).body(Map.of("account", Map.of(), "amount", 1, "reason", "x"))
                .post("/v1/operator/grants").then().statusCode(400);
        post(operator).body(Map.of("account", Map.of("orgId", UUID.randomUUID().toString()), "amount",
                1, "reason", "x")).post("/v1/operator/grants").then().statusCode(404);
        assertEquals(150, org.pool());
        assertEquals(5, org.member(ben));
        as(ben).get("/v1/me/balance").then().body("available", equalTo(3));
        List<Object> reasons = org.history("GRANT").stream().map(g -> g.get("reason")).toList();
        assertTrue(reasons.containsAll(List.of("outage goodwill", "support ticket 42")), reasons.toString());
    }

    private static Map<?, ?> withoutNulls(Object value) {
        Map<Object, Object> copy = new HashMap<>((Map<?, ?>) value);
        copy.values().removeIf(java.util.Objects::isNull);
        return copy;
    }
}
