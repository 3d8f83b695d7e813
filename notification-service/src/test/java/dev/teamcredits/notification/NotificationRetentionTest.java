package dev.teamcredits.notification;

import static dev.teamcredits.notification.NotificationFixture.as;
import static dev.teamcredits.notification.NotificationFixture.await;
import static dev.teamcredits.notification.NotificationFixture.send;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.teamcredits.common.RetentionContractTest;
import dev.teamcredits.events.CloudEvent;
import dev.teamcredits.events.EventCodec;
import dev.teamcredits.events.Topics;
import dev.teamcredits.events.ledger.AccountRef;
import dev.teamcredits.events.ledger.TransferCompleted;
import dev.teamcredits.notification.NotificationFixture.Org;
import dev.teamcredits.notification.NotificationFixture.User;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Tuple;
import java.net.URI;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Retention of the shared tables (inherited), and what it means here: a retried webhook registration
 * inside the key window is replayed, and a redelivered event inside the event window is not applied
 * again (the live stream, the one channel without a unique key of its own, shows it once).
 */
@QuarkusTest
class NotificationRetentionTest extends RetentionContractTest {

    private static final Duration HOUR = Duration.ofHours(1);

    @TestHTTPResource("/v1/me/stream")
    URI stream;

    @Test
    void aRetriedRegistrationInsideTheKeyWindowIsReplayed() {
        Org org = Org.create();
        await("the admin known", () -> as(org.admin).get("/v1/orgs/{o}/webhooks", org.id).statusCode() == 200);
        String key = UUID.randomUUID().toString();
        String body = "{\"url\":\"http://127.0.0.1:9/hook\"}";
        String first = as(org.admin).header("Idempotency-Key", key).contentType(ContentType.JSON).body(body)
                .post("/v1/orgs/{o}/webhooks", org.id).then().statusCode(201).extract().path("id");

        age("idempotency_record", "created_at", "idempotency_key = $1", Tuple.of(key),
                config.idempotencyKeys().minus(HOUR));
        purge();

        as(org.admin).header("Idempotency-Key", key).contentType(ContentType.JSON).body(body)
                .post("/v1/orgs/{o}/webhooks", org.id).then().statusCode(201).header("Idempotency-Replayed", "true")
                .body("id", equalTo(first));
    }

    @Test
    void aRedeliveredEventInsideTheEventWindowIsNotAppliedAgain() throws Exception {
        Org org = Org.create();
        User ben = org.join("ben");
        try (SseClient bens = new SseClient(stream, ben.token())) {
            CloudEvent<TransferCompleted> transfer = CloudEvent.of("/ledger-service",
                    org.transfer(AccountRef.pool(), AccountRef.member(ben.subject()), 40, "kept", 960, 40));
            String id = transfer.data().transactionId().toString();
            String record = EventCodec.encode(transfer);
            NotificationFixture.sendRaw(Topics.LEDGER, org.id.toString(), record);
            bens.next("ledger", id);

            age("processed_event", "processed_at", "event_id = $1", Tuple.of(transfer.id()),
                    config.processedEvents().minus(HOUR));
            purge();
            // The same record again, as after a consumer restart; then a marker behind it on the partition.
            NotificationFixture.sendRaw(Topics.LEDGER, org.id.toString(), record);
            TransferCompleted marker = org.transfer(AccountRef.pool(), AccountRef.member(ben.subject()), 1, "marker",
                    959, 41);
            send(marker);
            bens.next("ledger", marker.transactionId().toString());

            assertEquals(1, bens.seen().stream().filter(e -> e[0].equals("ledger") && e[1].contains(id)).count(),
                    "the redelivered transfer was not streamed again");
        }
        assertEquals(2, as(ben).get("/v1/me/notifications").<Integer>path(
                "items.findAll { it.type == 'TRANSFER_RECEIVED' }.size()"));
    }
}
