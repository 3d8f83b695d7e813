package dev.teamcredits.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.jose4j.jwk.HttpsJwks;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.resolvers.HttpsJwksVerificationKeyResolver;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The loopback issuer's client-credentials grant answers as Keycloak does with the committed realm: a service
 * client with its secret gets a token its JWKS verifies, naming the client as {@code azp}, with the services'
 * audience when the realm gives the client one; anyone else gets no token.
 */
class LoopbackIssuerTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static LoopbackIssuer issuer;

    @BeforeAll
    static void start() {
        issuer = LoopbackIssuer.start();
    }

    @AfterAll
    static void stop() {
        issuer.close();
    }

    @ParameterizedTest
    @CsvSource({ "scraper-backend, scraper-backend-secret", "ops-console, ops-console-secret",
            "billing-backend, billing-backend-secret" })
    void serviceClientsGetVerifiableTokensWithTheAudience(String client, String secret) throws Exception {
        JwtClaims claims = verify(basic(client, secret).body());
        assertEquals(client, claims.getStringClaimValue("azp"));
        assertEquals(issuer.realmUrl(), claims.getIssuer());
        assertEquals(List.of(LoopbackIssuer.AUDIENCE), claims.getAudience());
        assertFalse(claims.hasClaim("email"));
        // The same client authenticated with form fields instead of HTTP Basic.
        String token = TestTokens.clientCredentials(issuer.clientCredentialsUrl(), client, secret);
        assertEquals(client, verify("{\"access_token\":\"" + token + "\"}").getStringClaimValue("azp"));
    }

    @Test
    void aClientOfAnotherPurposeGetsATokenWithoutTheAudience() throws Exception {
        JwtClaims claims = verify(basic("reporting-tool", "reporting-tool-secret").body());
        assertEquals("reporting-tool", claims.getStringClaimValue("azp"));
        assertFalse(claims.hasAudience());
    }

    @ParameterizedTest
    @CsvSource({ "billing-backend, scraper-backend-secret", "billing-backend, ''", "team-credits-web, ''",
            "nobody, nobody-secret" })
    void aWrongSecretOrAClientWithoutServiceAccountGetsNoToken(String client, String secret) throws Exception {
        HttpResponse<String> answer = basic(client, secret);
        assertEquals(401, answer.statusCode(), answer.body());
        assertFalse(answer.body().contains("access_token"));
        assertThrows(IllegalStateException.class,
                () -> TestTokens.clientCredentials(issuer.clientCredentialsUrl(), client, secret));
    }

    @Test
    void discoveryNamesTheClientCredentialsEndpoint() throws Exception {
        String discovery = HTTP.send(HttpRequest.newBuilder(URI.create(issuer.realmUrl()
                + "/.well-known/openid-configuration")).build(), HttpResponse.BodyHandlers.ofString()).body();
        assertTrue(discovery.contains("\"token_endpoint\":\"" + issuer.clientCredentialsUrl() + "\""), discovery);
    }

    private static HttpResponse<String> basic(String client, String secret) throws Exception {
        String credentials = Base64.getEncoder().encodeToString((client + ":" + secret)
                .getBytes(StandardCharsets.UTF_8));
        return HTTP.send(HttpRequest.newBuilder(URI.create(issuer.clientCredentialsUrl()))
                .header("Authorization", "Basic " + credentials)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The token of a token response, verified against the issuer's published keys, issuer and expiry. */
    private static JwtClaims verify(String tokenResponse) throws Exception {
        Map<String, Object> json = org.jose4j.json.JsonUtil.parseJson(tokenResponse);
        JwtConsumer consumer = new JwtConsumerBuilder()
                .setVerificationKeyResolver(new HttpsJwksVerificationKeyResolver(
                        new HttpsJwks(issuer.realmUrl() + "/protocol/openid-connect/certs")))
                .setExpectedIssuer(issuer.realmUrl())
                .setRequireExpirationTime()
                .setSkipDefaultAudienceValidation()
                .build();
        return consumer.processToClaims((String) json.get("access_token"));
    }
}
