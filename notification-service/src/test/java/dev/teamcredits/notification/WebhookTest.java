package dev.teamcredits.notification;

import static dev.teamcredits.notification.NotificationFixture.as;
import static dev.teamcredits.notification.NotificationFixture.await;
import static dev.teamcredits.notification.NotificationFixture.send;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.standardwebhooks.exceptions.WebhookVerificationException;
import dev.teamcredits.events.Topics;
import dev.teamcredits.events.ledger.AccountRef;
import dev.teamcredits.events.ledger.TransferCompleted;
import dev.teamcredits.notification.NotificationFixture.Org;
import dev.teamcredits.notification.NotificationFixture.User;
import dev.teamcredits.notification.WebhookReceiver.Call;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class WebhookTest {

    private static final String TRANSFER = "dev.teamcredits.ledger.transfer.completed.v1";
    /** A receiver's own secret: Standard Webhooks', whsec_ and the standard base64 of 30 random bytes. */
    private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw+/8BMfKQ";

    @Test
    void aSignedDeliveryIsRetriedUntilTheReceiverRecoversWithOneDeliveryId() throws Exception {
        Org org = Org.create();
        User ben = org.join("ben");
        try (WebhookReceiver receiver = new WebhookReceiver(2)) {
            String hook = register(org, receiver.url(), List.of(TRANSFER), SECRET);
            TransferCompleted transfer = org.transfer(AccountRef.pool(), AccountRef.member(ben.subject()), 25, "hooked",
                    975, 25);
            // The same event three times, as a redelivering broker would: still one delivery.
            String record = NotificationFixture.record(transfer);
            NotificationFixture.sendRaw(Topics.LEDGER, org.id.toString(), record, record, record);
            await("delivered", () -> receiver.calls().stream().anyMatch(c -> c.answered() == 204));
            // The receiver records a call before it answers; the sender marks the row only after the answer.
            await("marked delivered", () -> "DELIVERED".equals(as(org.admin)
                    .get("/v1/orgs/{o}/webhooks/{h}/deliveries", org.id, hook).path("items[0].status")));

            List<Call> calls = receiver.calls();
            assertEquals(3, calls.size(), "two 503s, then the 204; nothing after");
            assertEquals(1, calls.stream().map(c -> c.headers().get("webhook-id")).distinct().count(),
                    "every retry is the same delivery");
            Call delivered = calls.get(2);
            assertTrue(verify(delivered, SECRET), "the Standard Webhooks library verifies it with the webhook's secret");
            assertTrue(!verify(delivered, "whsec_" + Base64.getEncoder().encodeToString(new byte[32])),
                    "and only with it");
            assertTrue(calls.stream().allMatch(c -> verify(c, SECRET)), "every attempt is signed afresh");
            long age = Instant.now().getEpochSecond() - Long.parseLong(delivered.headers().get("webhook-timestamp"));
            assertTrue(age >= 0 && age < 60, "fresh timestamp: " + age);
            JsonNode body = new ObjectMapper().readTree(delivered.body());
            assertEquals(TRANSFER, body.get("type").asText());
            assertEquals(transfer.transactionId().toString(), body.get("data").get("transactionId").asText());
            assertEquals("application/cloudevents+json", delivered.headers().get("content-type"));

            as(org.admin).get("/v1/orgs/{o}/webhooks/{h}/deliveries", org.id, hook).then().statusCode(200)
                    .body("items", hasSize(1)).body("items[0].status", equalTo("DELIVERED"))
                    .body("items[0].attempts", equalTo(3))
                    .body("items[0].id", equalTo(delivered.headers().get("webhook-id")))
                    .body("items[0].lastStatus", equalTo(204)).body("nextCursor", nullValue());
            // Events it did not subscribe to are not sent.
            send(new dev.teamcredits.events.ledger.PoolEmpty(org.id, Instant.now()));
            await("pool empty told", () -> as(org.admin).get("/v1/me/notifications")
                    .path("items.find { it.type == 'POOL_EMPTY' }") != null);
            assertEquals(3, receiver.calls().size());
        }
    }

    @Test
    void aGeneratedSecretIsShownOnceAndAReceiverVerifiesDeliveriesWithItThroughTheStandardLibrary() throws Exception {
        Org org = Org.create();
        User ben = org.join("ben");
        try (WebhookReceiver receiver = new WebhookReceiver(0)) {
            Response registered = as(org.admin).header("Idempotency-Key", UUID.randomUUID().toString())
                    .contentType(ContentType.JSON).body(Map.of("url", receiver.url())).post("/v1/orgs/{o}/webhooks",
                            org.id);
            registered.then().statusCode(201);
            String secret = registered.path("secret");
            assertTrue(secret.matches("whsec_[A-Za-z0-9+/]{43}="), "whsec_ and 32 bytes in padded base64: " + secret);
            send(org.transfer(AccountRef.pool(), AccountRef.member(ben.subject()), 7, "generated", 993, 7));
            await("delivered", () -> !receiver.calls().isEmpty());
            Call call = receiver.calls().get(0);
            assertTrue(verify(call, secret), "verified with the secret the registration showed");
            assertTrue(call.headers().get("webhook-signature").matches("v1,[A-Za-z0-9+/]{43}="),
                    call.headers().get("webhook-signature"));
            assertTrue(call.headers().get("webhook-timestamp").matches("[0-9]{10}"), "unix seconds");
        }
    }

    @Test
    void afterTheLastTryADeliveryIsDeadUntilAnAdminReDrivesIt() throws Exception {
        Org org = Org.create();
        User ben = org.join("ben");
        try (WebhookReceiver receiver = new WebhookReceiver(1000)) {
            String hook = register(org, receiver.url(), List.of(), null);
            send(org.transfer(AccountRef.pool(), AccountRef.member(ben.subject()), 5, "doomed", 995, 5));
            await("dead letter", () -> as(org.admin).queryParam("status", "DEAD")
                    .get("/v1/orgs/{o}/webhooks/{h}/deliveries", org.id, hook).path("items.size()").equals(1));
            // Every subscribed event of the org went through the same queue; the transfer's is dead after 4 tries.
            var dead = as(org.admin).queryParam("status", "DEAD").get("/v1/orgs/{o}/webhooks/{h}/deliveries", org.id,
                    hook).then().body("items[0].attempts", equalTo(4)).body("items[0].lastStatus", equalTo(503))
                    .body("items[0].eventType", equalTo(TRANSFER)).body("items[0].nextAttemptAt", nullValue())
                    .extract().jsonPath();
            String deliveryId = dead.getString("items[0].id");
            int callsBefore = receiver.calls().size();
            Thread.sleep(1500); // nothing more is tried while it is dead
            assertEquals(callsBefore, receiver.calls().size());

            as(ben).post("/v1/orgs/{o}/webhooks/{h}/deliveries/{d}/redrive", org.id, hook, deliveryId).then()
                    .statusCode(403);
            receiver.failNext(0);
            as(org.admin).post("/v1/orgs/{o}/webhooks/{h}/deliveries/{d}/redrive", org.id, hook, deliveryId).then()
                    .statusCode(200).body("status", equalTo("PENDING")).body("attempts", equalTo(0));
            await("re-driven", () -> receiver.calls().stream().anyMatch(c -> c.answered() == 204
                    && deliveryId.equals(c.headers().get("webhook-id"))));
            as(org.admin).get("/v1/orgs/{o}/webhooks/{h}/deliveries", org.id, hook).then()
                    .body("items.find { it.id == '%s' }.status".formatted(deliveryId), equalTo("DELIVERED"));
            as(org.admin).post("/v1/orgs/{o}/webhooks/{h}/deliveries/{d}/redrive", org.id, hook, deliveryId).then()
                    .statusCode(409).body("type", equalTo("urn:team-credits:problem:delivery-not-dead"));
            as(org.admin).post("/v1/orgs/{o}/webhooks/{h}/deliveries/{d}/redrive", org.id, hook, UUID.randomUUID())
                    .then().statusCode(404);
        }
    }

    @Test
    void aWebhookMayNotPointIntoTheServicesOwnNetworkOrUsePlainHttp() {
        Org org = Org.create();
        // Until the org's team events are read here, its admin is nobody (404), whatever the URL.
        await("the admin known", () -> as(org.admin).get("/v1/orgs/{o}/webhooks", org.id).statusCode() == 200);
        List<String> accepted = new ArrayList<>();
        for (String url : List.of("https://127.0.0.2/hook", "https://localhost:8083/q/health",
                "https://169.254.169.254/latest/meta-data", "https://10.0.0.1/x", "https://192.168.1.1/x",
                "https://[::1]/x", "https://[fd00::1]/x", "http://hooks.example.com/x",
                // 169.254.169.254 and 10.0.0.1 through NAT64, and the metadata address through 6to4.
                "https://[64:ff9b::a9fe:a9fe]/latest/meta-data", "https://[64:ff9b::a00:1]/x",
                "https://[2002:a9fe:a9fe::1]/latest/meta-data")) {
            Response response = as(org.admin).contentType(ContentType.JSON).body(Map.of("url", url))
                    .post("/v1/orgs/{o}/webhooks", org.id);
            if (response.statusCode() != 400) {
                accepted.add(url + " (" + response.statusCode() + ")");
                continue;
            }
            response.then().contentType("application/problem+json")
                    .body("type", equalTo("urn:team-credits:problem:webhook-url-not-allowed"));
        }
        assertEquals(List.of(), accepted, "inward URLs accepted");
        as(org.admin).get("/v1/orgs/{o}/webhooks", org.id).then().statusCode(200).body("items", hasSize(0));
    }

    @Test
    void onlyAdminsManageWebhooksAndBadInputChangesNothing() {
        Org org = Org.create();
        User ben = org.join("ben");
        User outsider = NotificationFixture.user("eve");
        String body = "{\"url\":\"http://127.0.0.1:9/hook\",\"eventTypes\":[\"" + TRANSFER + "\"]}";
        as(ben).contentType(ContentType.JSON).body(body).post("/v1/orgs/{o}/webhooks", org.id).then().statusCode(403)
                .body("type", equalTo("urn:team-credits:problem:admin-required"));
        as(outsider).contentType(ContentType.JSON).body(body).post("/v1/orgs/{o}/webhooks", org.id).then()
                .statusCode(404).body("type", equalTo("urn:team-credits:problem:org-not-found"));
        as(org.admin).contentType(ContentType.JSON).body("{\"url\":\"ftp://example.org/x\"}")
                .post("/v1/orgs/{o}/webhooks", org.id).then().statusCode(400)
                .body("type", equalTo("urn:team-credits:problem:invalid-webhook-url"));
        as(org.admin).contentType(ContentType.JSON).body("{\"url\":\"http://127.0.0.1:9/\",\"eventTypes\":[\"nope\"]}")
                .post("/v1/orgs/{o}/webhooks", org.id).then().statusCode(400)
                .body("type", equalTo("urn:team-credits:problem:unknown-event-type"));
        // a null event type was a 500 (a NullPointerException in the subscribable check).
        as(org.admin).contentType(ContentType.JSON).body("{\"url\":\"http://127.0.0.1:9/\",\"eventTypes\":[null]}")
                .post("/v1/orgs/{o}/webhooks", org.id).then().statusCode(400)
                .body("type", equalTo("urn:team-credits:problem:validation-failed"));
        // A secret is Standard Webhooks': whsec_ and the padded standard base64 of 24 to 64 bytes.
        for (String secret : List.of("short", "a-receiver-secret-of-ours", SECRET.substring(0, SECRET.length() - 1),
                SECRET.replace('+', '-').replace('/', '_'), "whsec_" + Base64.getEncoder().encodeToString(new byte[65]))) {
            as(org.admin).contentType(ContentType.JSON)
                    .body(Map.of("url", "http://127.0.0.1:9/", "secret", secret)).post("/v1/orgs/{o}/webhooks", org.id)
                    .then().statusCode(400).contentType("application/problem+json")
                    .body("type", equalTo("urn:team-credits:problem:invalid-webhook-secret"));
        }
        as(org.admin).get("/v1/orgs/{o}/webhooks", org.id).then().statusCode(200).body("items", hasSize(0));

        // An Idempotency-Key makes a retry return the first webhook (with its generated secret), not a second one.
        String key = UUID.randomUUID().toString();
        String first = as(org.admin).header("Idempotency-Key", key).contentType(ContentType.JSON).body(body)
                .post("/v1/orgs/{o}/webhooks", org.id).then().statusCode(201).body("secret", notNullValue())
                .extract().path("id");
        as(org.admin).header("Idempotency-Key", key).contentType(ContentType.JSON).body(body)
                .post("/v1/orgs/{o}/webhooks", org.id).then().statusCode(201).header("Idempotency-Replayed", "true")
                .body("id", equalTo(first));
        as(org.admin).header("Idempotency-Key", key).contentType(ContentType.JSON)
                .body("{\"url\":\"http://127.0.0.1:9/other\"}").post("/v1/orgs/{o}/webhooks", org.id).then()
                .statusCode(422);
        as(org.admin).get("/v1/orgs/{o}/webhooks", org.id).then().body("items", hasSize(1))
                .body("items[0].secret", nullValue()).body("items[0].eventTypes", equalTo(List.of(TRANSFER)));
        as(ben).get("/v1/orgs/{o}/webhooks", org.id).then().statusCode(403);
        as(org.admin).delete("/v1/orgs/{o}/webhooks/{h}", org.id, first).then().statusCode(204);
        as(org.admin).delete("/v1/orgs/{o}/webhooks/{h}", org.id, first).then().statusCode(404);
    }

    @Test
    void withoutAnIdempotencyKeyEveryRegistrationIsANewWebhook() {
        Org org = Org.create();
        await("the admin known", () -> as(org.admin).get("/v1/orgs/{o}/webhooks", org.id).statusCode() == 200);
        String body = "{\"url\":\"http://127.0.0.1:9/hook\"}";
        for (int i = 0; i < 2; i++) {
            as(org.admin).contentType(ContentType.JSON).body(body).post("/v1/orgs/{o}/webhooks", org.id).then()
                    .statusCode(201).header("Idempotency-Replayed", nullValue()).body("secret", notNullValue());
        }
        as(org.admin).get("/v1/orgs/{o}/webhooks", org.id).then().body("items", hasSize(2))
                .body("items[0].eventTypes", hasSize(11));
    }

    private static String register(Org org, String url, List<String> types, String secret) {
        StringBuilder body = new StringBuilder("{\"url\":\"" + url + "\",\"eventTypes\":[");
        body.append(String.join(",", types.stream().map(t -> "\"" + t + "\"").toList())).append("]");
        if (secret != null) {
            body.append(",\"secret\":\"").append(secret).append("\"");
        }
        return as(org.admin).header("Idempotency-Key", UUID.randomUUID().toString()).contentType(ContentType.JSON)
                .body(body.append("}").toString()).post("/v1/orgs/{o}/webhooks", org.id).then().statusCode(201)
                .extract().path("id");
    }

    /** What a receiver does: hand the body and headers to a Standard Webhooks library with its secret. */
    static boolean verify(Call call, String secret) {
        Map<String, List<String>> headers = new HashMap<>();
        call.headers().forEach((name, value) -> headers.put(name, List.of(value)));
        try {
            new com.standardwebhooks.Webhook(secret).verify(call.body(), headers);
            return true;
        } catch (WebhookVerificationException e) {
            return false;
        }
    }
}
