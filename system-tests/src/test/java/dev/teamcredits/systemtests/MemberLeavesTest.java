package dev.teamcredits.systemtests;

import static dev.teamcredits.systemtests.Api.ADA;
import static dev.teamcredits.systemtests.Api.BEN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.teamcredits.systemtests.Api.Reply;
import dev.teamcredits.systemtests.Api.Who;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

@Order(6)
class MemberLeavesTest extends SystemTestBase {

    @Test
    void aRemovedMembersBalanceGoesBackToThePool() {
        Org org = org("PRO");
        org.join(BEN, false);
        org.transfer("pool", Api.id(BEN), 250, "project").expect(201);
        org.spend(BEN, "PAGE_SCRAPE", 50).expect(200);
        assertEquals(200, org.memberBalance(BEN));
        org.assertPool(750);

        org.remove(BEN);

        Waits.until("ben's 200 are swept back to the pool", () -> org.pool() == 950);
        assertNull(org.member(Api.id(BEN)), "ben is no longer a member in the ledger");
        JsonNode sweep = org.transactions().stream().filter(t -> t.get("type").asText().equals("TRANSFER"))
                .filter(t -> "member removed".equals(t.path("reason").asText())).findFirst().orElseThrow();
        assertEquals(200, sweep.get("amount").asLong());
        assertEquals(200, sweep.get("accounts").get("POOL:" + org.id).asLong());
        // Nothing stranded: what is left is exactly what was granted minus what was spent.
        assertEquals(1000 - 50, org.pool());
        assertEquals(404, api.get(BEN, org.ledger("/balances")).status(), "ben no longer sees the org");

        Notifications.awaitType(org, ADA, "CREDITS_SWEPT");
    }

    /**
     * Removed through the team service while ben and a backend for him make holds back to back, capture some at
     * once and spend: the ledger applies the departure whatever the traffic (no team event parked), every hold
     * of his ends with it, his balance is swept, and nothing is held, captured or charged for him afterwards.
     */
    @Test
    void aMemberRemovedWhileHoldsAreMadeForThemHoldsNothingAfterwards() throws Exception {
        Org org = org("PRO");
        org.join(BEN, false);
        org.transfer("pool", Api.id(BEN), 500, "project").expect(201);
        List<Map.Entry<Who, String>> holds =
                Collections.synchronizedList(new ArrayList<>());
        List<Long> charged = Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService loops = Executors.newFixedThreadPool(4);
        List<Future<?>> running = new ArrayList<>();
        for (Who caller : List.of(BEN, Api.SCRAPER, BEN, Api.SCRAPER)) {
            running.add(loops.submit(() -> holdAndSpend(org, caller, holds, charged, stop)));
        }
        Waits.until("holds being made", () -> holds.size() >= 8);

        org.remove(BEN);
        Waits.until("the ledger applied the removal", () -> api.get(BEN, org.ledger("/balances")).status() == 404);
        Thread.sleep(500); // the loops go on past the removal; all they try now must be refused
        stop.set(true);
        loops.shutdown();
        for (Future<?> loop : running) {
            loop.get(60, TimeUnit.SECONDS);
        }

        JsonNode parked = api.get(Api.OPS, api.ledger() + "/v1/operator/ledger/parked-events?limit=500").expect(200).body();
        assertEquals(List.of(), parked.findValuesAsText("key").stream().filter(org.id::equals).toList(),
                "team events of the org parked in the ledger");
        JsonNode balances = api.get(ADA, org.ledger("/balances?former=true")).expect(200).body();
        assertEquals(0, balances.get("pool").get("reserved").asLong(), "nothing held in the pool");
        for (JsonNode m : balances.get("members")) {
            if (m.get("userId").asText().equals(Api.id(BEN))) {
                assertEquals(0, m.get("balance").asLong(), "ben's balance swept");
                assertEquals(0, m.get("reserved").asLong(), "nothing held for ben");
                assertEquals(0, m.get("poolHeld").asLong(), "no pool credit held for ben");
            }
        }
        for (Map.Entry<Who, String> hold : holds) {
            int status = api.post(hold.getKey(), org.ledger("/reservations/" + hold.getValue() + "/capture"),
                    Map.of("amount", 1), Api.key()).status();
            assertTrue(status == 409 || status == 404, "hold " + hold.getValue() + " captured after the "
                    + "removal: " + status);
        }
        long spent = charged.stream().mapToLong(Long::longValue).sum();
        assertEquals(1000 - spent, org.pool(), "the pool holds the allocation minus what ben was charged");
        JsonNode last = org.transactions().stream().filter(t -> t.path("accounts").has("MEMBER:" + org.id + ":"
                + Api.id(BEN))).reduce((a, b) -> b).orElseThrow();
        assertEquals("member removed", last.path("reason").asText(), "the sweep is the last thing on ben's account");
    }

    /** Holds of one credit for ben, back to back, every third captured at once, with a spend now and then. */
    private Void holdAndSpend(Org org, Who caller, List<Map.Entry<Who, String>> holds,
            List<Long> charged, AtomicBoolean stop) {
        Map<String, Object> forBen = caller == BEN ? Map.of() : Map.of("userId",
                Api.id(BEN));
        for (int i = 0; !stop.get(); i++) {
            Map<String, Object> body = new HashMap<>(forBen);
            Reply reply;
            if (i % 5 == 4) {
                body.putAll(Map.of("action", "PAGE_SCRAPE", "quantity", 1));
                reply = api.post(caller, org.ledger("/spends"), body, Api.key());
                if (reply.status() == 200) {
                    charged.add(1L);
                }
            } else {
                body.putAll(Map.of("amount", 1, "ttlSeconds", 600));
                reply = api.post(caller, org.ledger("/reservations"), body, Api.key());
                if (reply.status() == 201) {
                    String id = reply.body().get("id").asText();
                    if (i % 3 == 0 && api.post(caller, org.ledger("/reservations/" + id + "/capture"),
                            Map.of("amount", 1), Api.key()).status() == 200) {
                        charged.add(1L);
                    } else {
                        holds.add(Map.entry(caller, id));
                    }
                }
            }
            if (reply.status() >= 500 || reply.status() != 404 && reply.status() >= 300) {
                throw new AssertionError(caller + ": " + reply.status() + " " + reply.raw().body());
            }
        }
        return null;
    }
}
