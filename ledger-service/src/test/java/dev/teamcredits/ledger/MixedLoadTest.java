package dev.teamcredits.ledger;

import static dev.teamcredits.ledger.LedgerFixture.post;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.teamcredits.events.team.Plan;
import dev.teamcredits.events.team.PoolAccessChanged;
import dev.teamcredits.ledger.LedgerFixture.Org;
import dev.teamcredits.ledger.LedgerFixture.User;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Spends, transfers, reservations with short TTLs (so the expiry job releases some), captures,
 * releases, purchases and pool-access toggles on one org at once: no request may fail with a 5xx
 * (a deadlock or serialization failure is retried inside), and the journal stays consistent.
 * {@code -Dmixedload.seconds=60} runs it longer.
 */
@QuarkusTest
class MixedLoadTest extends LedgerTestBase {

    @Test
    void mixedLoadOnOneOrgNeverAnswersWithAServerError() throws Exception {
        long seconds = Long.getLong("mixedload.seconds", 15);
        Org org = Org.create(Plan.ENTERPRISE, 100_000, false, true);
        List<User> members = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            // Half of them draw on their own balances only: their holds sit on member accounts alone.
            members.add(org.join("m" + i, i % 2 == 0, i == 0 ? 5_000L : null));
            org.transfer("pool", members.get(i).subject(), 5_000);
        }
        User backend = LedgerFixture.backend();
        Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
        Queue<String> serverErrors = new ConcurrentLinkedQueue<>();
        Queue<String[]> holds = new ConcurrentLinkedQueue<>();
        long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        ExecutorService threads = Executors.newFixedThreadPool(17);
        for (int t = 0; t < 16; t++) {
            Random random = new Random(t);
            threads.submit(() -> {
                while (System.nanoTime() < end) {
                    Response r = step(org, members, backend, holds, random);
                    statuses.computeIfAbsent(r.statusCode(), k -> new AtomicInteger()).incrementAndGet();
                    if (r.statusCode() >= 500) {
                        serverErrors.add(r.statusCode() + " " + r.asString());
                    }
                }
                return null;
            });
        }
        threads.submit(() -> {
            Random random = new Random(99);
            while (System.nanoTime() < end) {
                User who = members.get(random.nextInt(members.size()));
                LedgerFixture.send(org.id, new PoolAccessChanged(org.id, who.subject(), random.nextBoolean(),
                        org.admin.subject()));
                Thread.sleep(200);
            }
            return null;
        });
        threads.shutdown();
        threads.awaitTermination(seconds + 120, TimeUnit.SECONDS);
        System.out.println("Mixed load for " + seconds + " s: statuses " + statuses);
        assertEquals(0, serverErrors.size(), "statuses: " + statuses + "; the first server errors: "
                + serverErrors.stream().limit(3).toList());
    }

    private static Response step(Org org, List<User> members, User backend, Queue<String[]> holds, Random random) {
        User member = members.get(random.nextInt(members.size()));
        User other = members.get(random.nextInt(members.size()));
        int pick = random.nextInt(100);
        if (pick < 35) {
            return post(member).body(Map.of("action", "PAGE_SCRAPE", "quantity", 1 + random.nextInt(20)))
                    .post("/v1/orgs/{o}/spends", org.id);
        }
        if (pick < 45) {
            return post(backend).body(Map.of("userId", member.subject(), "action", "ENRICHMENT", "quantity", 3))
                    .post("/v1/orgs/{o}/spends", org.id);
        }
        if (pick < 60) {
            String from = random.nextBoolean() ? "pool" : member.subject();
            String to = random.nextBoolean() ? "pool" : other.subject();
            return post(org.admin).body(Map.of("from", from, "to", to, "amount", 1 + random.nextInt(50)))
                    .post("/v1/orgs/{o}/transfers", org.id);
        }
        if (pick < 75) {
            Response r = post(member).body(Map.of("amount", 1 + random.nextInt(30), "ttlSeconds", 1))
                    .post("/v1/orgs/{o}/reservations", org.id);
            if (r.statusCode() == 201) {
                holds.add(new String[] { r.path("id"), member.subject() });
            }
            return r;
        }
        if (pick < 90) {
            String[] hold = holds.poll();
            if (hold != null) {
                User holder = members.stream().filter(m -> m.subject().equals(hold[1])).findFirst().orElseThrow();
                return random.nextBoolean()
                        ? post(holder).body(Map.of("amount", 1)).post("/v1/orgs/{o}/reservations/{r}/capture", org.id,
                                hold[0])
                        : post(holder).post("/v1/orgs/{o}/reservations/{r}/release", org.id, hold[0]);
            }
        }
        if (pick < 95) {
            // The billing backend records a purchase into the pool (credits are bought, not typed in).
            return post(LedgerFixture.billing()).body(Map.of("account", Map.of("orgId",
                    org.id.toString()), "amount", 1 + random.nextInt(100), "paymentReference",
                    "pay_" + java.util.UUID.randomUUID())).post("/v1/purchases");
        }
        return LedgerFixture.as(org.admin).get("/v1/orgs/{o}/balances", org.id);
    }
}
