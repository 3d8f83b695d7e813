package dev.teamcredits.usage;

import static dev.teamcredits.usage.UsageFixture.as;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.teamcredits.events.DomainEvent;
import dev.teamcredits.events.Topics;
import dev.teamcredits.events.ledger.AccountRef;
import dev.teamcredits.events.ledger.ReservationCreated;
import dev.teamcredits.events.ledger.ReservationReleased;
import dev.teamcredits.events.ledger.SourceAmount;
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
 * per member and source; a redelivered copy of every tenth event changes nothing; and a rebuild from
 * the topics ends with the same numbers.
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
        List<String[]> records = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            Org org = orgs.get(random.nextInt(orgs.size()));
            User user = members.get(org).get(random.nextInt(3));
            DomainEvent event;
            if (random.nextInt(10) == 0) {
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
            records.add(new String[] { org.id.toString(), record });
            if (i % 10 == 0) {
                records.add(new String[] { org.id.toString(), record }); // redelivered
            }
        }
        UsageFixture.sendRaw(Topics.LEDGER, records);
        awaitCounters(orgs, members, expected);

        // Corrupt the projection: only a replay from the topics can bring the right numbers back.
        db.query("UPDATE member_cycle_usage SET spends = spends + 1000, from_pool = from_pool + 1000").execute()
                .await().atMost(java.time.Duration.ofSeconds(10));
        String operator = TestTokens.mint(Map.of("sub", "ops-" + UUID.randomUUID(), "azp", "ops-console"));
        io.restassured.RestAssured.given().auth().oauth2(members.get(orgs.get(0)).get(0).token())
                .post("/v1/admin/usage/rebuild").then().statusCode(403);
        io.restassured.RestAssured.given().auth().oauth2(operator).post("/v1/admin/usage/rebuild").then()
                .statusCode(202);
        awaitCounters(orgs, members, expected);
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
