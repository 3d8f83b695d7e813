package dev.teamcredits.notification;

import static dev.teamcredits.notification.NotificationFixture.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.teamcredits.events.ledger.AccountRef;
import dev.teamcredits.events.ledger.BalanceView;
import dev.teamcredits.events.ledger.CreditsSpent;
import dev.teamcredits.events.ledger.SourceAmount;
import dev.teamcredits.events.ledger.TopUpRequested;
import dev.teamcredits.events.ledger.TransferCompleted;
import dev.teamcredits.events.team.Role;
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

    private static final ObjectMapper JSON = new ObjectMapper();

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
            // Cleo shares the pool, so her page sees the pool's numbers after the move, but not the transfer
            // itself nor Ben's notification.
            String[] pool = cleos.next("ledger", "\"balance\":880");
            assertTrue(pool[1].contains("\"type\":\"dev.teamcredits.stream.pool-balance.v1\""), pool[1]);
            assertFalse(pool[1].contains(transfer.transactionId().toString()), pool[1]);

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

    /**
     * The user's report: a member without pool access watched another member's bonus (amount, reason, her
     * balance) and her spend from her own balance go by, although the ledger refuses him both (403). His
     * page may show the pool's numbers, which the ledger shows every member, and his own changes.
     */
    @Test
    void aPlainMemberSeesThePoolsNumbersButNotAnotherMembersMoney() throws Exception {
        Org org = Org.create();
        User ben = org.join("ben", Role.MEMBER, false);
        User cleo = org.join("cleo");
        AccountRef pool = AccountRef.pool();
        try (SseClient bens = new SseClient(stream, ben.token());
                SseClient cleos = new SseClient(stream, cleo.token());
                SseClient adas = new SseClient(stream, org.admin.token())) {
            TransferCompleted bonus = org.transfer(pool, AccountRef.member(cleo.subject()), 123,
                    "Q4 private bonus for cleo", 877, 123);
            // As the ledger publishes spends: with the pool's numbers, although this one did not draw on it.
            CreditsSpent spend = new CreditsSpent(org.id, UUID.randomUUID(), cleo.subject(), "PAGE_SCRAPE", 3, 3,
                    List.of(new SourceAmount(AccountRef.member(cleo.subject()), 3)), org.cycleStart(), null,
                    cleo.subject(), new BalanceView(pool, 877, 0, 877), Instant.now());
            // A top-up request for Ben's own balance comes last: once his page has it, it has had everything
            // before it.
            TopUpRequested own = new TopUpRequested(org.id, UUID.randomUUID(), AccountRef.member(ben.subject()), 10,
                    org.admin.subject(), false, Instant.now().plusSeconds(86400), Instant.now());
            send(bonus, spend, own);

            bens.next("ledger", own.requestId().toString());
            List<String> bensMessages = bens.seen().stream().filter(e -> !e[0].equals("ready")).map(e -> e[1])
                    .toList();
            for (String message : bensMessages) {
                assertFalse(message.contains("private bonus") || message.contains(cleo.subject())
                        || message.contains(bonus.transactionId().toString())
                        || message.contains(spend.transactionId().toString()),
                        "ben's stream carried cleo's money: " + message);
            }
            assertEquals(3, bensMessages.size(), "the pool's numbers twice, then his own top-up request: "
                    + bensMessages);
            for (String message : bensMessages.subList(0, 2)) {
                JsonNode change = JSON.readTree(message);
                assertEquals("dev.teamcredits.stream.pool-balance.v1", change.path("type").asText(), message);
                assertEquals(JSON.readTree("{\"orgId\":\"" + org.id + "\",\"pool\":{\"account\":{\"kind\":\"POOL\","
                        + "\"userId\":null},\"balance\":877,\"reserved\":0,\"available\":877},\"at\":\""
                        + change.path("data").path("at").asText() + "\"}"), change.path("data"), message);
            }

            // Cleo reads both in full (her account), the admin too (everything of the org).
            for (SseClient page : List.of(cleos, adas)) {
                assertTrue(page.next("ledger", bonus.transactionId().toString())[1].contains("private bonus"));
                page.next("ledger", spend.transactionId().toString());
            }
        }
    }

    @Test
    void theStreamNeedsAToken() {
        io.restassured.RestAssured.given().accept("text/event-stream").get("/v1/me/stream").then().statusCode(401);
    }
}
