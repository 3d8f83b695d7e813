package dev.teamcredits.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * OAuth 2.0 client credentials (RFC 6749 §4.4) against an OIDC token endpoint, e.g. a Keycloak realm's
 * {@code …/realms/team-credits/protocol/openid-connect/token}. The token is cached and fetched again
 * {@code refreshEarly} (30 s by default, at most half its lifetime) before it expires, so no request leaves with a
 * token about to lapse; one the service refused is dropped ({@link #invalidate(String)}). Thread-safe: one fetch
 * at a time, the others wait for it.
 */
public final class ClientCredentialsTokenProvider implements TokenProvider {

    private record Token(String value, Instant expires, Duration lifetime) {
    }

    private final URI tokenEndpoint;
    private final String clientId;
    private final String clientSecret;
    private final Duration refreshEarly;
    private final Duration timeout;
    private final HttpClient http;
    private final Clock clock;
    private final ObjectMapper json = new ObjectMapper();
    private final AtomicLong fetches = new AtomicLong();
    private Token current;

    /**
     * @param tokenEndpoint the OIDC token endpoint
     * @param clientId      the confidential client, e.g. {@code scraper-backend}
     * @param clientSecret  its secret, sent with HTTP Basic authentication (RFC 6749 §2.3.1)
     * @param refreshEarly  how long before expiry a new token is fetched
     * @param timeout       for one token request
     * @param http          the HTTP client to use
     */
    public ClientCredentialsTokenProvider(URI tokenEndpoint, String clientId, String clientSecret,
            Duration refreshEarly, Duration timeout, HttpClient http) {
        this(tokenEndpoint, clientId, clientSecret, refreshEarly, timeout, http, Clock.systemUTC());
    }

    ClientCredentialsTokenProvider(URI tokenEndpoint, String clientId, String clientSecret, Duration refreshEarly,
            Duration timeout, HttpClient http, Clock clock) {
        this.tokenEndpoint = Objects.requireNonNull(tokenEndpoint, "tokenEndpoint");
        this.clientId = Objects.requireNonNull(clientId, "clientId");
        this.clientSecret = Objects.requireNonNull(clientSecret, "clientSecret");
        this.refreshEarly = Objects.requireNonNull(refreshEarly, "refreshEarly");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.http = Objects.requireNonNull(http, "http");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The token endpoint of a Keycloak realm, from the realm's URL ({@code http://host/realms/name}). */
    public static URI keycloakTokenEndpoint(String realmUrl) {
        return URI.create(realmUrl.replaceAll("/+$", "") + "/protocol/openid-connect/token");
    }

    @Override
    public synchronized String token() {
        Instant now = clock.instant();
        if (current == null || !now.isBefore(refreshAt(current))) {
            current = fetch(now);
        }
        return current.value();
    }

    @Override
    public synchronized void invalidate(String token) {
        if (current != null && current.value().equals(token)) {
            current = null;
        }
    }

    /** How many tokens were fetched so far (one per lifetime in a steady state): for metrics and tests. */
    public long fetches() {
        return fetches.get();
    }

    /** Early by {@code refreshEarly}, but never before half the lifetime: a 10 s token is not fetched every call. */
    private Instant refreshAt(Token token) {
        Duration early = refreshEarly.compareTo(token.lifetime().dividedBy(2)) < 0 ? refreshEarly
                : token.lifetime().dividedBy(2);
        return token.expires().minus(early);
    }

    private Token fetch(Instant now) {
        String basic = Base64.getEncoder().encodeToString((form(clientId) + ":" + form(clientSecret))
                .getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(tokenEndpoint).timeout(timeout)
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new ServiceUnreachableException("token endpoint " + tokenEndpoint + " unreachable: " + e, null, 1, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServiceUnreachableException("interrupted while fetching a token", null, 1, e);
        }
        JsonNode body = read(response.body());
        if (response.statusCode() != 200 || !body.path("access_token").isTextual()) {
            // RFC 6749 §5.2: {error, error_description}; kept as a problem of its own.
            Problem problem = new Problem("about:blank", body.path("error").asText("token request refused"),
                    response.statusCode(), body.path("error_description").asText(null), tokenEndpoint.toString(),
                    Map.of());
            String message = "no token for " + clientId + " from " + tokenEndpoint + ": HTTP " + response.statusCode()
                    + " " + body.path("error").asText("");
            if (response.statusCode() >= 500) {
                throw new ServiceUnreachableException(message, null, 1, null);
            }
            throw new UnauthorizedException(message, problem, null);
        }
        fetches.incrementAndGet();
        // Without expires_in (it is only RECOMMENDED), assume a minute, so it is fetched again soon.
        Duration lifetime = Duration.ofSeconds(Math.max(1, body.path("expires_in").asLong(60)));
        return new Token(body.get("access_token").asText(), now.plus(lifetime), lifetime);
    }

    private JsonNode read(String text) {
        try {
            return text == null || text.isBlank() ? json.createObjectNode() : json.readTree(text);
        } catch (IOException e) {
            return json.createObjectNode();
        }
    }

    private static String form(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
