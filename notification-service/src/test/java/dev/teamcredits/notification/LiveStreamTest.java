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
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

@QuarkusTest
class LiveStreamTest {

    @TestHTTPResource("/v1/me/stream")
    URI stream;

    /** A real SSE client: reads the event stream line by line into (event, data) pairs. */
    final class Client implements AutoCloseable {
        final BlockingQueue<String[]> events = new LinkedBlockingQueue<>();
        final CompletableFuture<HttpResponse<Void>> response;

        Client(String token) throws InterruptedException {
            String[] pending = new String[2];
            response = HttpClient.newHttpClient().sendAsync(HttpRequest.newBuilder(stream)
                    .header("Authorization", "Bearer " + token).header("Accept", "text/event-stream").build(),
                    HttpResponse.BodyHandlers.fromLineSubscriber(new java.util.concurrent.Flow.Subscriber<String>() {
                        @Override
                        public void onSubscribe(java.util.concurrent.Flow.Subscription s) {
                            s.request(Long.MAX_VALUE);
                        }

                        @Override
                        public void onNext(String line) {
                            if (line.startsWith("event:")) {
                                pending[0] = line.substring(6).trim();
                            } else if (line.startsWith("data:")) {
                                pending[1] = line.substring(5).trim();
                            } else if (line.isEmpty() && pending[0] != null) {
                                events.add(new String[] { pending[0], pending[1] });
                                pending[0] = null;
                                pending[1] = null;
                            }
                        }

                        @Override
                        public void onError(Throwable t) {
                        }

                        @Override
                        public void onComplete() {
                        }
                    }));
            String[] ready = events.poll(20, TimeUnit.SECONDS);
            assertTrue(ready != null && ready[0].equals("ready"), "stream opened");
        }

        /** The next event with this name and containing {@code text}, skipping others. */
        String[] next(String name, String text) throws InterruptedException {
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline) {
                String[] e = events.poll(500, TimeUnit.MILLISECONDS);
                if (e != null && e[0].equals(name) && e[1].contains(text)) {
                    return e;
                }
            }
            throw new AssertionError("no '" + name + "' event containing " + text);
        }

        List<String[]> drain() {
            List<String[]> all = new java.util.ArrayList<>();
            events.drainTo(all);
            return all;
        }

        @Override
        public void close() {
            response.cancel(true);
        }
    }

    @Test
    void aPageSeesItsOwnTransfersAndItsOrgsPoolLiveAndNothingElse() throws Exception {
        Org org = Org.create();
        User ben = org.join("ben");
        User cleo = org.join("cleo");
        Org other = Org.create();
        try (Client bens = new Client(ben.token()); Client cleos = new Client(cleo.token());
                Client outsiders = new Client(other.admin.token())) {
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
