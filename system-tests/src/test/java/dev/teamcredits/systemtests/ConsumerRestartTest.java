package dev.teamcredits.systemtests;

import static dev.teamcredits.systemtests.Api.BEN;
import static dev.teamcredits.systemtests.Api.CLEO;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.teamcredits.local.ProcessStack;
import dev.teamcredits.systemtests.Api.Reply;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * The usage service is killed (-9, so its consumer offsets lag behind what it applied) and the
 * notification service restarted while spends and transfers go on: Kafka redelivers, and neither
 * counts nor notifies anything twice. The invariants after the test check exactly that.
 */
@Order(8)
class ConsumerRestartTest extends SystemTestBase {

    @Test
    void restartingUsageAndNotificationsDoublesNothing() throws Exception {
        Org org = org("PRO");
        org.join(BEN, true);
        org.join(CLEO, false);
        ProcessStack.RunningService usage = SystemStack.get().service("usage-service");
        ProcessStack.RunningService notification = SystemStack.get().service("notification-service");

        AtomicBoolean stop = new AtomicBoolean();
        List<Reply> replies = new CopyOnWriteArrayList<>();
        ExecutorService flow = Executors.newFixedThreadPool(2);
        List<Future<?>> running = List.of(
                flow.submit(() -> until(stop, replies, () -> org.spend(BEN, "PAGE_SCRAPE", 1))),
                flow.submit(() -> until(stop, replies, () -> org.transfer("pool", Api.id(CLEO), 1, "drip"))));
        Waits.until("the flow is under way", () -> replies.size() >= 20);

        usage.kill();
        usage.start();
        Waits.until("more flow while usage starts", () -> replies.size() >= 60);
        notification.restart();
        SystemStack.get().awaitReady(List.of(usage));
        int afterRestarts = replies.size();
        Waits.until("more flow after the restarts", () -> replies.size() >= afterRestarts + 20);
        stop.set(true);
        for (Future<?> f : running) {
            f.get(1, TimeUnit.MINUTES);
        }
        flow.shutdown();

        for (Reply r : replies) {
            assertEquals(2, r.status() / 100, () -> "a request failed: " + r.raw().body());
        }
        long transfers = replies.stream().filter(r -> r.body().has("from")).count();
        assertEquals(transfers, org.memberBalance(CLEO));
    }

    private static Void until(AtomicBoolean stop, List<Reply> replies, java.util.function.Supplier<Reply> call)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!stop.get() && System.nanoTime() < deadline) {
            replies.add(call.get());
            Thread.sleep(40);
        }
        return null;
    }
}
