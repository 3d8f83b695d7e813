package dev.teamcredits.notification;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import dev.teamcredits.notification.NotificationFixture.Org;
import dev.teamcredits.notification.NotificationFixture.User;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Live streams are bounded per user and per replica; refusals are problems with Retry-After, and a closed stream frees its place. */
@QuarkusTest
@TestProfile(LiveStreamLimitsTest.SmallReplica.class)
class LiveStreamLimitsTest {

    /** Two streams per user, three in all; a heartbeat each second finds closed streams soon. */
    public static class SmallReplica implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("notification.stream.max-per-user", "2", "notification.stream.max-connections", "3",
                    "notification.stream.heartbeat", "PT1S");
        }
    }

    @TestHTTPResource("/v1/me/stream")
    URI stream;

    private static io.restassured.response.ValidatableResponse open(User who) {
        return given().auth().oauth2(who.token()).accept("text/event-stream").get("/v1/me/stream").then();
    }

    @Test
    void aUserHoldsAtMostTwoStreamsAndTheReplicaThreeAndAClosedStreamFreesItsPlace() throws Exception {
        Org org = Org.create();
        User ben = org.join("ben");
        User cleo = org.join("cleo");
        User dan = org.join("dan");
        try (SseClient first = new SseClient(stream, ben.token());
                SseClient second = new SseClient(stream, ben.token())) {
            open(ben).statusCode(429).contentType("application/problem+json").header("Retry-After", "5")
                    .body("type", equalTo("urn:team-credits:problem:too-many-streams"));
            try (SseClient cleos = new SseClient(stream, cleo.token())) {
                open(dan).statusCode(503).contentType("application/problem+json").header("Retry-After", "5")
                        .body("type", equalTo("urn:team-credits:problem:overloaded"));
            }
            second.close();
            // Once the server has seen the streams go, both places are free again.
            awaitOpens(ben);
            awaitOpens(dan);
        }
    }

    /** Opens a stream (closing it at once) until it is accepted; fails after 30 s. */
    private void awaitOpens(User who) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        int status = -1;
        while (System.nanoTime() < deadline) {
            HttpResponse<InputStream> r = http.send(HttpRequest.newBuilder(stream)
                    .header("Authorization", "Bearer " + who.token()).header("Accept", "text/event-stream").build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            status = r.statusCode();
            r.body().close();
            if (status == 200) {
                return;
            }
            Thread.sleep(300);
        }
        throw new AssertionError("a stream of " + who + " was still refused (" + status + ")");
    }
}
