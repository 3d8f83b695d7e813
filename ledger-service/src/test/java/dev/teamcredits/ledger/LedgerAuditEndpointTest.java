package dev.teamcredits.ledger;

import static dev.teamcredits.ledger.LedgerFixture.as;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import dev.teamcredits.events.team.Plan;
import dev.teamcredits.ledger.LedgerFixture.Org;
import dev.teamcredits.ledger.LedgerFixture.User;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The operator's audit over HTTP, which the system tests call after every scenario. */
@QuarkusTest
class LedgerAuditEndpointTest extends LedgerTestBase {

    @Inject
    Pool db;

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

    /**
     * The audit knows where credits may come from: credits that enter as TOP_UP from the plan's issuance account
     * (as the old typed-in top-ups did) are a finding, though the journal balances. The test writes such a
     * transaction behind the ledger's back, reads the finding, and removes it.
     */
    @Test
    void creditsThatNobodyBoughtOrGrantedAreAFinding() {
        Org org = Org.create(Plan.PRO, 100, false, false);
        UUID tx = UUID.randomUUID();
        UUID lot = UUID.randomUUID();
        String account = "(SELECT id FROM account WHERE ref = 'POOL:" + org.id + "')";
        sql("INSERT INTO journal_tx (id, org_id, type, amount, actor, reason, created_at) VALUES ('" + tx + "', '"
                + org.id + "', 'GRANT', 7, 'admin', 'TOP_UP', now())",
                "INSERT INTO lot (id, account_id, kind, remaining, created_at) VALUES ('" + lot + "', " + account
                        + ", 'TOP_UP', 7, now())",
                "INSERT INTO journal_entry (tx_id, account_id, lot_id, amount) VALUES ('" + tx + "', " + account + ", '"
                        + lot + "', 7), ('" + tx + "', (SELECT id FROM account WHERE ref = 'SYSTEM:ISSUANCE'), NULL, -7)",
                "UPDATE account SET balance = balance + 7 WHERE id = " + account);
        try {
            as(LedgerFixture.operator()).get("/v1/admin/ledger/audit").then().statusCode(200)
                    .body("consistent", equalTo(false)).body("findings", hasItem(
                            "credits from SYSTEM:ISSUANCE by a GRANT transaction " + tx + " into a TOP_UP lot"));
        } finally {
            sql("UPDATE account SET balance = balance - 7 WHERE id = " + account,
                    "DELETE FROM journal_entry WHERE tx_id = '" + tx + "'", "DELETE FROM lot WHERE id = '" + lot + "'",
                    "DELETE FROM journal_tx WHERE id = '" + tx + "'");
        }
    }

    private void sql(String... statements) {
        for (String statement : statements) {
            db.query(statement).execute().await().atMost(Duration.ofSeconds(10));
        }
    }
}
