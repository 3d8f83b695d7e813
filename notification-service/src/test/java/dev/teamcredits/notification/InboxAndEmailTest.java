package dev.teamcredits.notification;

import static dev.teamcredits.notification.NotificationFixture.as;
import static dev.teamcredits.notification.NotificationFixture.await;
import static dev.teamcredits.notification.NotificationFixture.send;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.teamcredits.events.Topics;
import dev.teamcredits.events.ledger.AccountRef;
import dev.teamcredits.events.ledger.TransferCompleted;
import dev.teamcredits.notification.NotificationFixture.Org;
import dev.teamcredits.notification.NotificationFixture.User;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class InboxAndEmailTest {

    @Test
    void theRecipientIsToldInTheInboxAndByEmailAndTheAdminGetsAConfirmation() throws Exception {
        Org org = Org.create();
        User ben = org.join("ben");
        TransferCompleted transfer = org.transfer(AccountRef.pool(), AccountRef.member(ben.subject()), 200,
                "Q3 research", 800, 200);
        send(transfer);
        await("ben's email", () -> SmtpSink.to(ben.email()).size() == 1);

        String path = "items.find { it.type == 'TRANSFER_RECEIVED' }";
        as(ben).get("/v1/me/notifications").then().statusCode(200)
                .body(path + ".title", equalTo("You received 200 credits"))
                .body(path + ".body", equalTo("Ada sent you 200 credits in Acme Research — reason: Q3 research. "
                        + "Your balance is now 200."))
                .body(path + ".data.transactionId", equalTo(transfer.transactionId().toString()))
                .body(path + ".orgId", equalTo(org.id.toString()))
                .body(path + ".read", equalTo(false));
        MimeMessage mail = SmtpSink.to(ben.email()).get(0);
        assertEquals("You received 200 credits", mail.getSubject());
        String content = parts((MimeMultipart) mail.getContent());
        assertTrue(content.contains("Ada sent you 200 credits") && content.contains("<h2"), content);
        assertTrue(content.contains("notification preferences"), "the footer comes from the message bundle");

        // The admin gets a confirmation in the inbox, and no email (off by default for that type).
        await("confirmation", () -> as(org.admin).get("/v1/me/notifications").path(
                "items.find { it.type == 'TRANSFER_SENT' }") != null);
        as(org.admin).get("/v1/me/notifications").then()
                .body("items.find { it.type == 'TRANSFER_SENT' }.body", containsString("from the pool to ben"));
        assertEquals(0, SmtpSink.to(org.admin.email()).size());
    }

    @Test
    void readingPagingAndOnlyEverTheCallersOwn() {
        Org org = Org.create();
        User ben = org.join("ben");
        for (int i = 1; i <= 3; i++) {
            send(org.transfer(AccountRef.pool(), AccountRef.member(ben.subject()), i, "gift " + i, 1000 - i, i));
        }
        await("three transfers", () -> NotificationFixture.inboxSize(ben) == 4);
        as(ben).get("/v1/me/notifications/unread-count").then().statusCode(200).body("unread", equalTo(4));

        // Newest first, two per page, then the rest.
        String cursor = as(ben).queryParam("limit", 2).get("/v1/me/notifications").then()
                .body("items", hasSize(2)).body("items[0].data.reason", equalTo("gift 3"))
                .body("nextCursor", notNullValue()).extract().path("nextCursor");
        as(ben).queryParam("limit", 2).queryParam("cursor", cursor).get("/v1/me/notifications").then()
                .body("items", hasSize(2)).body("items[0].data.reason", equalTo("gift 1"))
                .body("items[1].type", equalTo("MEMBER_ADDED")).body("nextCursor", nullValue());

        String first = as(ben).get("/v1/me/notifications").path("items[0].id");
        as(ben).post("/v1/me/notifications/{id}/read", first).then().statusCode(204);
        as(ben).post("/v1/me/notifications/{id}/read", first).then().statusCode(204);
        as(ben).get("/v1/me/notifications/unread-count").then().body("unread", equalTo(3));
        as(ben).queryParam("unread", "true").get("/v1/me/notifications").then().body("items", hasSize(3));
        // Someone else's notification is not there for another user, and nothing changes.
        String bens = as(ben).get("/v1/me/notifications").path("items[1].id");
        as(org.admin).post("/v1/me/notifications/{id}/read", bens)
                .then().statusCode(404).contentType("application/problem+json");
        as(ben).get("/v1/me/notifications/unread-count").then().body("unread", equalTo(3));
        as(ben).post("/v1/me/notifications/read-all").then().statusCode(204);
        as(ben).get("/v1/me/notifications/unread-count").then().body("unread", equalTo(0));

        as(ben).queryParam("limit", 0).get("/v1/me/notifications").then().statusCode(400)
                .body("type", equalTo("urn:team-credits:problem:invalid-limit"));
        as(ben).queryParam("cursor", "nonsense").get("/v1/me/notifications").then().statusCode(400)
                .body("type", equalTo("urn:team-credits:problem:invalid-cursor"));
        // ben's cursor is bound to ben's inbox; in another user's hands it is refused.
        as(org.admin).queryParam("limit", 2).queryParam("cursor", cursor).get("/v1/me/notifications").then()
                .statusCode(400).body("type", equalTo("urn:team-credits:problem:invalid-cursor"));
        as(ben).queryParam("unread", "maybe").get("/v1/me/notifications").then().statusCode(400);
        as(ben).queryParam("orgId", org.id).get("/v1/me/notifications").then().body("items", hasSize(4));
        as(ben).post("/v1/me/notifications/not-an-id/read").then().statusCode(404);
    }

    @Test
    void aRedeliveredEventTellsOnceAndAnUnreadableRecordDoesNotStopTheStream() {
        Org org = Org.create();
        User ben = org.join("ben");
        TransferCompleted transfer = org.transfer(AccountRef.pool(), AccountRef.member(ben.subject()), 50, null, 950,
                50);
        String record = NotificationFixture.record(transfer);
        NotificationFixture.sendRaw(Topics.LEDGER, org.id.toString(), record, "{\"not\":\"a cloud event\"}", record,
                record);
        TransferCompleted marker = org.transfer(AccountRef.pool(), AccountRef.member(ben.subject()), 7, "marker", 943,
                57);
        send(marker);
        await("marker", () -> as(ben).get("/v1/me/notifications").path("items.find { it.data.reason == 'marker' }")
                != null);
        await("both emails", () -> SmtpSink.to(ben.email()).size() == 2);

        List<Map<String, Object>> received = as(ben).get("/v1/me/notifications").path(
                "items.findAll { it.type == 'TRANSFER_RECEIVED' }");
        assertEquals(2, received.size(), "the copies of one event told ben once: " + received);
        assertEquals(2, SmtpSink.to(ben.email()).size());
        List<Object> confirmations = as(org.admin).get("/v1/me/notifications").path(
                "items.findAll { it.type == 'TRANSFER_SENT' }");
        assertEquals(2, confirmations.size());
    }

    @Test
    void aUserWhoTurnedEmailOffGetsTheInboxButNoEmail() {
        Org org = Org.create();
        User ben = org.join("ben");
        User cleo = org.join("cleo");
        as(cleo).contentType(ContentType.JSON)
                .body("{\"preferences\":[{\"type\":\"TRANSFER_RECEIVED\",\"email\":false}]}")
                .put("/v1/me/notification-preferences").then().statusCode(200)
                .body("preferences.find { it.type == 'TRANSFER_RECEIVED' }.email", equalTo(false))
                .body("preferences.find { it.type == 'TRANSFER_RECEIVED' }.inbox", equalTo(true))
                .body("preferences.find { it.type == 'TRANSFER_RECEIVED' }.stream", equalTo(true));
        as(ben).get("/v1/me/notification-preferences").then()
                .body("preferences.find { it.type == 'TRANSFER_RECEIVED' }.email", equalTo(true))
                .body("preferences.find { it.type == 'LOW_BALANCE' }.email", equalTo(false));

        send(org.transfer(AccountRef.pool(), AccountRef.member(cleo.subject()), 30, null, 970, 30),
                org.transfer(AccountRef.pool(), AccountRef.member(ben.subject()), 40, null, 930, 40));
        await("ben's email", () -> SmtpSink.to(ben.email()).size() == 1);
        await("cleo's inbox", () -> as(cleo).get("/v1/me/notifications").path(
                "items.find { it.type == 'TRANSFER_RECEIVED' }") != null);
        assertEquals(0, SmtpSink.to(cleo.email()).size(), "cleo turned email off");

        // Refused changes change nothing.
        as(cleo).contentType(ContentType.JSON).body("{\"preferences\":[{\"type\":\"TRANSFER_RECEIVED\",\"email\":true},"
                + "{\"type\":\"LOW_BALANCE\",\"inbox\":false}]}").put("/v1/me/notification-preferences").then()
                .statusCode(400).body("type", equalTo("urn:team-credits:problem:inbox-always-on"));
        as(cleo).contentType(ContentType.JSON).body("{\"preferences\":[{\"type\":\"NOPE\",\"email\":true}]}")
                .put("/v1/me/notification-preferences").then().statusCode(400)
                .body("type", equalTo("urn:team-credits:problem:unknown-notification-type"));
        as(cleo).contentType(ContentType.JSON)
                .body("{\"preferences\":[{\"type\":\"TRANSFER_RECEIVED\",\"email\":\"x\"}]}")
                .put("/v1/me/notification-preferences").then().statusCode(400);
        as(cleo).get("/v1/me/notification-preferences").then()
                .body("preferences.find { it.type == 'TRANSFER_RECEIVED' }.email", equalTo(false));
    }

    @Test
    void aFailingMailServerDelaysOnlyEmail() {
        Org org = Org.create();
        User ben = org.join("ben");
        SmtpSink.down();
        try {
            send(org.transfer(AccountRef.pool(), AccountRef.member(ben.subject()), 10, "while mail is down", 990, 10));
            await("inbox without the mail server", () -> as(ben).get("/v1/me/notifications").path(
                    "items.find { it.type == 'TRANSFER_RECEIVED' }") != null);
        } finally {
            SmtpSink.up();
        }
        await("the email, once the server is back", () -> SmtpSink.to(ben.email()).size() == 1);
    }

    private static String parts(MimeMultipart multipart) throws Exception {
        StringBuilder all = new StringBuilder();
        for (int i = 0; i < multipart.getCount(); i++) {
            Object content = multipart.getBodyPart(i).getContent();
            all.append(content instanceof MimeMultipart nested ? parts(nested) : content.toString()).append('\n');
        }
        return all.toString();
    }
}
