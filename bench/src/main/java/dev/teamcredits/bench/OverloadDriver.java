package dev.teamcredits.bench;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Open-loop load: 1-credit spends leave at a fixed rate whether or not earlier ones were answered,
 * as many independent callers would send them (wrk's closed loop slows down with the server and so
 * can never offer more than it serves). At most {@code maxInFlight} requests are open at once (the
 * connections a load balancer would allow); a request whose turn comes while all are busy is not
 * sent and is counted as {@code notSent}. Each answer is counted by class, the latencies of the
 * admitted (2xx) ones are kept, and the ledger's RSS is sampled throughout. Requests whose outcome
 * is unknown (I/O error, 5xx other than 503) are sent again afterwards with their keys by
 * {@link #settle}, so the pool check can count exactly what was applied.
 */
final class OverloadDriver {

    record Phase(String name, double rate, int seconds, long sent, long notSent, long ok, long overloaded,
            long refused, long failed, Latencies admitted, long maxRssKb, List<String> unknownKeys, String note) {

        double okPerSecond() {
            return ok / (double) seconds;
        }

        String describe() {
            return String.format(java.util.Locale.ROOT,
                    "offered %s/s for %d s: %s/s admitted (%s), %,d × 503, %,d × 402, %,d failed, %,d not sent",
                    Report.rate(rate), seconds, Report.rate(okPerSecond()), admitted.p50p99(), overloaded, refused,
                    failed, notSent);
        }
    }

    private final Http http;
    private final String ledger;

    OverloadDriver(Http http, String ledger) {
        this.http = http;
        this.ledger = ledger;
    }

    Phase run(String name, String runId, Scene.Org org, String token, double rate, int seconds, int maxInFlight,
            LongSupplier rssKb) {
        String url = ledger + "/v1/orgs/" + org.id() + "/spends";
        List<Scene.Member> spenders = org.spenders();
        Semaphore slots = new Semaphore(maxInFlight);
        AtomicLong ok = new AtomicLong();
        AtomicLong overloaded = new AtomicLong();
        AtomicLong refused = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        AtomicLong maxRss = new AtomicLong(rssKb.getAsLong());
        ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<String> unknown = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<String> notes = new ConcurrentLinkedQueue<>();
        long total = Math.round(rate * seconds);
        long sent = 0;
        long notSent = 0;
        long start = System.nanoTime();
        long nextSample = start;
        for (long i = 0; i < total; i++) {
            long due = start + (long) (i * 1e9 / rate);
            long now;
            while ((now = System.nanoTime()) < due) {
                long wait = due - now;
                if (wait > 200_000) {
                    sleepNanos(wait - 100_000);
                }
            }
            if (now >= nextSample) {
                maxRss.accumulateAndGet(rssKb.getAsLong(), Math::max);
                nextSample = now + TimeUnit.MILLISECONDS.toNanos(250);
            }
            if (!slots.tryAcquire()) {
                notSent++;
                continue;
            }
            sent++;
            String key = runId + "-" + name + "-" + i;
            Scene.Member who = spenders.get((int) (i % spenders.size()));
            String body = spend(who.userId());
            long t0 = System.nanoTime();
            http.client().sendAsync(Http.request(url, token).header("Content-Type", "application/json")
                    .header("Idempotency-Key", key).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString()).whenComplete((reply, error) -> {
                        slots.release();
                        if (error != null) {
                            failed.incrementAndGet();
                            unknown.add(key + " " + who.userId());
                            notes.add(error.toString());
                            return;
                        }
                        int status = reply.statusCode();
                        if (status >= 200 && status < 300) {
                            ok.incrementAndGet();
                            latencies.add((System.nanoTime() - t0) / 1000);
                        } else if (status == 503) {
                            overloaded.incrementAndGet();
                        } else if (status == 402) {
                            refused.incrementAndGet();
                        } else {
                            failed.incrementAndGet();
                            if (status >= 500) {
                                unknown.add(key + " " + who.userId());
                            }
                            notes.add("HTTP " + status + " " + Http.abbreviate(reply.body()));
                        }
                    });
        }
        // Wait for the answers still out (the last ones are bounded by the server's max wait).
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (slots.availablePermits() < maxInFlight && System.nanoTime() < deadline) {
            maxRss.accumulateAndGet(rssKb.getAsLong(), Math::max);
            sleepNanos(TimeUnit.MILLISECONDS.toNanos(100));
        }
        return new Phase(name, rate, seconds, sent, notSent, ok.get(), overloaded.get(), refused.get(), failed.get(),
                Latencies.ofMicros(latencies), maxRss.get(), List.copyOf(unknown),
                notes.stream().findFirst().orElse(""));
    }

    /**
     * Sends each request of unknown outcome again with its key until it has a definite answer: a
     * replay of what was applied, or its first application, or a refusal. Returns how many of them
     * are applied now.
     */
    long settle(Phase phase, Scene.Org org, String token) {
        String url = ledger + "/v1/orgs/" + org.id() + "/spends";
        long applied = 0;
        for (String entry : phase.unknownKeys()) {
            String[] keyAndUser = entry.split(" ");
            String body = spend(keyAndUser[1]);
            for (int attempt = 0; attempt < 50; attempt++) {
                int status;
                try {
                    status = http.client().send(Http.request(url, token).header("Content-Type", "application/json")
                            .header("Idempotency-Key", keyAndUser[0]).POST(HttpRequest.BodyPublishers.ofString(body))
                            .build(), HttpResponse.BodyHandlers.discarding()).statusCode();
                } catch (IOException e) {
                    status = -1;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted", e);
                }
                if (status >= 200 && status < 300) {
                    applied++;
                    break;
                }
                if (status != -1 && status < 500) {
                    break;
                }
                sleepNanos(TimeUnit.MILLISECONDS.toNanos(200));
            }
        }
        return applied;
    }

    /** The body of a 1-credit page scrape for a member. */
    private static String spend(String userId) {
        return "{\"userId\":\"" + userId + "\",\"action\":\"PAGE_SCRAPE\",\"quantity\":1}";
    }

    private static void sleepNanos(long nanos) {
        try {
            TimeUnit.NANOSECONDS.sleep(nanos);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
