package dev.teamcredits.systemtests;

import static dev.teamcredits.systemtests.Api.ADA;
import static dev.teamcredits.systemtests.Api.BEN;
import static dev.teamcredits.systemtests.Api.BILLING;
import static dev.teamcredits.systemtests.Api.DAN;
import static dev.teamcredits.systemtests.Api.OPS;
import static dev.teamcredits.systemtests.Api.SCRAPER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.teamcredits.systemtests.Api.Who;
import dev.teamcredits.systemtests.HostileRequests.Case;
import dev.teamcredits.systemtests.HostileRequests.Operation;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * Every operation each service publishes at {@code /q/openapi}, attacked with generated hostile requests (see
 * {@link HostileRequests}), each mutating one thing of a valid request of a seeded org. Every one must answer a 4xx
 * {@code application/problem+json} whose {@code type} is one of the known problem types and whose {@code status}
 * is the HTTP status, within 10 s, and none may change anything: balances, history, purchase histories, members,
 * invitations, usage, inboxes, preferences and webhooks read the same before and after, and the ledger's audit
 * stays clean. The seed is printed ({@code -Dhostile.seed} repeats a run); {@code -Dhostile.perOperation} raises
 * the count per operation for a soak.
 */
class HostileInputTest extends SystemTestBase {

    /** At least this many requests per service in CI (the floor the suite keeps). */
    static final int PER_SERVICE = Integer.getInteger("hostile.perService", 2_000);
    /** A soak raises this; by default each operation gets its share of {@link #PER_SERVICE}. */
    static final int PER_OPERATION = Integer.getInteger("hostile.perOperation", 0);
    static final Duration BOUND = Duration.ofSeconds(10);
    static final int THREADS = Integer.getInteger("hostile.threads", 4);

    /** The payment reference of the fixture's purchase, carried by every hostile purchase. */
    static final String PAYMENT_REFERENCE = "pay_hostile_" + java.util.UUID.randomUUID().toString().replace("-", "");

    /**
     * The one table of mutations allowed to succeed (2xx), and why. Everything else must be a 4xx. Each row
     * is a request that changes nothing of the seeded org, which the state read before and after proves.
     */
    static final Map<String, Predicate<Outcome>> ALLOWED_TO_SUCCEED = new LinkedHashMap<>();

    static {
        // A history or inbox filtered by an account or org that has nothing is an empty page, not an error: user
        // ids are the identity provider's subjects, whatever their shape.
        ALLOWED_TO_SUCCEED.put("a GET filter naming an account or org with nothing in it", o -> isGet(o)
                && (o.c().kind().equals("query account") || o.c().kind().equals("query orgId")));
        // The same for the purchase history of an account the org never had, read by its admin: the ledger treats
        // any account but the pool as a user id and does not look the member up (a former member's history stays
        // readable to admins), so it is an empty page.
        ALLOWED_TO_SUCCEED.put("the purchase history of an account with nothing in it, read by the admin",
                o -> isGet(o) && o.c().operation().id().equals("GET /v1/orgs/{orgId}/accounts/{account}/purchases")
                        && o.c().kind().equals("path account") && o.body() != null
                        && o.body().path("items").isArray() && o.body().path("items").isEmpty());
        // JAX-RS reads "?limit=" like no limit at all: the default applies.
        ALLOWED_TO_SUCCEED.put("a GET with an empty query parameter (read as absent)", o -> isGet(o)
                && o.c().kind().startsWith("query ") && o.c().detail().equals("empty"));
        // Stopping a recurring allocation is idempotent in the money model (money-model's MoneyModel.deleteRecurring):
        // stopping one that is not there, for whatever id, is done already and changes nothing.
        ALLOWED_TO_SUCCEED.put("DELETE of a recurring allocation that is not there (idempotent, 204)",
                o -> o.status() == 204 && o.c().operation().id()
                        .equals("DELETE /v1/orgs/{orgId}/members/{userId}/recurring-allocation")
                        && o.c().kind().equals("path userId"));
        // Every hostile purchase carries the payment reference of the fixture's purchase (pool, 1 credit), so one
        // that is otherwise valid is that payment again: answered with the first purchase (200, replayed), nothing
        // moves. The ledger compares account and amount, not the request it names, so only a well-formed request id
        // in place of none gets there; any other change is another account or amount (409) or invalid (400).
        ALLOWED_TO_SUCCEED.put("a purchase naming a request, replaying the fixture's payment reference (200)",
                o -> o.status() == 200 && o.replayed() && o.c().operation().id().equals("POST /v1/purchases")
                        && o.c().kind().equals("field topUpRequestId")
                        && o.body() != null && o.body().path("paymentReference").asText().equals(PAYMENT_REFERENCE));
        // An operator may grant into any org: with the foreign org's id in place of the seeded org's, the grant is a
        // valid one, and it lands there (the seeded org's state, read before and after, shows it did not land here).
        ALLOWED_TO_SUCCEED.put("an operator grant naming the foreign org (201 there)", o -> o.status() == 201
                && o.c().operation().id().equals("POST /v1/operator/grants")
                && o.c().kind().equals("field account.orgId") && o.c().detail().startsWith("foreign id")
                && o.body() != null && o.body().path("orgId").asText().equals(sentOrgId(o)));
        // A batch answers each item as it would have been answered alone (200 with one result per item): allowed
        // only when every item was refused with a 4xx problem, so nothing was charged.
        ALLOWED_TO_SUCCEED.put("a batch whose every item was refused with a 4xx problem", o -> o.status() == 200
                && o.body() != null && o.body().path("results").isArray() && !o.body().path("results").isEmpty()
                && java.util.stream.StreamSupport.stream(o.body().path("results").spliterator(), false)
                        .allMatch(r -> r.path("status").asInt() / 100 == 4
                                && r.path("problem").path("status").asInt() == r.path("status").asInt()
                                && knownType(r.path("problem").path("type").asText(""))));
    }

    /** The {@code account.orgId} a request's body named. */
    private static String sentOrgId(Outcome o) {
        try {
            return Api.JSON.readTree(o.c().request().body()).path("account").path("orgId").asText("?");
        } catch (IOException e) {
            return "?";
        }
    }

    private static boolean isGet(Outcome o) {
        return o.c().operation().method().equals("GET");
    }

    private static boolean knownType(String type) {
        return type.startsWith("urn:team-credits:problem:")
                && KNOWN_TYPES.contains(type.substring("urn:team-credits:problem:".length()));
    }

    /** The problem types the services answer with (urn:team-credits:problem:…). */
    static final Set<String> KNOWN_TYPES = Set.of(
            // every service (common's mappers and guards)
            "malformed-request", "validation-failed", "not-found", "method-not-allowed", "unsupported-media-type",
            "not-acceptable", "payload-too-large", "unauthorized", "forbidden", "org-not-found", "member-not-found",
            "invalid-idempotency-key", "idempotency-key-required", "idempotency-key-reused", "invalid-cursor",
            "invalid-limit", "invalid-date", "invalid-filter", "parked-event-not-found",
            // team-service
            "invitation-not-found", "invitation-not-pending", "invitation-email-mismatch", "invitation-exists",
            "team-plan-required", "member-limit-reached", "invitee-domain-mismatch",
            // ledger-service
            "reservation-not-found", "reservation-not-active", "transfer-not-found", "member-inactive",
            "operator-required", "spend-for-others", "unknown-action", "user-id-required", "nothing-to-reserve",
            "reversal-exceeds-transfer", "ttl-out-of-range",
            "insufficient-credits", "admin-required", "user-token-required", "billing-client-required",
            "top-up-request-not-found", "top-up-request-settled", "top-up-request-mismatch",
            "payment-reference-conflict", "too-many-open-top-up-requests",
            // usage-service
            "invalid-cycle",
            // notification-service
            "notification-not-found", "webhook-not-found", "delivery-not-found", "invalid-webhook-url",
            "webhook-url-not-allowed", "invalid-webhook-secret", "unknown-notification-type", "unknown-event-type");

    /** An answer; {@code replayed} is its {@code Idempotency-Replayed: true}. */
    record Outcome(String service, Case c, Who who, int status, String contentType, JsonNode body, boolean replayed,
            long millis, String error) {
    }

    @Test
    void everyPublishedOperationRefusesHostileInputAndChangesNothing() throws Exception {
        long seed = Long.getLong("hostile.seed", System.nanoTime());
        System.out.println("[hostile] seed " + seed + " (-Dhostile.seed=" + seed + " repeats this run)");
        Random random = new Random(seed);

        Org org = org("PRO");
        org.join(BEN, true);
        Fixture fixture = Fixture.seed(api, org);
        Invariants.check(org);
        Map<String, JsonNode> before = State.settled(api, org);

        long started = System.nanoTime();
        Map<String, String> bases = new LinkedHashMap<>();
        bases.put("team-service", api.team());
        bases.put("ledger-service", api.ledger());
        bases.put("usage-service", api.usage());
        bases.put("notification-service", api.notifications());
        List<String> failures = Collections.synchronizedList(new ArrayList<>());
        Map<String, AtomicInteger> sent = new TreeMap<>();
        Map<String, AtomicInteger> serverErrors = new TreeMap<>();
        Map<String, Set<String>> types = new TreeMap<>();
        Map<String, Map<Integer, AtomicInteger>> statuses = new TreeMap<>();
        Map<String, Long> slowest = new TreeMap<>();
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            for (var service : bases.entrySet()) {
                String name = service.getKey();
                JsonNode doc = openApi(http, service.getValue());
                HostileRequests generator = new HostileRequests(doc, fixture.seeds(), random);
                List<Operation> operations = generator.operations();
                assertTrue(!operations.isEmpty(), name + " publishes operations");
                int perOperation = Math.max(PER_OPERATION, (PER_SERVICE + operations.size() - 1) / operations.size());
                List<Future<Outcome>> futures = new ArrayList<>();
                for (Operation op : operations) {
                    List<Case> cases = generator.cases(op, perOperation);
                    for (int i = 0; i < cases.size(); i++) {
                        Case c = cases.get(i);
                        Who who = caller(op, i);
                        futures.add(pool.submit(() -> send(http, name, service.getValue(), who, c)));
                    }
                }
                sent.put(name, new AtomicInteger());
                serverErrors.put(name, new AtomicInteger());
                types.put(name, new TreeSet<>());
                statuses.put(name, new TreeMap<>());
                for (Future<Outcome> f : futures) {
                    Outcome o = f.get();
                    sent.get(name).incrementAndGet();
                    slowest.merge(name, o.millis(), Math::max);
                    statuses.get(name).computeIfAbsent(o.status(), s -> new AtomicInteger()).incrementAndGet();
                    if (o.status() >= 500) {
                        serverErrors.get(name).incrementAndGet();
                    }
                    String type = o.body() == null ? null : o.body().path("type").asText(null);
                    if (type != null) {
                        types.get(name).add(type);
                    }
                    String wrong = judge(o);
                    if (wrong != null) {
                        failures.add(wrong);
                    }
                }
                System.out.printf("[hostile] %s: %d operations, %d requests, %d 5xx, slowest answer %d ms, statuses %s%n",
                        name, operations.size(), sent.get(name).get(), serverErrors.get(name).get(), slowest.get(name),
                        statuses.get(name));
                System.out.println("[hostile] " + name + " problem types: " + types.get(name));
            }
        } finally {
            pool.shutdownNow();
        }
        System.out.printf("[hostile] %d requests in %d s%n", sent.values().stream().mapToInt(AtomicInteger::get).sum(),
                Duration.ofNanos(System.nanoTime() - started).toSeconds());

        Map<String, JsonNode> after = State.read(api, org);
        List<String> changed = before.keySet().stream().filter(k -> !before.get(k).equals(after.get(k))).toList();
        System.out.println("[hostile] state read before and after: " + (changed.isEmpty() ? "unchanged"
                : "CHANGED " + changed));
        if (!failures.isEmpty()) {
            failures.stream().limit(40).forEach(f -> System.out.println("[hostile] ✗ " + f));
            java.nio.file.Files.write(java.nio.file.Path.of("target/hostile-failures.txt"), failures);
        }
        assertEquals(List.of(), failures.stream().limit(20).toList(), failures.size() + " hostile requests were not "
                + "answered with a known 4xx problem in time (first 20; all printed above, up to 40)");
        for (String name : bases.keySet()) {
            assertTrue(sent.get(name).get() >= PER_SERVICE, name + " got " + sent.get(name) + " requests");
            assertEquals(0, serverErrors.get(name).get(), name + " 5xx");
        }
        for (String key : before.keySet()) {
            assertEquals(before.get(key), after.get(key), key + " changed under hostile requests");
        }
        Invariants.ledgerAuditFindsNothing(api);
    }

    /**
     * Each operation as the caller allowed to call it, so that its own checks are reached: operator endpoints with
     * the operator's token, the billing backend's with its token, a body with a userId alternately as the trusted
     * backend, the rest as ada, the seeded org's admin.
     */
    private static Who caller(Operation op, int i) {
        if (op.path().startsWith("/v1/admin/") || op.path().startsWith("/v1/operator/")) {
            return OPS;
        }
        if (op.path().equals("/v1/purchases") || op.path().startsWith("/v1/top-up-requests/")) {
            return BILLING;
        }
        if (op.body() != null && op.body().path("properties").has("userId") && i % 2 == 1) {
            return SCRAPER;
        }
        return ADA;
    }

    /** Null when the outcome is what the rules ask for, else why not (naming operation, mutation, response). */
    private static String judge(Outcome o) {
        String what = o.service() + " " + o.c().describe() + " as " + o.who() + " → ";
        if (o.error() != null) {
            return what + o.error();
        }
        String answer = what + o.status() + " " + o.contentType() + " " + abbreviate(o.body() == null ? "" : o.body()
                .toString());
        if (o.millis() > BOUND.toMillis()) {
            return answer + " after " + o.millis() + " ms";
        }
        if (o.status() / 100 == 2) {
            for (var allowed : ALLOWED_TO_SUCCEED.entrySet()) {
                if (allowed.getValue().test(o)) {
                    return null;
                }
            }
            return answer + " (a 2xx where a 4xx is expected)";
        }
        if (o.status() < 400 || o.status() >= 500) {
            return answer;
        }
        if (o.contentType() == null || !o.contentType().startsWith("application/problem+json")) {
            return answer + " (not application/problem+json)";
        }
        String type = o.body() == null ? "" : o.body().path("type").asText("");
        if (!knownType(type)) {
            return answer + " (unknown problem type)";
        }
        if (o.body().path("status").asInt() != o.status()) {
            return answer + " (status member differs from the HTTP status)";
        }
        return null;
    }

    private static String abbreviate(String s) {
        return s.length() > 300 ? s.substring(0, 300) + "…" : s;
    }

    private Outcome send(HttpClient http, String service, String base, Who who, Case c) {
        HttpRequest.Builder builder;
        try {
            builder = HttpRequest.newBuilder(URI.create(base + c.request().pathAndQuery())).timeout(BOUND)
                    .header("Authorization", "Bearer " + api.token(who)).header("Accept", "application/json");
            for (String[] h : c.request().headers()) {
                builder.header(h[0], h[1]);
            }
            builder.method(c.request().method(), c.request().body() == null ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(c.request().body()));
        } catch (IllegalArgumentException e) {
            return new Outcome(service, c, who, -1, null, null, false, 0, "the generator made an unsendable request: "
                    + e);
        }
        long start = System.nanoTime();
        try {
            // A body past the size limit gets its answer and then a closed connection: on a connection of its own,
            // so that the close cannot break another request that would reuse it.
            HttpClient client = c.request().body() != null && c.request().body().length > HostileRequests.MEGABYTE
                    ? HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build() : http;
            HttpResponse<String> response = client.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            long millis = Duration.ofNanos(System.nanoTime() - start).toMillis();
            JsonNode body = null;
            try {
                body = response.body().isEmpty() ? null : Api.JSON.readTree(response.body());
            } catch (IOException e) {
                // not JSON: judged by its content type
            }
            return new Outcome(service, c, who, response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse(null), body,
                    "true".equals(response.headers().firstValue("Idempotency-Replayed").orElse(null)), millis, null);
        } catch (HttpTimeoutException e) {
            return new Outcome(service, c, who, -1, null, null, false, BOUND.toMillis(), "no answer within " + BOUND);
        } catch (IOException e) {
            // A server may close the connection on a request it will not read (e.g. a body past its limit)
            // only after answering; a connection closed without any answer is a failure.
            return new Outcome(service, c, who, -1, null, null, false, 0, "connection failed: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode openApi(HttpClient http, String base) throws IOException, InterruptedException {
        HttpResponse<String> doc = http.send(HttpRequest.newBuilder(URI.create(base + "/q/openapi?format=json"))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, doc.statusCode(), "GET " + base + "/q/openapi");
        return Api.JSON.readTree(doc.body());
    }

    /** What the seeded org holds besides its members: real ids for the paths, and a foreign org. */
    record Fixture(HostileRequests.Seeds seeds) {

        static Fixture seed(Api api, Org org) {
            String invitation = org.invite("seat9@acme.example", false).expect(201).body().get("id").asText();
            String transfer = org.transfer("pool", Api.id(BEN), 10, "hostile fixture").expect(201)
                    .get("transactionId").asText();
            String reservation = api.post(ADA, org.ledger("/reservations"), Map.of("amount", 1, "ttlSeconds", 86_400),
                    Api.key()).expect(201).body().get("id").asText();
            // The purchase whose payment reference every hostile purchase carries, and a request the sandbox has
            // completed, which a hostile decline names.
            api.post(BILLING, api.ledger() + "/v1/purchases", Map.of("account", Map.of("orgId", org.id), "amount", 1,
                    "paymentReference", PAYMENT_REFERENCE), Api.key()).expect(201);
            String request = api.post(ADA, org.ledger("/top-up-requests"), Map.of("amount", 1), Api.key())
                    .expect(202).body().get("id").asText();
            Waits.until("the sandbox completes request " + request, () -> Invariants.purchaseHistory(org, "pool")
                    .stream().anyMatch(i -> i.path("requestId").asText().equals(request)
                            && i.path("status").asText().equals("completed")));
            // A foreign org: dan's, where ada is nobody; two transactions, so its history has a next page.
            Api.Reply created = api.post(DAN, api.team() + "/v1/orgs", Map.of("name", "Foreign", "plan", "PRO"))
                    .expect(201);
            String foreignId = created.body().get("id").asText();
            Waits.until("the ledger knows the foreign org", () -> api.get(DAN, api.ledger() + "/v1/orgs/" + foreignId
                    + "/balances").ok());
            api.post(BILLING, api.ledger() + "/v1/purchases", Map.of("account", Map.of("orgId", foreignId),
                    "amount", 5, "paymentReference", Api.paymentReference()), Api.key()).expect(201);
            String foreignCursor = api.get(DAN, api.ledger() + "/v1/orgs/" + foreignId + "/transactions?limit=1")
                    .expect(200).get("nextCursor").asText();
            Notifications.awaitType(org, ADA, "MEMBER_ADDED");
            List<JsonNode> inbox = Notifications.inbox(org, ADA);
            String notification = inbox.get(0).get("id").asText();
            // No webhook: the stack cannot register one (https to a public address only), so webhook ids are
            // random ones, which is all a hostile request needs.
            String webhook = java.util.UUID.randomUUID().toString();

            Map<String, String> paths = new LinkedHashMap<>();
            paths.put("orgId", org.id);
            paths.put("userId", Api.id(BEN));
            paths.put("invitationId", invitation);
            paths.put("reservationId", reservation);
            paths.put("transactionId", transfer);
            paths.put("account", "pool");
            paths.put("webhookId", webhook);
            paths.put("id", notification);
            paths.put("requestId", request);
            Map<String, JsonNode> bodies = new LinkedHashMap<>();
            ObjectNode reserve = HostileRequests.NODES.objectNode().put("amount", 1);
            bodies.put("ReserveRequest", reserve);
            bodies.put("ReversalRequest", HostileRequests.NODES.objectNode().put("amount", 1).put("reason", "hostile"));
            bodies.put("CreateOrgRequest", HostileRequests.NODES.objectNode().put("name", "Hostile").put("plan", "PRO"));
            bodies.put("SpendRequest", HostileRequests.NODES.objectNode().put("userId", Api.id(ADA))
                    .put("action", "PAGE_SCRAPE").put("quantity", 1));
            bodies.put("TransferRequest", HostileRequests.NODES.objectNode().put("from", "pool")
                    .put("to", Api.id(BEN)).put("amount", 1).put("reason", "hostile"));
            bodies.put("PurchaseBody", HostileRequests.NODES.objectNode().<ObjectNode>set("account",
                    HostileRequests.NODES.objectNode().put("orgId", org.id)).put("amount", 1)
                    .put("paymentReference", PAYMENT_REFERENCE));
            bodies.put("GrantBody", HostileRequests.NODES.objectNode().<ObjectNode>set("account",
                    HostileRequests.NODES.objectNode().put("orgId", org.id)).put("amount", 1).put("reason", "hostile"));
            bodies.put("WebhookRequest", HostileRequests.NODES.objectNode().put("url", "https://hooks.example/hostile")
                    .put("secret", "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"));
            Map<String, String> strings = new LinkedHashMap<>();
            strings.put("email", "seat8@acme.example");
            strings.put("userId", Api.id(ADA));
            strings.put("action", "PAGE_SCRAPE");
            strings.put("type", "TRANSFER_RECEIVED");
            strings.put("url", "https://hooks.example/hostile");
            strings.put("name", "Hostile");
            strings.put("idempotencyKey", "hostile-item");
            HostileRequests.Seeds seeds = new HostileRequests.Seeds(paths, bodies, strings,
                    List.of(foreignId, Api.id(DAN)), List.of(foreignCursor));
            return new Fixture(seeds);
        }
    }

    /** Everything a hostile request could have changed, read through the public APIs. */
    static final class State {

        /** Waits until two reads a second apart agree (the fixture's events have all arrived), and returns it. */
        static Map<String, JsonNode> settled(Api api, Org org) {
            return Waits.value("the seeded org's state settles", () -> {
                Map<String, JsonNode> first = read(api, org);
                Thread.sleep(1000);
                Map<String, JsonNode> second = read(api, org);
                return first.equals(second) ? second : null;
            }, s -> s != null);
        }

        static Map<String, JsonNode> read(Api api, Org org) {
            Map<String, JsonNode> state = new TreeMap<>();
            state.put("org", api.get(ADA, org.team("")).expect(200).body());
            state.put("members", api.get(ADA, org.team("/members")).expect(200).body());
            state.put("invitations", api.get(ADA, org.team("/invitations")).expect(200).body());
            state.put("ada's orgs", api.get(ADA, api.team() + "/v1/me/orgs").expect(200).body());
            state.put("balances", api.get(ADA, org.ledger("/balances?former=true")).expect(200).body());
            state.put("transactions", Api.JSON.valueToTree(org.transactions()));
            state.put("ada's personal balance", api.get(ADA, api.ledger() + "/v1/me/balance").expect(200).body());
            state.put("the pool's purchase history", Api.JSON.valueToTree(Invariants.purchaseHistory(org, "pool")));
            state.put("ben's purchase history", Api.JSON.valueToTree(Invariants.purchaseHistory(org, Api.id(BEN))));
            state.put("ada's personal purchase history", api.get(ADA, api.ledger() + "/v1/me/purchases?limit=1000")
                    .expect(200).body());
            state.put("usage", api.get(ADA, org.usage("/usage")).expect(200).body());
            state.put("usage cycles", api.get(ADA, org.usage("/usage/cycles?limit=1000")).expect(200).body());
            state.put("ada's inbox", Api.JSON.valueToTree(Notifications.inbox(org, ADA)));
            state.put("ben's inbox", Api.JSON.valueToTree(Notifications.inbox(org, BEN)));
            state.put("ada's unread count", api.get(ADA, api.notifications() + "/v1/me/notifications/unread-count")
                    .expect(200).body());
            state.put("ada's preferences", api.get(ADA, api.notifications() + "/v1/me/notification-preferences")
                    .expect(200).body());
            state.put("webhooks", api.get(ADA, api.notifications() + "/v1/orgs/" + org.id + "/webhooks").expect(200)
                    .body());
            return state;
        }
    }
}
