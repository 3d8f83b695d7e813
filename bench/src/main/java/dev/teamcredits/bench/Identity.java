package dev.teamcredits.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tokens from the stack's Keycloak, and the bench's own users. The realm has four people; the
 * spread run needs distinct members in every org, so the bench adds users {@code bench-m001}, … to
 * the realm through Keycloak's admin API (password = username, email {@code @acme.example}, the
 * sample admin's domain, so her invitations pass the same-domain rule). They stay for later runs.
 */
final class Identity {

    static final String ADMIN_USER = "ada";
    static final String BACKEND_CLIENT = "scraper-backend";
    static final String OPERATOR_CLIENT = "ops-console";

    /** Tokens live 30 minutes in the local realm; the bench asks again after 5. */
    private static final long REUSE_NANOS = 5 * 60 * 1_000_000_000L;

    private record Cached(String token, long at) {
    }

    private final Http http;
    private final String realmUrl;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    Identity(Http http, String realmUrl) {
        this.http = http;
        this.realmUrl = realmUrl;
    }

    /** A user's token (password grant of the public web client; password = username in the local realm). */
    String user(String username) {
        return token(Map.of("grant_type", "password", "client_id", "team-credits-web", "username", username,
                "password", username));
    }

    /** The trusted backend that spends on members' behalf. */
    String backend() {
        return token(Map.of("grant_type", "client_credentials", "client_id", BACKEND_CLIENT,
                "client_secret", BACKEND_CLIENT + "-secret"));
    }

    /** The operator client: grants that fill the pools, the ledger audit. */
    String operator() {
        return token(Map.of("grant_type", "client_credentials", "client_id", OPERATOR_CLIENT,
                "client_secret", OPERATOR_CLIENT + "-secret"));
    }

    private String token(Map<String, String> form) {
        String who = form.getOrDefault("username", form.get("client_id"));
        Cached c = cache.get(who);
        if (c == null || System.nanoTime() - c.at() > REUSE_NANOS) {
            c = new Cached(fetch(form), System.nanoTime());
            cache.put(who, c);
        }
        return c.token();
    }

    private String fetch(Map<String, String> form) {
        return http.form(realmUrl + "/protocol/openid-connect/token", form)
                .require("token for " + form.getOrDefault("username", form.get("client_id")))
                .json().path("access_token").asText();
    }

    /** Creates the realm users that do not exist yet; returns nothing, each logs in with {@link #user}. */
    void ensureUsers(List<String> usernames) {
        String base = realmUrl.substring(0, realmUrl.indexOf("/realms/"));
        String realm = realmUrl.substring(realmUrl.indexOf("/realms/") + "/realms/".length());
        String admin = http.form(base + "/realms/master/protocol/openid-connect/token", Map.of("grant_type", "password",
                "client_id", "admin-cli", "username", "admin", "password", "admin"))
                .require("Keycloak admin token (admin / admin)").json().path("access_token").asText();
        for (String username : usernames) {
            JsonNode found = http.get(base + "/admin/realms/" + realm + "/users?exact=true&username=" + username, admin)
                    .require("find user " + username).json();
            if (found.size() > 0) {
                continue;
            }
            http.post(base + "/admin/realms/" + realm + "/users", admin, null, Map.of(
                    "username", username, "email", username + "@acme.example", "emailVerified", true,
                    "enabled", true, "firstName", "Bench", "lastName", username,
                    "credentials", List.of(Map.of("type", "password", "value", username, "temporary", false))))
                    .require("create user " + username);
        }
    }

    /** The token's subject: the user id the services know the user by. */
    static String subject(String jwt) {
        String payload = jwt.split("\\.")[1];
        return Http.parse(new String(Base64.getUrlDecoder().decode(payload), StandardCharsets.UTF_8))
                .path("sub").asText();
    }
}
