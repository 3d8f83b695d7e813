package dev.teamcredits.systemtests;

import static dev.teamcredits.systemtests.Api.ADA;
import static dev.teamcredits.systemtests.Api.BEN;
import static dev.teamcredits.systemtests.Api.CLEO;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.teamcredits.local.ProcessStack;
import dev.teamcredits.systemtests.Api.Reply;
import dev.teamcredits.systemtests.Api.Who;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/** kill -9 of the ledger in the middle of concurrent spends and transfers loses and doubles nothing. */
@Order(10)
class LedgerCrashTest extends SystemTestBase {

    /** One money request of the stream: who sent what with which key, and what came back. */
    record Call(Who who, String path, Map<String, Object> body, String key, int status, String transactionId) {
        Call answered(Reply reply) {
            return new Call(who, path, body, key, reply.status(),
                    reply.ok() ? reply.get("transactionId").asText() : null);
        }
    }

    @Test
    void everyAcknowledgedRequestIsInTheLedgerExactlyOnceAndRetriesAreNotChargedTwice() throws Exception {
        Org org = org("PRO");
        org.join(BEN, true);
        org.join(CLEO, true);
        org.buy(100_000);
        ProcessStack.RunningService ledger = SystemStack.get().service("ledger-service");

        int workers = 6;
        int perWorker = 80;
        AtomicInteger sent = new AtomicInteger();
        ConcurrentLinkedQueue<Call> calls = new ConcurrentLinkedQueue<>();
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        List<Future<?>> running = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            int worker = w;
            running.add(pool.submit(() -> {
                for (int i = 0; i < perWorker; i++) {
                    Call call = nextCall(worker, i);
                    Reply reply = api.tryPost(call.who(), org.ledger(call.path()), call.body(), call.key());
                    calls.add(call.answered(reply));
                    sent.incrementAndGet();
                }
                return null;
            }));
        }
        // Crash it once a third of the stream went out, while requests are in flight (a tight
        // poll: the stream is fast, and a late kill would hit nothing).
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (sent.get() < workers * perWorker / 3 && System.nanoTime() < deadline) {
            Thread.sleep(2);
        }
        ledger.kill();
        for (Future<?> f : running) {
            f.get(2, TimeUnit.MINUTES);
        }
        pool.shutdown();
        ledger.restart();

        List<Call> first = new ArrayList<>(calls);
        long acknowledged = first.stream().filter(c -> c.status() / 100 == 2).count();
        long lost = first.stream().filter(c -> c.status() < 0 || c.status() >= 500).count();
        assertTrue(acknowledged > 0 && lost > 0, "the crash hit the stream: " + acknowledged + " acknowledged, "
                + lost + " failed");
        first.stream().filter(c -> c.status() / 100 == 4).findFirst().ifPresent(c -> {
            throw new AssertionError("no request of the stream is refused: " + c);
        });

        // A client retries what failed with the same key, and (as after a lost response) some that succeeded.
        Map<String, String> transactionByKey = new HashMap<>();
        for (Call call : first) {
            boolean wasAcknowledged = call.status() / 100 == 2;
            if (wasAcknowledged) {
                transactionByKey.put(call.key(), call.transactionId());
                if (call.key().hashCode() % 3 != 0) {
                    continue;
                }
            }
            Reply retry = api.tryPost(call.who(), org.ledger(call.path()), call.body(), call.key());
            assertTrue(retry.ok(), "retry of " + call + " answered " + retry.status());
            if (wasAcknowledged) {
                assertEquals(call.transactionId(), retry.get("transactionId").asText(), "a retry returns the original");
                assertEquals("true", retry.header("Idempotency-Replayed").orElse(""));
            }
            transactionByKey.put(call.key(), retry.get("transactionId").asText());
        }

        // Exactly the requests the clients saw succeed are in the ledger, each once.
        List<JsonNode> history = org.transactions();
        Set<String> streamed = new TreeSet<>();
        Map<String, Integer> seen = new HashMap<>();
        for (JsonNode tx : history) {
            seen.merge(tx.get("id").asText(), 1, Integer::sum);
            String type = tx.get("type").asText();
            boolean ofTheStream = type.equals("SPEND") || (type.equals("TRANSFER") && "stream".equals(tx.path("reason")
                    .asText()));
            if (ofTheStream) {
                streamed.add(tx.get("id").asText());
            }
        }
        seen.forEach((id, n) -> assertEquals(1, n, "transaction " + id + " listed once"));
        assertEquals(new TreeSet<>(transactionByKey.values()), streamed);
        assertEquals(workers * perWorker, transactionByKey.size(), "every request of the stream went through once");

        long spent = 0;
        for (Call call : first) {
            if (call.path().equals("/spends")) {
                spent += ((Number) call.body().get("quantity")).longValue();
            }
        }
        JsonNode balances = org.balances();
        long held = balances.get("pool").get("balance").asLong();
        for (JsonNode m : balances.get("members")) {
            held += m.get("balance").asLong();
        }
        assertEquals(1000 + 100_000 - spent, held, "what the org holds is what it got minus what it spent");
        assertTrue(api.get(ADA, org.ledger("/balances")).ok());
    }

    /** Spends by ben and cleo, and transfers between the pool and them (amounts small enough never to run short). */
    private static Call nextCall(int worker, int i) {
        String ben = Api.id(BEN);
        String cleo = Api.id(CLEO);
        return switch ((worker + i) % 4) {
            case 0 -> new Call(BEN, "/spends", Map.of("action", "PAGE_SCRAPE", "quantity", 1 + i % 3), Api.key(), 0,
                    null);
            case 1 -> new Call(CLEO, "/spends", Map.of("action", "ENRICHMENT", "quantity", 1 + i % 2), Api.key(), 0,
                    null);
            case 2 -> new Call(ADA, "/transfers", Map.of("from", "pool", "to", worker % 2 == 0 ? ben : cleo, "amount",
                    5, "reason", "stream"), Api.key(), 0, null);
            default -> new Call(ADA, "/transfers", Map.of("from", "pool", "to", worker % 2 == 0 ? cleo : ben, "amount",
                    2, "reason", "stream"), Api.key(), 0, null);
        };
    }
}
