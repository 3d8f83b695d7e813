package dev.teamcredits.common;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.teamcredits.local.TestTokens;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/**
 * What every service must do, run by each service's own {@code @QuarkusTest} subclass against its
 * real PostgreSQL database, a real Kafka broker and real signed tokens: reject missing, expired,
 * foreign, wrongly signed and other-audience tokens with a problem+json 401, accept a valid one, report database
 * and Kafka in readiness, keep health, metrics and OpenAPI open, and own its migrated schema.
 */
public abstract class ServiceContractTest {

    private static final String PROBLEM = "application/problem+json";

    @Inject
    Pool pool;

    /** The service's {@code quarkus.application.name}. */
    protected abstract String serviceName();

    /** Tables the service's own Flyway migrations create. */
    protected abstract Set<String> ownedTables();

    /** What the service's request schemas cannot say, for {@link #openApiDocumentIsWhatTheEndpointsAccept}. */
    protected OpenApiContract.Hints openApiHints() {
        return OpenApiContract.Hints.none();
    }

    @Test
    void requestWithoutTokenIsUnauthorizedProblem() {
        given().when().get("/v1/whoami")
                .then().statusCode(401)
                .contentType(PROBLEM)
                .header("WWW-Authenticate", startsWith("Bearer"))
                .body("type", equalTo("urn:team-credits:problem:unauthorized"))
                .body("status", equalTo(401));
    }

    @Test
    void expiredTokenIsUnauthorized() {
        assertUnauthorized(TestTokens.expired("user-expired", "expired@acme.example"));
    }

    @Test
    void tokenSignedByAnotherKeyIsUnauthorized() {
        assertUnauthorized(TestTokens.signedByStranger("user-stranger", "stranger@acme.example"));
    }

    @Test
    void tokenFromAnotherIssuerIsUnauthorized() {
        assertUnauthorized(TestTokens.fromOtherIssuer("user-elsewhere", "elsewhere@acme.example"));
    }

    /**
     * A token of the right issuer, key and lifetime that was issued to another client of the realm (no
     * {@code team-credits} audience) is refused, every time: {@code VerifiedTokens} never remembers it as good,
     * even after the same subject's proper token has been verified and remembered.
     */
    @Test
    void tokenForAnotherAudienceIsUnauthorizedAndNeverRemembered() {
        String subject = "user-reporting-" + java.util.UUID.randomUUID();
        String wrongAudience = TestTokens.forAnotherAudience(subject, "reporting@acme.example");
        String proper = TestTokens.user(subject, "reporting@acme.example");
        for (int i = 0; i < 3; i++) {
            assertUnauthorized(wrongAudience);
            given().auth().oauth2(proper).when().get("/v1/whoami").then().statusCode(200)
                    .body("subject", equalTo(subject));
        }
        assertUnauthorized(wrongAudience);
    }

    @Test
    void malformedTokenIsUnauthorized() {
        assertUnauthorized("not-a-jwt");
    }

    @Test
    void validTokenIsAccepted() {
        given().auth().oauth2(TestTokens.user("user-ada", "ada@acme.example"))
                .when().get("/v1/whoami")
                .then().statusCode(200)
                .body("service", equalTo(serviceName()))
                .body("subject", equalTo("user-ada"))
                .body("email", equalTo("ada@acme.example"));
    }

    @Test
    void unknownPathIsNotFoundProblem() {
        given().auth().oauth2(TestTokens.user("user-ada", "ada@acme.example"))
                .when().get("/v1/no-such-thing")
                .then().statusCode(404)
                .contentType(PROBLEM)
                .body("type", equalTo("urn:team-credits:problem:not-found"));
    }

    /** refused before any resource, on every endpoint (RequestGuards); POST /v1/whoami would be a 405. */
    @Test
    void nulInPathOrQueryIsMalformedProblem() {
        for (String url : List.of("/v1/whoami%00", "/v1/whoami?x=a%00b", "/v1/orgs/a0000000-0000-4000-8000-%00/x")) {
            given().auth().oauth2(TestTokens.user("user-ada", "ada@acme.example")).urlEncodingEnabled(false)
                    .when().get(url)
                    .then().statusCode(400).contentType(PROBLEM)
                    .body("type", equalTo("urn:team-credits:problem:malformed-request"));
        }
    }

    @Test
    void bodyWithoutContentTypeIsUnsupportedMediaTypeProblem() throws Exception {
        // java.net.http sends no Content-Type unless told (rest-assured always adds one).
        java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(io.restassured.RestAssured.baseURI + ":"
                        + io.restassured.RestAssured.port + "/v1/whoami"))
                        .header("Authorization", "Bearer " + TestTokens.user("user-ada", "ada@acme.example"))
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{}")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(415, response.statusCode(), response.body());
        assertEquals(PROBLEM, response.headers().firstValue("Content-Type").orElse(""));
        assertEquals(true, response.body().contains("urn:team-credits:problem:unsupported-media-type"), response.body());
    }

    @Test
    void idempotencyKeyTwiceOrEmptyIsInvalidProblem() {
        given().auth().oauth2(TestTokens.user("user-ada", "ada@acme.example"))
                .header("Idempotency-Key", "k-1").header("Idempotency-Key", "k-2")
                .when().get("/v1/whoami")
                .then().statusCode(400).contentType(PROBLEM)
                .body("type", equalTo("urn:team-credits:problem:invalid-idempotency-key"));
        given().auth().oauth2(TestTokens.user("user-ada", "ada@acme.example")).header("Idempotency-Key", "")
                .when().get("/v1/whoami")
                .then().statusCode(400).contentType(PROBLEM)
                .body("type", equalTo("urn:team-credits:problem:invalid-idempotency-key"));
    }

    /** Past quarkus.http.limits.max-body-size (2M): 413 as a problem (BodyLimit), not Quarkus' empty 413. */
    @Test
    void bodyPastTheLimitIsPayloadTooLargeProblem() {
        given().auth().oauth2(TestTokens.user("user-ada", "ada@acme.example")).contentType("application/json")
                .body("\"" + "x".repeat(3 * 1024 * 1024) + "\"")
                .when().post("/v1/whoami")
                .then().statusCode(413).contentType(PROBLEM)
                .body("type", equalTo("urn:team-credits:problem:payload-too-large"))
                .body("status", equalTo(413));
    }

    @Test
    void readinessCoversDatabaseAndKafka() throws InterruptedException {
        given().when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        // Another test may just have restarted the broker; give the clients a moment to reconnect.
        for (int i = 0; i < 40 && given().get("/q/health/ready").statusCode() != 200; i++) {
            Thread.sleep(500);
        }
        given().when().get("/q/health/ready")
                .then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.status", everyItem(equalTo("UP")))
                .body("checks.name", hasItem(matchesPattern("(?i).*postgresql.*")))
                .body("checks.name", hasItem(matchesPattern("(?i).*kafka.*")));
    }

    @Test
    void healthMetricsAndOpenApiNeedNoToken() {
        given().when().get("/q/openapi").then().statusCode(200).body(containsString("/v1/whoami"))
                .body(containsString("bearer"));
        given().when().get("/q/swagger-ui/").then().statusCode(200);
        given().when().get("/q/metrics").then().statusCode(200).body(containsString("jvm_memory_used_bytes"));
    }

    @Test
    void ownSchemaIsMigratedByFlyway() {
        List<Row> rows = pool.preparedQuery("SELECT table_name FROM information_schema.tables WHERE table_schema = $1")
                .execute(Tuple.of("public")).await().atMost(Duration.ofSeconds(10)).stream().toList();
        Set<String> tables = rows.stream().map(r -> r.getString(0)).collect(Collectors.toSet());
        for (String table : ownedTables()) {
            assertEquals(true, tables.contains(table), table + " missing; tables: " + tables);
        }
        long applied = StreamSupport.stream(pool.query("SELECT count(*) FROM flyway_schema_history WHERE success")
                .execute().await().atMost(Duration.ofSeconds(10)).spliterator(), false)
                .findFirst().orElseThrow().getLong(0);
        assertEquals(true, applied >= 1, "no successful Flyway migration recorded");
    }

    /**
     * A client generated from the published document works: no request-body schema names a property the service
     * refuses as unknown, and every bound it declares (and none it does not) is the validation's
     * ({@link OpenApiContract}).
     */
    @Test
    void openApiDocumentIsWhatTheEndpointsAccept() {
        OpenApiContract.Report report = OpenApiContract.check(openApiHints());
        System.out.printf("[openapi] %s: %d operations with a request body, %d schemas, %d bounds and enum values, "
                + "%d requests%n", serviceName(), report.operations().size(), report.schemas(), report.bounds(),
                report.requests());
        assertEquals(List.of(), report.failures(), report.failures().size() + " disagreements between "
                + serviceName() + "'s OpenAPI document and what its endpoints accept");
    }

    private static void assertUnauthorized(String token) {
        given().auth().oauth2(token)
                .when().get("/v1/whoami")
                .then().statusCode(401)
                .contentType(PROBLEM)
                .header("WWW-Authenticate", startsWith("Bearer"))
                .body("type", equalTo("urn:team-credits:problem:unauthorized"));
    }
}
