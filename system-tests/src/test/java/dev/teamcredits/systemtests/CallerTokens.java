package dev.teamcredits.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import dev.teamcredits.local.KeycloakServer;
import dev.teamcredits.local.LoopbackIssuer;
import dev.teamcredits.local.ProcessStack;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;

/**
 * Real Keycloak tokens that are wrong in exactly one way, for the authorization matrix. Each is ada's (the
 * seeded org's admin), so a service that skipped the one check would let it do everything an admin may:
 * <ul>
 * <li>expired: from a client made here with a one-second access token lifespan, used once it has expired
 * (nothing to wait for but two seconds);</li>
 * <li>wrongly signed: ada's real token with bytes of its signature changed;</li>
 * <li>another issuer: from a second realm made here in the same Keycloak, with a user of the same name and
 * email and the {@code team-credits} audience (Keycloak keeps user ids unique across realms, so the subject
 * differs); a real foreign issuer also signs with its own keys;</li>
 * <li>another audience: from the committed realm's {@code reporting-tool} client, issued to another
 * application of the same realm.</li>
 * </ul>
 * The realm and client are made through Keycloak's admin API (the stack's bootstrap admin), so the committed
 * realm carries no test-only client.
 */
final class CallerTokens {

    static final String OTHER_REALM = "elsewhere";
    private static final String EXPIRING_CLIENT = "matrix-expiring";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final KeycloakServer keycloak;

    CallerTokens(ProcessStack stack) {
        this.keycloak = stack.keycloak();
        if (keycloak == null) {
            throw new IllegalStateException("the matrix needs the stack's own Keycloak (admin API), not an external OIDC");
        }
    }

    /** ada's token, expired: issued with a one-second lifespan, returned once it is past its {@code exp}. */
    String expired() {
        String admin = adminToken();
        Map<String, Object> client = Map.of("clientId", EXPIRING_CLIENT, "publicClient", true,
                "directAccessGrantsEnabled", true, "standardFlowEnabled", false,
                "attributes", Map.of("access.token.lifespan", "1"), "protocolMappers", List.of(audienceMapper()));
        int created = adminPost(admin, "/admin/realms/" + KeycloakServer.REALM + "/clients", client);
        if (created != 201 && created != 409) {
            throw new IllegalStateException("creating client " + EXPIRING_CLIENT + ": HTTP " + created);
        }
        String token = tokenFrom(keycloak.realmUrl(), Map.of("grant_type", "password", "client_id", EXPIRING_CLIENT,
                "username", "ada", "password", "ada"));
        long exp = claims(token).get("exp").asLong();
        Awaitility.await("ada's one-second token expires").atMost(Waits.DEADLINE).pollInterval(Duration.ofMillis(200))
                .until(() -> Instant.now().getEpochSecond() > exp + 1);
        return token;
    }

    /**
     * A confidential client of the committed realm with service accounts and the {@code team-credits} audience,
     * whose tokens live {@code lifespanSeconds}: a backend whose tokens expire while it works.
     */
    void serviceClient(String clientId, String secret, int lifespanSeconds) {
        Map<String, Object> client = Map.of("clientId", clientId, "publicClient", false, "secret", secret,
                "serviceAccountsEnabled", true, "standardFlowEnabled", false, "directAccessGrantsEnabled", false,
                "attributes", Map.of("access.token.lifespan", Integer.toString(lifespanSeconds)),
                "protocolMappers", List.of(audienceMapper()));
        int created = adminPost(adminToken(), "/admin/realms/" + KeycloakServer.REALM + "/clients", client);
        if (created != 201 && created != 409) {
            throw new IllegalStateException("creating client " + clientId + ": HTTP " + created);
        }
    }

    /** ada's valid token with two characters in the middle of its signature changed. */
    static String badlySigned(String token) {
        int dot = token.lastIndexOf('.');
        int at = dot + (token.length() - dot) / 2;
        char[] chars = token.toCharArray();
        for (int i = at; i < at + 2; i++) {
            chars[i] = chars[i] == 'A' ? 'B' : 'A';
        }
        return new String(chars);
    }

    /** ada's token from a second realm of the same Keycloak: same name, email and audience, another issuer. */
    String fromOtherIssuer() {
        String admin = adminToken();
        Map<String, Object> realm = Map.of("realm", OTHER_REALM, "enabled", true, "sslRequired", "none",
                "users", List.of(Map.of("username", "ada", "enabled", true,
                        "email", "ada@acme.example", "emailVerified", true, "firstName", "Ada", "lastName", "Elsewhere",
                        "credentials", List.of(Map.of("type", "password", "value", "ada", "temporary", false)))),
                "clients", List.of(Map.of("clientId", "team-credits-web", "publicClient", true,
                        "directAccessGrantsEnabled", true, "protocolMappers", List.of(audienceMapper()))));
        int created = adminPost(admin, "/admin/realms", realm);
        if (created != 201 && created != 409) {
            throw new IllegalStateException("creating realm " + OTHER_REALM + ": HTTP " + created);
        }
        return tokenFrom(keycloak.baseUrl() + "/realms/" + OTHER_REALM, Map.of("grant_type", "password",
                "client_id", "team-credits-web", "username", "ada", "password", "ada"));
    }

    /** ada's token issued to {@code reporting-tool}, a client of the same realm for another purpose. */
    String forAnotherAudience() {
        return tokenFrom(keycloak.realmUrl(), Map.of("grant_type", "password", "client_id", "reporting-tool",
                "client_secret", "reporting-tool-secret", "username", "ada", "password", "ada"));
    }

    static JsonNode claims(String jwt) {
        try {
            return Api.JSON.readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static boolean hasAudience(String jwt, String audience) {
        JsonNode aud = claims(jwt).path("aud");
        if (aud.isArray()) {
            for (JsonNode a : aud) {
                if (a.asText().equals(audience)) {
                    return true;
                }
            }
            return false;
        }
        return aud.asText().equals(audience);
    }

    private static Map<String, Object> audienceMapper() {
        return Map.of("name", "team-credits audience", "protocol", "openid-connect",
                "protocolMapper", "oidc-audience-mapper", "config", Map.of("included.custom.audience",
                        LoopbackIssuer.AUDIENCE, "access.token.claim", "true", "id.token.claim", "false"));
    }

    private String adminToken() {
        return tokenFrom(keycloak.baseUrl() + "/realms/master", Map.of("grant_type", "password",
                "client_id", "admin-cli", "username", "admin", "password", "admin"));
    }

    private int adminPost(String adminToken, String path, Object body) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(keycloak.baseUrl() + path))
                    .header("Authorization", "Bearer " + adminToken).header("Content-Type", "application/json")
                    .timeout(Duration.ofSeconds(60))
                    .POST(HttpRequest.BodyPublishers.ofString(Api.JSON.writeValueAsString(body))).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String tokenFrom(String realmUrl, Map<String, String> form) {
        String body = form.entrySet().stream().map(e -> e.getKey() + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(realmUrl
                    + "/protocol/openid-connect/token")).header("Content-Type", "application/x-www-form-urlencoded")
                    .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("no token from " + realmUrl + ": " + response.statusCode() + " "
                        + response.body());
            }
            return Api.JSON.readTree(response.body()).get("access_token").asText();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
