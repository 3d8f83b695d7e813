package dev.teamcredits.systemtests;

import static dev.teamcredits.systemtests.Api.ADA;
import static dev.teamcredits.systemtests.Api.BEN;
import static dev.teamcredits.systemtests.Api.CLEO;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.teamcredits.local.PostgresServer;
import dev.teamcredits.local.ProcessStack;
import dev.teamcredits.systemtests.Api.Reply;
import dev.teamcredits.systemtests.Api.Who;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL stopped for a while under a steady load of spends and reads, then started again: while it is
 * away every service answers 503 problems with Retry-After, quickly (never a 500, never a hang); nothing is
 * half-written (a spend that answered 2xx is in the ledger once, a retry of one that failed applies once);
 * and every service comes back by itself: ready again, spends go through, the outbox relays LISTEN again
 * and events written after the restart reach usage and notifications.
 */
@Order(11)
class PostgresRestartTest extends SystemTestBase {

    /** How long the database stays away (the one fixed wait of the test: the outage itself). */
    private static final Duration OUTAGE = Duration.ofSeconds(12);
    /** A request must be answered within this, database or not. */
    private static final Duration BOUND = Duration.ofSeconds(20);

    enum Phase { BEFORE, OUTAGE, AFTER }

    /** One request as sent: which, with which key (spends), and what came back how fast. */
    record Attempt(String what, Phase phase, String key, Map<String, Object> body, Who who, int status,
            String contentType, String retryAfter, long millis, Reply reply) {
    }

    @Test
    void servicesAnswer503WhileTheDatabaseIsAwayAndRecoverByThemselves() throws Exception {
        Org org = org("PRO");
        org.join(BEN, true);
        org.join(CLEO, true);
        org.buy(20_000);
        ProcessStack stack = SystemStack.get();
        PostgresServer postgres = stack.postgres();
        String cycle = org.cycleStart();
        Set<String> listening = listeningDatabases(postgres);
        assertTrue(listening.contains("ledger") && listening.contains("team"), "outbox relays LISTEN: " + listening);

        var phase = new java.util.concurrent.atomic.AtomicReference<>(Phase.BEFORE);
        AtomicBoolean stop = new AtomicBoolean();
        List<Attempt> attempts = new CopyOnWriteArrayList<>();
        ExecutorService load = Executors.newFixedThreadPool(3);
        List<Future<?>> running = List.of(
                load.submit(() -> loop(stop, () -> attempts.add(spend(org, BEN, "PAGE_SCRAPE", phase.get())))),
                load.submit(() -> loop(stop, () -> attempts.add(spend(org, CLEO, "ENRICHMENT", phase.get())))),
                load.submit(() -> {
                    List<String[]> reads = List.of(
                            new String[] { "usage", org.usage("/usage?cycle=" + cycle) },
                            new String[] { "notifications", api.notifications() + "/v1/me/notifications?orgId="
                                    + org.id + "&limit=5" },
                            new String[] { "balances", org.ledger("/balances") },
                            new String[] { "team", org.team("/members") });
                    int[] n = { 0 };
                    return loop(stop, () -> {
                        String[] read = reads.get(n[0]++ % reads.size());
                        attempts.add(read(read[0], read[1], phase.get()));
                    });
                }));
        Waits.until("spends flow before the outage", () -> okSpends(attempts) >= 10);

        phase.set(Phase.OUTAGE);
        postgres.stop();
        // The one fixed wait: the outage itself; meanwhile, readiness must say the services cannot serve.
        Set<String> notReady = new TreeSet<>();
        Set<String> notLive = new TreeSet<>();
        long back = System.nanoTime() + OUTAGE.toNanos();
        while (System.nanoTime() < back) {
            stack.services().stream().filter(s -> !s.isReady()).forEach(s -> notReady.add(s.name()));
            stack.services().stream().filter(s -> !isLive(s)).forEach(s -> notLive.add(s.name()));
            Thread.sleep(500);
        }
        postgres.start();
        long restarted = System.nanoTime();
        phase.set(Phase.AFTER);
        int okBefore = okSpends(attempts);
        Waits.until("spends go through again", () -> okSpends(attempts) >= okBefore + 10);
        double recovered = (System.nanoTime() - restarted) / 1e9;
        stop.set(true);
        for (Future<?> f : running) {
            f.get(1, TimeUnit.MINUTES);
        }
        load.shutdown();
        for (ProcessStack.RunningService s : stack.services()) {
            Waits.until(s.name() + " ready again", s::isReady);
        }
        double ready = (System.nanoTime() - restarted) / 1e9;

        List<Attempt> outage = attempts.stream().filter(a -> a.phase() == Phase.OUTAGE).toList();
        Map<String, Integer> statuses = new TreeMap<>();
        attempts.forEach(a -> statuses.merge(a.what() + " " + a.status(), 1, Integer::sum));
        long slowest = attempts.stream().mapToLong(Attempt::millis).max().orElse(0);
        System.out.printf("[pg-restart] %d requests (%d during the outage), answers %s; slowest %d ms; spends "
                + "again %.1f s after PostgreSQL was back, all services ready after %.1f s%n", attempts.size(),
                outage.size(), statuses, slowest, recovered, ready);

        assertEquals(stack.services().stream().map(ProcessStack.RunningService::name).collect(
                java.util.stream.Collectors.toCollection(TreeSet::new)), notReady,
                "every service reported not ready while the database was away");
        // Liveness is about the process: an orchestrator must not restart services for the database's outage.
        assertEquals(Set.of(), notLive, "services reported dead while the database was away");
        for (Attempt a : attempts) {
            assertTrue(a.status() / 100 == 2 || a.status() == 503, () -> "only success or 503: " + a.what() + " "
                    + a.phase() + " answered " + a.status() + " " + (a.reply().raw() == null ? "(no answer)"
                            : a.reply().raw().body()));
            assertTrue(a.millis() < BOUND.toMillis(), () -> a.what() + " took " + a.millis() + " ms");
            if (a.status() == 503) {
                assertTrue(a.contentType().startsWith("application/problem+json"), () -> a + " is a problem");
                assertTrue(a.retryAfter() != null && a.retryAfter().matches("\\d+"), () -> a + " says when to retry");
            }
        }
        assertTrue(outage.stream().anyMatch(a -> a.what().equals("spend") && a.status() == 503),
                "spends answered 503 while the database was away");
        assertTrue(outage.stream().anyMatch(a -> !a.what().equals("spend") && a.status() == 503),
                "reads answered 503 while the database was away");

        // The relays listen again: events leave within the NOTIFY's milliseconds, not at the next poll.
        Waits.untilAsserted("outbox relays LISTEN again", () -> assertEquals(listening, listeningDatabases(postgres)));

        // A client retries each spend that failed, with its key: applied once; the acknowledged ones stay once.
        Map<String, String> transactionByKey = new HashMap<>();
        long spent = 0;
        for (Attempt a : attempts) {
            if (!a.what().equals("spend")) {
                continue;
            }
            Reply reply = a.reply();
            if (a.status() != 200) {
                reply = api.tryPost(a.who(), org.ledger("/spends"), a.body(), a.key());
                assertEquals(200, reply.status(), () -> "retry of " + a + ": " + a.reply().raw().body());
            }
            transactionByKey.put(a.key(), reply.get("transactionId").asText());
            spent += reply.get("amount").asLong();
        }
        Set<String> spends = new TreeSet<>();
        Map<String, Integer> listed = new HashMap<>();
        for (JsonNode tx : org.transactions()) {
            listed.merge(tx.get("id").asText(), 1, Integer::sum);
            if (tx.get("type").asText().equals("SPEND")) {
                spends.add(tx.get("id").asText());
            }
        }
        listed.forEach((id, n) -> assertEquals(1, n, "transaction " + id + " listed once"));
        assertEquals(new TreeSet<>(transactionByKey.values()), spends, "the ledger holds each spend once");
        assertEquals(transactionByKey.size(), spends.size());
        long held = org.pool();
        for (JsonNode m : org.balances().get("members")) {
            held += m.get("balance").asLong();
        }
        assertEquals(1000 + 20_000 - spent, held, "what the org holds is what it got minus what it spent");

        // Events written after the restart arrive: a transfer notifies its recipient in the inbox (the invariants
        // after the test also wait until usage counts every spend, those after the restart included).
        String reason = "after the restart " + org.id.substring(0, 8);
        Reply transfer = org.transfer("pool", Api.id(CLEO), 7, reason).expect(201);
        Notifications.awaitOne(org, CLEO, "TRANSFER_RECEIVED", transfer.get("transactionId").asText());
        // The email sender's schedule survived the outage too.
        Notifications.awaitOneEmail("cleo@acme.example", "", reason);
    }

    private static boolean isLive(ProcessStack.RunningService service) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(service.baseUrl()
                    + "/q/health/live")).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (java.io.IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static Void loop(AtomicBoolean stop, Runnable step) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (!stop.get() && System.nanoTime() < deadline) {
            step.run();
            Thread.sleep(50); // a steady stream, not a load test
        }
        return null;
    }

    private Attempt spend(Org org, Who who, String action, Phase phase) {
        String key = Api.key();
        Map<String, Object> body = Map.of("action", action, "quantity", 1);
        long start = System.nanoTime();
        Reply reply = api.tryPost(who, org.ledger("/spends"), body, key);
        return attempt("spend", phase, key, body, who, reply, start);
    }

    private Attempt read(String what, String url, Phase phase) {
        long start = System.nanoTime();
        Reply reply = api.tryGet(ADA, url);
        return attempt(what, phase, null, null, ADA, reply, start);
    }

    private static Attempt attempt(String what, Phase phase, String key, Map<String, Object> body, Who who, Reply reply,
            long start) {
        long millis = (System.nanoTime() - start) / 1_000_000;
        String type = reply.raw() == null ? "" : reply.header("Content-Type").orElse("");
        String retryAfter = reply.raw() == null ? null : reply.header("Retry-After").orElse(null);
        return new Attempt(what, phase, key, body, who, reply.status(), type, retryAfter, millis, reply);
    }

    private static int okSpends(List<Attempt> attempts) {
        return (int) attempts.stream().filter(a -> a.what().equals("spend") && a.status() == 200).count();
    }

    /** The databases with a session whose last statement was a LISTEN: the outbox relays' connections. */
    private static Set<String> listeningDatabases(PostgresServer postgres) throws SQLException {
        PostgresServer.Database db = postgres.database("postgres");
        Set<String> names = new TreeSet<>();
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT DISTINCT datname FROM pg_stat_activity WHERE query ILIKE "
                        + "'LISTEN%'")) {
            while (r.next()) {
                names.add(r.getString(1));
            }
        }
        return names;
    }
}
