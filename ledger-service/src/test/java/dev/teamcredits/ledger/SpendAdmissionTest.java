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

/**
 * Admission to the spend lanes: one org may hold only part of a lane (past its own bound it is refused
 * whole, other orgs are not), and a single spend that waited too long is refused rather than applied late.
 */
@QuarkusTest
@TestProfile(SpendAdmissionTest.SharedLane.class)
class SpendAdmissionTest extends LedgerTestBase {

    /** One lane for every org, roomy, but three waiting spends per org, and no patience for single spends. */
    public static class SharedLane implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("ledger.spends.lanes", "1", "ledger.spends.max-queued", "1000",
                    "ledger.spends.max-queued-per-org", "3", "ledger.spends.max-wait", "PT0S");
        }
    }

    @Test
    void anOrgPastItsOwnBoundIsRefusedWholeWhileItsLaneStillServesOthers() {
        Org flooding = Org.create(Plan.PRO, 100, false, false);
        User ben = flooding.join("ben", true, null);
        Org quiet = Org.create(Plan.PRO, 100, false, false);
        User cleo = quiet.join("cleo", true, null);

        as(ben).body(Map.of("spends", pageScrapes("flood-", 4))).post("/v1/orgs/{o}/spends/batch", flooding.id).then()
                .statusCode(503).header("Retry-After", "1").contentType("application/problem+json")
                .body("type", equalTo("urn:team-credits:problem:overloaded"));
        assertEquals(100, flooding.pool());

        as(cleo).body(Map.of("spends", pageScrapes("quiet-", 3))).post("/v1/orgs/{o}/spends/batch", quiet.id).then()
                .statusCode(200).body("results.status", equalTo(List.of(200, 200, 200)));
        // Its own bound is free again once its spends ran: the count does not stick.
        for (int round = 0; round < 2; round++) {
            as(ben).body(Map.of("spends", pageScrapes("fits-" + round + "-", 3)))
                    .post("/v1/orgs/{o}/spends/batch", flooding.id).then()
                    .statusCode(200).body("results.status", equalTo(List.of(200, 200, 200)));
        }
        assertEquals(94, flooding.pool());
        assertEquals(97, quiet.pool());
    }

    @Test
    void aSingleSpendThatWaitedPastMaxWaitIsRefusedWithRetryAfterAndNotAppliedWhileBulkItemsNeverExpire() {
        Org org = Org.create(Plan.PRO, 100, false, false);
        User ben = org.join("ben", true, null);
        for (int attempt = 0; attempt < 2; attempt++) {
            as(ben).header("Idempotency-Key", "late-1").body(Map.of("action", "PAGE_SCRAPE", "quantity", 1))
                    .post("/v1/orgs/{o}/spends", org.id).then()
                    .statusCode(503).header("Retry-After", "1").contentType("application/problem+json")
                    .body("type", equalTo("urn:team-credits:problem:overloaded"));
        }
        assertEquals(100, org.pool());
        as(ben).body(Map.of("spends", pageScrapes("bulk-", 3))).post("/v1/orgs/{o}/spends/batch", org.id).then()
                .statusCode(200).body("results.status", equalTo(List.of(200, 200, 200)));
        assertEquals(97, org.pool());
    }
}
