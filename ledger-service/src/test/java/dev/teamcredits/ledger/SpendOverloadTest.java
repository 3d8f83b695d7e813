package dev.teamcredits.ledger;

import static dev.teamcredits.ledger.LedgerFixture.as;
import static dev.teamcredits.ledger.LedgerFixture.pageScrapes;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.teamcredits.events.team.Plan;
import dev.teamcredits.ledger.LedgerFixture.Org;
import dev.teamcredits.ledger.LedgerFixture.User;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The spend queues are bounded: past the bound a request is refused whole (503, Retry-After), nothing queued. */
@QuarkusTest
@TestProfile(SpendOverloadTest.TinyQueues.class)
class SpendOverloadTest extends LedgerTestBase {

    /** One lane that holds five spends. */
    public static class TinyQueues implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("ledger.spends.lanes", "1", "ledger.spends.max-queued", "5");
        }
    }

    @Test
    void aRequestThatWouldOverfillTheQueueIsRefusedWholeWithRetryAfterAndChargesNothing() {
        Org org = Org.create(Plan.PRO, 100, false, false);
        User ben = org.join("ben", true, null);
        as(ben).body(Map.of("spends", pageScrapes("over-", 6))).post("/v1/orgs/{o}/spends/batch", org.id).then()
                .statusCode(503).header("Retry-After", "1").contentType("application/problem+json")
                .body("type", equalTo("urn:team-credits:problem:overloaded"));
        assertEquals(100, org.pool());
        // The refused request left nothing queued: the whole bound is free again.
        as(ben).body(Map.of("spends", pageScrapes("fits-", 5))).post("/v1/orgs/{o}/spends/batch", org.id).then()
                .statusCode(200).body("results.status", equalTo(List.of(200, 200, 200, 200, 200)));
        assertEquals(95, org.pool());
    }
}
