package dev.teamcredits.ledger;

import static dev.teamcredits.ledger.LedgerFixture.as;
import static dev.teamcredits.ledger.LedgerFixture.post;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.teamcredits.events.team.Plan;
import dev.teamcredits.ledger.LedgerFixture.Org;
import dev.teamcredits.ledger.LedgerFixture.User;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;

/**
 * Spends are applied in batches for speed, but a batch is invisible: each spend gets the answer it
 * would get alone, after the spends before it, and one bad spend never fails the others.
 */
@QuarkusTest
class SpendBatchTest extends LedgerTestBase {

    @Inject
    Pool db;


    @Test
    void aSpendNamingAnImpossibleUserIsRefusedAloneAndTheOthersGoThrough() throws Exception {
        Org org = Org.create(Plan.PRO, 1000, false, false);
        User ben = org.join("ben", true, null);
        User backend = LedgerFixture.backend();
        List<Callable<Integer>> calls = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            String userId = i % 4 == 0 ? "bad\u0000user" : ben.subject();
            calls.add(() -> post(backend).body(Map.of("userId", userId, "action", "PAGE_SCRAPE", "quantity", 1))
                    .post("/v1/orgs/{o}/spends", org.id).statusCode());
        }
        List<Integer> statuses = LedgerFixture.concurrently(calls.size(), calls);
        assertEquals(15, statuses.stream().filter(s -> s == 400).count(), "statuses: " + statuses);
        assertEquals(45, statuses.stream().filter(s -> s == 200).count(), "statuses: " + statuses);
        assertEquals(955, org.pool());
    }

    @Test
    void aSpendTheDatabaseRejectsFailsAloneAndItsBatchNeighboursAreCharged() throws Exception {
        Org org = Org.create(Plan.PRO, 1000, false, false);
        User ben = org.join("ben", true, null);
        User poison = org.join("poison", true, null);
        // A fault at the edge: the database refuses every journal row of one member.
        db.query("CREATE FUNCTION reject_poison() RETURNS trigger AS $$ BEGIN "
                + "IF NEW.details->>'userId' LIKE 'poison-%' THEN RAISE EXCEPTION 'poisoned spend'; END IF; "
                + "RETURN NEW; END $$ LANGUAGE plpgsql").execute().await().indefinitely();
        db.query("CREATE TRIGGER reject_poison BEFORE INSERT ON journal_tx FOR EACH ROW "
                + "EXECUTE FUNCTION reject_poison()").execute().await().indefinitely();
        try {
            List<Callable<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                User who = i % 8 == 0 ? poison : ben;
                calls.add(() -> post(who).body(Map.of("action", "PAGE_SCRAPE", "quantity", 1))
                        .post("/v1/orgs/{o}/spends", org.id).statusCode());
            }
            List<Integer> statuses = LedgerFixture.concurrently(calls.size(), calls);
            assertEquals(35, statuses.stream().filter(s -> s == 200).count(), "statuses: " + statuses);
            assertEquals(5, statuses.stream().filter(s -> s == 500).count(), "statuses: " + statuses);
        } finally {
            db.query("DROP TRIGGER reject_poison ON journal_tx").execute().await().indefinitely();
            db.query("DROP FUNCTION reject_poison()").execute().await().indefinitely();
        }
        assertEquals(965, org.pool());
    }

    @Test
    void spendsOfManyOrgsCommittedTogetherDrawEachOnItsOwnPoolAndNeverOverdrawTheirSharedPersonalBalance()
            throws Exception {
        // More orgs than batching lanes, so batches hold spends of several orgs; one user in all of them,
        // falling back to the one personal balance they share.
        User dan = LedgerFixture.user("dan");
        LedgerFixture.buyPersonal(dan, 40);
        long personal = ((Number) as(dan).get("/v1/me/balance").path("available")).longValue();
        List<Org> orgs = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            Org org = Org.create(Plan.PRO, 20, false, true);
            org.join(dan, true);
            orgs.add(org);
        }
        List<Callable<Integer>> calls = new ArrayList<>();
        for (int i = 0; i < 12 * 30; i++) {
            Org org = orgs.get(i % orgs.size());
            calls.add(() -> post(dan).body(Map.of("action", "PAGE_SCRAPE", "quantity", 1))
                    .post("/v1/orgs/{o}/spends", org.id).statusCode());
        }
        List<Integer> statuses = LedgerFixture.concurrently(32, calls);
        assertEquals(12 * 20 + personal, statuses.stream().filter(s -> s == 200).count(), "statuses: " + statuses);
        assertEquals(12 * 30 - 12 * 20 - personal, statuses.stream().filter(s -> s == 402).count());
        for (Org org : orgs) {
            assertEquals(0, org.pool());
        }
        as(dan).get("/v1/me/balance").then().body("available", org.hamcrest.Matchers.equalTo(0));
    }

    @Test
    void theSpendThatCrossesTheThresholdInABatchMakesTheOneAutoTopUpRequest() throws Exception {
        Org org = Org.create(Plan.PRO, 150, false, false);
        as(org.admin).body(Map.of("threshold", 100, "amount", 100, "perCycleLimit", 20))
                .put("/v1/orgs/{o}/accounts/pool/auto-top-up", org.id).then().statusCode(200);
        List<Callable<Integer>> calls = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            calls.add(() -> post(org.admin).body(Map.of("action", "PAGE_SCRAPE", "quantity", 10))
                    .post("/v1/orgs/{o}/spends", org.id).statusCode());
        }
        // One at a time, the sixth spend takes the pool from 100 to 90 and makes a request; the request brings
        // nothing yet, and the pool stays below, so no other spend makes one.
        assertEquals(java.util.Collections.nCopies(10, 200), LedgerFixture.concurrently(calls.size(), calls));
        assertEquals(50, org.pool());
        List<Map<String, Object>> requests = as(org.admin).get("/v1/orgs/{o}/accounts/pool/purchases", org.id)
                .then().statusCode(200).extract().path("items");
        assertEquals(1, requests.size());
        assertEquals(true, requests.get(0).get("automatic"));
        assertEquals(100, requests.get(0).get("amount"));
        assertEquals(0, org.history("PURCHASE").size(), "no credits until the billing backend completes it");
    }
}
