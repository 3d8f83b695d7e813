package dev.teamcredits.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.net.http.HttpRequest;

/**
 * Bulk metering: {@code POST /v1/orgs/{orgId}/spends/batch} with {@code {"spends":[…]}} of
 * {@code size} 1-credit spends, each with its own idempotency key, answered with one result per spend
 * ({@code {"results":[{"status":200,"spend":…} | {"status":402,"problem":…}]}}). A few workers send
 * batch after batch (closed loop) until the time is up; every request is waited for, and one that
 * fails on the way (I/O, 5xx) is sent again with the same keys, so each spend's outcome is known.
 */
final class BatchDriver {

    record Result(boolean missing, long ok, long refused, long failed, long requests, double seconds,
            Latencies latencies, String note) {

        double okPerSecond() {
            return ok / seconds;
        }
    }

    private final Http http;
    private final String ledger;

    BatchDriver(Http http, String ledger) {
        this.http = http;
        this.ledger = ledger;
    }

    Result run(String runId, String orgId, String userId, String token, int workers, int seconds, int size) {
        String url = ledger + "/v1/orgs/" + orgId + "/spends/batch";
        AtomicBoolean missing = new AtomicBoolean();
        AtomicLong ok = new AtomicLong();
        AtomicLong refused = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        AtomicLong requests = new AtomicLong();
        ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<String> notes = new ConcurrentLinkedQueue<>();
        long start = System.nanoTime();
        long deadline = start + seconds * 1_000_000_000L;
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            int worker = w;
            Thread t = new Thread(() -> {
                for (int n = 0; System.nanoTime() < deadline && !missing.get(); n++) {
                    String key = runId + "-batch-" + worker + "-" + n;
                    String body = body(key, userId, size);
                    long t0 = System.nanoTime();
                    HttpResponse<String> reply = sendWithRetries(url, token, key, body, notes);
                    latencies.add((System.nanoTime() - t0) / 1000);
                    requests.incrementAndGet();
                    if (reply == null) {
                        failed.addAndGet(size);
                    } else if (reply.statusCode() == 404 || reply.statusCode() == 405) {
                        missing.set(true);
                    } else if (reply.statusCode() != 200) {
                        failed.addAndGet(size);
                        notes.add("HTTP " + reply.statusCode() + " " + Http.abbreviate(reply.body()));
                    } else {
                        for (JsonNode r : Http.parse(reply.body()).path("results")) {
                            int status = r.path("status").asInt();
                            (status >= 200 && status < 300 ? ok : status == 402 ? refused : failed).incrementAndGet();
                        }
                    }
                }
            }, "batch-" + w);
            t.start();
            threads.add(t);
        }
        for (Thread t : threads) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        return new Result(missing.get(), ok.get(), refused.get(), failed.get(), requests.get(), elapsed,
                Latencies.ofMicros(latencies), notes.stream().findFirst().orElse(""));
    }

    /** The same body (same keys) again after an I/O error or a 5xx: a replay if it was applied. */
    private HttpResponse<String> sendWithRetries(String url, String token, String key, String body,
            ConcurrentLinkedQueue<String> notes) {
        for (int attempt = 1; attempt <= 3; attempt++) {
            try {
                HttpResponse<String> reply = http.client().send(Http.request(url, token)
                        .header("Content-Type", "application/json").header("Idempotency-Key", key)
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
                if (reply.statusCode() < 500 || attempt == 3) {
                    return reply;
                }
                notes.add("HTTP " + reply.statusCode() + " (sent again) " + Http.abbreviate(reply.body()));
            } catch (java.io.IOException e) {
                notes.add(e.toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            } catch (UncheckedIOException e) {
                notes.add(e.toString());
            }
        }
        return null;
    }

    static String body(String key, String userId, int size) {
        List<Map<String, Object>> spends = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            spends.add(Map.of("idempotencyKey", key + "-" + i, "userId", userId, "action", "PAGE_SCRAPE",
                    "quantity", 1));
        }
        return Http.write(Map.of("spends", spends));
    }
}
