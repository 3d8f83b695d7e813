package dev.teamcredits.local;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jose4j.json.JsonUtil;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.lang.JoseException;

/**
 * A small OpenID provider on loopback for single-service tests, where Keycloak would cost half a
 * minute per module. It serves a discovery document and a JWKS under the same paths Keycloak uses,
 * so quarkus-oidc verifies its tokens for real (signature, issuer, expiry, audience). Tokens are minted by a
 * test-only endpoint, {@code POST <realm>/test-tokens}, with form fields:
 * <ul>
 * <li>{@code sub} (required), {@code email}, {@code name}, {@code azp};</li>
 * <li>{@code expires_in} seconds from now (negative for an expired token; default 300);</li>
 * <li>{@code signer=stranger} signs with a key the JWKS does not hold (same key id);</li>
 * <li>{@code iss} overrides the issuer claim;</li>
 * <li>{@code aud} overrides the audience claim (default {@value #AUDIENCE}, the audience the services require,
 * as the realm's audience mapper puts it into Keycloak's tokens).</li>
 * </ul>
 * Like Keycloak, it also answers the client-credentials grant at {@code <realm>/protocol/openid-connect/token}
 * (the token endpoint its discovery document names), for the service clients of the committed realm
 * ({@link KeycloakServer#REALM_FILE}) with their secrets, so an application with an OIDC client (quarkus-oidc-client)
 * gets its token the way it does from Keycloak: {@code azp} the client, the audience if the realm gives it one.
 */
public final class LoopbackIssuer implements AutoCloseable {

    /** The audience every Team Credits service requires ({@code quarkus.oidc.token.audience}). */
    public static final String AUDIENCE = "team-credits";

    /** A confidential client of the realm allowed the client-credentials grant. */
    private record ServiceClient(String secret, boolean audience) {
    }

    private final HttpServer server;
    private final RsaJsonWebKey key;
    private final RsaJsonWebKey stranger;
    private final String realmUrl;
    private final Map<String, ServiceClient> clients = serviceClients();

    private LoopbackIssuer(HttpServer server, RsaJsonWebKey key, RsaJsonWebKey stranger) {
        this.server = server;
        this.key = key;
        this.stranger = stranger;
        this.realmUrl = "http://" + Ports.LOOPBACK + ":" + server.getAddress().getPort() + "/realms/"
                + KeycloakServer.REALM;
    }

    public static LoopbackIssuer start() {
        try {
            RsaJsonWebKey key = RsaJwkGenerator.generateJwk(2048);
            key.setKeyId("loopback-1");
            key.setAlgorithm(AlgorithmIdentifiers.RSA_USING_SHA256);
            key.setUse("sig");
            RsaJsonWebKey stranger = RsaJwkGenerator.generateJwk(2048);
            stranger.setKeyId(key.getKeyId());
            HttpServer server = HttpServer.create(new InetSocketAddress(Ports.LOOPBACK, 0), 0);
            LoopbackIssuer issuer = new LoopbackIssuer(server, key, stranger);
            server.createContext("/", issuer::handle);
            server.start();
            return issuer;
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The OIDC auth-server URL, as for Keycloak's realm. */
    public String realmUrl() {
        return realmUrl;
    }

    /** The test-only minting endpoint ({@link TestTokens#mint}). */
    public String tokenUrl() {
        return realmUrl + "/test-tokens";
    }

    /** Keycloak's token endpoint: the client-credentials grant of the realm's service clients. */
    public String clientCredentialsUrl() {
        return realmUrl + "/protocol/openid-connect/token";
    }

    private void handle(HttpExchange exchange) throws IOException {
        try {
            String path = exchange.getRequestURI().getPath();
            String realmPath = "/realms/" + KeycloakServer.REALM;
            switch (exchange.getRequestMethod() + " " + path.substring(Math.min(path.length(), realmPath.length()))) {
                case "GET /.well-known/openid-configuration" -> respond(exchange, 200, discovery());
                case "GET /protocol/openid-connect/certs" -> respond(exchange, 200,
                        new JsonWebKeySet(key).toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY));
                case "POST /test-tokens" -> respond(exchange, 200, mint(form(exchange)));
                case "POST /protocol/openid-connect/token" -> clientCredentials(exchange);
                default -> respond(exchange, 404, "{\"error\":\"not_found\"}");
            }
        } catch (RuntimeException | JoseException e) {
            respond(exchange, 400, JsonUtil.toJson(Map.of("error", String.valueOf(e.getMessage()))));
        } finally {
            exchange.close();
        }
    }

    private String discovery() {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("issuer", realmUrl);
        doc.put("jwks_uri", realmUrl + "/protocol/openid-connect/certs");
        doc.put("token_endpoint", clientCredentialsUrl());
        doc.put("id_token_signing_alg_values_supported", List.of("RS256"));
        doc.put("subject_types_supported", List.of("public"));
        doc.put("response_types_supported", List.of("code"));
        return JsonUtil.toJson(doc);
    }

    private String mint(Map<String, String> form) throws JoseException {
        String subject = form.get("sub");
        if (subject == null || subject.isBlank()) {
            throw new IllegalArgumentException("sub is required");
        }
        long expiresIn = Long.parseLong(form.getOrDefault("expires_in", "300"));
        JwtClaims claims = claims(subject, form.getOrDefault("iss", realmUrl), form.getOrDefault("aud", AUDIENCE),
                form.getOrDefault("azp", "team-credits-web"), expiresIn);
        if (form.containsKey("email")) {
            claims.setClaim("email", form.get("email"));
            claims.setClaim("email_verified", true);
        }
        claims.setClaim("preferred_username", form.getOrDefault("name", subject));
        if (form.containsKey("name")) {
            claims.setClaim("name", form.get("name"));
        }
        RsaJsonWebKey signer = "stranger".equals(form.get("signer")) ? stranger : key;
        return tokenResponse(sign(claims, signer), expiresIn);
    }

    /**
     * The client-credentials grant, as Keycloak answers it: the client authenticates with its secret (HTTP Basic,
     * quarkus-oidc-client's default, or form fields); the token names no user and carries no email.
     */
    private void clientCredentials(HttpExchange exchange) throws IOException, JoseException {
        Map<String, String> form = form(exchange);
        if (!"client_credentials".equals(form.get("grant_type"))) {
            respond(exchange, 400, "{\"error\":\"unsupported_grant_type\"}");
            return;
        }
        String clientId = form.get("client_id");
        String secret = form.get("client_secret");
        String basic = exchange.getRequestHeaders().getFirst("Authorization");
        if (basic != null && basic.regionMatches(true, 0, "Basic ", 0, 6)) {
            String[] pair = new String(Base64.getDecoder().decode(basic.substring(6).trim()), StandardCharsets.UTF_8)
                    .split(":", 2);
            clientId = URLDecoder.decode(pair[0], StandardCharsets.UTF_8);
            secret = pair.length > 1 ? URLDecoder.decode(pair[1], StandardCharsets.UTF_8) : null;
        }
        ServiceClient client = clientId == null ? null : clients.get(clientId);
        if (client == null || !client.secret().equals(secret)) {
            respond(exchange, 401, "{\"error\":\"unauthorized_client\"}");
            return;
        }
        long expiresIn = 300;
        String subject = UUID.nameUUIDFromBytes(("service-account-" + clientId).getBytes(StandardCharsets.UTF_8))
                .toString();
        JwtClaims claims = claims(subject, realmUrl, client.audience() ? AUDIENCE : null, clientId, expiresIn);
        claims.setClaim("preferred_username", "service-account-" + clientId);
        respond(exchange, 200, tokenResponse(sign(claims, key), expiresIn));
    }

    private static JwtClaims claims(String subject, String issuer, String audience, String azp, long expiresIn) {
        long now = Instant.now().getEpochSecond();
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(issuer);
        claims.setSubject(subject);
        if (audience != null) {
            claims.setAudience(audience);
        }
        claims.setGeneratedJwtId();
        claims.setIssuedAt(org.jose4j.jwt.NumericDate.fromSeconds(Math.min(now, now + expiresIn - 60)));
        claims.setExpirationTime(org.jose4j.jwt.NumericDate.fromSeconds(now + expiresIn));
        claims.setClaim("azp", azp);
        return claims;
    }

    private static String sign(JwtClaims claims, RsaJsonWebKey signer) throws JoseException {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(signer.getPrivateKey());
        jws.setKeyIdHeaderValue(signer.getKeyId());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        return jws.getCompactSerialization();
    }

    private static String tokenResponse(String token, long expiresIn) {
        return JsonUtil.toJson(Map.of("access_token", token, "token_type", "Bearer", "expires_in", expiresIn));
    }

    /**
     * The committed realm's confidential clients with the client-credentials grant, read from the realm file
     * above the working directory; none when it is not there (a test outside this repository).
     */
    @SuppressWarnings("unchecked")
    private static Map<String, ServiceClient> serviceClients() {
        Map<String, ServiceClient> clients = new HashMap<>();
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path file = dir.resolve(KeycloakServer.REALM_FILE);
            if (!Files.exists(file)) {
                continue;
            }
            try {
                Map<String, Object> realm = JsonUtil.parseJson(Files.readString(file));
                for (Map<String, Object> c : (List<Map<String, Object>>) realm.get("clients")) {
                    if (!Boolean.TRUE.equals(c.get("serviceAccountsEnabled"))
                            || !(c.get("secret") instanceof String secret)) {
                        continue;
                    }
                    var mappers = (List<Map<String, Object>>) c.getOrDefault("protocolMappers", List.of());
                    boolean audience = mappers.stream().anyMatch(m -> "oidc-audience-mapper".equals(
                            m.get("protocolMapper")) && m.get("config") instanceof Map<?, ?> config
                            && AUDIENCE.equals(config.get("included.custom.audience")));
                    clients.put((String) c.get("clientId"), new ServiceClient(secret, audience));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (JoseException e) {
                throw new IllegalStateException("Cannot read " + file, e);
            }
            break;
        }
        return clients;
    }

    private static Map<String, String> form(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Map<String, String> form = new HashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return form;
    }

    private static void respond(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
