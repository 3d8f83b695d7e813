package dev.teamcredits.ledger;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import dev.teamcredits.local.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Tokens are verified once and then served from common's {@code VerifiedTokens}: a cached token must
 * still expire on time, a changed byte must be a new (refused) token, and every token stays its own
 * caller.
 */
@QuarkusTest
class VerifiedTokensTest {

    private static int whoAmI(String token) {
        return given().auth().oauth2(token).get("/v1/whoami").statusCode();
    }

    @Test
    void aTokenServedFromTheCacheIsRefusedOnceItExpires() throws InterruptedException {
        String subject = "short-" + UUID.randomUUID();
        String token = TestTokens.mint(Map.of("sub", subject, "email", "s@acme.example", "expires_in", "3"));
        given().auth().oauth2(token).get("/v1/whoami").then().statusCode(200).body("subject", equalTo(subject));
        given().auth().oauth2(token).get("/v1/whoami").then().statusCode(200).body("subject", equalTo(subject));
        Thread.sleep(4_500);
        given().auth().oauth2(token).get("/v1/whoami").then().statusCode(401);
    }

    @Test
    void aChangedByteOfAVerifiedTokenMakesATokenThatIsRefused() {
        String token = TestTokens.user("tamper-" + UUID.randomUUID(), "t@acme.example");
        given().auth().oauth2(token).get("/v1/whoami").then().statusCode(200);
        char last = token.charAt(token.length() - 2);
        String tampered = token.substring(0, token.length() - 2) + (last == 'A' ? 'B' : 'A')
                + token.charAt(token.length() - 1);
        given().auth().oauth2(tampered).get("/v1/whoami").then().statusCode(401);
        given().auth().oauth2(token).get("/v1/whoami").then().statusCode(200);
    }

    @Test
    void tokensServedFromTheCacheNeverSwapTheirCallers() {
        String ada = "ada-" + UUID.randomUUID();
        String ben = "ben-" + UUID.randomUUID();
        String adaToken = TestTokens.user(ada, "ada@acme.example");
        String benToken = TestTokens.user(ben, "ben@acme.example");
        for (int i = 0; i < 10; i++) {
            given().auth().oauth2(adaToken).get("/v1/whoami").then().statusCode(200).body("subject", equalTo(ada));
            given().auth().oauth2(benToken).get("/v1/whoami").then().statusCode(200).body("subject", equalTo(ben));
        }
        given().auth().oauth2(TestTokens.signedByStranger(ada, "ada@acme.example")).get("/v1/whoami").then()
                .statusCode(401);
    }
}
