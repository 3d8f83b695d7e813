package dev.teamcredits.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * How the bench fills a pool: an operator grant, as the ledger's operator endpoint takes it, with the operator
 * client's own token and a fresh Idempotency-Key per fill. A real HTTP server on loopback stands in for the token
 * endpoint and the ledger and records what they are sent.
 */
class SceneTest {

    private record Sent(String path, String authorization, String key, String body) {
    }

    private final List<Sent> sent = new CopyOnWriteArrayList<>();
    private HttpServer server;
    private Options options;

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String path = exchange.getRequestURI().getPath();
            sent.add(new Sent(path, exchange.getRequestHeaders().getFirst("Authorization"),
                    exchange.getRequestHeaders().getFirst("Idempotency-Key"), body));
            String form = URLDecoder.decode(body, StandardCharsets.UTF_8);
            String answer = path.endsWith("/token") ? "{\"access_token\":\"token-of-" + form.replaceAll(
                    ".*client_id=([^&]+).*", "$1") + "\"}" : "{\"transactionId\":\"t\"}";
            byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(path.endsWith("/token") ? 200 : 201, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
        options = new Options();
        String base = "http://127.0.0.1:" + server.getAddress().getPort();
        options.ledger = base;
        options.oidc = base + "/realms/team-credits";
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void aPoolIsFilledByAnOperatorGrantWithItsOwnKey() {
        Http http = new Http();
        Scene scene = new Scene(http, new Identity(http, options.oidc), options);

        scene.fill("org-1", 1_000_000_000L);
        scene.fill("org-1", 5L);

        Map<String, String> token = form(sent.get(0).body());
        assertEquals("/realms/team-credits/protocol/openid-connect/token", sent.get(0).path());
        assertEquals(Map.of("grant_type", "client_credentials", "client_id", "ops-console", "client_secret",
                "ops-console-secret"), token);
        List<Sent> grants = sent.stream().filter(s -> s.path().equals("/v1/operator/grants")).toList();
        assertEquals(2, grants.size(), sent::toString);
        assertEquals(Http.parse("{\"account\":{\"kind\":\"POOL\",\"orgId\":\"org-1\"},\"amount\":1000000000,"
                + "\"reason\":\"benchmark fill\"}"), Http.parse(grants.get(0).body()));
        assertEquals(5, Http.parse(grants.get(1).body()).path("amount").asLong());
        for (Sent grant : grants) {
            assertEquals("Bearer token-of-ops-console", grant.authorization());
            assertTrue(grant.key() != null && grant.key().startsWith("bench-fill-"), grant.key());
        }
        assertNotEquals(grants.get(0).key(), grants.get(1).key(), "each fill is a grant of its own");
    }

    private static Map<String, String> form(String body) {
        Map<String, String> form = new java.util.TreeMap<>();
        for (String pair : body.split("&")) {
            String[] kv = pair.split("=", 2);
            form.put(kv[0], URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
        }
        return form;
    }
}
