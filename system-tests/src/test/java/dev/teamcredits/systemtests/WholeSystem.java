package dev.teamcredits.systemtests;

import static dev.teamcredits.systemtests.Api.ADA;

import com.fasterxml.jackson.databind.JsonNode;
import dev.teamcredits.ledger.model.LedgerHttp;
import dev.teamcredits.ledger.model.ModelRun;
import dev.teamcredits.ledger.model.SystemUnderTest;
import dev.teamcredits.local.PostgresServer;
import dev.teamcredits.local.ProcessStack;
import dev.teamcredits.model.Op;
import dev.teamcredits.model.Who;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.Predicate;
import org.awaitility.Awaitility;

/**
 * The running stack as the money model's system under test ({@link ModelRun}): money operations go to the ledger
 * over HTTP with real Keycloak tokens, while orgs, members, roles, pool access, caps and settings go through the
 * team service, so the ledger learns them from {@code team.events} as in production. Each team fact returns once
 * the ledger shows it: through its API where it has a read (members' active, pool access, cap), otherwise (role,
 * personal fallback) through its database, which is only ever waited on here, never asserted.
 *
 * <p>Names: the model's {@code admin}, {@code u1}, {@code u2}, {@code u3} are ada, ben, cleo and dan (dan is of
 * another email domain, so every org turns the same-domain rule off); every backend is {@code scraper-backend} and
 * the operator is {@code ops-console}. The test drops the steps this cannot express (see
 * {@link MoneyModelSystemTest}).
 */
final class WholeSystem implements SystemUnderTest {

    /** The model's user names → realm users. */
    static final Map<String, Api.Who> USERS = Map.of("admin", Api.ADA, "u1", Api.BEN, "u2", Api.CLEO,
            "u3", Api.DAN);
    private static final Map<String, String> EMAILS = Map.of("ada", "ada@acme.example", "ben", "ben@acme.example",
            "cleo", "cleo@acme.example", "dan", "dan@globex.example");

    private final Api api;
    private final ProcessStack stack;
    /** Makes an org through the team service and registers it for the after-test invariants. */
    private final Function<String, Org> newOrg;
    private final LedgerHttp ledgerHttp;
    private final PostgresServer.Database ledgerDb;

    WholeSystem(Api api, ProcessStack stack, Function<String, Org> newOrg) {
        this.api = api;
        this.stack = stack;
        this.newOrg = newOrg;
        this.ledgerHttp = new LedgerHttp(Api.JSON, api.ledger(), Duration.ofSeconds(30));
        this.ledgerDb = stack.postgres().database(ledgerDatabase(stack.postgres()));
    }

    /** The ledger's database: {@code ledger}, or on an external server the stack's own {@code ledger_systest_…}. */
    private static String ledgerDatabase(PostgresServer postgres) {
        if (postgres.isEmbedded()) {
            return "ledger";
        }
        // The newest one is this stack's (ProcessStack names them with a run id it keeps to itself).
        return (String) query(postgres.database("postgres"), "SELECT datname FROM pg_database "
                + "WHERE datname LIKE 'ledger\\_systest\\_%' ORDER BY oid DESC LIMIT 1");
    }

    static Api.Who realm(String name) {
        Api.Who who = USERS.get(name);
        if (who == null) {
            throw new IllegalArgumentException("No realm user for the model's " + name);
        }
        return who;
    }

    @Override
    public UUID createOrg(ModelRun.Setup setup, String run) {
        Org org = newOrg.apply(setup.plan().name());
        api.patch(ADA, org.team("/settings"), Map.of("personalFallback", setup.personalFallback(),
                "sameDomainOnly", false)).expect(200);
        UUID orgId = UUID.fromString(org.id);
        awaitFallback(orgId, setup.personalFallback());
        return orgId;
    }

    @Override
    public String subject(String name, String run) {
        Api.Who who = USERS.get(name);
        return who == null ? name : Api.id(who);
    }

    @Override
    public String token(Who who, String run) {
        return switch (who.type()) {
            case USER -> api.token(realm(who.name()));
            case BACKEND -> api.token(Api.SCRAPER);
            case OPERATOR -> api.token(Api.OPS);
            case BILLING -> api.token(Api.BILLING);
        };
    }

    @Override
    public Reply call(String method, String path, String token, String idempotencyKey, Object body) {
        return ledgerHttp.call(method, path, token, idempotencyKey, body);
    }

    /** Each fact is one or two team-service calls as ada, then a wait until the ledger has applied it. */
    @Override
    public void teamFact(UUID orgId, Op op, String run) {
        if (op instanceof Op.Join o) {
            join(orgId, o);
        } else if (op instanceof Op.Leave o) {
            Api.Reply removed = api.delete(ADA, team(orgId, "/members/" + subject(o.user(), run)));
            if (!removed.ok()) {
                throw new AssertionError("removing " + o.user() + ": " + removed.status() + " " + removed.raw().body());
            }
            awaitMember(orgId, o.user(), m -> !m.path("active").asBoolean());
        } else if (op instanceof Op.SetRole o) {
            api.put(ADA, team(orgId, "/members/" + subject(o.user(), run) + "/role"), Map.of("role", o.role().name()))
                    .expect(200);
            awaitRole(orgId, o.user(), o.role());
        } else if (op instanceof Op.SetPoolAccess o) {
            api.put(ADA, team(orgId, "/members/" + subject(o.user(), run) + "/pool-access"),
                    Map.of("enabled", o.poolAccess())).expect(200);
            awaitMember(orgId, o.user(), m -> m.path("poolAccess").asBoolean() == o.poolAccess());
        } else if (op instanceof Op.SetPoolCap o) {
            setCap(orgId, o.user(), o.poolCap());
            awaitMember(orgId, o.user(), m -> hasCap(m, o.poolCap()));
        } else if (op instanceof Op.SetPersonalFallback o) {
            api.patch(ADA, team(orgId, "/settings"), Map.of("personalFallback", o.enabled())).expect(200);
            awaitFallback(orgId, o.enabled());
        } else {
            // A plan change needs a plan whose configured terms are the op's numbers; the test drops them.
            throw new IllegalArgumentException("Not expressible through the team service: " + op);
        }
    }

    /**
     * ada created the org and joined it as its admin with pool access; anyone else is invited with the role and
     * pool access, accepts with their own token, then gets the cap if there is one.
     */
    private void join(UUID orgId, Op.Join o) {
        if (!"admin".equals(o.user())) {
            Api.Who who = realm(o.user());
            Map<String, Object> invitation = new LinkedHashMap<>();
            invitation.put("email", EMAILS.get(who.username()));
            invitation.put("role", o.role().name());
            invitation.put("poolAccess", o.poolAccess());
            String id = api.post(ADA, team(orgId, "/invitations"), invitation).expect(201).body().get("id").asText();
            api.post(who, api.team() + "/v1/invitations/" + id + "/accept", null).expect(201);
            if (o.poolCap() != null) {
                setCap(orgId, o.user(), o.poolCap());
            }
        }
        awaitMember(orgId, o.user(), m -> m.path("active").asBoolean() && m.path("poolAccess").asBoolean()
                == o.poolAccess() && hasCap(m, o.poolCap()));
        awaitRole(orgId, o.user(), o.role());
    }

    private void setCap(UUID orgId, String user, Long cap) {
        String url = team(orgId, "/members/" + subject(user, null) + "/pool-cap");
        Api.Reply reply = cap == null ? api.delete(ADA, url) : api.put(ADA, url, Map.of("cap", cap));
        if (!reply.ok()) {
            throw new AssertionError("pool cap of " + user + ": " + reply.status() + " " + reply.raw().body());
        }
    }

    private static boolean hasCap(JsonNode member, Long cap) {
        JsonNode actual = member.path("poolCap");
        return cap == null ? actual.isNull() || actual.isMissingNode() : actual.isNumber() && actual.asLong() == cap;
    }

    private String team(UUID orgId, String path) {
        return api.team() + "/v1/orgs/" + orgId + path;
    }

    // ---- waiting until the ledger has applied a team event ----

    /** Polls the ledger's member row (former members included) until {@code done} holds for it. */
    private void awaitMember(UUID orgId, String user, Predicate<JsonNode> done) {
        String userId = subject(user, null);
        await("the ledger applies the change of " + user + " in " + orgId, () -> {
            Reply balances = call("GET", "/v1/orgs/" + orgId + "/balances?former=true", api.token(ADA), null, null);
            for (JsonNode m : balances.body().path("members")) {
                if (m.path("userId").asText().equals(userId)) {
                    return done.test(m);
                }
            }
            return false;
        });
    }

    private void awaitRole(UUID orgId, String user, Op.Role role) {
        await("the ledger makes " + user + " " + role + " in " + orgId, () -> role.name().equals(query(ledgerDb,
                "SELECT role FROM member_view WHERE org_id = ? AND user_id = ?", orgId, subject(user, null))));
    }

    private void awaitFallback(UUID orgId, boolean enabled) {
        await("the ledger sets personal fallback " + enabled + " in " + orgId, () -> Objects.equals(enabled,
                query(ledgerDb, "SELECT personal_fallback FROM org_view WHERE org_id = ?", orgId)));
    }

    /** Polls often: a team fact is a step of a sequence, and most are applied within a few tens of milliseconds. */
    private static void await(String what, BooleanSupplier done) {
        Awaitility.await(what).atMost(Waits.DEADLINE).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(20))
                .ignoreExceptions().until(done::getAsBoolean);
    }

    /** Reservations left to run out are released by the ledger's expiry job; waits until it has. */
    @Override
    public String awaitReleased(UUID reservationId) {
        return Awaitility.await("the ledger releases reservation " + reservationId).atMost(Waits.DEADLINE)
                .pollInterval(Duration.ofMillis(100)).until(() -> (String) query(ledgerDb,
                        "SELECT status FROM reservation WHERE id = ?", reservationId), s -> s != null
                                && !"ACTIVE".equals(s));
    }

    @Override
    public String diagnostics() {
        StringBuilder tails = new StringBuilder();
        for (String service : new String[] { "team-service", "ledger-service", "usage-service" }) {
            tails.append("──── ").append(service).append(" log tail:\n")
                    .append(stack.service(service).logTail(10))
                    .append('\n');
        }
        return tails.toString();
    }

    /** The first column of the first row, or null; a connection per call keeps this free of shared state. */
    private static Object query(PostgresServer.Database db, String sql, Object... args) {
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
                PreparedStatement statement = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                statement.setObject(i + 1, args[i]);
            }
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? rows.getObject(1) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
