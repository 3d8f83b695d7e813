package dev.teamcredits.systemtests;

import static dev.teamcredits.systemtests.Api.ADA;
import static dev.teamcredits.systemtests.Api.BEN;
import static dev.teamcredits.systemtests.Api.OPS;
import static dev.teamcredits.systemtests.Api.key;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

@Order(5)
class CycleCloseTest extends SystemTestBase {

    /** Closes the org's current cycle as the operator tool would; returns the closed cycle's start. */
    private String close(Org org) {
        String cycleStart = org.cycleStart();
        JsonNode closed = api.post(OPS, org.ledger("/cycles/close?cycleStart=" + cycleStart), null, key())
                .expect(200).body();
        assertEquals(cycleStart, closed.get("closedCycleStart").asText());
        return cycleStart;
    }

    @Test
    void onProSubscriptionCreditsExpireBoughtCreditsStayAndUsageStartsFresh() {
        Org org = org("PRO");
        org.join(BEN, true);
        org.buy(300);
        org.spend(BEN, "PAGE_SCRAPE", 100).expect(200); // subscription credits burn first
        org.assertPool(1200);

        String past = close(org);
        org.assertPool(300 + 1000); // 900 subscription credits expired; the bought ones stayed; the new allocation
        assertEquals(List.of(300L), org.transactions().stream().filter(t -> t.get("type").asText().equals("PURCHASE"))
                .map(t -> t.get("amount").asLong()).toList(), "the purchase is in the history as bought credits");
        // The same close again is refused: exactly once per cycle.
        assertEquals(409, api.post(OPS, org.ledger("/cycles/close?cycleStart=" + past), null, key()).status());

        String current = org.cycleStart();
        assertTrue(current.compareTo(past) > 0);
        Waits.untilAsserted("usage starts fresh in the new cycle", () -> {
            JsonNode table = api.get(ADA, org.usage("/usage")).expect(200).body();
            assertEquals(current, table.get("cycleStart").asText());
            for (JsonNode m : table.get("members")) {
                assertEquals(0, m.get("creditsUsed").asLong(), m.toString());
            }
        });
        assertEquals(100, Invariants.usage(org, past).get(Api.id(BEN))[0], "the past cycle is still readable");
        List<String> cycles = new ArrayList<>();
        api.get(ADA, org.usage("/usage/cycles")).expect(200).body().forEach(c -> cycles.add(c.get("cycleStart")
                .asText()));
        assertEquals(List.of(current, past), cycles);
    }

    @Test
    void onProPlusUnusedSubscriptionCreditsRollOverOnceThenExpire() {
        Org org = org("PRO_PLUS");
        org.join(BEN, true);
        org.assertPool(5000);
        org.spend(BEN, "PAGE_SCRAPE", 1000).expect(200);

        close(org);
        org.assertPool(4000 + 5000); // 4000 rolled over, 5000 new

        // From the new subscription lot (subscription burns before rollover).
        org.spend(BEN, "PAGE_SCRAPE", 3000).expect(200);
        close(org);
        // The 4000 rollover expired (rolled over once only); the 2000 unused of the second allocation rolled over.
        org.assertPool(2000 + 5000);
        long expired = org.transactions().stream().filter(t -> t.get("type").asText().equals("EXPIRY"))
                .mapToLong(t -> t.get("amount").asLong()).sum();
        assertEquals(4000, expired);
    }
}
