package dev.teamcredits.ledger;

import static dev.teamcredits.ledger.LedgerFixture.as;
import static dev.teamcredits.ledger.LedgerFixture.post;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.teamcredits.events.team.MemberRemoved;
import dev.teamcredits.events.team.Plan;
import dev.teamcredits.ledger.LedgerFixture.Org;
import dev.teamcredits.ledger.LedgerFixture.User;
import io.restassured.response.Response;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A member removed while holds are being made for them, by themself and by a backend acting for them,
 * back to back: the departure is applied whatever the money traffic (never parked), every hold of theirs
 * ends with it, their balance goes back to the pool, and nothing is held, captured or charged for them
 * afterwards. With pool access the holds sit on the pool; without, on their own balance.
 */
@QuarkusTest
class DepartureRaceTest extends LedgerTestBase {

    private static final int MEMBERS = 3;
    private static final int LOOPS_PER_CALLER = 2;

    @ParameterizedTest(name = "pool access {0}")
    @ValueSource(booleans = { true, false })
    void aDepartureEndsEveryHoldMadeWhileItHappens(boolean poolAccess) throws Exception {
        Org org = Org.create(Plan.ENTERPRISE, 100_000, false, false);
        User backend = LedgerFixture.backend();
        List<User> leaving = new ArrayList<>();
        for (int i = 0; i < MEMBERS; i++) {
            User member = org.join("leaver" + i, poolAccess, null);
            org.transfer("pool", member.subject(), 10_000);
            leaving.add(member);
        }
        List<Map.Entry<User, String>> made = Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService loops = Executors.newFixedThreadPool(MEMBERS * 2 * LOOPS_PER_CALLER);
        List<Future<?>> running = new ArrayList<>();
        for (User member : leaving) {
            for (int i = 0; i < LOOPS_PER_CALLER; i++) {
                running.add(loops.submit(() -> holdUntilStopped(org, member, member, made, stop)));
                running.add(loops.submit(() -> holdUntilStopped(org, backend, member, made, stop)));
            }
        }
        // The removal comes while every loop is going: once they have made two holds each, on average.
        LedgerFixture.await("holds being made", () -> made.size() >= 2 * running.size());
        for (User member : leaving) {
            LedgerFixture.send(org.id, new MemberRemoved(org.id, member.subject(), member.email(),
                    org.admin.subject(), Instant.now()));
        }
        long sent = System.nanoTime();
        for (User member : leaving) {
            LedgerFixture.await(member.subject() + " removed in the ledger",
                    () -> as(member).get("/v1/orgs/{o}/balances", org.id).statusCode() == 404);
        }
        System.out.printf("DepartureRaceTest: %d holds made; the departures applied %d ms after they were sent%n",
                made.size(), (System.nanoTime() - sent) / 1_000_000);
        // The loops go on a little past the removal: whatever they try now must be refused.
        Thread.sleep(500);
        stop.set(true);
        loops.shutdown();
        assertTrue(loops.awaitTermination(30, TimeUnit.SECONDS));
        for (Future<?> loop : running) {
            loop.get();
        }

        List<Object> parked = as(LedgerFixture.operator()).queryParam("limit", 500)
                .get("/v1/operator/ledger/parked-events").then().statusCode(200)
                .extract().jsonPath().getList("items.findAll { it.key == '%s' }.reason".formatted(org.id));
        assertEquals(List.of(), parked, "no team event of the org is parked");
        Response balances = as(org.admin).queryParam("former", "true").get("/v1/orgs/{o}/balances", org.id);
        assertEquals(0, balances.jsonPath().getLong("pool.reserved"), "nothing held for anyone in the pool");
        assertEquals(100_000, balances.jsonPath().getLong("pool.available"), "every credit is back in the pool");
        for (User member : leaving) {
            String path = "members.find { it.userId == '%s' }".formatted(member.subject());
            assertEquals(0, balances.jsonPath().getLong(path + ".balance"), member.subject() + " swept");
            assertEquals(0, balances.jsonPath().getLong(path + ".reserved"), member.subject() + " holds nothing");
            assertEquals(0, balances.jsonPath().getLong(path + ".poolHeld"), member.subject() + " holds no pool credit");
            List<Map<String, Object>> history = as(org.admin).queryParam("account", member.subject())
                    .queryParam("limit", 1).get("/v1/orgs/{o}/transactions", org.id).then().statusCode(200)
                    .extract().path("items");
            assertEquals("member removed", history.get(0).get("reason"),
                    "the sweep is the last thing that touched " + member.subject());
        }
        for (Map.Entry<User, String> hold : made) {
            // Every hold ended with the departure: none can be captured now by the caller that made it.
            int status = post(hold.getKey()).body(Map.of("amount", 1))
                    .post("/v1/orgs/{o}/reservations/{r}/capture", org.id, hold.getValue()).statusCode();
            assertTrue(status == 409 || status == 404, "hold " + hold.getValue() + " captured after the removal: "
                    + status);
        }
        assertEquals(0, org.history("SPEND").size(), "nothing was ever charged");
    }

    /** Reserves 1 credit for {@code member} for a minute, back to back until stopped; records the holds made. */
    private static Void holdUntilStopped(Org org, User caller, User member, List<Map.Entry<User, String>> made,
            AtomicBoolean stop) {
        Map<String, Object> body = caller == member ? Map.of("amount", 1, "ttlSeconds", 60)
                : Map.of("userId", member.subject(), "amount", 1, "ttlSeconds", 60);
        while (!stop.get()) {
            Response r = post(caller).body(body).post("/v1/orgs/{o}/reservations", org.id);
            if (r.statusCode() == 201) {
                made.add(Map.entry(caller, r.path("id")));
            } else if (r.statusCode() != 404) {
                throw new AssertionError("reserve answered " + r.statusCode() + ": " + r.asString());
            }
        }
        return null;
    }
}
