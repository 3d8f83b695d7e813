package dev.teamcredits.systemtests;

import static dev.teamcredits.systemtests.Api.ADA;
import static dev.teamcredits.systemtests.Api.BEN;
import static dev.teamcredits.systemtests.Api.BILLING;
import static dev.teamcredits.systemtests.Api.CLEO;
import static dev.teamcredits.systemtests.Api.SCRAPER;
import static dev.teamcredits.systemtests.Api.key;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.teamcredits.client.ConflictException;
import dev.teamcredits.client.PurchaseRequest;
import dev.teamcredits.client.TeamCreditsClient;
import dev.teamcredits.local.ProcessStack;
import dev.teamcredits.systemtests.Api.Reply;
import dev.teamcredits.systemtests.Api.Who;
import dev.teamcredits.systemtests.HostileRequests.Operation;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Credits are bought (SPEC "Where credits come from", "Buying credits", "Auto top-up"), on the real stack with its
 * sandbox billing backend, which completes every top-up request up to 100,000 credits about a second after it is
 * made and declines larger ones: the credits of a completed request arrive and its purchase history says so (JSON and
 * CSV); a declined one brings none and its requester and the org's admins are told why; no token but the billing
 * backend's records a purchase and none but an operator's grants credits, on any POST the services publish; a payment
 * is credited once however often and however concurrently it is sent; and an auto top-up asks by itself, within its
 * per-cycle limit under concurrent spends.
 */
@Order(6)
class BuyingCreditsTest extends SystemTestBase {

    /** The stack's sandbox completes requests up to this many credits and declines larger ones with this reason. */
    static final long SANDBOX_LIMIT = ProcessStack.SANDBOX_DECLINE_ABOVE;
    static final String SANDBOX_DECLINE = "Declined by the sandbox: amounts above " + SANDBOX_LIMIT
            + " are refused (test mode)";

    @Test
    void requestsOfAUserAndAnAdminAreCompletedByTheSandboxAndShowInThePurchaseHistory() {
        Org org = org("PRO");
        org.join(BEN, true);
        long benPersonal = personal(BEN);

        JsonNode personal = api.post(BEN, api.ledger() + "/v1/me/top-up-requests", Map.of("amount", 40), key())
                .expect(202).body();
        assertEquals("awaiting-payment", personal.get("status").asText());
        assertFalse(personal.get("automatic").asBoolean());
        assertEquals(Api.id(BEN), personal.get("requestedBy").asText());
        JsonNode pool = api.post(ADA, org.ledger("/top-up-requests"), Map.of("amount", 300), key()).expect(202).body();
        JsonNode member = api.post(ADA, org.ledger("/top-up-requests"), Map.of("amount", 70, "account", Api.id(BEN)),
                key()).expect(202).body();
        // Asking moves nothing: the credits come with the purchase.
        assertEquals(benPersonal, personal(BEN));

        Waits.untilAsserted("the sandbox completes the three requests", () -> {
            assertEquals(1000 + 300, org.pool());
            assertEquals(70, org.memberBalance(BEN));
            assertEquals(benPersonal + 40, personal(BEN));
        });

        // The history of each account, as JSON and as CSV, read by who may read it.
        String poolHistory = org.ledger("/accounts/pool/purchases");
        assertCompletedBySandbox(pool, 300, item(api.get(ADA, poolHistory).expect(200).body(), pool), ADA);
        assertCompletedBySandbox(pool, 300, csvRow(api.get(BEN, poolHistory, "text/csv"), pool), ADA);
        String benHistory = org.ledger("/accounts/" + Api.id(BEN) + "/purchases");
        assertCompletedBySandbox(member, 70, item(api.get(BEN, benHistory).expect(200).body(), member), ADA);
        assertCompletedBySandbox(member, 70, csvRow(api.get(ADA, benHistory, "text/csv"), member), ADA);
        String mine = api.ledger() + "/v1/me/purchases?limit=1000";
        assertCompletedBySandbox(personal, 40, item(api.get(BEN, mine).expect(200).body(), personal), BEN);
        assertCompletedBySandbox(personal, 40, csvRow(api.get(BEN, mine, "text/csv"), personal), BEN);

        // In the journal they are purchases, from the purchases system account, nothing else.
        Map<String, Long> bought = new TreeMap<>();
        for (JsonNode tx : org.transactions()) {
            if (tx.get("type").asText().equals("PURCHASE")) {
                assertEquals(-tx.get("amount").asLong(), tx.get("accounts").path("SYSTEM:PURCHASES").asLong(),
                        tx.toString());
                tx.get("accounts").fields().forEachRemaining(e -> {
                    if (!e.getKey().startsWith("SYSTEM:")) {
                        bought.put(e.getKey(), e.getValue().asLong());
                    }
                });
            }
        }
        assertEquals(Map.of("POOL:" + org.id, 300L, "MEMBER:" + org.id + ":" + Api.id(BEN), 70L), bought);

        // The requester is told (a personal request tells its owner, with no org).
        JsonNode told = awaitNotification(BEN, null, "TOP_UP_COMPLETED", personal.get("id").asText());
        assertEquals("sandbox_" + personal.get("id").asText(), told.get("data").get("paymentReference").asText());
        awaitNotification(ADA, org, "TOP_UP_COMPLETED", pool.get("id").asText());
    }

    @Test
    void aRequestAboveTheSandboxLimitIsDeclinedTheRequesterAndTheAdminsAreToldAndNoCreditsArrive() {
        Org org = org("PRO");
        org.join(BEN, true);
        org.join(CLEO, false);
        // A second admin, known to the notification service (it answers her webhooks list, an admin's).
        api.put(ADA, org.team("/members/" + Api.id(CLEO) + "/role"), Map.of("role", "ADMIN")).expect(200);
        Waits.until("the notification service knows cleo as an admin", () -> api.get(CLEO, api.notifications()
                + "/v1/orgs/" + org.id + "/webhooks").status() == 200);
        long benPersonal = personal(BEN);

        String poolRequest = api.post(ADA, org.ledger("/top-up-requests"), Map.of("amount", SANDBOX_LIMIT + 1), key())
                .expect(202).body().get("id").asText();
        String personalRequest = api.post(BEN, api.ledger() + "/v1/me/top-up-requests",
                Map.of("amount", 250_000), key()).expect(202).body().get("id").asText();

        for (Who admin : List.of(ADA, CLEO)) {
            JsonNode n = awaitNotification(admin, org, "TOP_UP_DECLINED", poolRequest);
            assertEquals(SANDBOX_DECLINE, n.get("data").get("reason").asText());
            assertTrue(n.get("body").asText().contains(SANDBOX_DECLINE), "the text gives the reason: " + n);
        }
        JsonNode bens = awaitNotification(BEN, null, "TOP_UP_DECLINED", personalRequest);
        assertEquals(SANDBOX_DECLINE, bens.get("data").get("reason").asText());
        assertTrue(bens.get("body").asText().contains(SANDBOX_DECLINE), bens.toString());
        // A pool request's decline is the requester's and the admins', not a member's; a personal one its owner's.
        assertEquals(List.of(), notifications(BEN, org, "TOP_UP_DECLINED", poolRequest));
        assertEquals(List.of(), notifications(ADA, null, "TOP_UP_DECLINED", personalRequest));

        JsonNode declined = item(api.get(BEN, org.ledger("/accounts/pool/purchases")).expect(200).body(),
                poolRequest);
        assertEquals("declined", declined.get("status").asText());
        assertEquals(SANDBOX_DECLINE, declined.get("declineReason").asText());
        assertTrue(declined.get("paymentReference").isNull(), declined.toString());
        JsonNode bensDeclined = item(api.get(BEN, api.ledger() + "/v1/me/purchases?limit=1000").expect(200).body(),
                personalRequest);
        assertEquals("declined", bensDeclined.get("status").asText());
        assertEquals(SANDBOX_DECLINE, bensDeclined.get("declineReason").asText());

        // No credits: the pool has its allocation, ben's personal balance what it had, the journal no purchase.
        org.assertPool(1000);
        assertEquals(benPersonal, personal(BEN));
        assertEquals(List.of("GRANT"), org.transactions().stream().map(t -> t.get("type").asText()).toList());
        // A declined request stays declined: the billing backend cannot decline it again, nor complete it.
        // (through the Java client, as the billing backend would)
        TeamCreditsClient billing = Clients.backend(BILLING);
        ConflictException declinedAgain = assertThrows(ConflictException.class,
                () -> billing.declineTopUpRequest(poolRequest, "again"));
        assertEquals(409, declinedAgain.status());
        assertTrue(declinedAgain.problem().is("top-up-request-settled"), declinedAgain.type());
        ConflictException paidAfterAll = assertThrows(ConflictException.class, () -> billing.recordPurchase(
                PurchaseRequest.completing(poolRequest, SANDBOX_LIMIT + 1, Api.paymentReference())));
        assertEquals(409, paidAfterAll.status());
        assertTrue(paidAfterAll.problem().is("top-up-request-settled"), paidAfterAll.type());
        org.assertPool(1000);
    }

    /**
     * Every POST operation the four services publish, sent well-formed (the seeded org's ids in the path, a valid
     * body) by ada (the admin), ben (a member) and scraper-backend (a product backend): none brings a credit into
     * the org or a personal balance, and the two that create credits refuse all three with 403. Top-up requests
     * among them are asked above the sandbox's limit, so that the only answer to them is a decline.
     */
    @Test
    void noUserOrProductBackendTokenCreatesCreditsOnAnyPost() throws Exception {
        Org org = org("PRO");
        org.join(BEN, true);
        String transfer = org.transfer("pool", Api.id(BEN), 10, "a transfer to reverse").expect(201)
                .get("transactionId").asText();
        String reservation = api.post(BEN, org.ledger("/reservations"), Map.of("amount", 1), key()).expect(201)
                .get("id").asText();
        String completed = api.post(ADA, org.ledger("/top-up-requests"), Map.of("amount", 5), key()).expect(202)
                .get("id").asText();
        Waits.until("the sandbox completes " + completed, () -> item(api.get(ADA, org.ledger(
                "/accounts/pool/purchases")).expect(200).body(), completed).get("status").asText().equals("completed"));
        List<Who> callers = List.of(ADA, BEN, SCRAPER);
        Map<Who, Long> personalBefore = new LinkedHashMap<>();
        callers.stream().filter(w -> w.username() != null).forEach(w -> personalBefore.put(w, personal(w)));
        long orgBefore = orgCredits(org);
        int transactionsBefore = org.transactions().size();

        Map<String, String> paths = new LinkedHashMap<>();
        paths.put("orgId", org.id);
        paths.put("userId", Api.id(BEN));
        paths.put("account", "pool");
        paths.put("transactionId", transfer);
        paths.put("reservationId", reservation);
        paths.put("requestId", completed);
        paths.put("cycleStart", org.cycleStart());
        Map<String, JsonNode> bodies = new LinkedHashMap<>();
        long asked = 3 * SANDBOX_LIMIT;
        bodies.put("OrgTopUpRequestBody", HostileRequests.NODES.objectNode().put("amount", asked));
        bodies.put("PersonalTopUpRequestBody", HostileRequests.NODES.objectNode().put("amount", asked));
        bodies.put("TransferRequest", HostileRequests.NODES.objectNode().put("from", Api.id(BEN)).put("to", "pool")
                .put("amount", 1).put("reason", "no credits from here"));
        bodies.put("ReversalRequest", HostileRequests.NODES.objectNode().put("amount", 1).put("reason", "back"));
        bodies.put("SpendRequest", HostileRequests.NODES.objectNode().put("userId", Api.id(BEN))
                .put("action", "PAGE_SCRAPE").put("quantity", 1));
        // Holds made here lapse at once, so none outlives the test.
        bodies.put("ReserveRequest", HostileRequests.NODES.objectNode().put("userId", Api.id(BEN)).put("amount", 1)
                .put("ttlSeconds", 1));
        bodies.put("CreateOrgRequest", HostileRequests.NODES.objectNode().put("name", "Buying test's other org")
                .put("plan", "PRO"));
        Map<String, String> strings = Map.of("email", "buying-" + key() + "@acme.example", "idempotencyKey",
                "buying-item", "userId", Api.id(BEN), "action", "PAGE_SCRAPE", "url", "https://203.0.113.10/buying",
                "name", "Buying", "reason", "free credits, please");
        HostileRequests.Seeds seeds = new HostileRequests.Seeds(paths, bodies, strings, List.of(), List.of());

        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        Map<String, String> bases = Map.of("team", api.team(), "ledger", api.ledger(), "usage", api.usage(),
                "notification", api.notifications());
        Map<String, List<Integer>> answers = new TreeMap<>();
        List<String> wrong = new ArrayList<>();
        int posts = 0;
        for (Map.Entry<String, String> service : new TreeMap<>(bases).entrySet()) {
            JsonNode doc = api.get(ADA, service.getValue() + "/q/openapi?format=json").expect(200).body();
            HostileRequests requests = new HostileRequests(doc, seeds, new Random(1));
            for (Operation op : requests.operations()) {
                if (!op.method().equals("POST")) {
                    continue;
                }
                posts++;
                for (Who who : callers) {
                    for (byte[] body : credits(op, requests, org)) {
                        HttpResponse<String> answer = post(http, service.getValue(), requests.valid(op), who, body);
                        String line = service.getKey() + " " + op.id() + " as " + who + " → " + answer.statusCode();
                        answers.computeIfAbsent(service.getKey() + " " + op.id(), k -> new ArrayList<>())
                                .add(answer.statusCode());
                        if (answer.statusCode() >= 500) {
                            wrong.add(line + " " + answer.body());
                        }
                        if (op.path().equals("/v1/purchases") || op.path().equals("/v1/operator/grants")) {
                            String type = answer.statusCode() == 403 ? Api.JSON.readTree(answer.body()).path("type")
                                    .asText() : "";
                            if (!type.endsWith(op.path().equals("/v1/purchases") ? ":billing-client-required"
                                    : ":operator-required")) {
                                wrong.add(line + " " + answer.body());
                            }
                        }
                    }
                }
            }
        }
        StringBuilder printed = new StringBuilder();
        answers.forEach((op, statuses) -> printed.append(String.format("%n  %-90s %s", op, statuses)));
        System.out.println("[buying] " + posts + " POST operations, answers to " + callers
                + " (purchases and grants: into the pool, ben's balance, ben's personal balance):" + printed);
        assertTrue(posts >= 20, "POST operations found: " + posts);
        assertEquals(List.of(), wrong);

        // Whatever the services answered, the requests among them are declined (they asked above the limit) ...
        Waits.untilAsserted("every request made here is settled", () -> {
            assertNothingAwaits(api.get(ADA, org.ledger("/accounts/pool/purchases")).expect(200).body());
            assertNothingAwaits(api.get(ADA, org.ledger("/accounts/" + Api.id(BEN) + "/purchases")).expect(200)
                    .body());
            for (Who who : personalBefore.keySet()) {
                assertNothingAwaits(api.get(who, api.ledger() + "/v1/me/purchases?limit=1000").expect(200).body());
            }
        });
        // ... and no credit came in: the org holds at most what it held (spends left), no personal balance grew, and
        // the journal has no purchase or grant beyond the plan's allocation and the sandbox's one completion.
        assertTrue(orgCredits(org) <= orgBefore, "credits of the org: " + orgCredits(org) + ", before " + orgBefore);
        personalBefore.forEach((who, before) -> assertTrue(personal(who) <= before, who + "'s personal balance grew"));
        List<JsonNode> after = org.transactions();
        List<String> credited = after.subList(transactionsBefore, after.size()).stream().map(t -> t.get("type")
                .asText()).filter(t -> t.equals("PURCHASE") || t.equals("GRANT")).toList();
        assertEquals(List.of(), credited, "credits that entered the org during the POSTs");
    }

    /** Sends the request (its path and headers) with the body, as the caller. */
    private HttpResponse<String> post(HttpClient http, String base, HostileRequests.Request request, Who who,
            byte[] body) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + request.pathAndQuery()))
                .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + api.token(who))
                .header("Accept", "application/json");
        request.headers().forEach(h -> b.header(h[0], h[1]));
        b.method("POST", body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(body));
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * The bodies a caller sends to an operation: its valid body, and for a purchase or grant one into each kind of
     * account (the pool, ben's member balance, the caller's own personal balance).
     */
    private List<byte[]> credits(Operation op, HostileRequests requests, Org org) {
        List<byte[]> bodies = new ArrayList<>();
        byte[] valid = requests.valid(op).body();
        if (!op.path().equals("/v1/purchases") && !op.path().equals("/v1/operator/grants")) {
            bodies.add(valid);
            return bodies;
        }
        for (Map<String, String> account : List.of(Map.of("orgId", org.id), Map.of("orgId", org.id, "userId",
                Api.id(BEN)), Map.of("userId", Api.id(BEN)))) {
            ObjectNode body = HostileRequests.NODES.objectNode().put("amount", 1_000);
            body.set("account", Api.JSON.valueToTree(account));
            if (op.path().equals("/v1/purchases")) {
                body.put("paymentReference", Api.paymentReference());
            } else {
                body.put("reason", "free credits, please");
            }
            bodies.add(body.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        return bodies;
    }

    @Test
    void aPurchaseSentAgainAndConcurrentlyWithItsPaymentReferenceIsCreditedOnce() throws Exception {
        Org org = org("PRO");
        org.join(BEN, true);
        String reference = Api.paymentReference();
        Map<String, Object> purchase = Map.of("account", Map.of("orgId", org.id), "amount", 250, "paymentReference",
                reference, "price", 250, "currency", "EUR");
        // The billing backend sends it eight times at once, each with a key of its own (a retry after a time-out).
        List<Reply> replies = all(8, i -> api.post(BILLING, api.ledger() + "/v1/purchases", purchase, key()));
        assertEquals(1, replies.stream().filter(r -> r.status() == 201).count(), "recorded once: " + statuses(replies));
        assertEquals(7, replies.stream().filter(r -> r.status() == 200 && r.header("Idempotency-Replayed")
                .orElse("").equals("true")).count(), "the others answer the first purchase: " + statuses(replies));
        assertEquals(1, replies.stream().map(r -> r.get("id").asText() + " " + r.get("transactionId").asText())
                .distinct().count(), "one purchase, one transaction");
        // Again, with another amount or into another account: one payment cannot buy two things.
        assertEquals(200, api.post(BILLING, api.ledger() + "/v1/purchases", purchase, key()).status());
        for (Map<String, Object> other : List.of(Map.of("account", Map.of("orgId", org.id), "amount", 251,
                "paymentReference", reference), Map.of("account", Map.of("orgId", org.id, "userId", Api.id(BEN)),
                        "amount", 250, "paymentReference", reference))) {
            Reply conflict = api.post(BILLING, api.ledger() + "/v1/purchases", other, key()).expect(409);
            assertEquals("urn:team-credits:problem:payment-reference-conflict", conflict.get("type").asText());
        }
        org.assertPool(1000 + 250);
        assertEquals(List.of(250L), purchases(org), "one PURCHASE in the journal");
        List<JsonNode> history = Invariants.purchaseHistory(org, "pool");
        assertEquals(1, history.size(), history.toString());
        assertEquals(reference, history.get(0).get("paymentReference").asText());
        assertEquals("PURCHASE", history.get(0).get("kind").asText());

        // A request completed at once by the billing backend eight times (one payment) and by the sandbox (its own
        // payment reference): whoever comes first completes it; it is credited once.
        String request = api.post(ADA, org.ledger("/top-up-requests"), Map.of("amount", 400), key()).expect(202)
                .get("id").asText();
        String ours = Api.paymentReference();
        List<Reply> completions = all(8, i -> api.post(BILLING, api.ledger() + "/v1/purchases", Map.of("amount", 400,
                "paymentReference", ours, "topUpRequestId", request), key()));
        Set<Integer> allowed = Set.of(200, 201, 409);
        assertTrue(completions.stream().allMatch(r -> allowed.contains(r.status())), statuses(completions));
        assertTrue(completions.stream().filter(r -> r.status() == 201).count() <= 1, statuses(completions));
        Waits.untilAsserted("the request is completed", () -> assertEquals("completed", item(api.get(ADA,
                org.ledger("/accounts/pool/purchases")).expect(200).body(), request).get("status").asText()));
        String by = item(api.get(ADA, org.ledger("/accounts/pool/purchases")).expect(200).body(), request)
                .get("paymentReference").asText();
        boolean oursFirst = completions.stream().anyMatch(r -> r.status() == 201);
        assertEquals(oursFirst ? ours : "sandbox_" + request, by, "the payment that completed it: " + statuses(
                completions));
        // The sandbox's own attempt, first or second, has had its answer (it logs it): nothing more will come.
        Waits.until("the sandbox has its answer for " + request, () -> sandboxSettled(request));
        org.assertPool(1000 + 250 + 400);
        assertEquals(List.of(250L, 400L), purchases(org));
    }

    /**
     * An admin sets the pool's auto top-up; a spend that takes the pool below the threshold makes one request, which
     * the sandbox completes. Then spends from eight clients at once go on through the rest of the cycle's credits,
     * crossing the threshold again after each completed request: with a per-cycle limit of 2, the pool's purchase
     * history holds exactly two automatic requests however the spends interleave.
     */
    @Test
    void autoTopUpAsksByItselfTheSandboxCompletesItAndThePerCycleLimitHoldsUnderConcurrentSpends() throws Exception {
        Org org = org("PRO");
        org.join(BEN, true);
        org.join(CLEO, true);
        // Only the pool pays, so a spend the pool cannot cover waits for the purchase (402) instead of taking
        // personal credits (a zero-priced spend's answer shows a personal balance only under the fallback).
        api.patch(ADA, org.team("/settings"), Map.of("personalFallback", false)).expect(200);
        Waits.until("the ledger turns personal fallback off", () -> !org.spend(BEN, "EXPORT", 1).expect(200).body()
                .has("personal"));
        // Each completed request brings the pool back above the threshold, so the setting re-arms every time.
        api.put(ADA, org.ledger("/accounts/pool/auto-top-up"), Map.of("threshold", 500, "amount", 1_000,
                "perCycleLimit", 2)).expect(200);

        // The spend that crosses the threshold is answered from what was there; the request follows by itself.
        assertEquals(400, org.spend(BEN, "PAGE_SCRAPE", 600).expect(200).get("pool.available").asLong());
        Waits.untilAsserted("the auto top-up's request is completed", () -> assertEquals(1400, org.poolAvailable()));
        List<JsonNode> automatic = automaticRequests(org);
        assertEquals(1, automatic.size(), automatic.toString());
        JsonNode first = automatic.get(0);
        assertEquals(1000, first.get("amount").asLong());
        assertEquals("completed", first.get("status").asText());
        assertEquals("auto-top-up", first.get("requestedBy").asText());
        assertEquals("sandbox_" + first.get("requestId").asText(), first.get("paymentReference").asText());
        assertEquals(List.of(1000L), purchases(org));

        // Concurrent spends through what is left (1400) and the one request still allowed (1000): the threshold is
        // crossed a second time (a request) and, once that is completed, a third (none: the limit is reached).
        AtomicLong fromPool = new AtomicLong();
        long target = 1400 + 1000 - 400; // spending past 1400 + 1000 - 500 means the third crossing happened
        List<Reply> refused = new CopyOnWriteArrayList<>();
        all(8, i -> {
            Who who = i % 2 == 0 ? BEN : CLEO;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (fromPool.get() < target && System.nanoTime() < deadline) {
                Reply r = org.spend(who, "PAGE_SCRAPE", 25);
                if (r.status() == 200) {
                    fromPool.addAndGet(Org.sources(r).getOrDefault("POOL", 0L));
                } else {
                    refused.add(r);
                    Thread.sleep(200); // the pool is empty until the request is paid
                }
            }
            return null;
        });
        assertTrue(fromPool.get() >= target, "the spends went through the credits of two requests: " + fromPool);
        assertTrue(refused.stream().allMatch(r -> r.status() == 402), "only 402 while waiting for the purchase: "
                + statuses(refused));
        // A request is made in the transaction of the spend that crossed, so all of them are in the history now.
        automatic = automaticRequests(org);
        assertEquals(2, automatic.size(), "automatic requests this cycle (limit 2): " + automatic);
        assertTrue(automatic.stream().allMatch(a -> a.get("status").asText().equals("completed")), automatic
                .toString());
        assertEquals(List.of(1000L, 1000L), purchases(org));
        org.assertPool(1000 + 2000 - 600 - fromPool.get());
    }

    // ---- helpers

    /** The sandbox logged the ledger's answer to its settlement of the request (recorded, or settled by another). */
    private static boolean sandboxSettled(String requestId) {
        String prefix = "Top-up request " + requestId + ": ";
        try {
            return java.nio.file.Files.readAllLines(SystemStack.get().sandbox().log()).stream()
                    .anyMatch(l -> l.contains(prefix) && (l.contains("(HTTP ") || l.contains("already settled")));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private long personal(Who who) {
        return api.get(who, api.ledger() + "/v1/me/balance").expect(200).body().get("balance").asLong();
    }

    /** Credits in the org's pool and member balances. */
    private static long orgCredits(Org org) {
        JsonNode balances = org.balances();
        long sum = balances.get("pool").get("balance").asLong();
        for (JsonNode m : balances.get("members")) {
            sum += m.get("balance").asLong();
        }
        return sum;
    }

    /** The amounts of the org's PURCHASE transactions, oldest first. */
    private static List<Long> purchases(Org org) {
        return org.transactions().stream().filter(t -> t.get("type").asText().equals("PURCHASE"))
                .map(t -> t.get("amount").asLong()).toList();
    }

    private static List<JsonNode> automaticRequests(Org org) {
        return Invariants.purchaseHistory(org, "pool").stream().filter(i -> i.get("automatic").asBoolean()).toList();
    }

    /** The history item of a request (a page of purchase history and the request's view). */
    private static JsonNode item(JsonNode page, JsonNode request) {
        return item(page, request.get("id").asText());
    }

    private static JsonNode item(JsonNode page, String requestId) {
        for (JsonNode i : page.get("items")) {
            if (i.path("requestId").asText().equals(requestId)) {
                return i;
            }
        }
        throw new AssertionError("request " + requestId + " not in " + page);
    }

    /** The CSV row of a request, as column → text, from a purchase history read as {@code text/csv}. */
    private static JsonNode csvRow(Reply csv, JsonNode request) {
        csv.expect(200);
        assertTrue(csv.header("Content-Type").orElse("").startsWith("text/csv"), csv.header("Content-Type").toString());
        List<List<String>> rows = Csv.parse(csv.raw().body());
        List<String> header = rows.get(0);
        for (List<String> row : rows.subList(1, rows.size())) {
            ObjectNode item = HostileRequests.NODES.objectNode();
            for (int c = 0; c < header.size(); c++) {
                item.put(header.get(c), row.get(c));
            }
            if (item.path("requestId").asText().equals(request.get("id").asText())) {
                return item;
            }
        }
        throw new AssertionError("request " + request.get("id") + " not in the CSV:\n" + csv.raw().body());
    }

    /** A request the sandbox completed, as a history item (JSON or a CSV row, whose cells are all text). */
    private static void assertCompletedBySandbox(JsonNode request, long amount, JsonNode item, Who requester) {
        String id = request.get("id").asText();
        assertEquals("REQUEST", item.get("kind").asText(), item.toString());
        assertEquals(amount, item.get("amount").asLong(), item.toString());
        assertEquals("completed", item.get("status").asText(), item.toString());
        assertEquals("sandbox_" + id, item.get("paymentReference").asText(), item.toString());
        // The sandbox's price: one minor unit of EUR per credit.
        assertEquals(amount, item.get("price").asLong(), item.toString());
        assertEquals("EUR", item.get("currency").asText(), item.toString());
        assertEquals(Api.id(requester), item.get("requestedBy").asText(), item.toString());
        assertFalse(item.get("automatic").asBoolean(), item.toString());
        assertNotNull(item.get("purchaseId"), item.toString());
        assertFalse(item.get("purchaseId").asText().isEmpty(), item.toString());
        assertFalse(item.get("settledAt").asText().isEmpty(), item.toString());
    }

    private static void assertNothingAwaits(JsonNode page) {
        for (JsonNode i : page.get("items")) {
            assertFalse(i.get("status").asText().equals("awaiting-payment"), i.toString());
            assertFalse(i.get("status").asText().equals("completed") && i.get("amount").asLong() > SANDBOX_LIMIT,
                    i.toString());
        }
    }

    /** The caller's notifications of a type about one request: of the org, or with no org (a personal balance's). */
    private List<JsonNode> notifications(Who who, Org org, String type, String requestId) {
        List<JsonNode> found = new ArrayList<>();
        String cursor = null;
        do {
            String url = api.notifications() + "/v1/me/notifications?limit=100" + (org == null ? "" : "&orgId="
                    + org.id) + (cursor == null ? "" : "&cursor=" + Api.q(cursor));
            JsonNode page = api.get(who, url).expect(200).body();
            for (JsonNode n : page.get("items")) {
                if (n.path("type").asText().equals(type) && n.path("data").path("requestId").asText().equals(requestId)
                        && (org != null || n.path("orgId").isNull())) {
                    found.add(n);
                }
            }
            cursor = page.path("nextCursor").isTextual() ? page.get("nextCursor").asText() : null;
        } while (cursor != null);
        return found;
    }

    private JsonNode awaitNotification(Who who, Org org, String type, String requestId) {
        return Waits.value(type + " for " + who + " about request " + requestId,
                () -> notifications(who, org, type, requestId), found -> found.size() == 1).get(0);
    }

    private static String statuses(List<Reply> replies) {
        return replies.stream().map(r -> r.status() + " " + r.raw().body()).toList().toString();
    }

    /** Runs {@code n} calls at once (released together) and returns their results in order. */
    private static <T> List<T> all(int n, IndexedCall<T> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int index = i;
                futures.add(pool.submit((Callable<T>) () -> {
                    start.await();
                    return call.call(index);
                }));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> f : futures) {
                results.add(f.get(2, TimeUnit.MINUTES));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    @FunctionalInterface
    private interface IndexedCall<T> {
        T call(int index) throws Exception;
    }

    /** RFC 4180 as the ledger writes it: commas, quoted cells with doubled quotes, CRLF or LF line ends. */
    static final class Csv {
        static List<List<String>> parse(String text) {
            List<List<String>> rows = new ArrayList<>();
            List<String> row = new ArrayList<>();
            StringBuilder cell = new StringBuilder();
            boolean quoted = false;
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (quoted) {
                    if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        cell.append('"');
                        i++;
                    } else if (c == '"') {
                        quoted = false;
                    } else {
                        cell.append(c);
                    }
                } else if (c == '"') {
                    quoted = true;
                } else if (c == ',') {
                    row.add(cell.toString());
                    cell.setLength(0);
                } else if (c == '\n' || c == '\r') {
                    if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                        i++;
                    }
                    row.add(cell.toString());
                    cell.setLength(0);
                    rows.add(row);
                    row = new ArrayList<>();
                } else {
                    cell.append(c);
                }
            }
            if (cell.length() > 0 || !row.isEmpty()) {
                row.add(cell.toString());
                rows.add(row);
            }
            return rows;
        }
    }
}
