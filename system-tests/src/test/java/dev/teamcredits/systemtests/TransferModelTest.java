package dev.teamcredits.systemtests;

import static dev.teamcredits.systemtests.Api.ADA;
import static dev.teamcredits.systemtests.Api.BEN;
import static dev.teamcredits.systemtests.Api.CLEO;
import static dev.teamcredits.systemtests.Api.key;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.teamcredits.local.SmtpServer;
import dev.teamcredits.systemtests.Api.Reply;
import java.util.Map;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

@Order(2)
class TransferModelTest extends SystemTestBase {

    @Test
    void theAdminPreviewsThenTransfersFromThePoolToAMember() {
        Org org = org("PRO");
        org.join(BEN, false);
        org.join(CLEO, false);
        org.assertPool(1000); // the PRO subscription allocation landed in the pool

        Map<String, Object> body = Map.of("from", "pool", "to", Api.id(BEN), "amount", 200, "reason", "Q3 research");
        JsonNode preview = api.post(ADA, org.ledger("/transfers/preview"), body, key()).expect(200).body();
        assertTrue(preview.get("preview").asBoolean());
        assertEquals(800, preview.get("from").get("balance").asLong());
        assertEquals(200, preview.get("to").get("balance").asLong());
        org.assertPool(1000); // a preview moves nothing
        assertEquals(0, org.memberBalance(BEN));

        String key = key();
        Reply done = api.post(ADA, org.ledger("/transfers"), body, key).expect(201);
        assertEquals(800, done.get("from").get("balance").asLong());
        assertEquals(200, done.get("to").get("balance").asLong());
        String transactionId = done.get("transactionId").asText();
        // A retry with the same key returns the first result and moves nothing.
        Reply retry = api.post(ADA, org.ledger("/transfers"), body, key).expect(201);
        assertEquals(transactionId, retry.get("transactionId").asText());
        assertEquals("true", retry.header("Idempotency-Replayed").orElse(""));

        org.assertPool(800);
        assertEquals(200, org.memberBalance(BEN));
        assertEquals(0, org.memberBalance(CLEO));
        assertEquals(200, api.get(BEN, org.ledger("/balances")).expect(200).body().get("members").get(0)
                .get("balance").asLong(), "ben sees his own balance");

        // Members do not move credits, not even their own.
        assertEquals("urn:team-credits:problem:admin-required", api.post(BEN, org.ledger("/transfers"),
                Map.of("from", Api.id(BEN), "to", Api.id(CLEO), "amount", 10, "reason", "gift"), key())
                .expect(403).get("type").asText());
        assertEquals(200, org.memberBalance(BEN));

        JsonNode received = Notifications.awaitOne(org, BEN, "TRANSFER_RECEIVED", transactionId);
        assertEquals(200, received.get("data").get("amount").asLong());
        assertEquals("Q3 research", received.get("data").get("reason").asText());
        Notifications.awaitOne(org, ADA, "TRANSFER_SENT", transactionId);
        // The subject names the amount (e.g. "You received 200 credits"); exactly one email.
        SmtpServer.Mail mail = Notifications.awaitOneEmail("ben@acme.example", "200", "Q3 research");
        assertTrue(mail.subject().toLowerCase(java.util.Locale.ROOT).contains("credit"), mail.subject());
        assertEquals(0, Notifications.emails("ada@acme.example", "200", null).size(),
                "the confirmation to the admin is in the inbox only (email is for TRANSFER_RECEIVED by default)");
    }
}
