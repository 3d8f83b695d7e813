package dev.teamcredits.bench;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * How soon a committed spend is visible elsewhere. One spend at a time (a backend spending for the
 * admin): the clock starts when the ledger answers (the spend has committed by then), and stops
 * <ul>
 * <li>for usage, when {@code GET /v1/orgs/{orgId}/usage} — polled back to back — counts it;</li>
 * <li>for the live stream, when the admin's {@code GET /v1/me/stream} (Server-Sent Events, open
 * throughout) delivers the {@code ledger} event naming its transaction.</li>
 * </ul>
 * A short random pause between samples keeps them from falling into step with a polling relay.
 */
final class Freshness {

    record Result(Latencies usage, Latencies stream, int samples, int usageMissed, int streamMissed, long ok) {
    }

    private static final Pattern TRANSACTION = Pattern.compile("\"transactionId\"\\s*:\\s*\"([0-9a-f-]{36})\"");
    private static final long WAIT_NANOS = 10_000_000_000L;

    private final Http http;
    private final Options options;

    Freshness(Http http, Options options) {
        this.http = http;
        this.options = options;
    }

    Result run(String runId, Scene.Org org, String adminToken, String backendToken, int samples) {
        Scene.Member member = org.spenders().get(0);
        Map<String, Long> arrivals = new ConcurrentHashMap<>();
        AtomicLong lastArrival = new AtomicLong(System.nanoTime());
        CompletableFuture<Void> ready = new CompletableFuture<>();
        CompletableFuture<HttpResponse<Stream<String>>> stream = http.client().sendAsync(
                Http.request(options.notification + "/v1/me/stream", adminToken).header("Accept", "text/event-stream")
                        .timeout(java.time.Duration.ofHours(2)).GET().build(),
                HttpResponse.BodyHandlers.ofLines());
        Thread reader = new Thread(() -> read(stream, arrivals, lastArrival, ready), "sse-reader");
        reader.setDaemon(true);
        reader.start();
        try {
            ready.get(30, java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("the live stream did not open: " + e, e);
        }
        // Events of earlier runs may still be on their way: start once the stream has been quiet for 2 s.
        long quietDeadline = System.nanoTime() + 180_000_000_000L;
        while (System.nanoTime() - lastArrival.get() < 2_000_000_000L && System.nanoTime() < quietDeadline) {
            Scene.sleep(200);
        }

        String usageUrl = options.usage + "/v1/orgs/" + org.id() + "/usage";
        long counted = spendsCounted(usageUrl, adminToken, member.userId());
        List<Long> usage = new ArrayList<>();
        List<Long> live = new ArrayList<>();
        int usageMissed = 0;
        int streamMissed = 0;
        long ok = 0;
        for (int i = 0; i < samples; i++) {
            Http.Reply spend = http.post(options.ledger + "/v1/orgs/" + org.id() + "/spends", backendToken,
                    runId + "-fresh-" + i, Map.of("userId", member.userId(), "action", "PAGE_SCRAPE", "quantity", 1))
                    .require("freshness spend");
            long committed = System.nanoTime();
            ok++;
            counted++;
            String tx = spend.json().path("transactionId").asText();
            long seen = -1;
            while (System.nanoTime() - committed < WAIT_NANOS) {
                if (spendsCounted(usageUrl, adminToken, member.userId()) >= counted) {
                    seen = System.nanoTime();
                    break;
                }
            }
            if (seen < 0) {
                usageMissed++;
                counted = spendsCounted(usageUrl, adminToken, member.userId());
            } else {
                usage.add((seen - committed) / 1000);
            }
            while (!arrivals.containsKey(tx) && System.nanoTime() - committed < WAIT_NANOS) {
                Scene.sleep(1);
            }
            Long arrived = arrivals.get(tx);
            if (arrived == null) {
                streamMissed++;
            } else {
                live.add(Math.max(0, arrived - committed) / 1000);
            }
            Scene.sleep(ThreadLocalRandom.current().nextInt(20, 120));
        }
        stream.cancel(true);
        reader.interrupt();
        return new Result(Latencies.ofMicros(usage), Latencies.ofMicros(live), samples, usageMissed, streamMissed, ok);
    }

    /** The member's spends in the usage table of the current cycle. */
    private long spendsCounted(String url, String token, String userId) {
        Http.Reply r = http.get(url, token);
        if (!r.ok()) {
            return -1;
        }
        for (var m : r.json().path("members")) {
            if (m.path("userId").asText().equals(userId)) {
                return m.path("spends").asLong();
            }
        }
        return 0;
    }

    /** Records when each transaction's {@code ledger} event arrives on the stream. */
    private static void read(CompletableFuture<HttpResponse<Stream<String>>> stream, Map<String, Long> arrivals,
            AtomicLong lastArrival, CompletableFuture<Void> ready) {
        try {
            HttpResponse<Stream<String>> response = stream.join();
            if (response.statusCode() != 200) {
                ready.completeExceptionally(new IllegalStateException("HTTP " + response.statusCode()));
                return;
            }
            String event = "";
            for (var it = response.body().iterator(); it.hasNext();) {
                String line = it.next();
                long now = System.nanoTime();
                if (line.startsWith("event:")) {
                    event = line.substring("event:".length()).trim();
                    if (event.equals("ready")) {
                        ready.complete(null);
                    }
                } else if (line.startsWith("data:") && event.equals("ledger")) {
                    lastArrival.set(now);
                    Matcher m = TRANSACTION.matcher(line);
                    while (m.find()) {
                        arrivals.putIfAbsent(m.group(1), now);
                    }
                } else if (line.isEmpty()) {
                    event = "";
                }
            }
        } catch (RuntimeException e) {
            ready.completeExceptionally(e);
        }
    }
}
