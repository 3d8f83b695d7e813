package dev.teamcredits.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The orgs the bench spends in, made the way a customer makes them: the sample admin (ada) creates
 * an ENTERPRISE org in the team service, invites members with pool access, each accepts with their
 * own token, and the ledger learns of them from team.events. The pool is filled by an operator grant
 * (reason "benchmark fill"): no user token creates credits, and buying them would go through the
 * billing backend, whose sandbox declines amounts this large.
 */
final class Scene {

    /** A member the bench spends for: their username (to log in) and user id. */
    record Member(String username, String userId) {
    }

    record Org(String id, String name, List<Member> spenders) {
    }

    /** The pool and the members' balances at one moment. */
    record Balances(long pool, long poolReserved, long poolAvailable, Map<String, Long> members) {
    }

    private final Http http;
    private final Identity identity;
    private final Options options;

    Scene(Http http, Identity identity, Options options) {
        this.http = http;
        this.identity = identity;
        this.options = options;
    }

    String adminId() {
        return Identity.subject(identity.user(Identity.ADMIN_USER));
    }

    /** An org whose spends are made for its admin only (the hot pool, freshness, history). */
    Org adminOrg(String name, long fill) {
        String admin = identity.user(Identity.ADMIN_USER);
        String id = createOrg(admin, name);
        awaitLedger(admin, id, Set.of());
        fill(id, fill);
        return new Org(id, name, List.of(new Member(Identity.ADMIN_USER, Identity.subject(admin))));
    }

    /** An org with the given members (distinct users, who accept the admin's invitations). */
    Org memberOrg(String name, List<String> usernames, long fill) {
        String admin = identity.user(Identity.ADMIN_USER);
        String id = createOrg(admin, name);
        List<Member> members = new ArrayList<>();
        for (String username : usernames) {
            String invitation = http.post(options.team + "/v1/orgs/" + id + "/invitations", admin, null,
                    Map.of("email", username + "@acme.example", "role", "MEMBER", "poolAccess", true))
                    .require("invite " + username).json().path("id").asText();
            String token = identity.user(username);
            http.post(options.team + "/v1/invitations/" + invitation + "/accept", token, null, "")
                    .require(username + " accepts");
            members.add(new Member(username, Identity.subject(token)));
        }
        awaitLedger(admin, id, members.stream().map(Member::userId).collect(Collectors.toSet()));
        fill(id, fill);
        return new Org(id, name, members);
    }

    /**
     * An org of the admin's with this name, if one exists (the history org is reused across runs). The admin's orgs
     * are read page by page: every run makes new ones.
     */
    Optional<String> findOrg(String name) {
        String cursor = null;
        do {
            JsonNode page = http.get(options.team + "/v1/me/orgs?limit=200"
                    + (cursor == null ? "" : "&cursor=" + cursor), identity.user(Identity.ADMIN_USER))
                    .require("my orgs").json();
            for (JsonNode org : page.path("items")) {
                if (org.path("name").asText().equals(name)) {
                    return Optional.of(org.path("orgId").asText());
                }
            }
            cursor = page.path("nextCursor").isTextual() ? page.path("nextCursor").asText() : null;
        } while (cursor != null);
        return Optional.empty();
    }

    /** Grants the org's pool {@code amount} credits as the operator client. */
    void fill(String orgId, long amount) {
        http.post(options.ledger + "/v1/operator/grants", identity.operator(), "bench-fill-" + UUID.randomUUID(),
                Map.of("account", Map.of("kind", "POOL", "orgId", orgId), "amount", amount, "reason", "benchmark fill"))
                .require("fill the pool of " + orgId);
    }

    Balances balances(String orgId) {
        JsonNode b = http.get(options.ledger + "/v1/orgs/" + orgId + "/balances", identity.user(Identity.ADMIN_USER))
                .require("balances of " + orgId).json();
        Map<String, Long> members = new java.util.LinkedHashMap<>();
        for (JsonNode m : b.path("members")) {
            members.put(m.path("userId").asText(), m.path("balance").asLong());
        }
        JsonNode pool = b.path("pool");
        return new Balances(pool.path("balance").asLong(), pool.path("reserved").asLong(),
                pool.path("available").asLong(), members);
    }

    long pool(List<Org> orgs) {
        return orgs.stream().mapToLong(o -> balances(o.id()).pool()).sum();
    }

    /** Writes the "orgId userId" lines the wrk scripts rotate over. */
    static Path targets(Path file, List<Org> orgs) {
        List<String> lines = new ArrayList<>();
        for (Org o : orgs) {
            for (Member m : o.spenders()) {
                lines.add(o.id() + " " + m.userId());
            }
        }
        try {
            return Files.write(file, lines);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String createOrg(String admin, String name) {
        return http.post(options.team + "/v1/orgs", admin, null, Map.of("name", name, "plan", "ENTERPRISE"))
                .require("create org " + name).json().path("id").asText();
    }

    /** The ledger learns of orgs and members from team.events: wait until it lists them all. */
    private void awaitLedger(String admin, String orgId, Set<String> members) {
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (System.nanoTime() < deadline) {
            Http.Reply r = http.get(options.ledger + "/v1/orgs/" + orgId + "/balances", admin);
            if (r.ok()) {
                Set<String> known = new HashSet<>();
                r.json().path("members").forEach(m -> known.add(m.path("userId").asText()));
                if (known.containsAll(members)) {
                    return;
                }
            }
            sleep(100);
        }
        throw new IllegalStateException("the ledger did not learn of org " + orgId + " and its members in 120 s");
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
