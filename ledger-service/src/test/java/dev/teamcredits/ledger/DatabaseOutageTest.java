package dev.teamcredits.ledger;

import static dev.teamcredits.ledger.LedgerFixture.as;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import dev.teamcredits.events.team.Plan;
import dev.teamcredits.ledger.LedgerFixture.Org;
import dev.teamcredits.local.InfraControl;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL stopped under the running ledger: a money request answers 503 with Retry-After (never 500),
 * readiness is DOWN and liveness UP; once it is back, the ledger serves again without a restart, a retry
 * with the same key applies once, and the outbox relay listens for commits again.
 */
@QuarkusTest
class DatabaseOutageTest extends LedgerTestBase {

    @Inject
    Pool pool;

    @Test
    void whileTheDatabaseIsAwayRequestsAnswer503AndTheLedgerRecoversByItself() {
        Org org = Org.create(Plan.PRO, 1000, false, false);
        String key = LedgerFixture.key();
        Map<String, Object> spend = Map.of("action", "PAGE_SCRAPE", "quantity", 3);
        InfraControl.stopPostgres();
        try {
            spend(org, key, spend).statusCode(503).contentType(startsWith("application/problem+json"))
                    .header("Retry-After", "2")
                    .body("type", equalTo("urn:team-credits:problem:database-unavailable"));
            as(org.admin).get("/v1/orgs/{o}/balances", org.id).then().statusCode(503);
            given().get("/q/health/ready").then().statusCode(503);
            given().get("/q/health/live").then().statusCode(200);
        } finally {
            InfraControl.startPostgres();
        }
        LedgerFixture.await("ready again", () -> given().get("/q/health/ready").statusCode() == 200);
        spend(org, key, spend).statusCode(200).body("amount", equalTo(3));
        spend(org, key, spend).statusCode(200).header("Idempotency-Replayed", "true");
        as(org.admin).get("/v1/orgs/{o}/balances", org.id).then().statusCode(200).body("pool.balance", equalTo(997));
        // The relay's own connection LISTENs again (PgChannels reconnects), so events leave on commit, not on a poll.
        LedgerFixture.await("the outbox relay listens again", () -> pool.query("SELECT count(*) FROM pg_stat_activity "
                + "WHERE datname = current_database() AND query ILIKE 'LISTEN%'").execute()
                .await().atMost(Duration.ofSeconds(5)).iterator().next().getLong(0) > 0);
    }

    private static ValidatableResponse spend(Org org, String key, Map<String, Object> body) {
        return as(org.admin).header("Idempotency-Key", key).body(body).post("/v1/orgs/{o}/spends", org.id).then();
    }
}
