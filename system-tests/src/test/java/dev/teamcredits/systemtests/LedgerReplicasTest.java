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

/**
 * Two ledger replicas on one database, clients spreading spends, transfers and reservations (reserve, then
 * capture or release) of one org's pool over both; one replica is killed with kill -9 in the middle. Clients
 * retry what failed with the same key against the survivor. Every acknowledged request is applied exactly
 * once, no hold is left open, and the audit and the invariants hold.
 */
@Order(12)
class LedgerReplicasTest extends SystemTestBase {

    private static final int WORKERS = Integer.getInteger("replicas.workers", 6);
    private static final int FLOWS = Integer.getInteger("replicas.flows", 50);

    /** One request as the client finally saw it: what, with which key, how often it failed before succeeding. */
    record Sent(String kind, Who who, String path, Map<String, Object> body, String key, int failures,
            boolean sentBeforeKill, Reply reply) {

        /** The first attempt had committed before its answer was lost: the retry replayed it. */
        boolean committedUnanswered() {
            return failures > 0 && "true".equals(reply.header("Idempotency-Replayed").orElse(""));
        }
    }

    /** Sends to one replica after the other; a failure is retried with the same key against the survivor. */
    final class Client {
        final List<String> bases;
        final String survivor;
        final String orgId;
        final AtomicInteger next = new AtomicInteger();
        final AtomicInteger requests = new AtomicInteger();
        volatile boolean killed;
        final ConcurrentLinkedQueue<Integer> failedStatuses = new ConcurrentLinkedQueue<>();
        final ConcurrentLinkedQueue<Sent> sent = new ConcurrentLinkedQueue<>();

        Client(List<String> bases, String survivor, String orgId) {
            this.bases = bases;
            this.survivor = survivor;
            this.orgId = orgId;
        }

        Reply send(String kind, Who who, String path, Map<String, Object> body) throws InterruptedException {
            String key = Api.key();
            boolean beforeKill = !killed;
            String base = bases.get(Math.floorMod(next.getAndIncrement(), bases.size()));
            Reply reply = api.tryPost(who, base + "/v1/orgs/" + orgId + path, body, key);
            requests.incrementAndGet();
            int failures = 0;
            while (!reply.ok()) {
                boolean transientFailure = reply.status() < 0 || reply.status() >= 500 || (reply.status() == 409
                        && reply.get("type").asText().endsWith("idempotency-key-in-use"));
                if (!transientFailure) {
                    throw new AssertionError(kind + " " + body + " refused: " + reply.status() + " "
                            + reply.raw().body());
                }
                failedStatuses.add(reply.status());
                failures++;
                assertTrue(failures <= 30, kind + " still failing after 30 retries: " + reply.status());
                Thread.sleep(50L * Math.min(failures, 10));
                reply = api.tryPost(who, survivor + "/v1/orgs/" + orgId + path, body, key);
                requests.incrementAndGet();
            }
            sent.add(new Sent(kind, who, path, body, key, failures, beforeKill, reply));
            return reply;
        }
    }

    @Test
    void everyAcknowledgedRequestIsAppliedOnceWhenOneOfTwoReplicasIsKilled() throws Exception {
        Org org = org("PRO");
        org.join(BEN, true);
        org.join(CLEO, true);
        org.buy(100_000);
        ProcessStack stack = SystemStack.get();
        ProcessStack.RunningService primary = stack.service("ledger-service");
        ProcessStack.RunningService replica = stack.startReplica("ledger-service");
        try {
            Client client = new Client(List.of(primary.baseUrl(), replica.baseUrl()), primary.baseUrl(), org.id);
            AtomicInteger flowsDone = new AtomicInteger();
            ExecutorService pool = Executors.newFixedThreadPool(WORKERS);
            List<Future<?>> running = new ArrayList<>();
            for (int w = 0; w < WORKERS; w++) {
                int worker = w;
                running.add(pool.submit(() -> {
                    for (int i = 0; i < FLOWS; i++) {
                        flow(client, worker, i);
                        flowsDone.incrementAndGet();
                    }
                    return null;
                }));
            }
            // Kill once a third of the flows are done, with requests in flight on both replicas.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            while (flowsDone.get() < WORKERS * FLOWS / 3 && System.nanoTime() < deadline) {
                Thread.sleep(2);
            }
            int requestsBeforeKill = client.requests.get();
            replica.kill();
            client.killed = true;
            for (Future<?> f : running) {
                f.get(3, TimeUnit.MINUTES);
            }
            pool.shutdown();

            List<Sent> sent = new ArrayList<>(client.sent);
            long retried = sent.stream().filter(s -> s.failures() > 0).count();
            long inFlight = sent.stream().filter(s -> s.failures() > 0 && s.sentBeforeKill()).count();
            long replayed = sent.stream().filter(Sent::committedUnanswered).count();
            System.out.printf("[replicas] %d requests (%d before the kill), %d acknowledged, %d failed then retried "
                    + "(%d of them in flight at the kill, %d of those committed before it and replayed on retry), "
                    + "failures seen %s%n", client.requests.get(), requestsBeforeKill, sent.size(), retried, inFlight,
                    replayed, countByStatus(client.failedStatuses));
            assertTrue(retried > 0, "the kill hit the stream");
            assertTrue(requestsBeforeKill > 50, "both replicas served before the kill: " + requestsBeforeKill);
            client.failedStatuses.forEach(status -> assertTrue(status != 500, "no request answered 500"));

            // As after a lost response: the client sends some acknowledged requests again; each replays.
            for (Sent s : sent) {
                if (Math.floorMod(s.key().hashCode(), 4) != 0) {
                    continue;
                }
                Reply again = api.tryPost(s.who(), org.ledger(s.path()), s.body(), s.key());
                assertEquals(200, again.status() / 100 * 100, () -> "replay of " + s + ": " + again.raw().body());
                assertEquals("true", again.header("Idempotency-Replayed").orElse(""), "replayed: " + s);
                assertEquals(s.reply().body(), again.body(), "a replay answers what the first answer said");
            }

            assertAppliedExactlyOnce(org, sent);
        } finally {
            // Leave the shared stack as the other tests expect it: one instance per service.
            replica.stop();
        }
    }

    /** A flow of one client: a spend, a transfer from the pool, or a reservation captured or released. */
    private static void flow(Client client, int worker, int i) throws InterruptedException {
        Who member = (worker + i) % 2 == 0 ? BEN : CLEO;
        switch ((worker + i) % 4) {
            case 0 -> client.send("spend", member, "/spends", Map.of("action", "PAGE_SCRAPE", "quantity", 1 + i % 3));
            case 1 -> client.send("transfer", ADA, "/transfers", Map.of("from", "pool", "to", Api.id(member),
                    "amount", 1 + i % 5, "reason", "replicas"));
            default -> {
                Reply held = client.send("reserve", member, "/reservations", Map.of("amount", 4, "ttlSeconds", 600));
                String path = "/reservations/" + held.get("id").asText();
                if (i % 3 == 0) {
                    client.send("release", member, path + "/release", null);
                } else {
                    client.send("capture", member, path + "/capture", Map.of("amount", 1 + i % 4));
                }
            }
        }
    }

    private static void assertAppliedExactlyOnce(Org org, List<Sent> sent) {
        // Every money-moving answer names its transaction; the history has each exactly once, and no other.
        Set<String> acknowledged = new TreeSet<>();
        long orgSpent = 0;
        int holds = 0;
        for (Sent s : sent) {
            JsonNode body = s.reply().body();
            switch (s.kind()) {
                case "spend" -> {
                    acknowledged.add(body.get("transactionId").asText());
                    orgSpent += fromTheOrg(body.get("sources"));
                }
                case "transfer" -> acknowledged.add(body.get("transactionId").asText());
                case "capture" -> {
                    assertEquals("CAPTURED", body.get("status").asText(), s.toString());
                    acknowledged.add(body.get("transactionId").asText());
                    assertEquals(body.get("captured").asLong(), sum(body.get("holds")), "a capture's sources: " + s);
                    orgSpent += fromTheOrg(body.get("holds"));
                    holds--;
                }
                case "release" -> {
                    assertEquals("RELEASED", body.get("status").asText(), s.toString());
                    holds--;
                }
                case "reserve" -> {
                    assertEquals("ACTIVE", body.get("status").asText(), s.toString());
                    holds++;
                }
                default -> throw new AssertionError(s.kind());
            }
        }
        assertEquals(0, holds, "every reservation was captured or released by its client");
        assertEquals(WORKERS * FLOWS, count(sent, "spend") + count(sent, "transfer") + count(sent, "reserve"),
                "every flow went through");
        assertEquals(count(sent, "spend") + count(sent, "transfer") + count(sent, "capture"), acknowledged.size(),
                "one transaction of its own per spend, transfer and capture");

        Map<String, Integer> listed = new HashMap<>();
        Set<String> ofTheStream = new TreeSet<>();
        for (JsonNode tx : org.transactions()) {
            String id = tx.get("id").asText();
            listed.merge(id, 1, Integer::sum);
            String type = tx.get("type").asText();
            if (type.equals("SPEND") || (type.equals("TRANSFER") && "replicas".equals(tx.path("reason").asText()))) {
                ofTheStream.add(id);
            }
        }
        listed.forEach((id, n) -> assertEquals(1, n, "transaction " + id + " listed once"));
        assertEquals(acknowledged, ofTheStream, "the history holds exactly the acknowledged spends, captures and "
                + "transfers");

        // The org holds what it got minus what it spent (captures included), and nothing is held any more.
        JsonNode balances = org.balances();
        long held = balances.get("pool").get("balance").asLong();
        assertEquals(0, balances.get("pool").get("reserved").asLong(), "no pool credits left on hold");
        for (JsonNode m : balances.get("members")) {
            held += m.get("balance").asLong();
            assertEquals(0, m.get("reserved").asLong(), "no credits of " + m.get("userId") + " left on hold");
            assertEquals(0, m.get("poolHeld").asLong(), "no pool hold counted for " + m.get("userId"));
        }
        assertEquals(1000 + 100_000 - orgSpent, held, "what the org holds is what it got minus what it spent");
    }

    /** Credits a spend took from the org (pool and member balances; a personal balance is the user's own). */
    private static long fromTheOrg(JsonNode sources) {
        long sum = 0;
        for (JsonNode s : sources) {
            if (!s.get("account").get("kind").asText().equals("PERSONAL")) {
                sum += s.get("amount").asLong();
            }
        }
        return sum;
    }

    private static long sum(JsonNode sources) {
        long sum = 0;
        for (JsonNode s : sources) {
            sum += s.get("amount").asLong();
        }
        return sum;
    }

    private static int count(List<Sent> sent, String kind) {
        return (int) sent.stream().filter(s -> s.kind().equals(kind)).count();
    }

    private static Map<Integer, Integer> countByStatus(Iterable<Integer> statuses) {
        Map<Integer, Integer> counts = new java.util.TreeMap<>();
        statuses.forEach(s -> counts.merge(s, 1, Integer::sum));
        return counts;
    }
}
