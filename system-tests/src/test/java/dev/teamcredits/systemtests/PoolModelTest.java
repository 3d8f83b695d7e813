package dev.teamcredits.systemtests;

import static dev.teamcredits.systemtests.Api.ADA;
import static dev.teamcredits.systemtests.Api.BEN;
import static dev.teamcredits.systemtests.Api.BILLING;
import static dev.teamcredits.systemtests.Api.CLEO;
import static dev.teamcredits.systemtests.Api.SCRAPER;
import static dev.teamcredits.systemtests.Api.key;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.teamcredits.client.SourceAmount;
import dev.teamcredits.client.Spend;
import dev.teamcredits.systemtests.Api.Who;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

@Order(3)
class PoolModelTest extends SystemTestBase {

    private long personal(Who who) {
        return api.get(who, api.ledger() + "/v1/me/balance").expect(200).body().get("available").asLong();
    }

    @Test
    void membersSpendPoolFirstWithinTheirCapThenTheirOwnCredits() {
        Org org = org("PRO");
        org.join(BEN, true);
        org.join(CLEO, false);
        org.transfer("pool", Api.id(BEN), 100, "ben's share").expect(201);
        org.transfer("pool", Api.id(CLEO), 100, "cleo's share").expect(201);
        api.put(ADA, org.team("/members/" + Api.id(BEN) + "/pool-cap"), Map.of("cap", 500)).expect(200);
        Waits.until("the ledger applies ben's cap", () -> org.member(Api.id(BEN)).path("poolCap").asLong() == 500);
        // Personal credits outside the org, for the fallback (personal balances outlive one test's org): bought,
        // so recorded by the billing backend into ben's personal balance.
        api.post(BILLING, api.ledger() + "/v1/purchases", Map.of("account", Map.of("userId", Api.id(BEN)),
                "amount", 50, "paymentReference", Api.paymentReference()), key()).expect(201);
        long benPersonal = personal(BEN);
        long cleoPersonal = personal(CLEO);

        // Pool first.
        assertEquals(Map.of("POOL", 450L), Org.sources(org.spend(BEN, "PAGE_SCRAPE", 450).expect(200)));
        // The cap stops pool use at 500: the rest comes from ben's member balance.
        assertEquals(Map.of("POOL", 50L, "MEMBER", 70L), Org.sources(org.spend(BEN, "PAGE_SCRAPE", 120).expect(200)));
        // Member balance exhausted: the org allows personal fallback.
        assertEquals(Map.of("MEMBER", 30L, "PERSONAL", 30L),
                Org.sources(org.spend(BEN, "ENRICHMENT", 60).expect(200)));
        assertEquals(benPersonal - 30, personal(BEN));
        org.assertPool(800 - 500);
        assertEquals(500, org.member(Api.id(BEN)).get("poolDrawnThisCycle").asLong());

        // Without pool access, cleo spends only her own credits; too much is 402 and charges nothing.
        assertEquals(Map.of("MEMBER", 80L), Org.sources(org.spend(CLEO, "PAGE_SCRAPE", 80).expect(200)));
        JsonNode refused = org.spend(CLEO, "PAGE_SCRAPE", 20 + cleoPersonal + 1).expect(402).body();
        assertEquals(1, refused.get("shortfall").asLong());
        assertEquals(20, org.memberBalance(CLEO));
        org.assertPool(300);

        // A product backend spends on cleo's behalf with a client-credentials token.
        Spend backend = org.spendFor(SCRAPER, CLEO, "ENRICHMENT", 10);
        assertEquals(Api.id(CLEO), backend.userId());
        assertEquals(Map.of("MEMBER", 10L), backend.sources().stream().collect(Collectors.toMap(
                s -> s.account().kind(), SourceAmount::amount, Long::sum)));
        assertEquals(10, org.memberBalance(CLEO));

        // The usage table: Credits Used (pool) per member, and what came from elsewhere.
        Waits.untilAsserted("the usage table", () -> {
            Map<String, long[]> usage = Invariants.usage(org, "current");
            assertEquals(java.util.List.of(500L, 100L, 30L), java.util.List.of(usage.get(Api.id(BEN))[0],
                    usage.get(Api.id(BEN))[1], usage.get(Api.id(BEN))[2]));
            assertEquals(java.util.List.of(0L, 90L, 0L), java.util.List.of(usage.get(Api.id(CLEO))[0],
                    usage.get(Api.id(CLEO))[1], usage.get(Api.id(CLEO))[2]));
        });
        JsonNode card = api.get(ADA, org.usage("/usage")).expect(200).body().get("pool");
        assertEquals(1000, card.get("total").asLong(), "credits that entered the pool this cycle");
    }
}
