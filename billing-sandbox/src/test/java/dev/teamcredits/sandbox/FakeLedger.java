package dev.teamcredits.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.teamcredits.local.Ports;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The ledger's two endpoints for a billing backend, as a real HTTP server on loopback: it records every call and
 * answers as the purchases spec says the ledger does (201 for a purchase, 200 for a decline), or with the statuses a
 * test scripted for a request, one per call. It checks nothing itself: the test asserts what was sent.
 */
final class FakeLedger implements AutoCloseable {

    /** One call as it arrived; headers by lower-case name. */
    record Call(String method, String path, Map<String, String> headers, String body, Instant at, UUID requestId) {

        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        JsonNode json() {
            return BillingSandboxIT.parse(body);
        }
    }

    private static final Pattern DECLINE = Pattern.compile("/v1/top-up-requests/([^/]+)/decline");

    private final int port;
    private final List<Call> calls = new ArrayList<>();
    private final Map<UUID, Deque<Integer>> scripts = new ConcurrentHashMap<>();
    private HttpServer server;

    private FakeLedger(int port) {
        this.port = port;
    }

    static FakeLedger start() {
        FakeLedger ledger = new FakeLedger(Ports.free());
        ledger.resume();
        return ledger;
    }

    String url() {
        return "http://" + Ports.LOOPBACK + ":" + port;
    }

    /** The statuses to answer the next calls for {@code requestId} with, in order; then the usual answers. */
    void script(UUID requestId, Integer... statuses) {
        scripts.put(requestId, new ArrayDeque<>(List.of(statuses)));
    }

    synchronized List<Call> calls(UUID requestId) {
        return calls.stream().filter(c -> requestId.equals(c.requestId())).toList();
    }

    synchronized List<Call> all() {
        return List.copyOf(calls);
    }

    /** Stops listening: a call now finds the port closed, as when the ledger is down. */
    synchronized void pause() {
        server.stop(0);
    }

    /** Listens (again) on the same port. */
    synchronized void resume() {
        try {
            server = HttpServer.create(new InetSocketAddress(Ports.LOOPBACK, port), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.start();
    }

    @Override
    public synchronized void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Map<String, String> headers = new TreeMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT),
                    String.join(",", v)));
            Matcher decline = DECLINE.matcher(path);
            boolean purchase = path.equals("/v1/purchases");
            UUID requestId = decline.matches() ? uuid(decline.group(1))
                    : purchase ? uuid(BillingSandboxIT.parse(body).path("topUpRequestId").asText()) : null;
            synchronized (this) {
                calls.add(new Call(exchange.getRequestMethod(), path, headers, body, Instant.now(), requestId));
            }
            Deque<Integer> script = requestId == null ? null : scripts.get(requestId);
            Integer scripted = script == null ? null : script.poll();
            int status = scripted != null ? scripted : !decline.matches() && !purchase ? 404 : purchase ? 201 : 200;
            if (status == 200 && purchase) {
                exchange.getResponseHeaders().set("Idempotency-Replayed", "true");
            }
            respond(exchange, status, status < 300 ? "{\"id\":\"" + UUID.randomUUID() + "\"}" : problem(status));
        }
    }

    private static String problem(int status) {
        String type = switch (status) {
            case 409 -> "top-up-request-settled";
            case 404 -> "top-up-request-not-found";
            case 503 -> "database-unavailable";
            default -> "internal";
        };
        return "{\"type\":\"urn:team-credits:problem:" + type + "\",\"status\":" + status + "}";
    }

    private static UUID uuid(String text) {
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static void respond(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", status < 300 ? "application/json"
                : "application/problem+json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }
}
