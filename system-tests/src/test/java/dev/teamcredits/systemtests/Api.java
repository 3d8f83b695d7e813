package dev.teamcredits.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.teamcredits.local.ProcessStack;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The only way the tests reach the services: HTTP with bearer tokens from Keycloak (password grant
 * for users, client credentials for backends and operator tools).
 */
final class Api {

    static final ObjectMapper JSON = new ObjectMapper();

    /** A caller: a realm user (password = username) or a confidential client. */
    record Who(String username, String clientId, String secret) {
        static Who user(String username) {
            return new Who(username, "team-credits-web", null);
        }

        static Who client(String clientId, String secret) {
            return new Who(null, clientId, secret);
        }

        @Override
        public String toString() {
            return username != null ? username : clientId;
        }
    }

    static final Who ADA = Who.user("ada");
    static final Who BEN = Who.user("ben");
    static final Who CLEO = Who.user("cleo");
    static final Who DAN = Who.user("dan");
    static final Who SCRAPER = Who.client("scraper-backend", "scraper-backend-secret");
    static final Who OPS = Who.client("ops-console", "ops-console-secret");
    static final Who BILLING = Who.client("billing-backend", "billing-backend-secret");

    /** Realm subjects (README: sample identities). */
    static final Map<String, String> SUBJECTS = Map.of(
            "ada", "a0000000-0000-4000-8000-000000000001",
            "ben", "a0000000-0000-4000-8000-000000000002",
            "cleo", "a0000000-0000-4000-8000-000000000003",
            "dan", "a0000000-0000-4000-8000-000000000004");

    static String id(Who who) {
        return SUBJECTS.get(who.username());
    }

    /** An HTTP answer: status, body parsed as JSON when it is JSON, and the headers. */
    record Reply(int status, JsonNode body, HttpResponse<String> raw) {
        boolean ok() {
            return status / 100 == 2;
        }

        JsonNode get(String path) {
            JsonNode node = body;
            for (String part : path.split("\\.")) {
                node = node.path(part);
            }
            return node;
        }

        Optional<String> header(String name) {
            return raw.headers().firstValue(name);
        }

        Reply expect(int expected) {
            if (status != expected) {
                throw new AssertionError("expected HTTP " + expected + " but got " + status + " for "
                        + raw.request().method() + " " + raw.request().uri() + ": " + raw.body());
            }
            return this;
        }
    }

    private record Token(String value, Instant expires) {
    }

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private final ProcessStack stack;
    private final Map<Who, Token> tokens = new ConcurrentHashMap<>();

    Api(ProcessStack stack) {
        this.stack = stack;
    }

    String team() {
        return stack.service("team-service").baseUrl();
    }

    String ledger() {
        return stack.service("ledger-service").baseUrl();
    }

    String usage() {
        return stack.service("usage-service").baseUrl();
    }

    /** The realm's token endpoint. */
    String tokenUrl() {
        return stack.oidcUrl() + "/protocol/openid-connect/token";
    }

    String notifications() {
        return stack.service("notification-service").baseUrl();
    }

    /** A cached token, fetched again a minute before it expires (the realm's tokens live 30 minutes). */
    String token(Who who) {
        Token t = tokens.get(who);
        if (t == null || Instant.now().isAfter(t.expires().minusSeconds(60))) {
            t = fetchToken(who);
            tokens.put(who, t);
        }
        return t.value();
    }

    private Token fetchToken(Who who) {
        String form = who.username() != null
                ? "grant_type=password&client_id=" + who.clientId() + "&username=" + who.username() + "&password="
                        + who.username()
                : "grant_type=client_credentials&client_id=" + who.clientId() + "&client_secret=" + who.secret();
        HttpRequest request = HttpRequest.newBuilder(URI.create(stack.oidcUrl() + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).timeout(Duration.ofSeconds(20)).build();
        Reply reply = send(request).expect(200);
        return new Token(reply.body().get("access_token").asText(),
                Instant.now().plusSeconds(reply.body().get("expires_in").asLong()));
    }

    static String key() {
        return "st-" + UUID.randomUUID();
    }

    /** A payment reference as a payment provider would make one: new for every payment. */
    static String paymentReference() {
        return "pay_st_" + UUID.randomUUID().toString().replace("-", "");
    }

    static String q(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    Reply get(Who who, String url) {
        return send(builder(who, url).GET().build());
    }

    /** A GET asking for another representation (e.g. {@code text/csv}); the body is in {@code raw()}. */
    Reply get(Who who, String url, String accept) {
        return send(builder(who, url).setHeader("Accept", accept).GET().build());
    }

    /** A POST without an Idempotency-Key (team-service's are optional). */
    Reply post(Who who, String url, Object body) {
        return send(builder(who, url).POST(body(body)).build());
    }

    /** A money POST: the ledger requires an Idempotency-Key. */
    Reply post(Who who, String url, Object body, String idempotencyKey) {
        return send(builder(who, url).header("Idempotency-Key", idempotencyKey).POST(body(body)).build());
    }

    Reply put(Who who, String url, Object body) {
        return send(builder(who, url).PUT(body(body)).build());
    }

    Reply patch(Who who, String url, Object body) {
        return send(builder(who, url).method("PATCH", body(body)).build());
    }

    Reply delete(Who who, String url) {
        return send(builder(who, url).DELETE().build());
    }

    /** Like {@link #post(Who, String, Object, String)} but an I/O failure (a dead service) is a status of -1. */
    Reply tryPost(Who who, String url, Object body, String idempotencyKey) {
        return trySend(builder(who, url).header("Idempotency-Key", idempotencyKey).POST(body(body)).build());
    }

    /** Like {@link #get(Who, String)} but an I/O failure (a dead service, a timeout) is a status of -1. */
    Reply tryGet(Who who, String url) {
        return trySend(builder(who, url).GET().build());
    }

    private Reply trySend(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), parse(response), response);
        } catch (IOException e) {
            return new Reply(-1, MissingNode.getInstance(), null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private HttpRequest.Builder builder(Who who, String url) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token(who))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json");
    }

    private static HttpRequest.BodyPublisher body(Object body) {
        if (body == null) {
            return HttpRequest.BodyPublishers.noBody();
        }
        try {
            return HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Reply send(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), parse(response), response);
        } catch (IOException e) {
            throw new UncheckedIOException(request.method() + " " + request.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode parse(HttpResponse<String> response) {
        String body = response.body();
        if (body == null || body.isBlank()) {
            return MissingNode.getInstance();
        }
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            return MissingNode.getInstance();
        }
    }
}
