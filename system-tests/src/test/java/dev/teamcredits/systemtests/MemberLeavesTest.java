package dev.teamcredits.systemtests;

import static dev.teamcredits.systemtests.Api.ADA;
import static dev.teamcredits.systemtests.Api.BEN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
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
}
