package dev.teamcredits.notification;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A real SSE client of {@code /v1/me/stream}: reads the event stream line by line into (event, data) pairs. */
final class SseClient implements AutoCloseable {

    private final BlockingQueue<String[]> events = new LinkedBlockingQueue<>();
    private final List<String[]> taken = new CopyOnWriteArrayList<>();
    private final CompletableFuture<HttpResponse<Void>> response;

    /** Opens the stream and waits for its {@code ready} event. */
    SseClient(URI stream, String token) throws InterruptedException {
        String[] pending = new String[2];
        response = HttpClient.newHttpClient().sendAsync(HttpRequest.newBuilder(stream)
                .header("Authorization", "Bearer " + token).header("Accept", "text/event-stream").build(),
                HttpResponse.BodyHandlers.fromLineSubscriber(new Flow.Subscriber<String>() {
                    @Override
                    public void onSubscribe(Flow.Subscription s) {
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
            if (e != null) {
                taken.add(e);
                if (e[0].equals(name) && e[1].contains(text)) {
                    return e;
                }
            }
        }
        throw new AssertionError("no '" + name + "' event containing " + text);
    }

    /**
     * Waits (at most {@code seconds}) until {@code count} events of this name arrived in all, those taken
     * before included, then returns every event taken so far; fewer if they did not come in time.
     */
    List<String[]> until(String name, int count, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        while (taken.stream().filter(e -> e[0].equals(name)).count() < count && System.nanoTime() < deadline) {
            String[] e = events.poll(200, TimeUnit.MILLISECONDS);
            if (e != null) {
                taken.add(e);
            }
        }
        return seen();
    }

    /** Every event {@link #next} went through so far, skipped ones included. */
    List<String[]> seen() {
        return List.copyOf(taken);
    }

    /** The events received and not yet taken. */
    List<String[]> drain() {
        List<String[]> all = new ArrayList<>();
        events.drainTo(all);
        return all;
    }

    @Override
    public void close() {
        response.cancel(true);
    }
}
