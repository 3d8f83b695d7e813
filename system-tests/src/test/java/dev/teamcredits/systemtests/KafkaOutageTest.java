package dev.teamcredits.systemtests;

import static dev.teamcredits.systemtests.Api.BEN;
import static dev.teamcredits.systemtests.Api.CLEO;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.teamcredits.local.KafkaBroker;
import dev.teamcredits.systemtests.Api.Reply;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/** Kafka away for 30 s: spends go on (the outbox holds the events), and every event arrives afterwards. */
@Order(9)
class KafkaOutageTest extends SystemTestBase {

    @Test
    void spendsKeepWorkingWhileTheBrokerIsDownAndEveryEventArrivesAfterwards() throws Exception {
        Org org = org("PRO");
        org.join(BEN, true);
        org.join(CLEO, false);
        org.buy(5000);
        org.transfer("pool", Api.id(CLEO), 3000, "cleo's share").expect(201);
        KafkaBroker kafka = SystemStack.get().kafka();

        AtomicBoolean stop = new AtomicBoolean();
        List<Reply> replies = new CopyOnWriteArrayList<>();
        ExecutorService spenders = Executors.newFixedThreadPool(2);
        List<Future<?>> running = List.of(
                spenders.submit(() -> spendUntil(stop, replies, () -> org.spend(BEN, "PAGE_SCRAPE", 2))),
                spenders.submit(() -> spendUntil(stop, replies, () -> org.spend(CLEO, "ENRICHMENT", 1))));
        Waits.until("spends flow before the outage", () -> replies.size() >= 10);

        kafka.stop();
        int beforeOutage = replies.size();
        // The one fixed wait: the outage itself.
        Thread.sleep(Duration.ofSeconds(30).toMillis());
        int duringOutage = replies.size() - beforeOutage;
        kafka.start();
        Waits.until("spends flow after the outage", () -> replies.size() >= beforeOutage + duringOutage + 10);
        stop.set(true);
        for (Future<?> f : running) {
            f.get(1, TimeUnit.MINUTES);
        }
        spenders.shutdown();

        assertTrue(duringOutage >= 20, "spends went on during the outage: " + duringOutage);
        for (Reply r : replies) {
            assertEquals(200, r.status(), () -> "a spend failed: " + r.raw().body());
        }
        long spent = replies.stream().mapToLong(r -> r.get("amount").asLong()).sum();
        org.assertPool(3000 - replies.stream().filter(r -> r.get("userId").asText().equals(Api.id(BEN)))
                .mapToLong(r -> r.get("amount").asLong()).sum());
        assertEquals(replies.size(), org.transactions().stream().filter(t -> t.get("type").asText().equals("SPEND"))
                .count());
        assertTrue(spent > 0);
        // Every event arrives and usage converges: the invariants after the test wait for both.
    }

    private static Void spendUntil(AtomicBoolean stop, List<Reply> replies, java.util.function.Supplier<Reply> spend)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (!stop.get() && System.nanoTime() < deadline) {
            replies.add(spend.get());
            Thread.sleep(50); // a steady stream, not a load test
        }
        return null;
    }
}
