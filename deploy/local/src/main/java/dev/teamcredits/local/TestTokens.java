package dev.teamcredits.local;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Gets real bearer tokens for tests: from the {@link LoopbackIssuer} that {@link ServiceTestInfra}
 * started (its token URL is in the system property {@value #TOKEN_URL_PROPERTY}), or from Keycloak
 * with the password or client-credentials grant.
 */
public final class TestTokens {

    public static final String TOKEN_URL_PROPERTY = "teamcredits.test.token-url";
    private static final Pattern ACCESS_TOKEN = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private TestTokens() {
    }

    /** A valid token for a user, as a front end would send it. */
    public static String user(String subject, String email) {
        return mint(Map.of("sub", subject, "email", email));
    }

    /** A token that expired ten minutes ago, otherwise valid. */
    public static String expired(String subject, String email) {
        return mint(Map.of("sub", subject, "email", email, "expires_in", "-600"));
    }

    /** A token signed by a key the issuer does not publish. */
    public static String signedByStranger(String subject, String email) {
        return mint(Map.of("sub", subject, "email", email, "signer", "stranger"));
    }

    /** A token whose issuer claim names another server. */
    public static String fromOtherIssuer(String subject, String email) {
        return mint(Map.of("sub", subject, "email", email, "iss", "http://127.0.0.1:1/realms/elsewhere"));
    }

    /**
     * A token of the right issuer, key and lifetime, issued to another client of the realm for another purpose:
     * its audience is not the services'.
     */
    public static String forAnotherAudience(String subject, String email) {
        return mint(Map.of("sub", subject, "email", email, "aud", "reporting-tool", "azp", "reporting-tool"));
    }

    /** Any loopback-issuer token; see {@link LoopbackIssuer} for the fields. */
    public static String mint(Map<String, String> fields) {
        String url = System.getProperty(TOKEN_URL_PROPERTY);
        if (url == null) {
            throw new IllegalStateException("No loopback issuer: is ServiceTestInfra the test resource?");
        }
        return post(url, fields);
    }

    /** Keycloak password grant, as the public client {@code team-credits-web}. */
    public static String password(String tokenUrl, String username, String password) {
        return post(tokenUrl, Map.of("grant_type", "password", "client_id", "team-credits-web",
                "username", username, "password", password));
    }

    /** Keycloak client-credentials grant, as a backend service. */
    public static String clientCredentials(String tokenUrl, String clientId, String secret) {
        return post(tokenUrl, Map.of("grant_type", "client_credentials", "client_id", clientId,
                "client_secret", secret));
    }

    /** The {@code access_token} of any form POST to a token endpoint. */
    public static String post(String url, Map<String, String> fields) {
        String body = new LinkedHashMap<>(fields).entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            Matcher m = ACCESS_TOKEN.matcher(response.body());
            if (response.statusCode() != 200 || !m.find()) {
                throw new IllegalStateException("No token from " + url + ": " + response.statusCode() + " "
                        + response.body());
            }
            return m.group(1);
        } catch (IOException e) {
            throw new IllegalStateException("Token request to " + url + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
