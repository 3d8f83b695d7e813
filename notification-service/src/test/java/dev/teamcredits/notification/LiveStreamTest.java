package dev.teamcredits.notification;

import static dev.teamcredits.notification.NotificationFixture.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.teamcredits.events.ledger.AccountRef;
import dev.teamcredits.events.ledger.CreditsSpent;
import dev.teamcredits.events.ledger.SourceAmount;
import dev.teamcredits.events.ledger.TransferCompleted;
import dev.teamcredits.notification.NotificationFixture.Org;
import dev.teamcredits.notification.NotificationFixture.User;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class LiveStreamTest {

    @TestHTTPResource("/v1/me/stream")
    URI stream;

    @Test
    void aPageSeesItsOwnTransfersAndItsOrgsPoolLiveAndNothingElse() throws Exception {
        Org org = Org.create();
        User ben = org.join("ben");
        User cleo = org.join("cleo");
        Org other = Org.create();
        try (SseClient bens = new SseClient(stream, ben.token());
                SseClient cleos = new SseClient(stream, cleo.token());
                SseClient outsiders = new SseClient(stream, other.admin.token())) {
            TransferCompleted transfer = org.transfer(AccountRef.pool(), AccountRef.member(ben.subject()), 120,
                    "live", 880, 120);
            send(transfer);
            String[] told = bens.next("notification", transfer.transactionId().toString());
            assertTrue(told[1].contains("\"type\":\"TRANSFER_RECEIVED\""), told[1]);
            bens.next("ledger", transfer.transactionId().toString());
            // Cleo shares the pool, so her page sees the pool move, but not Ben's notification.
            cleos.next("ledger", transfer.transactionId().toString());

            // A spend from Ben's own balance only: Ben's page sees it; Cleo's does not.
            CreditsSpent own = new CreditsSpent(org.id, UUID.randomUUID(), ben.subject(), "PAGE_SCRAPE", 3, 3,
                    List.of(new SourceAmount(AccountRef.member(ben.subject()), 3)), org.cycleStart(), null,
                    ben.subject(), null, Instant.now());
            send(own);
            bens.next("ledger", own.transactionId().toString());
            Thread.sleep(1000);
            assertTrue(cleos.drain().stream().noneMatch(e -> e[1].contains(own.transactionId().toString())
                    || e[1].contains("TRANSFER_RECEIVED")), "cleo sees nothing of ben's own");
            assertEquals(0, outsiders.drain().stream().filter(e -> !e[0].equals("ready")).count(),
                    "another org's admin sees nothing");
        }
    }

    @Test
    void theStreamNeedsAToken() {
        io.restassured.RestAssured.given().accept("text/event-stream").get("/v1/me/stream").then().statusCode(401);
    }
}
