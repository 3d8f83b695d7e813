package dev.teamcredits.ledger;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * common's {@code InFlightLimit}: past teamcredits.http.max-in-flight an API request is refused at once
 * (before authentication or any work) with 503 problem+json and Retry-After, counted in a metric, while
 * health and metrics keep answering. A bound of 0 makes every API request the one past it.
 */
@QuarkusTest
@TestProfile(InFlightLimitTest.NoRoom.class)
class InFlightLimitTest {

    public static class NoRoom implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("teamcredits.http.max-in-flight", "0");
        }
    }

    @Test
    void aRequestPastTheBoundIsRefusedAtOnceWithRetryAfterAndHealthStillAnswers() {
        // No token, no key, no body: the refusal comes before any of it is looked at.
        given().contentType("application/json").body("{}")
                .post("/v1/orgs/{o}/spends", UUID.randomUUID()).then()
                .statusCode(503).header("Retry-After", "1").contentType("application/problem+json")
                .body("type", equalTo("urn:team-credits:problem:overloaded")).body("status", equalTo(503));
        given().get("/v1/orgs/{o}/balances", UUID.randomUUID()).then().statusCode(503);
        given().get("/q/health/live").then().statusCode(200);
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("teamcredits_http_shed_total 2.0"));
    }
}
