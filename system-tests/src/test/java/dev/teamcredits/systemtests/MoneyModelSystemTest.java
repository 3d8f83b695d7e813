package dev.teamcredits.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.teamcredits.events.team.Plan;
import dev.teamcredits.ledger.model.ModelRun;
import dev.teamcredits.ledger.model.Step;
import dev.teamcredits.model.Acct;
import dev.teamcredits.model.Bucket;
import dev.teamcredits.model.LotKind;
import dev.teamcredits.model.ModelConfig;
import dev.teamcredits.model.MoneyModel;
import dev.teamcredits.model.Op;
import dev.teamcredits.model.Usage;
import dev.teamcredits.model.Who;
import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import net.jqwik.api.RandomGenerator;
import net.jqwik.api.sessions.JqwikSession;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * The ledger's model check ({@link ModelRun}) on the whole product: random sequences of money operations and team
 * changes, with membership, roles, caps and settings going through the team service and real Keycloak tokens
 * ({@link WholeSystem}). After every step the ledger must answer and hold what the money model says; at the end
 * of each sequence the usage service, built only from the ledger's events, must count per member and cycle exactly
 * the model's usage, and its pool card must show the model's pool (total this cycle, available).
 *
 * <p>{@code -Dmodel.seed=S} repeats a run (the seed is printed); {@code -Dmodel.sequences} and
 * {@code -Dmodel.steps} set the budget.
 */
@Order(7)
class MoneyModelSystemTest extends SystemTestBase {

    private static final int SEQUENCES = Integer.getInteger("model.sequences", 6);
    private static final int MAX_STEPS = Integer.getInteger("model.steps", 60);
    /** The stack's ledger runs with its defaults: these prices, no free credits, holds of at most a day. */
    private static final ModelConfig CONFIG = new ModelConfig(ModelConfig.DEFAULT_PRICES, 0,
            Duration.ofHours(24).toSeconds());
    private static final List<Plan> PLANS = List.of(Plan.PRO, Plan.PRO_PLUS, Plan.ENTERPRISE);
    /** Every backend of the model is the realm's one backend client. */
    private static final Who OTHER_BACKEND = Who.backend("backend2");
    private static final Who OTHER_BILLING = Who.billing("billing2");

    /** The realm users' personal balances the current sequence started from (for a failure's message). */
    private final Map<String, SortedMap<Bucket, Long>> personalAtStart = new TreeMap<>();

    @Test
    void usageCountsWhatTheModelSaysForEveryMemberAndCycle() {
        long seed = Long.getLong("model.seed", new Random().nextLong());
        System.out.println("MoneyModelSystemTest: seed " + seed + " (repeat with -Dmodel.seed=" + seed + ")");
        List<List<Step>> sequences = generate(new Random(seed));
        WholeSystem system = new WholeSystem(api, SystemStack.get(), this::org);
        int steps = 0;
        for (int i = 0; i < SEQUENCES; i++) {
            // Every plan with and without personal fallback over six sequences.
            ModelRun.Setup setup = setup(PLANS.get(i % PLANS.size()), i % 2 == 0);
            List<Step> generated = sequences.get(i);
            String where = "seed " + seed + ", sequence " + (i + 1) + " of " + SEQUENCES + " (" + setup.java() + ")";
            Instant started = Instant.now();
            ModelRun run;
            try {
                run = new ModelRun(system, setup, CONFIG, this::openPersonalBalances);
                play(run, generated);
            } catch (AssertionError | RuntimeException e) {
                // ModelRun's message holds the script.
                throw new AssertionError(where + ", personal balances at the start " + personalAtStart + ": "
                        + e.getMessage(), e);
            }
            try {
                usageEqualsModel(run);
            } catch (AssertionError e) {
                throw new AssertionError(where + ", personal balances at the start " + personalAtStart + ": "
                        + e.getMessage() + "\n\nModel state:\n" + run.model() + "\nThe sequence (ReplayIT form):\n"
                        + run.script(), e);
            }
            steps += run.log().size();
            System.out.printf("  %d. %s: %d steps, %d cycle closes, %d spends, %d s%n", i + 1, setup.java(),
                    run.log().size(), run.model().cycle(), spends(run.model()),
                    Duration.between(started, Instant.now()).toSeconds());
        }
        System.out.printf("MoneyModelSystemTest: %d sequences, %d steps agreed with the model, usage included%n",
                SEQUENCES, steps);
    }

    /** The sequences, all from the seed (jqwik generates only inside a session of its own outside a property). */
    private static List<List<Step>> generate(Random random) {
        List<List<Step>> sequences = new ArrayList<>();
        JqwikSession.start();
        try {
            RandomGenerator<List<Step>> generator = Step.sequences(MAX_STEPS).generator(1000);
            for (int i = 0; i < SEQUENCES; i++) {
                sequences.add(generator.next(random).value());
            }
        } finally {
            JqwikSession.finish();
        }
        return sequences;
    }

    /** The team service's configured terms of the plan (its application.properties): the model's org has the same. */
    private static ModelRun.Setup setup(Plan plan, boolean personalFallback) {
        return switch (plan) {
            case PRO -> new ModelRun.Setup(plan, 1000, false, personalFallback);
            case PRO_PLUS -> new ModelRun.Setup(plan, 5000, true, personalFallback);
            default -> new ModelRun.Setup(plan, 25000, true, personalFallback);
        };
    }

    /**
     * Realm users' personal balances outlive a test's org: the model starts with what the ledger holds now. An open
     * hold would be another org's business, so there must be none (each sequence releases its own).
     */
    private void openPersonalBalances(MoneyModel model) {
        for (Map.Entry<String, Api.Who> user : new TreeMap<>(WholeSystem.USERS).entrySet()) {
            JsonNode balance = api.get(user.getValue(), api.ledger() + "/v1/me/balance").expect(200).body();
            assertEquals(0, balance.path("reserved").asLong(), "open holds on " + user.getValue() + "'s personal");
            SortedMap<Bucket, Long> buckets = new TreeMap<>();
            balance.path("lots").forEach(l -> buckets.merge(new Bucket(LotKind.valueOf(l.path("kind").asText()),
                    l.hasNonNull("expiresAt") ? Instant.parse(l.path("expiresAt").asText()) : null),
                    l.path("remaining").asLong(), Long::sum));
            model.openPersonal(user.getKey(), buckets);
            personalAtStart.put(user.getKey(), buckets);
        }
    }

    /**
     * Three members first (two drawing on the pool, one on credits moved to them), so that most generated steps
     * act on members; then the steps the whole system can express; then a release of every hold left open.
     */
    private static void play(ModelRun run, List<Step> generated) {
        String keys = "mm-" + run.orgId().toString().substring(0, 8) + "-k"; // keys are per caller, users are shared
        run.apply(new Op.Join("u1", Op.Role.MEMBER, true, null));
        run.apply(new Op.Join("u2", Op.Role.MEMBER, true, 300L));
        run.apply(new Op.Join("u3", Op.Role.MEMBER, false, null));
        run.apply(new Op.Transfer(Who.user("admin"), keys + "prelude", "pool", "u3", 200, "prelude"));
        for (Step step : generated) {
            Op op = step.resolve(run, keys + run.log().size());
            if (op != null && expressible(op)) {
                run.apply(op);
            }
        }
        for (MoneyModel.ReservationInfo r : run.model().reservations()) {
            if ("ACTIVE".equals(r.status())) {
                run.apply(new Op.Release(Who.operator(), keys + run.log().size(), r.id()));
            }
        }
    }

    /**
     * Dropped: plan changes (the model's terms are random, the team service only knows its configured plans);
     * anything {@code backend2} or {@code billing2} does (both model backends, and both billing clients, would be the
     * one realm client, so the model's "not yours" would be the ledger's "yours"); reservations left to run out (the
     * stack's expiry job runs every 5 s, and a team-service step can outlast ModelRun's margin, so the release could
     * land inside another step); top-up requests and auto top-up settings (the stack's billing sandbox completes or
     * declines every request about a second later, inside some later step, and requests expire only after a day).
     * Purchases (without a request) and operator grants stay: the run records them itself.
     */
    private static boolean expressible(Op op) {
        if (op instanceof Op.ChangePlan || OTHER_BACKEND.equals(caller(op)) || OTHER_BILLING.equals(caller(op))) {
            return false;
        }
        if (op instanceof Op.RequestTopUp || op instanceof Op.SetAutoTopUp || op instanceof Op.ExpireTopUp) {
            return false;
        }
        return !(op instanceof Op.Reserve r && r.ttlSeconds() <= ModelRun.SHORT_TTL_SECONDS);
    }

    /** The {@code caller} of an operation, or null for team facts. */
    private static Object caller(Op op) {
        for (RecordComponent c : op.getClass().getRecordComponents()) {
            if (c.getName().equals("caller")) {
                try {
                    return c.getAccessor().invoke(op);
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return null;
    }

    // ---- usage ----

    /**
     * Waits until the usage service has read the org's events (its spend count is the model's, its current cycle
     * and pool card the ledger's), then compares every member's counters in every cycle the sequence went through,
     * and the pool card, with the model.
     */
    private void usageEqualsModel(ModelRun run) {
        MoneyModel model = run.model();
        String usage = api.usage() + "/v1/orgs/" + run.orgId();
        long expectedSpends = spends(model);
        JsonNode ledgerPool = api.get(Api.ADA, api.ledger() + "/v1/orgs/" + run.orgId() + "/balances").expect(200)
                .body().path("pool");
        try {
            Awaitility.await("the usage service reads " + run.orgId() + "'s events").atMost(Duration.ofSeconds(30))
                    .pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(100)).ignoreExceptions().until(() -> {
                        long counted = 0;
                        for (JsonNode c : api.get(Api.ADA, usage + "/usage/cycles?limit=1000").expect(200).body()
                                .path("items")) {
                            counted += c.path("spends").asLong();
                        }
                        JsonNode current = api.get(Api.ADA, usage + "/usage?cycle=current").expect(200).body();
                        JsonNode card = current.path("pool");
                        return counted == expectedSpends && current.path("cycleStart").asText()
                                .equals(model.cycleStart().toString())
                                && card.path("total").asLong() == ledgerPool.path("totalThisCycle").asLong()
                                && card.path("available").asLong() == ledgerPool.path("available").asLong();
                    });
        } catch (ConditionTimeoutException e) {
            // Not caught up or never will be: the comparison below says what differs.
        }
        for (int k = 0; k <= model.cycle(); k++) {
            String cycle = model.cycleStartOf(k).toString();
            JsonNode table = api.get(Api.ADA, usage + "/usage?cycle=" + cycle).expect(200).body();
            Map<String, JsonNode> rows = new HashMap<>();
            table.path("members").forEach(m -> rows.put(m.path("userId").asText(), m));
            TreeSet<String> known = new TreeSet<>();
            for (String user : model.everJoined()) {
                String userId = Api.id(WholeSystem.realm(user));
                known.add(userId);
                assertEquals(counters(model.usage(user, k)), counters(rows.get(userId)), "usage of " + user
                        + " in cycle " + cycle + " [pool, member, personal, spends, credits by action]");
            }
            assertTrue(known.containsAll(rows.keySet()), "usage rows of non-members in cycle " + cycle + ": "
                    + rows.keySet());
            if (k == model.cycle()) {
                assertEquals(model.poolTotalThisCycle(), table.path("pool").path("total").asLong(),
                        "the pool card's total for the current cycle " + cycle);
                assertEquals(model.state(Acct.pool()).available(), table.path("pool").path("available").asLong(),
                        "the pool card's available for the current cycle " + cycle);
            }
        }
    }

    /** Spends (captures included) the model counted, all members and cycles. */
    private static long spends(MoneyModel model) {
        long spends = 0;
        for (String user : model.everJoined()) {
            for (int k = 0; k <= model.cycle(); k++) {
                spends += model.usage(user, k).spends();
            }
        }
        return spends;
    }

    /**
     * The model's counters in the usage service's terms: from pool, member, personal, spends, credits by action (the
     * API has no spend count per action, so the model's is not compared).
     */
    private static List<Object> counters(Usage u) {
        Map<String, Long> byAction = new TreeMap<>();
        u.byAction().forEach((action, a) -> byAction.put(action, a.credits()));
        return List.of(u.fromPool(), u.fromMember(), u.fromPersonal(), u.spends(), byAction);
    }

    /** A row of the usage table the same way; no row (a former member without usage) counts nothing. */
    private static List<Object> counters(JsonNode row) {
        if (row == null) {
            return List.of(0L, 0L, 0L, 0L, Map.of());
        }
        Map<String, Long> byAction = new TreeMap<>();
        row.path("byAction").fields().forEachRemaining(f -> byAction.put(f.getKey(), f.getValue().asLong()));
        return List.of(row.path("creditsUsed").asLong(), row.path("fromMember").asLong(),
                row.path("fromPersonal").asLong(), row.path("spends").asLong(), byAction);
    }
}
