package dev.teamcredits.usage;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import dev.teamcredits.local.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Only an operator client's own token may rebuild: a person is refused even when their token was
 * issued to the operator console, and so is another backend. (The accepted operator token and a
 * member's refusal are in {@link UsageWorkloadTest}, which runs a real rebuild.)
 */
@QuarkusTest
class RebuildAccessTest {

    private static final String OPERATOR_REQUIRED = "urn:team-credits:problem:operator-required";

    @Test
    void aUserTokenIssuedToTheOperatorClientIsRefused() {
        String person = TestTokens.mint(Map.of("sub", "ops-" + UUID.randomUUID(), "email", "ops@acme.example",
                "azp", "ops-console"));
        given().auth().oauth2(person).post("/v1/admin/usage/rebuild").then().statusCode(403)
                .body("type", equalTo(OPERATOR_REQUIRED));
    }

    @Test
    void aBackendThatIsNoOperatorClientIsRefused() {
        String backend = TestTokens.mint(Map.of("sub", "svc-" + UUID.randomUUID(), "azp", "scraper-backend"));
        given().auth().oauth2(backend).post("/v1/admin/usage/rebuild").then().statusCode(403)
                .body("type", equalTo(OPERATOR_REQUIRED));
    }
}
