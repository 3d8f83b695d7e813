package dev.teamcredits.ledger;

import static dev.teamcredits.ledger.LedgerFixture.as;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;

import dev.teamcredits.events.team.Plan;
import dev.teamcredits.ledger.LedgerFixture.Org;
import dev.teamcredits.ledger.LedgerFixture.User;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The operator's audit over HTTP, which the system tests call after every scenario. */
@QuarkusTest
class LedgerAuditEndpointTest extends LedgerTestBase {

    @Test
    void anOperatorReadsNoFindingsAfterRealMoneyMoved() {
        Org org = Org.create(Plan.PRO, 100, false, true);
        User ben = org.join("ben", true, null);
        org.transfer("pool", ben.subject(), 40);
        LedgerFixture.post(ben).body(Map.of("action", "PAGE_SCRAPE", "quantity", 50))
                .post("/v1/orgs/{o}/spends", org.id)
                .then().statusCode(200);

        as(LedgerFixture.operator()).get("/v1/admin/ledger/audit").then().statusCode(200)
                .body("consistent", equalTo(true)).body("findings", empty());
    }

    @Test
    void membersAdminsAndProductBackendsAreRefused() {
        Org org = Org.create(Plan.PRO, 100, false, true);
        User ben = org.join("ben", true, null);
        for (User caller : new User[] { ben, org.admin, LedgerFixture.backend() }) {
            as(caller).get("/v1/admin/ledger/audit").then().statusCode(403)
                    .contentType("application/problem+json")
                    .body("type", equalTo("urn:team-credits:problem:operator-required"));
        }
    }

    @Test
    void withoutATokenItIsUnauthorized() {
        io.restassured.RestAssured.given().get("/v1/admin/ledger/audit").then().statusCode(401);
    }
}
