package dev.teamcredits.notification;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.ToIntFunction;

/**
 * A real HTTP receiver on loopback that answers 503 to the first {@code failures} calls, then 204 (or what it is told
 * to answer for a body).
 */
final class WebhookReceiver implements AutoCloseable {

    /** One call as it arrived. */
    record Call(Map<String, String> headers, String body, int answered) {
    }

    private final HttpServer server;
    private final AtomicInteger failuresLeft;
    private final List<Call> calls = new CopyOnWriteArrayList<>();

    WebhookReceiver(int failures) throws IOException {
        this(failures, body -> 204);
    }

    /** Answers 503 to the first {@code failures} calls, then what {@code answer} says for the body. */
    WebhookReceiver(int failures, ToIntFunction<String> answer) throws IOException {
        failuresLeft = new AtomicInteger(failures);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/hook", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            int status = failuresLeft.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0 ? 503 : answer.applyAsInt(body);
            Map<String, String> headers = new java.util.HashMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(java.util.Locale.ROOT), v.get(0)));
            calls.add(new Call(headers, body, status));
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    List<Call> calls() {
        return calls;
    }

    /** From now on, fail the next {@code n} calls. */
    void failNext(int n) {
        failuresLeft.set(n);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
