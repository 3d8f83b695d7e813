package dev.teamcredits.systemtests;

import static dev.teamcredits.systemtests.Api.ADA;
import static dev.teamcredits.systemtests.Api.BEN;
import static dev.teamcredits.systemtests.Api.CLEO;
import static dev.teamcredits.systemtests.Api.DAN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.teamcredits.local.KeycloakServer;
import dev.teamcredits.local.LoopbackIssuer;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Every operation of every service, as each service's {@code /q/openapi} lists it, called by every kind of caller,
 * against ONE table of expected answers written here from SPEC's and the READMEs' rules (never from what the
 * services answer). An operation the services list but the table does not (a new endpoint) fails the test, as does
 * a row for an operation no service lists any more.
 *
 * <p>Callers (the columns): no token; ada's token expired; ada's token with a changed signature; ada's token from
 * another issuer (a second realm); ada's token issued to another client of the realm (no {@code team-credits}
 * audience); dan, the admin of another org; ben, a member of the seeded org; ada, its admin; the trusted backend
 * {@code scraper-backend}; the operator client {@code ops-console}; the billing backend {@code billing-backend}.
 * How the wrong tokens are made: {@link CallerTokens}.
 *
 * <p>Each cell is a well-formed request: a body valid for the operation and that caller (a backend names the
 * member it acts for, as it must, and so does the billing client where it tries to spend), a fresh
 * {@code Idempotency-Key} on every POST, path ids of the seeded org, its member ben (cleo for the removal) and
 * things made for the purpose (a reservation ben made, a transfer ada made, ben's notification, an invitation, a
 * webhook and its delivery, a top-up request the sandbox completed). A cell fails when its status is not the
 * table's; a refused call (any non-2xx), any call of another org's admin or of the billing client, and a service
 * client's call of a {@code /v1/me} endpoint also fail when the body holds the seeded org's data (its id, unique
 * name, the ids of its things; for a refusal also its members' ids and emails) that the request did not itself
 * carry. Money cells the table allows run for real (the top-up requests they make are waited for until the
 * sandbox has completed them); the invariants of the seeded org are checked after the test as after every other
 * ({@link SystemTestBase}).
 */
class AuthorizationMatrixTest extends SystemTestBase {

    /** The columns, in the table's order. */
    enum Caller {
        NO_TOKEN("none"), EXPIRED("expired"), BAD_SIGNATURE("bad-sig"), OTHER_ISSUER("issuer"),
        WRONG_AUDIENCE("audience"), OTHER_ADMIN("other-admin"), MEMBER("member"), ADMIN("admin"),
        BACKEND("backend"), OPERATOR("operator"), BILLING("billing");

        final String label;

        Caller(String label) {
            this.label = label;
        }
    }

    /** The five refused tokens (no token, expired, bad signature, other issuer, other audience): 401 everywhere. */
    private static final String BAD_TOKENS = "401 401 401 401 401";

    // @formatter:off
    /**
     * THE table. Per operation ("service METHOD path" as the OpenAPI document names it): the expected answer of
     * the five refused tokens, then other-admin, member, admin, backend, operator, billing. An entry is a status, a
     * class ({@code 2xx}) or alternatives ({@code 403|404}). Sources: SPEC "Security" (another org's id 404, a
     * member calling an admin action 403, no or a bad token 401; signature, issuer, expiry and audience checked)
     * and the "who" column of each service README's API table; service clients are not members of any org, so org
     * data answers them 404 unless a rule names them (a trusted backend spends and reserves for a member; an
     * operator closes cycles, audits, rebuilds, ends any hold and grants credits; the billing backend records
     * purchases and declines top-up requests, nothing else). {@code /v1/me} answers a service client about itself
     * (its own, empty inbox, orgs, invitations, balance, purchase history; the leak check makes sure nothing of
     * anyone else), but what only a person can own needs a user token: creating an org and a personal top-up
     * request answer a service client 403 {@code user-token-required} (decisions written in the team and ledger
     * READMEs). Endpoints of one kind of client (operator, billing) refuse everyone else with 403 before looking at
     * the org. The billing client's spend and hold name ben, as a backend's would: a caller that is no trusted
     * backend charges only itself, so naming another user is 403 {@code spend-for-others} (money-model README,
     * "Callers" and spend step 1), while a batch from a caller that never was a member is 404 for the whole
     * request (ledger README).
     */
    private static final List<Row> TABLE = List.of(
            // ---- every service
            row("team GET /v1/whoami", BAD_TOKENS, "200 200 200 200 200 200"),
            row("ledger GET /v1/whoami", BAD_TOKENS, "200 200 200 200 200 200"),
            row("usage GET /v1/whoami", BAD_TOKENS, "200 200 200 200 200 200"),
            row("notification GET /v1/whoami", BAD_TOKENS, "200 200 200 200 200 200"),
            // ---- team service
            row("team POST /v1/orgs", BAD_TOKENS, "201 201 201 403 403 403")
                    .body(c -> Map.of("name", "Matrix org of " + c.label, "plan", "PRO")),
            row("team GET /v1/orgs/{orgId}", BAD_TOKENS, "404 200 200 404 404 404"),
            row("team PUT /v1/orgs/{orgId}/plan", BAD_TOKENS, "404 403 200 404 404 404")
                    .body(c -> Map.of("plan", "ENTERPRISE")),
            row("team PATCH /v1/orgs/{orgId}/settings", BAD_TOKENS, "404 403 200 404 404 404")
                    .body(c -> Map.of("sameDomainOnly", true)),
            row("team GET /v1/orgs/{orgId}/members", BAD_TOKENS, "404 200 200 404 404 404"),
            row("team PUT /v1/orgs/{orgId}/members/{userId}/role", BAD_TOKENS, "404 403 200 404 404 404")
                    .body(c -> Map.of("role", "MEMBER")),
            row("team PUT /v1/orgs/{orgId}/members/{userId}/pool-access", BAD_TOKENS, "404 403 200 404 404 404")
                    .body(c -> Map.of("enabled", true)),
            row("team PUT /v1/orgs/{orgId}/members/{userId}/pool-cap", BAD_TOKENS, "404 403 200 404 404 404")
                    .body(c -> Map.of("cap", 1_000_000)),
            row("team DELETE /v1/orgs/{orgId}/members/{userId}/pool-cap", BAD_TOKENS, "404 403 2xx 404 404 404"),
            row("team POST /v1/orgs/{orgId}/invitations", BAD_TOKENS, "404 403 201 404 404 404")
                    .body(c -> Map.of("email", "matrix-" + UUID.randomUUID() + "@acme.example", "role", "MEMBER")),
            row("team GET /v1/orgs/{orgId}/invitations", BAD_TOKENS, "404 403 200 404 404 404"),
            row("team DELETE /v1/orgs/{orgId}/invitations/{invitationId}", BAD_TOKENS, "404 403 2xx 404 404 404")
                    .consumes("invitationId"),
            // Only the invitee (none of the callers: the invitation is for another address) may accept.
            row("team POST /v1/invitations/{invitationId}/accept", BAD_TOKENS, "403 403 403 403 403 403"),
            row("team GET /v1/me/orgs", BAD_TOKENS, "200 200 200 200 200 200"),
            row("team GET /v1/me/invitations", BAD_TOKENS, "200 200 200 200 200 200"),
            // Last of the team's: cleo leaves (ben stays the member of every other row).
            row("team DELETE /v1/orgs/{orgId}/members/{userId}", BAD_TOKENS, "404 403 2xx 404 404 404")
                    .path("userId", "cleo"),
            // ---- ledger service
            row("ledger GET /v1/orgs/{orgId}/balances", BAD_TOKENS, "404 200 200 404 404 404"),
            row("ledger GET /v1/orgs/{orgId}/transactions", BAD_TOKENS, "404 200 200 404 404 404")
                    .query(f -> "account=" + f.get("ben")),
            row("ledger POST /v1/orgs/{orgId}/transfers", BAD_TOKENS, "404 403 2xx 404 404 404")
                    .body((c, f) -> Map.of("from", "pool", "to", f.get("ben"), "amount", 1, "reason", "matrix")),
            row("ledger POST /v1/orgs/{orgId}/transfers/preview", BAD_TOKENS, "404 403 200 404 404 404")
                    .body((c, f) -> Map.of("from", "pool", "to", f.get("ben"), "amount", 1, "reason", "matrix")),
            row("ledger POST /v1/orgs/{orgId}/transfers/{transactionId}/reversal", BAD_TOKENS,
                    "404 403 2xx 404 404 404")
                    .body(c -> Map.of("amount", 1, "reason", "matrix")),
            row("ledger POST /v1/orgs/{orgId}/spends", BAD_TOKENS, "404 2xx 2xx 2xx 404 403")
                    .body((c, f) -> forMember(c, f, Map.of("action", "PAGE_SCRAPE", "quantity", 1))),
            row("ledger POST /v1/orgs/{orgId}/spends/batch", BAD_TOKENS, "404 200 200 200 404 404")
                    .body((c, f) -> Map.of("spends", List.of(forMember(c, f, Map.of("idempotencyKey", Api.key(),
                            "action", "PAGE_SCRAPE", "quantity", 1))))),
            row("ledger POST /v1/orgs/{orgId}/reservations", BAD_TOKENS, "404 2xx 2xx 2xx 404 403")
                    .body((c, f) -> forMember(c, f, Map.of("amount", 1))),
            // The hold is ben's: he or an operator captures it; the admin and the backend may see it (403).
            row("ledger POST /v1/orgs/{orgId}/reservations/{reservationId}/capture", BAD_TOKENS,
                    "404 2xx 403 403 2xx 404")
                    .body(c -> Map.of("amount", 1)).consumes("reservationId"),
            row("ledger POST /v1/orgs/{orgId}/reservations/{reservationId}/release", BAD_TOKENS,
                    "404 2xx 2xx 403 2xx 404")
                    .consumes("reservationId"),
            row("ledger PUT /v1/orgs/{orgId}/accounts/{account}/auto-top-up", BAD_TOKENS, "404 403 200 404 404 404")
                    .body(c -> Map.of("threshold", 1, "amount", 1, "perCycleLimit", 1)),
            row("ledger DELETE /v1/orgs/{orgId}/accounts/{account}/auto-top-up", BAD_TOKENS, "404 403 2xx 404 404 404"),
            row("ledger PUT /v1/orgs/{orgId}/members/{userId}/recurring-allocation", BAD_TOKENS,
                    "404 403 200 404 404 404")
                    .body(c -> Map.of("mode", "ADD", "amount", 1)),
            row("ledger DELETE /v1/orgs/{orgId}/members/{userId}/recurring-allocation", BAD_TOKENS,
                    "404 403 2xx 404 404 404"),
            row("ledger GET /v1/me/balance", BAD_TOKENS, "200 200 200 200 200 200"),
            // ---- buying credits. Asking is the admin's for the org (202, no credits: the sandbox completes each
            // request about a second later, and the test waits for it), every person's for their personal balance;
            // no user token and no product backend records a purchase or grants credits.
            row("ledger POST /v1/orgs/{orgId}/top-up-requests", BAD_TOKENS, "404 403 202 404 404 404")
                    .body(c -> Map.of("amount", 5)),
            row("ledger POST /v1/me/top-up-requests", BAD_TOKENS, "202 202 202 403 403 403")
                    .body(c -> Map.of("amount", 3)),
            // ben's member balance: his and the admins'.
            row("ledger GET /v1/orgs/{orgId}/accounts/{account}/purchases", BAD_TOKENS, "404 200 200 404 404 404"),
            row("ledger GET /v1/me/purchases", BAD_TOKENS, "200 200 200 200 200 200"),
            // Refused before the account is looked at: 403 billing-client-required, whoever's org it names.
            row("ledger POST /v1/purchases", BAD_TOKENS, "403 403 403 403 403 201")
                    .body((c, f) -> Map.of("account", Map.of("orgId", f.get("orgId")), "amount", 1,
                            "paymentReference", Api.paymentReference())),
            // The request is settled already (the sandbox leaves none waiting long enough for a cell): the billing
            // client passes every check but the state, 409 top-up-request-settled; the sandbox's own declines are
            // BuyingCreditsTest's.
            row("ledger POST /v1/top-up-requests/{requestId}/decline", BAD_TOKENS, "403 403 403 403 403 409")
                    .body(c -> Map.of("reason", "matrix")),
            row("ledger POST /v1/operator/grants", BAD_TOKENS, "403 403 403 403 201 403")
                    .body((c, f) -> Map.of("account", Map.of("orgId", f.get("orgId")), "amount", 1,
                            "reason", "matrix")),
            // Operator-only: refused before the org is looked at, so 403 for everyone else, the org's or not.
            row("ledger POST /v1/orgs/{orgId}/cycles/close", BAD_TOKENS, "403 403 403 403 200 403")
                    .query(f -> "cycleStart=" + f.get("cycleStart")),
            row("ledger GET /v1/admin/ledger/audit", BAD_TOKENS, "403 403 403 403 200 403"),
            // ---- usage service
            row("usage GET /v1/orgs/{orgId}/usage", BAD_TOKENS, "404 200 200 404 404 404"),
            row("usage GET /v1/orgs/{orgId}/usage/cycles", BAD_TOKENS, "404 200 200 404 404 404"),
            row("usage GET /v1/orgs/{orgId}/usage/daily", BAD_TOKENS, "404 403 200 404 404 404")
                    .query(f -> week()),
            row("usage GET /v1/orgs/{orgId}/members/{userId}/usage/daily", BAD_TOKENS, "404 200 200 404 404 404")
                    .query(f -> week()),
            // ---- notification service
            row("notification GET /v1/me/notifications", BAD_TOKENS, "200 200 200 200 200 200"),
            row("notification GET /v1/me/notifications/unread-count", BAD_TOKENS, "200 200 200 200 200 200"),
            // ben's notification: only ben marks it read; for anyone else it does not exist.
            row("notification POST /v1/me/notifications/{id}/read", BAD_TOKENS, "404 204 404 404 404 404"),
            row("notification POST /v1/me/notifications/read-all", BAD_TOKENS, "204 204 204 204 204 204"),
            row("notification GET /v1/me/notification-preferences", BAD_TOKENS, "200 200 200 200 200 200"),
            row("notification PUT /v1/me/notification-preferences", BAD_TOKENS, "200 200 200 200 200 200")
                    .body(c -> Map.of("preferences", List.of(Map.of("type", "LOW_BALANCE", "stream", true)))),
            row("notification GET /v1/me/stream", BAD_TOKENS, "200 200 200 200 200 200"),
            row("notification POST /v1/orgs/{orgId}/webhooks", BAD_TOKENS, "404 403 201 404 404 404")
                    .body(c -> Map.of("url", "https://203.0.113.10/matrix-hook")),
            row("notification GET /v1/orgs/{orgId}/webhooks", BAD_TOKENS, "404 403 200 404 404 404"),
            row("notification GET /v1/orgs/{orgId}/webhooks/{webhookId}/deliveries", BAD_TOKENS,
                    "404 403 200 404 404 404"),
            // The delivery is not dead (its receiver is unreachable, so it is still being retried): the admin
            // passes every check but the state, 409.
            row("notification POST /v1/orgs/{orgId}/webhooks/{webhookId}/deliveries/{deliveryId}/redrive",
                    BAD_TOKENS, "404 403 409 404 404 404"),
            row("notification DELETE /v1/orgs/{orgId}/webhooks/{webhookId}", BAD_TOKENS, "404 403 2xx 404 404 404")
                    .consumes("webhookId", "deliveryId"),
            // ---- every service: parked events are the operator's alone; no event is parked with this id.
            row("team GET /v1/operator/team/parked-events", BAD_TOKENS, "403 403 403 403 200 403"),
            row("team POST /v1/operator/team/parked-events/{id}/redrive", BAD_TOKENS, "403 403 403 403 404 403"),
            row("ledger GET /v1/operator/ledger/parked-events", BAD_TOKENS, "403 403 403 403 200 403"),
            row("ledger POST /v1/operator/ledger/parked-events/{id}/redrive", BAD_TOKENS, "403 403 403 403 404 403"),
            row("usage GET /v1/operator/usage/parked-events", BAD_TOKENS, "403 403 403 403 200 403"),
            row("usage POST /v1/operator/usage/parked-events/{id}/redrive", BAD_TOKENS, "403 403 403 403 404 403"),
            row("notification GET /v1/operator/notification/parked-events", BAD_TOKENS, "403 403 403 403 200 403"),
            row("notification POST /v1/operator/notification/parked-events/{id}/redrive", BAD_TOKENS, "403 403 403 403 404 403"),
            // Last of all: the operator's rebuild replays the usage projection (the invariants wait for it).
            row("usage POST /v1/admin/usage/rebuild", BAD_TOKENS, "403 403 403 403 2xx 403"));
    // @formatter:on

    private static final Map<String, String> SERVICES = Map.of("team", "team-service", "ledger", "ledger-service",
            "usage", "usage-service", "notification", "notification-service");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^}]+)}");
    private static final Map<String, String> DEFAULT_FIXTURE = Map.of("userId", "ben", "account", "ben",
            "id", "notificationId");

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void everyOperationAnswersEveryCallerAsTheTableSays() {
        Instant started = Instant.now();
        Map<Caller, String> tokens = tokens();
        // A name no other test uses, so finding it in a body means this org's data.
        Org org = org("ENTERPRISE", "Matrix seeded org " + UUID.randomUUID());
        org.join(BEN, true);
        org.join(CLEO, false);
        api.post(DAN, api.team() + "/v1/orgs", Map.of("name", "Dan's other org", "plan", "PRO")).expect(201);
        Fixtures fixtures = new Fixtures(org);

        Set<String> listed = operations();
        Map<String, Row> table = new LinkedHashMap<>();
        TABLE.forEach(r -> assertEquals(null, table.put(r.operation, r), "twice in the table: " + r.operation));
        Set<String> missing = new TreeSet<>(listed);
        missing.removeAll(table.keySet());
        Set<String> stale = new TreeSet<>(table.keySet());
        stale.removeAll(listed);
        assertTrue(missing.isEmpty(), "operations the services list but the table does not: " + missing);
        assertTrue(stale.isEmpty(), "table rows for operations no service lists: " + stale);

        List<String> failures = new ArrayList<>();
        // Top-up requests the cells made, by id.
        Map<String, Asked> requests = new LinkedHashMap<>();
        StringBuilder matrix = new StringBuilder();
        int cells = 0;
        for (Row row : TABLE) {
            StringBuilder line = new StringBuilder();
            for (Caller caller : Caller.values()) {
                Cell cell = call(row, caller, tokens.get(caller), fixtures);
                cells++;
                String expected = row.expected.get(caller);
                boolean statusOk = matches(expected, cell.status);
                String leak = leak(row, caller, cell, fixtures);
                if (!statusOk) {
                    failures.add(row.operation + " as " + caller.label + ": expected " + expected + ", got "
                            + cell.status + " " + abbreviate(cell.body));
                }
                if (leak != null) {
                    failures.add(row.operation + " as " + caller.label + ": " + cell.status + " body holds the seeded "
                            + "org's " + leak + ": " + abbreviate(cell.body));
                }
                if (cell.status / 100 == 2) {
                    row.consumes.forEach(fixtures::drop);
                    if (row.path.endsWith("/top-up-requests")) {
                        requests.put(cell.json().path("id").asText(), new Asked(caller,
                                row.path.startsWith("/v1/orgs/")));
                    }
                }
                line.append(String.format(" %4s%s", cell.status, statusOk && leak == null ? " " : "!"));
            }
            matrix.append(String.format("%-88s%s%n", row.operation, line));
        }
        StringBuilder header = new StringBuilder();
        for (Caller c : Caller.values()) {
            header.append(String.format(" %5.5s", c.label));
        }
        System.out.printf("Authorization matrix: %d operations × %d callers = %d cells in %d s (! = not as the table "
                + "says)%n%-88s%s%n%s", TABLE.size(), Caller.values().length, cells,
                Duration.between(started, Instant.now()).toSeconds(), "operation", header, matrix);
        assertEquals(listed.size() * Caller.values().length, cells);
        assertTrue(failures.isEmpty(), failures.size() + " cells not as the table says:\n" + String.join("\n",
                failures));
        requests.forEach((id, asked) -> awaitCompleted(org, id, asked));
    }

    /** A top-up request a cell made: who asked, and whether for the org's pool or their personal balance. */
    private record Asked(Caller caller, boolean forThePool) {
    }

    /**
     * The sandbox completes a request the matrix made (the pool's read as ada, a personal one as its asker), so that
     * no purchase lands in a later test, whose users' personal balances are the same.
     */
    private void awaitCompleted(Org org, String requestId, Asked asked) {
        Api.Who who = switch (asked.caller()) {
            case OTHER_ADMIN -> DAN;
            case MEMBER -> BEN;
            case ADMIN -> ADA;
            default -> throw new AssertionError(asked.caller() + " made a top-up request");
        };
        String history = asked.forThePool() ? org.ledger("/accounts/pool/purchases?limit=1000")
                : api.ledger() + "/v1/me/purchases?limit=1000";
        Waits.untilAsserted("the sandbox completes top-up request " + requestId + " of " + who, () -> {
            List<String> statuses = new ArrayList<>();
            api.get(who, history).expect(200).body().path("items").forEach(i -> {
                if (i.path("requestId").asText().equals(requestId)) {
                    statuses.add(i.path("status").asText());
                }
            });
            assertEquals(List.of("completed"), statuses);
        });
    }

    // ---- the callers' tokens

    /** One token per column; each wrong one is checked to be wrong in its one way only. */
    private Map<Caller, String> tokens() {
        // The expired and foreign tokens are made through the stack's own Keycloak's admin API.
        Assumptions.assumeTrue(SystemStack.get().keycloak() != null,
                "the matrix needs the stack's own Keycloak, not an external OIDC provider (teamcredits.oidc.url)");
        CallerTokens wrong = new CallerTokens(SystemStack.get());
        String ada = api.token(ADA);
        String realm = SystemStack.get().oidcUrl();
        assertTrue(CallerTokens.hasAudience(ada, LoopbackIssuer.AUDIENCE), "ada's token lacks the audience: is "
                + "Keycloak's realm the committed one?");
        Map<Caller, String> tokens = new EnumMap<>(Caller.class);
        tokens.put(Caller.NO_TOKEN, null);
        String expired = wrong.expired();
        assertEquals(realm, CallerTokens.claims(expired).path("iss").asText());
        assertTrue(CallerTokens.hasAudience(expired, LoopbackIssuer.AUDIENCE), "the expired token has the audience");
        assertTrue(CallerTokens.claims(expired).path("exp").asLong() < Instant.now().getEpochSecond());
        tokens.put(Caller.EXPIRED, expired);
        String badlySigned = CallerTokens.badlySigned(ada);
        assertNotEquals(ada, badlySigned);
        assertEquals(CallerTokens.claims(ada), CallerTokens.claims(badlySigned), "only the signature changed");
        tokens.put(Caller.BAD_SIGNATURE, badlySigned);
        String foreign = wrong.fromOtherIssuer();
        assertEquals(realm.replace(KeycloakServer.REALM, CallerTokens.OTHER_REALM),
                CallerTokens.claims(foreign).path("iss").asText());
        assertEquals("ada@acme.example", CallerTokens.claims(foreign).path("email").asText());
        assertTrue(CallerTokens.hasAudience(foreign, LoopbackIssuer.AUDIENCE), "the foreign token has the audience");
        tokens.put(Caller.OTHER_ISSUER, foreign);
        String otherAudience = wrong.forAnotherAudience();
        assertEquals(realm, CallerTokens.claims(otherAudience).path("iss").asText());
        assertEquals(Api.id(ADA), CallerTokens.claims(otherAudience).path("sub").asText());
        assertFalse(CallerTokens.hasAudience(otherAudience, LoopbackIssuer.AUDIENCE), "reporting-tool's audience");
        tokens.put(Caller.WRONG_AUDIENCE, otherAudience);
        tokens.put(Caller.OTHER_ADMIN, api.token(DAN));
        tokens.put(Caller.MEMBER, api.token(BEN));
        tokens.put(Caller.ADMIN, ada);
        tokens.put(Caller.BACKEND, api.token(Api.SCRAPER));
        tokens.put(Caller.OPERATOR, api.token(Api.OPS));
        tokens.put(Caller.BILLING, api.token(Api.BILLING));
        return tokens;
    }

    // ---- the operations the services publish

    /** "service METHOD path" of every operation in every service's OpenAPI document. */
    private Set<String> operations() {
        Set<String> operations = new LinkedHashSet<>();
        for (Map.Entry<String, String> s : SERVICES.entrySet()) {
            String base = SystemStack.get().service(s.getValue()).baseUrl();
            JsonNode doc = send(HttpRequest.newBuilder(URI.create(base + "/q/openapi?format=json")).GET(), false).json();
            assertTrue(doc.path("paths").size() > 0, "no paths in " + s.getValue() + "'s OpenAPI");
            for (Iterator<Map.Entry<String, JsonNode>> paths = doc.path("paths").fields(); paths.hasNext();) {
                Map.Entry<String, JsonNode> path = paths.next();
                for (Iterator<String> methods = path.getValue().fieldNames(); methods.hasNext();) {
                    String method = methods.next().toUpperCase(Locale.ROOT);
                    if (Set.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS").contains(method)) {
                        operations.add(s.getKey() + " " + method + " " + path.getKey());
                    }
                }
            }
        }
        return operations;
    }

    // ---- one cell

    private record Cell(int status, String body, String request) {
        JsonNode json() {
            try {
                return Api.JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }
    }

    private Cell call(Row row, Caller caller, String token, Fixtures fixtures) {
        Matcher m = PLACEHOLDER.matcher(row.path);
        StringBuilder path = new StringBuilder();
        while (m.find()) {
            String name = row.paths.getOrDefault(m.group(1), DEFAULT_FIXTURE.getOrDefault(m.group(1), m.group(1)));
            m.appendReplacement(path, Matcher.quoteReplacement(fixtures.get(name)));
        }
        m.appendTail(path);
        String query = row.query == null ? "" : "?" + row.query.apply(fixtures);
        String url = base(row.service) + path + query;
        Object body = row.body == null ? null : row.body.apply(caller, fixtures);
        String json = body == null ? null : write(body);
        boolean stream = row.path.endsWith("/stream");
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Accept", stream ? "text/event-stream" : "application/json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (row.method.equals("POST")) {
            request.header("Idempotency-Key", Api.key());
        }
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        request.method(row.method, json == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(json));
        Cell cell = send(request, stream);
        return new Cell(cell.status, cell.body, url + " " + (json == null ? "" : json));
    }

    /** Sends; a stream's answer is its status and whatever of the body came at once (it is then closed). */
    private Cell send(HttpRequest.Builder request, boolean stream) {
        try {
            if (stream) {
                HttpResponse<InputStream> response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
                try (InputStream in = response.body()) {
                    byte[] start = response.statusCode() / 100 == 2 ? new byte[0] : in.readNBytes(4096);
                    return new Cell(response.statusCode(), new String(start, StandardCharsets.UTF_8), "");
                }
            }
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Cell(response.statusCode(), response.body(), "");
        } catch (IOException e) {
            throw new IllegalStateException(request.build().uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private String base(String service) {
        return SystemStack.get().service(SERVICES.get(service)).baseUrl();
    }

    private static boolean matches(String expected, int status) {
        for (String option : expected.split("\\|")) {
            if (option.equals("2xx") ? status / 100 == 2 : option.equals(Integer.toString(status))) {
                return true;
            }
        }
        return false;
    }

    /**
     * What of the seeded org a body shows that the caller may not see and did not send: checked for every refused
     * call (the org's id, name, things and members), every call of another org's admin or of the billing client and
     * every {@code /v1/me} call of a service client (the org's id, name and things). Null if nothing.
     */
    private static String leak(Row row, Caller caller, Cell cell, Fixtures fixtures) {
        boolean allowedToSee = cell.status / 100 == 2 && (caller == Caller.MEMBER || caller == Caller.ADMIN
                || ((caller == Caller.BACKEND || caller == Caller.OPERATOR) && !row.path.startsWith("/v1/me")));
        if (allowedToSee || cell.body == null || cell.body.isEmpty()) {
            return null;
        }
        String body = cell.body.toLowerCase(Locale.ROOT);
        String request = cell.request.toLowerCase(Locale.ROOT);
        // A refusal shows nothing, not even who is in the org. An answer about the caller itself may name ada or
        // ben (the realm's users share other tests' orgs with dan), but nothing of this org.
        Map<String, String> secrets = new LinkedHashMap<>(fixtures.secrets());
        if (cell.status / 100 != 2) {
            secrets.putAll(fixtures.people());
        }
        for (Map.Entry<String, String> secret : secrets.entrySet()) {
            String value = secret.getValue().toLowerCase(Locale.ROOT);
            if (body.contains(value) && !request.contains(value)) {
                return secret.getKey() + " (" + secret.getValue() + ")";
            }
        }
        return null;
    }

    private static String abbreviate(String body) {
        String flat = body == null ? "" : body.replaceAll("\\s+", " ");
        return flat.length() > 300 ? flat.substring(0, 300) + "…" : flat;
    }

    private static String write(Object body) {
        try {
            return Api.JSON.writeValueAsString(body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A spend or hold body: a service client names the member it acts for (ben; only the trusted backend may); a
     * person acts for themself.
     */
    private static Map<String, Object> forMember(Caller caller, Fixtures fixtures, Map<String, Object> body) {
        Map<String, Object> withUser = new LinkedHashMap<>(body);
        if (caller == Caller.BACKEND || caller == Caller.BILLING) {
            withUser.put("userId", fixtures.get("ben"));
        }
        return withUser;
    }

    private static String week() {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        return "from=" + today.minusDays(7) + "&to=" + today;
    }

    // ---- the table's rows

    private static Row row(String operation, String badTokens, String others) {
        return new Row(operation, badTokens + " " + others);
    }

    /** One operation: its expected answer per caller, and how to build a well-formed request for it. */
    private static final class Row {
        final String operation;
        final String service;
        final String method;
        final String path;
        final Map<Caller, String> expected = new EnumMap<>(Caller.class);
        final Map<String, String> paths = new HashMap<>();
        final Set<String> consumes = new LinkedHashSet<>();
        java.util.function.BiFunction<Caller, Fixtures, Object> body;
        Function<Fixtures, String> query;

        Row(String operation, String expected) {
            this.operation = operation;
            String[] parts = operation.split(" ");
            this.service = parts[0];
            this.method = parts[1];
            this.path = parts[2];
            String[] cells = expected.trim().split("\\s+");
            if (cells.length != Caller.values().length) {
                throw new IllegalArgumentException(operation + ": " + cells.length + " expected answers");
            }
            for (Caller c : Caller.values()) {
                this.expected.put(c, cells[c.ordinal()]);
            }
        }

        Row body(Function<Caller, Object> body) {
            this.body = (c, f) -> body.apply(c);
            return this;
        }

        Row body(java.util.function.BiFunction<Caller, Fixtures, Object> body) {
            this.body = body;
            return this;
        }

        Row query(Function<Fixtures, String> query) {
            this.query = query;
            return this;
        }

        /** The path parameter {@code name} takes the fixture {@code fixture}. */
        Row path(String name, String fixture) {
            paths.put(name, fixture);
            return this;
        }

        /** A 2xx uses these fixtures up (a captured hold, a revoked invitation): the next cell gets new ones. */
        Row consumes(String... fixtures) {
            consumes.addAll(List.of(fixtures));
            return this;
        }
    }

    // ---- the seeded org's things, made when a cell first needs them

    private final class Fixtures {
        private final Org org;
        private final Map<String, String> values = new LinkedHashMap<>();
        /** Every value ever made, for the leak check (a dropped fixture's id is still the org's data). */
        private final Map<String, String> secrets = new LinkedHashMap<>();
        /** The org's members' ids and emails (the realm's users, also members of other tests' orgs). */
        private final Map<String, String> people = new LinkedHashMap<>();
        private final Map<String, Supplier<String>> makers = new HashMap<>();

        Fixtures(Org org) {
            this.org = org;
            String name = api.get(ADA, api.team() + "/v1/orgs/" + org.id).expect(200).body().path("name").asText();
            secrets.put("org id", org.id);
            secrets.put("org name", name);
            for (Api.Who who : List.of(ADA, BEN, CLEO)) {
                people.put(who + "'s id", Api.id(who));
                people.put(who + "'s email", who.username() + "@acme.example");
            }
            makers.put("orgId", () -> org.id);
            makers.put("ben", () -> Api.id(BEN));
            makers.put("cleo", () -> Api.id(CLEO));
            makers.put("cycleStart", org::cycleStart);
            makers.put("invitationId", () -> api.post(ADA, org.team("/invitations"), Map.of("email", "matrix-"
                    + UUID.randomUUID() + "@acme.example", "role", "MEMBER")).expect(201).body().get("id").asText());
            makers.put("reservationId", () -> api.post(BEN, org.ledger("/reservations"), Map.of("amount", 1),
                    Api.key()).expect(201).body().get("id").asText());
            makers.put("transactionId", () -> org.transfer("pool", Api.id(BEN), 5, "matrix fixture").expect(201)
                    .body().get("transactionId").asText());
            makers.put("notificationId", this::bensNotification);
            makers.put("webhookId", () -> api.post(ADA, api.notifications() + "/v1/orgs/" + org.id + "/webhooks",
                    Map.of("url", "https://203.0.113.10/matrix-fixture")).expect(201).body().get("id").asText());
            makers.put("deliveryId", this::delivery);
            makers.put("requestId", this::completedRequest);
        }

        String get(String name) {
            String value = values.get(name);
            if (value == null) {
                Supplier<String> maker = makers.get(name);
                if (maker == null) {
                    throw new IllegalArgumentException("no fixture " + name);
                }
                value = maker.get();
                values.put(name, value);
                if (!Set.of("orgId", "ben", "cleo", "cycleStart").contains(name)) {
                    secrets.put(name, value);
                }
            }
            return value;
        }

        void drop(String name) {
            values.remove(name);
        }

        Map<String, String> secrets() {
            return secrets;
        }

        Map<String, String> people() {
            return people;
        }

        /** The notification ben gets for a transfer to him (the transfer fixture makes one). */
        private String bensNotification() {
            get("transactionId");
            return Waits.value("ben's inbox has the transfer", () -> api.get(BEN, api.notifications()
                    + "/v1/me/notifications?orgId=" + org.id).expect(200).body().path("items"),
                    items -> items.size() > 0).get(0).get("id").asText();
        }

        /** A top-up request for the pool that the sandbox has completed. */
        private String completedRequest() {
            String id = api.post(ADA, org.ledger("/top-up-requests"), Map.of("amount", 2), Api.key()).expect(202)
                    .body().get("id").asText();
            awaitCompleted(org, id, new Asked(Caller.ADMIN, true));
            return id;
        }

        /** A delivery of the webhook: a transfer after the webhook exists makes one. */
        private String delivery() {
            String webhook = get("webhookId");
            org.transfer("pool", Api.id(BEN), 1, "matrix webhook fixture").expect(201);
            return Waits.value("the webhook has a delivery", () -> api.get(ADA, api.notifications() + "/v1/orgs/"
                    + org.id + "/webhooks/" + webhook + "/deliveries").expect(200).body().path("items"),
                    list -> list.size() > 0).get(0).get("id").asText();
        }
    }
}
