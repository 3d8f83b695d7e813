package dev.teamcredits.ledger;

import static io.restassured.RestAssured.given;

import dev.teamcredits.common.EventStreams;
import dev.teamcredits.events.CloudEvent;
import dev.teamcredits.events.EventCodec;
import dev.teamcredits.events.Topics;
import dev.teamcredits.events.team.MemberJoined;
import dev.teamcredits.events.team.MemberRemoved;
import dev.teamcredits.events.team.OrgCreated;
import dev.teamcredits.events.team.OrgSettings;
import dev.teamcredits.events.team.Plan;
import dev.teamcredits.events.team.PlanTerms;
import dev.teamcredits.events.team.PoolAccessChanged;
import dev.teamcredits.events.team.PoolCapChanged;
import dev.teamcredits.events.team.Role;
import dev.teamcredits.events.team.SettingsChanged;
import dev.teamcredits.events.team.TeamEvent;
import dev.teamcredits.local.TestTokens;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;

/**
 * Ledger tests drive the service the way production does: memberships arrive as real team events
 * through the real broker (the team service's own event types), and calls carry real signed tokens.
 */
final class LedgerFixture {

    private LedgerFixture() {
    }

    record User(String subject, String email, String token) {
    }

    static User user(String name) {
        String subject = name + "-" + UUID.randomUUID();
        String email = name + "@acme.example";
        return new User(subject, email, TestTokens.mint(Map.of("sub", subject, "email", email, "name", name)));
    }

    /** A user whose subject (the identity provider's id, which the ledger records as actor) is exactly this. */
    static User userWithSubject(String subject, String name) {
        String email = name + "@acme.example";
        return new User(subject, email, TestTokens.mint(Map.of("sub", subject, "email", email, "name", name)));
    }

    /** A product backend with a client-credentials token (no email). */
    static User backend() {
        String subject = "service-account-scraper-" + UUID.randomUUID();
        return new User(subject, null, TestTokens.mint(Map.of("sub", subject, "azp", "scraper-backend")));
    }

    static User operator() {
        String subject = "service-account-ops-" + UUID.randomUUID();
        return new User(subject, null, TestTokens.mint(Map.of("sub", subject, "azp", "ops-console")));
    }

    /** The billing backend: a client-credentials token of a client in {@code ledger.billing-clients}. */
    static User billing() {
        String subject = "service-account-billing-" + UUID.randomUUID();
        return new User(subject, null, TestTokens.mint(Map.of("sub", subject, "azp", "billing-backend")));
    }

    /**
     * The billing backend records a purchase of {@code amount} into {@code account} (a body such as
     * {@code {kind: POOL, orgId}}), with a fresh payment reference; returns the purchase.
     */
    static Map<String, Object> buy(Map<String, Object> account, long amount) {
        return post(billing()).body(Map.of("account", account, "amount", amount, "paymentReference",
                "pay_" + UUID.randomUUID())).post("/v1/purchases").then().statusCode(201).extract().path("$");
    }

    /** Buys {@code amount} credits for {@code user}'s personal balance (which opens if new). */
    static void buyPersonal(User user, long amount) {
        buy(Map.of("userId", user.subject()), amount);
    }

    static String key() {
        return "k-" + UUID.randomUUID();
    }

    /** Items of a spend batch: {@code count} 1-credit page scrapes keyed {@code prefix0}, {@code prefix1}, … */
    static List<Map<String, Object>> pageScrapes(String prefix, int count) {
        return java.util.stream.IntStream.range(0, count).<Map<String, Object>>mapToObj(i -> Map.of("idempotencyKey",
                prefix + i, "action", "PAGE_SCRAPE", "quantity", 1)).toList();
    }

    static RequestSpecification as(User user) {
        return given().auth().oauth2(user.token()).contentType(ContentType.JSON);
    }

    /** A money POST with a fresh Idempotency-Key. */
    static RequestSpecification post(User user) {
        return as(user).header("Idempotency-Key", key());
    }

    static void send(UUID orgId, TeamEvent event) {
        sendRaw(orgId.toString(), EventCodec.encode(CloudEvent.of("/team-service", event)));
    }

    /** Produces a record exactly as the team service's outbox relay does. */
    static void sendRaw(String key, String value) {
        EventStreams.produce(Topics.TEAM, List.<String[]>of(new String[] { key, value }));
    }

    static String bootstrap() {
        return EventStreams.bootstrapServers();
    }

    /** Runs the calls on {@code threads} threads at once; their statuses, in the calls' order. */
    static List<Integer> concurrently(int threads, List<java.util.concurrent.Callable<Integer>> calls)
            throws Exception {
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
        try {
            List<java.util.concurrent.Future<Integer>> futures = new java.util.ArrayList<>();
            calls.forEach(c -> futures.add(pool.submit(c)));
            List<Integer> statuses = new java.util.ArrayList<>();
            for (java.util.concurrent.Future<Integer> f : futures) {
                statuses.add(f.get());
            }
            return statuses;
        } finally {
            pool.shutdownNow();
        }
    }

    static void await(String what, BooleanSupplier condition) {
        EventStreams.await(what, Duration.ofSeconds(30), condition);
    }

    /** An org as the ledger knows it, with its admin. */
    static final class Org {

        final UUID id = UUID.randomUUID();
        final User admin = user("admin");

        /** Creates the org through team events and waits until the ledger has granted its allocation. */
        static Org create(Plan plan, long allocation, boolean rollover, boolean personalFallback) {
            Org org = new Org();
            send(org.id, new OrgCreated(org.id, "Org " + org.id, plan, new PlanTerms(50, allocation, rollover),
                    new OrgSettings(personalFallback, true), LocalDate.now(ZoneOffset.UTC), org.admin.subject(),
                    Instant.now()));
            send(org.id, new MemberJoined(org.id, org.admin.subject(), org.admin.email(), "Admin", Role.ADMIN, true,
                    null, Instant.now(), null));
            await("org " + org.id, () -> as(org.admin).get("/v1/orgs/{o}/balances", org.id).statusCode() == 200);
            return org;
        }

        User join(String name, boolean poolAccess, Long cap) {
            User user = user(name);
            send(id, new MemberJoined(id, user.subject(), user.email(), name, Role.MEMBER, poolAccess, cap,
                    Instant.now(),
                    UUID.randomUUID()));
            await(name + " joined", () -> as(user).get("/v1/orgs/{o}/balances", id).statusCode() == 200);
            return user;
        }

        /** Joins a user who may already be a member of other orgs. */
        User join(User user, boolean poolAccess) {
            return join(user, Role.MEMBER, poolAccess);
        }

        User join(User user, Role role, boolean poolAccess) {
            send(id, new MemberJoined(id, user.subject(), user.email(), "Member", role, poolAccess, null,
                    Instant.now(), UUID.randomUUID()));
            await(user.subject() + " joined", () -> as(user).get("/v1/orgs/{o}/balances", id).statusCode() == 200);
            return user;
        }

        void remove(User user) {
            send(id, new MemberRemoved(id, user.subject(), user.email(), admin.subject(), Instant.now()));
            await(user.subject() + " removed", () -> as(user).get("/v1/orgs/{o}/balances", id).statusCode() == 404);
        }

        void poolAccess(User user, boolean enabled) {
            send(id, new PoolAccessChanged(id, user.subject(), enabled, admin.subject()));
            await("pool access", () -> Boolean.valueOf(enabled).equals(as(user).get("/v1/orgs/{o}/balances", id)
                    .path("members[0].poolAccess")));
        }

        void poolCap(User user, Long cap) {
            send(id, new PoolCapChanged(id, user.subject(), cap, admin.subject()));
            await("pool cap", () -> {
                Object value = as(user).get("/v1/orgs/{o}/balances", id).path("members[0].poolCap");
                return cap == null ? value == null : value != null && ((Number) value).longValue() == cap;
            });
        }

        void personalFallback(boolean enabled) {
            send(id, new SettingsChanged(id, new OrgSettings(enabled, true), admin.subject()));
            // No read shows the setting; the next event round-trip proves it was applied in order.
            User marker = join("marker", false, null);
            remove(marker);
        }

        long pool() {
            return ((Number) as(admin).get("/v1/orgs/{o}/balances", id).path("pool.available")).longValue();
        }

        long member(User user) {
            return ((Number) as(user).get("/v1/orgs/{o}/balances", id).path("members[0].available")).longValue();
        }

        /** The billing backend records a purchase of {@code amount} into the pool (a TOP_UP lot). */
        void buy(long amount) {
            LedgerFixture.buy(Map.of("orgId", id.toString()), amount);
        }

        String transfer(String from, String to, long amount) {
            return post(admin).body(Map.of("from", from, "to", to, "amount", amount, "reason", "test"))
                    .post("/v1/orgs/{o}/transfers", id).then().statusCode(201).extract().path("transactionId");
        }

        /** An operator closes the current cycle now. */
        void closeCycle() {
            post(operator()).post("/v1/orgs/{o}/cycles/close", id).then().statusCode(200);
        }

        /** Reserves {@code amount} for {@code user} (made by {@code caller}) for an hour; returns its id. */
        String reserve(User caller, User user, long amount) {
            Map<String, Object> body = caller == user ? Map.of("amount", amount, "ttlSeconds", 3600)
                    : Map.of("userId", user.subject(), "amount", amount, "ttlSeconds", 3600);
            return post(caller).body(body).post("/v1/orgs/{o}/reservations", id).then().statusCode(201).extract()
                    .path("id");
        }

        /** The pool's numbers as the team page shows them. */
        io.restassured.response.ValidatableResponse balances() {
            return as(admin).get("/v1/orgs/{o}/balances", id).then().statusCode(200);
        }

        /** Transactions of one type (newest first), as an admin sees them. */
        List<Map<String, Object>> history(String type) {
            return as(admin).queryParam("type", type).queryParam("limit", 100).get("/v1/orgs/{o}/transactions", id)
                    .then().statusCode(200).extract().path("items");
        }
    }
}
