package dev.teamcredits.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.jose4j.json.JsonUtil;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The committed realm, imported into a real Keycloak from its Maven Central distribution, issues
 * the tokens the services rely on: users of one domain and of another, by password grant, and a
 * backend service by client credentials; every client meant to call the services puts their audience
 * ({@code team-credits}) into its tokens, and the reporting tool, a client for another purpose, does not.
 */
class KeycloakRealmTest {

    private static KeycloakServer keycloak;

    @BeforeAll
    static void start() {
        keycloak = KeycloakServer.start(KeycloakServer.TEST_HOME, Path.of("keycloak/team-credits-realm.json")
                .toAbsolutePath(), 0, true);
        keycloak.awaitReady(Duration.ofMinutes(3));
    }

    @AfterAll
    static void stop() {
        if (keycloak != null) {
            keycloak.close();
        }
    }

    @Test
    void sampleUsersGetTokensWithStableSubjectsAndEmails() {
        Map<String, Object> ada = claims(TestTokens.password(keycloak.tokenUrl(), "ada", "ada"));
        assertEquals("a0000000-0000-4000-8000-000000000001", ada.get("sub"));
        assertEquals("ada@acme.example", ada.get("email"));
        assertEquals(keycloak.realmUrl(), ada.get("iss"));
        assertTrue(audience(ada).contains(LoopbackIssuer.AUDIENCE), ada.toString());
        assertEquals("ben@acme.example", claims(TestTokens.password(keycloak.tokenUrl(), "ben", "ben")).get("email"));
        assertEquals("cleo@acme.example",
                claims(TestTokens.password(keycloak.tokenUrl(), "cleo", "cleo")).get("email"));
        assertEquals("dan@globex.example",
                claims(TestTokens.password(keycloak.tokenUrl(), "dan", "dan")).get("email"));
    }

    @Test
    void wrongPasswordGetsNoToken() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> TestTokens.password(keycloak.tokenUrl(), "ada", "not-her-password"));
        assertTrue(e.getMessage().contains("invalid_grant"), e.getMessage());
    }

    /**
     * Every service client of the realm: a product backend that spends for members, the operator tools and the
     * billing backend that records purchases. Each gets a client-credentials token naming it as {@code azp}, with
     * the services' audience and no email (the services tell a service token from a user's by that).
     */
    @ParameterizedTest
    @CsvSource({ "scraper-backend, scraper-backend-secret", "ops-console, ops-console-secret",
            "billing-backend, billing-backend-secret" })
    void serviceClientsGetTokensByClientCredentials(String client, String secret) {
        Map<String, Object> claims = claims(TestTokens.clientCredentials(keycloak.tokenUrl(), client, secret));
        assertEquals(client, claims.get("azp"));
        assertEquals(keycloak.realmUrl(), claims.get("iss"));
        assertTrue(audience(claims).contains(LoopbackIssuer.AUDIENCE), claims.toString());
        assertFalse(claims.containsKey("email"), claims.toString());
    }

    @Test
    void aServiceClientWithAWrongSecretGetsNoToken() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> TestTokens.clientCredentials(keycloak.tokenUrl(), "billing-backend", "scraper-backend-secret"));
        assertTrue(e.getMessage().contains("unauthorized_client") || e.getMessage().contains("invalid_client"),
                e.getMessage());
    }

    @Test
    void reportingToolTokensAreNotForTeamCredits() {
        Map<String, Object> client = claims(TestTokens.clientCredentials(keycloak.tokenUrl(), "reporting-tool",
                "reporting-tool-secret"));
        assertEquals("reporting-tool", client.get("azp"));
        assertFalse(audience(client).contains(LoopbackIssuer.AUDIENCE), client.toString());
        Map<String, Object> ada = claims(TestTokens.post(keycloak.tokenUrl(), Map.of("grant_type", "password",
                "client_id", "reporting-tool", "client_secret", "reporting-tool-secret", "username", "ada",
                "password", "ada")));
        assertEquals("a0000000-0000-4000-8000-000000000001", ada.get("sub"));
        assertFalse(audience(ada).contains(LoopbackIssuer.AUDIENCE), ada.toString());
    }

    /** The {@code aud} claim as a list (a JWT may carry one audience as a plain string). */
    private static java.util.List<?> audience(Map<String, Object> claims) {
        Object aud = claims.get("aud");
        return aud == null ? java.util.List.of() : aud instanceof java.util.List<?> list ? list : java.util.List.of(aud);
    }

    private static Map<String, Object> claims(String jwt) {
        String payload = new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8);
        try {
            return JsonUtil.parseJson(payload);
        } catch (org.jose4j.lang.JoseException e) {
            throw new IllegalStateException(e);
        }
    }
}
