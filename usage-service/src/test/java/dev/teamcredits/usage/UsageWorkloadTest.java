package dev.teamcredits.usage;

import static dev.teamcredits.usage.UsageFixture.as;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.teamcredits.events.DomainEvent;
import dev.teamcredits.events.EventCatalog;
import dev.teamcredits.events.Topics;
import dev.teamcredits.events.ledger.AccountRef;
import dev.teamcredits.events.ledger.BalanceView;
import dev.teamcredits.events.ledger.OperatorGranted;
import dev.teamcredits.events.ledger.PurchaseCompleted;
import dev.teamcredits.events.ledger.ReservationCreated;
import dev.teamcredits.events.ledger.ReservationReleased;
import dev.teamcredits.events.ledger.SourceAmount;
import dev.teamcredits.events.ledger.TopUpDeclined;
import dev.teamcredits.events.ledger.TopUpExpired;
import dev.teamcredits.events.ledger.TopUpRequested;
import dev.teamcredits.local.TestTokens;
import dev.teamcredits.usage.UsageFixture.Org;
import dev.teamcredits.usage.UsageFixture.User;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A random workload across several orgs: the counters equal what the ledger's events say was spent,
 * per member and source, and the pool cards' totals what was bought for or granted to the pools, among
 * top-up requests, declines, expiries, member balances' purchases and personal balances' events (no org)
 * that count nothing; a redelivered copy of every tenth event changes nothing; and a rebuild from the
 * topics ends with the same numbers, parking none of the buying events.
 */
@QuarkusTest
class UsageWorkloadTest {

    @jakarta.inject.Inject
    io.vertx.mutiny.sqlclient.Pool db;

    @Test
    void countersEqualTheLedgersSumsAndARebuildEndsWithTheSameNumbers() {
        Random random = new Random(42);
        List<Org> orgs = new ArrayList<>();
        Map<Org, List<User>> members = new HashMap<>();
        for (int i = 0; i < 4; i++) {
            Org org = Org.create(1_000_000);
            orgs.add(org);
            List<User> users = new ArrayList<>(List.of(org.join("m0"), org.join("m1"), org.join("m2")));
            members.put(org, users);
        }
        Map<String, long[]> expected = new HashMap<>(); // org:user -> {pool, member, personal, spends}
        Map<Org, Long> poolTotals = new HashMap<>();
        orgs.forEach(org -> poolTotals.put(org, 1_000_000L));
        List<String[]> records = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            Org org = orgs.get(random.nextInt(orgs.size()));
            User user = members.get(org).get(random.nextInt(3));
            DomainEvent event;
            if (random.nextInt(15) == 0) {
                long amount = 1 + random.nextInt(500);
                event = buying(random.nextInt(8), org, user, amount);
                // What the spec counts, worked out here apart: credits bought for or granted to the pool.
                if (event instanceof PurchaseCompleted p && p.account().kind() == AccountRef.Kind.POOL
                        || event instanceof OperatorGranted g && g.account().kind() == AccountRef.Kind.POOL) {
                    poolTotals.merge(org, amount, Long::sum);
                }
            } else if (random.nextInt(10) == 0) {
                UUID reservation = UUID.randomUUID();
                event = random.nextBoolean()
                        ? new ReservationCreated(org.id, reservation, user.subject(), "EMAIL_FINDING", 3,
                                List.of(new SourceAmount(AccountRef.pool(), 3)), Instant.now(), user.subject(),
                                UsageFixture.pool(1000), Instant.now())
                        : new ReservationReleased(org.id, reservation, user.subject(), 3, false,
                                UsageFixture.pool(1000), Instant.now());
            } else {
                long pool = random.nextInt(4);
                long member = random.nextInt(3);
                long personal = random.nextInt(2);
                event = org.spend(user, random.nextBoolean() ? "PAGE_SCRAPE" : "ENRICHMENT", pool, member, personal,
                        1000, Instant.now());
                long[] sums = expected.computeIfAbsent(org.id + ":" + user.subject(), k -> new long[4]);
                sums[0] += pool;
                sums[1] += member;
                sums[2] += personal;
                sums[3] += 1;
            }
            String record = UsageFixture.record(event);
            records.add(new String[] { event.key(), record }); // a personal balance's by its user
            if (i % 10 == 0) {
                records.add(new String[] { event.key(), record }); // redelivered
            }
        }
        UsageFixture.sendRaw(Topics.LEDGER, records);
        awaitCounters(orgs, members, expected);
        awaitPoolTotals(orgs, poolTotals);

        // Corrupt the projection: only a replay from the topics can bring the right numbers back.
        db.query("UPDATE member_cycle_usage SET spends = spends + 1000, from_pool = from_pool + 1000").execute()
                .await().atMost(java.time.Duration.ofSeconds(10));
        db.query("UPDATE pool_cycle SET total_in = total_in + 1000").execute()
                .await().atMost(java.time.Duration.ofSeconds(10));
        String operator = TestTokens.mint(Map.of("sub", "ops-" + UUID.randomUUID(), "azp", "ops-console"));
        io.restassured.RestAssured.given().auth().oauth2(members.get(orgs.get(0)).get(0).token())
                .post("/v1/admin/usage/rebuild").then().statusCode(403);
        io.restassured.RestAssured.given().auth().oauth2(operator).post("/v1/admin/usage/rebuild").then()
                .statusCode(202);
        awaitCounters(orgs, members, expected);
        awaitPoolTotals(orgs, poolTotals);
        UsageFixture.await("the rebuild's replay finished", () -> db.query("SELECT count(*) FROM usage_rebuild "
                + "WHERE finished_at IS NULL").execute().await().atMost(java.time.Duration.ofSeconds(10)).iterator()
                .next().getLong(0) == 0);
        String[] buyingTypes = List.of(TopUpRequested.class, PurchaseCompleted.class, TopUpDeclined.class,
                TopUpExpired.class, OperatorGranted.class).stream().map(EventCatalog::typeOf).toArray(String[]::new);
        assertEquals(0, db.preparedQuery("SELECT count(*) FROM parked_event WHERE event_type = ANY($1)")
                .execute(io.vertx.mutiny.sqlclient.Tuple.of(buyingTypes)).await()
                .atMost(java.time.Duration.ofSeconds(10)).iterator().next().getLong(0),
                "the replay applies every kind of buying, personal balances' too");
    }

    /**
     * One event of buying credits, as the ledger publishes them: a purchase for the pool (completing a request
     * or not) or an operator's grant to it, which count toward the pool's total; a purchase for a member
     * balance, a request, a decline, an expiry and a personal balance's purchase (no org), which do not.
     */
    private static DomainEvent buying(int kind, Org org, User user, long amount) {
        AccountRef pool = AccountRef.pool();
        AccountRef personal = AccountRef.personal(user.subject());
        Instant now = Instant.now();
        return switch (kind) {
            case 0 -> new PurchaseCompleted(org.id, UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), pool,
                    amount, "pay_" + UUID.randomUUID(), null, null, org.admin.subject(), UsageFixture.pool(1000),
                    "billing-backend", now);
            case 1 -> new PurchaseCompleted(org.id, UUID.randomUUID(), UUID.randomUUID(), null, pool, amount,
                    "pay_" + UUID.randomUUID(), amount, "EUR", null, UsageFixture.pool(1000), "billing-backend", now);
            case 2 -> new OperatorGranted(org.id, UUID.randomUUID(), pool, amount, "goodwill", UsageFixture.pool(1000),
                    "ops-console", now);
            case 3 -> new PurchaseCompleted(org.id, UUID.randomUUID(), UUID.randomUUID(), null,
                    AccountRef.member(user.subject()), amount, "pay_" + UUID.randomUUID(), null, null, null,
                    new BalanceView(AccountRef.member(user.subject()), amount, 0, amount), "billing-backend", now);
            case 4 -> new TopUpRequested(org.id, UUID.randomUUID(), pool, amount, "auto-top-up", true,
                    now.plusSeconds(86400), now);
            case 5 -> new TopUpDeclined(org.id, UUID.randomUUID(), pool, amount, "card refused", org.admin.subject(),
                    false, "billing-backend", now);
            case 6 -> new TopUpExpired(org.id, UUID.randomUUID(), pool, amount, "auto-top-up", true, now);
            default -> new PurchaseCompleted(null, UUID.randomUUID(), UUID.randomUUID(), null, personal, amount,
                    "pay_" + UUID.randomUUID(), null, null, null, new BalanceView(personal, amount, 0, amount),
                    "billing-backend", now);
        };
    }

    private static void awaitPoolTotals(List<Org> orgs, Map<Org, Long> totals) {
        for (Org org : orgs) {
            UsageFixture.await("the pool total of " + org.id, () -> {
                Number total = as(org.admin).get("/v1/orgs/{o}/usage", org.id).path("pool.total");
                return total != null && total.longValue() == totals.get(org);
            });
        }
    }

    private static void awaitCounters(List<Org> orgs, Map<Org, List<User>> members, Map<String, long[]> expected) {
        for (Org org : orgs) {
            UsageFixture.await("counters of " + org.id, () -> {
                var response = as(org.admin).get("/v1/orgs/{o}/usage", org.id);
                if (response.statusCode() != 200) {
                    return false;
                }
                for (User user : members.get(org)) {
                    long[] sums = expected.getOrDefault(org.id + ":" + user.subject(), new long[4]);
                    String row = "members.find { it.userId == '%s' }".formatted(user.subject());
                    Number spends = response.path(row + ".spends");
                    if (spends == null || spends.longValue() != sums[3]) {
                        return false;
                    }
                }
                return true;
            });
            var response = as(org.admin).get("/v1/orgs/{o}/usage", org.id);
            for (User user : members.get(org)) {
                long[] sums = expected.getOrDefault(org.id + ":" + user.subject(), new long[4]);
                String row = "members.find { it.userId == '%s' }".formatted(user.subject());
                assertEquals(sums[0], ((Number) response.path(row + ".creditsUsed")).longValue(), "pool " + user);
                assertEquals(sums[1], ((Number) response.path(row + ".fromMember")).longValue(), "member " + user);
                assertEquals(sums[2], ((Number) response.path(row + ".fromPersonal")).longValue(), "personal " + user);
            }
        }
    }
}
