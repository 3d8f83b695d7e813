package dev.teamcredits.team;

import static dev.teamcredits.team.TeamApi.as;
import static dev.teamcredits.team.TeamApi.newDomain;
import static dev.teamcredits.team.TeamApi.user;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import dev.teamcredits.common.RetentionContractTest;
import dev.teamcredits.team.TeamApi.User;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Retention of the shared tables (inherited), and what it means for a client that retries. */
@QuarkusTest
class TeamRetentionTest extends RetentionContractTest {

    @Test
    void aRetryInsideTheKeyWindowIsReplayedAndOneAfterItIsANewRequest() {
        User ada = user("ada", newDomain());
        Map<String, String> body = Map.of("name", "Acme", "plan", "PRO");
        String key = "create-" + UUID.randomUUID();
        String first = as(ada).header("Idempotency-Key", key).body(body).post("/v1/orgs")
                .then().statusCode(201).extract().path("id");

        age("idempotency_record", "created_at", "idempotency_key = $1", Tuple.of(key),
                config.idempotencyKeys().minus(Duration.ofHours(1)));
        purge();
        as(ada).header("Idempotency-Key", key).body(body).post("/v1/orgs")
                .then().statusCode(201).header("Idempotency-Replayed", "true").body("id", equalTo(first));

        age("idempotency_record", "created_at", "idempotency_key = $1", Tuple.of(key),
                config.idempotencyKeys().plus(Duration.ofHours(1)));
        purge();
        as(ada).header("Idempotency-Key", key).body(body).post("/v1/orgs")
                .then().statusCode(201).header("Idempotency-Replayed", nullValue()).body("id", not(equalTo(first)));
    }
}
