package dev.teamcredits.ledger.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.teamcredits.ledger.model.SystemUnderTest.Reply;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * One HTTP exchange with a running ledger, as the model's systems under test make it: bearer token,
 * optional Idempotency-Key and JSON body; the reply's status, JSON body and whether it was a replay.
 */
public final class LedgerHttp {

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json;
    private final String baseUrl;
    private final Duration timeout;

    /** Calls to {@code baseUrl} (e.g. {@code http://127.0.0.1:8082}), each given {@code timeout} to answer. */
    public LedgerHttp(ObjectMapper json, String baseUrl, Duration timeout) {
        this.json = json;
        this.baseUrl = baseUrl;
        this.timeout = timeout;
    }

    public Reply call(String method, String path, String token, String idempotencyKey, Object body) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(timeout)
                    .header("Authorization", "Bearer " + token).header("Accept", "application/json");
            if (idempotencyKey != null) {
                request.header("Idempotency-Key", idempotencyKey);
            }
            if (body != null) {
                request.header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
            } else {
                request.method(method, HttpRequest.BodyPublishers.noBody());
            }
            HttpResponse<String> response = http.send(request.build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            JsonNode node = response.body().isEmpty() ? json.nullNode() : json.readTree(response.body());
            boolean replayed = response.headers().firstValue("Idempotency-Replayed").map("true"::equals)
                    .orElse(false);
            return new Reply(response.statusCode(), node, replayed);
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
