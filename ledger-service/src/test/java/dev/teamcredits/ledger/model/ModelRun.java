package dev.teamcredits.ledger.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.teamcredits.events.team.Plan;
import dev.teamcredits.ledger.model.SystemUnderTest.Reply;
import dev.teamcredits.model.Acct;
import dev.teamcredits.model.AccountState;
import dev.teamcredits.model.Answer;
import dev.teamcredits.model.Bucket;
import dev.teamcredits.model.LotKind;
import dev.teamcredits.model.ModelConfig;
import dev.teamcredits.model.MoneyModel;
import dev.teamcredits.model.Op;
import dev.teamcredits.model.Part;
import dev.teamcredits.model.View;
import dev.teamcredits.model.Who;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * One sequence of operations, applied to the money model and to the real ledger side by side: after
 * every step, the step's answer and then every balance, reserved and available amount and the
 * credits by kind and expiry of every account must be the model's. The log of applied operations is
 * a complete script: on failure it is printed as Java, ready to paste into {@link ReplayIT}.
 */
public final class ModelRun {

    /** The org a sequence runs on. */
    public record Setup(Plan plan, long allocation, boolean rollover, boolean personalFallback) {

        public String java() {
            return "new ModelRun.Setup(Plan." + plan + ", " + allocation + ", " + rollover + ", " + personalFallback
                    + ")";
        }
    }

    static final ModelConfig CONFIG = new ModelConfig(ModelConfig.DEFAULT_PRICES, LedgerUnderTest.FREE_CREDITS,
            LedgerUnderTest.MAX_TTL.toSeconds());
    static final List<String> USERS = List.of("admin", "u1", "u2", "u3");
    static final String ADMIN = "admin";
    /** A reservation made with this TTL is left to run out; the run waits for the system to release it. */
    public static final long SHORT_TTL_SECONDS = 2;
    private static final long SETTLE_MARGIN_MILLIS = 1200;

    final SystemUnderTest system;
    final Setup setup;
    final MoneyModel model;
    final UUID orgId;
    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final List<Op> log = new ArrayList<>();
    private final Map<String, UUID> realIds = new ConcurrentHashMap<>();
    private final Map<UUID, String> modelIds = new ConcurrentHashMap<>();
    /** Reservations left to run out: model id → when the ledger says they expire. */
    private final Map<String, Instant> shortHolds = new LinkedHashMap<>();
    private final LocalDate anchor = LocalDate.now(ZoneOffset.UTC);

    /** A new org on {@code system}, with the model's admin joined as its admin (with pool access). */
    public ModelRun(SystemUnderTest system, Setup setup) {
        this(system, setup, CONFIG);
    }

    public ModelRun(SystemUnderTest system, Setup setup, ModelConfig config) {
        this(system, setup, config, model -> { });
    }

    /**
     * {@code prepare} gets the model before the first step, so it can start where the system is (say, personal
     * balances that predate the run: {@link MoneyModel#openPersonal}).
     */
    public ModelRun(SystemUnderTest system, Setup setup, ModelConfig config, Consumer<MoneyModel> prepare) {
        this.system = system;
        this.setup = setup;
        this.model = new MoneyModel(config, anchor, setup.allocation(), setup.rollover(), setup.personalFallback());
        prepare.accept(model);
        this.orgId = system.createOrg(setup, run);
        apply(new Op.Join(ADMIN, Op.Role.ADMIN, true, null));
    }

    public MoneyModel model() {
        return model;
    }

    public UUID orgId() {
        return orgId;
    }

    public List<Op> log() {
        return List.copyOf(log);
    }

    boolean isShort(String reservationId) {
        return shortHolds.containsKey(reservationId);
    }

    /** Applies one operation to both, then compares the answer and the whole state. */
    public void apply(Op op) {
        settleExpiries(op);
        log.add(op);
        Answer expected = model.apply(op);
        Answer actual;
        try {
            actual = execute(op, expected);
        } catch (RuntimeException | AssertionError e) {
            throw failure("step " + log.size() + " could not be run: " + e, e);
        }
        check(() -> compareAnswers(expected, actual), "the answer of step " + log.size());
        if (op instanceof Op.Leave || op instanceof Op.CloseCycle) {
            mapSystemTransfers();
        }
        check(this::compareState, "the state after step " + log.size());
    }

    /**
     * Before a step, a reservation left to run out whose end is near is waited for: the system
     * releases it, and the model hears of it at that point, so no release happens during a step.
     */
    private void settleExpiries(Op next) {
        for (Map.Entry<String, Instant> hold : List.copyOf(shortHolds.entrySet())) {
            boolean active = model.reservations().stream()
                    .anyMatch(r -> r.id().equals(hold.getKey()) && "ACTIVE".equals(r.status()));
            if (!active) {
                shortHolds.remove(hold.getKey());
            } else if (next instanceof Op.ExpireReservation e && e.reservationId().equals(hold.getKey())) {
                shortHolds.remove(hold.getKey());
            } else if (hold.getValue().isBefore(Instant.now().plusMillis(SETTLE_MARGIN_MILLIS))) {
                shortHolds.remove(hold.getKey());
                apply(new Op.ExpireReservation(hold.getKey()));
            }
        }
    }

    // ---- names ----

    public String subject(String name) {
        return system.subject(name, run);
    }

    /** The model's name of a subject (users only; anything else stays as it is). */
    private String name(String subject) {
        if (subject == null) {
            return null;
        }
        for (String user : USERS) {
            if (subject(user).equals(subject)) {
                return user;
            }
        }
        return subject;
    }

    public String token(Who who) {
        return system.token(who, run);
    }

    private String account(String name) {
        return "pool".equals(name) ? "pool" : subject(name);
    }

    private String userId(String name) {
        return name == null ? null : subject(name);
    }

    private UUID real(String modelId) {
        return realIds.computeIfAbsent(modelId, id -> UUID.randomUUID()); // an id the ledger never saw
    }

    /** Ties a real id to an id of ours (the concurrent mode names its reservations and transfers itself). */
    void alias(String id, UUID realId) {
        realIds.put(id, realId);
        modelIds.put(realId, id);
    }

    /** Forgets which model id a real id had, so that a replay in another order can assign it again. */
    void forget(UUID realId) {
        String id = modelIds.remove(realId);
        if (id != null) {
            realIds.remove(id);
        }
    }

    // ---- running one operation on the ledger ----

    private Answer execute(Op op, Answer expected) {
        if (op instanceof Op.Join || op instanceof Op.Leave || op instanceof Op.SetRole
                || op instanceof Op.SetPoolAccess || op instanceof Op.SetPoolCap || op instanceof Op.SetPersonalFallback
                || op instanceof Op.ChangePlan) {
            system.teamFact(orgId, op, run);
            return new Answer.Noted();
        }
        if (op instanceof Op.ExpireReservation o) {
            if (expected instanceof Answer.Noted) {
                return expected;
            }
            return new Answer.Released(system.awaitReleased(real(o.reservationId())));
        }
        Reply reply = send(op);
        Answer answer = answer(reply, expected);
        if (op instanceof Op.Reserve o && o.ttlSeconds() <= SHORT_TTL_SECONDS && reply.status() == 201
                && !reply.replayed() && answer instanceof Answer.Reserved r) {
            shortHolds.put(r.reservationId(), Instant.parse(reply.body().path("expiresAt").asText()));
        }
        return answer;
    }

    /**
     * A third of the spends go as the one item of a batch request: its answer must be exactly the
     * single spend's, so the model checks the batch path against every rule too.
     */
    private Reply asBatchItem(String org, String token, String key, Map<String, Object> spend) {
        Map<String, Object> item = new LinkedHashMap<>(spend);
        item.put("idempotencyKey", key);
        Reply batch = system.call("POST", org + "/spends/batch", token, null, Map.of("spends", List.of(item)));
        if (batch.status() != 200) {
            return batch;
        }
        JsonNode result = batch.body().path("results").path(0);
        int status = result.path("status").asInt();
        return new Reply(status, status == 200 ? result.path("spend") : result.path("problem"),
                result.path("replayed").asBoolean(false));
    }

    /**
     * Applies a team fact on the system only (the concurrent mode, which replays the model afterwards); returns once
     * the ledger has applied it, as a 202 with no body.
     */
    Reply teamFact(Op op) {
        system.teamFact(orgId, op, run);
        return new Reply(202, com.fasterxml.jackson.databind.node.NullNode.getInstance(), false);
    }

    /** Sends a money operation or a setting to the ledger (not a team fact). */
    Reply send(Op op) {
        String org = "/v1/orgs/" + orgId;
        if (op instanceof Op.TopUpPool o) {
            return system.call("POST", org + "/top-ups", token(o.caller()), o.key(), Map.of("amount", o.amount()));
        }
        if (op instanceof Op.TopUpPersonal o) {
            return system.call("POST", "/v1/me/top-ups", token(o.caller()), o.key(), Map.of("amount", o.amount()));
        }
        if (op instanceof Op.Transfer o) {
            return system.call("POST", org + "/transfers", token(o.caller()), o.key(), transferBody(o.from(), o.to(),
                    o.amount(), o.reason()));
        }
        if (op instanceof Op.Preview o) {
            return system.call("POST", org + "/transfers/preview", token(o.caller()), null,
                    transferBody(o.from(), o.to(), o.amount(), o.reason()));
        }
        if (op instanceof Op.Reverse o) {
            Map<String, Object> body = new LinkedHashMap<>();
            if (o.amount() != null) {
                body.put("amount", o.amount());
            }
            if (o.reason() != null) {
                body.put("reason", o.reason());
            }
            return system.call("POST", org + "/transfers/" + real(o.transferId()) + "/reversal", token(o.caller()),
                    o.key(), body);
        }
        if (op instanceof Op.Spend o) {
            Map<String, Object> body = new LinkedHashMap<>();
            if (o.userId() != null) {
                body.put("userId", userId(o.userId()));
            }
            body.put("action", o.action());
            body.put("quantity", o.quantity());
            if (o.resultValid() != null) {
                body.put("resultValid", o.resultValid());
            }
            if (o.key() != null && !o.key().isEmpty() && o.key().length() <= 200
                    && Math.floorMod(o.key().hashCode(), 3) == 0) {
                return asBatchItem(org, token(o.caller()), o.key(), body);
            }
            return system.call("POST", org + "/spends", token(o.caller()), o.key(), body);
        }
        if (op instanceof Op.Reserve o) {
            Map<String, Object> body = new LinkedHashMap<>();
            if (o.userId() != null) {
                body.put("userId", userId(o.userId()));
            }
            if (o.action() != null) {
                body.put("action", o.action());
            }
            if (o.quantity() != null) {
                body.put("quantity", o.quantity());
            }
            if (o.amount() != null) {
                body.put("amount", o.amount());
            }
            body.put("ttlSeconds", o.ttlSeconds());
            return system.call("POST", org + "/reservations", token(o.caller()), o.key(), body);
        }
        if (op instanceof Op.Capture o) {
            return system.call("POST", org + "/reservations/" + real(o.reservationId()) + "/capture",
                    token(o.caller()), o.key(), Map.of("amount", o.amount()));
        }
        if (op instanceof Op.Release o) {
            return system.call("POST", org + "/reservations/" + real(o.reservationId()) + "/release",
                    token(o.caller()), o.key(), null);
        }
        if (op instanceof Op.CloseCycle o) {
            return system.call("POST", org + "/cycles/close", token(o.caller()), o.key(), null);
        }
        if (op instanceof Op.SetAutoTopUp o) {
            return system.call("PUT", org + "/accounts/" + account(o.account()) + "/auto-top-up", token(o.caller()),
                    null, Map.of("threshold", o.threshold(), "amount", o.amount(), "perCycleLimit", o.perCycleLimit()));
        }
        if (op instanceof Op.DeleteAutoTopUp o) {
            return system.call("DELETE", org + "/accounts/" + account(o.account()) + "/auto-top-up",
                    token(o.caller()), null, null);
        }
        if (op instanceof Op.SetRecurring o) {
            return system.call("PUT", org + "/members/" + subject(o.user()) + "/recurring-allocation",
                    token(o.caller()), null, Map.of("mode", o.mode(), "amount", o.amount()));
        }
        if (op instanceof Op.DeleteRecurring o) {
            return system.call("DELETE", org + "/members/" + subject(o.user()) + "/recurring-allocation",
                    token(o.caller()), null, null);
        }
        throw new IllegalArgumentException("No way to run " + op);
    }

    private Map<String, Object> transferBody(String from, String to, long amount, String reason) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("from", account(from));
        body.put("to", account(to));
        body.put("amount", amount);
        if (reason != null) {
            body.put("reason", reason);
        }
        return body;
    }

    // ---- reading answers ----

    /** The HTTP reply as the model's answer; real ids become the model's ones (learnt when first seen). */
    Answer answer(Reply reply, Answer expected) {
        JsonNode b = reply.body();
        if (reply.status() >= 400) {
            return refused(reply);
        }
        Answer inner = expected instanceof Answer.Replayed r ? r.first() : expected;
        Answer answer;
        if (reply.status() == 204) {
            answer = new Answer.Done(204);
        } else if (inner instanceof Answer.Done) {
            answer = new Answer.Done(reply.status());
        } else if (b.has("sources") && b.has("quantity")) {
            answer = new Answer.Spent(b.path("amount").asLong(), parts(b.path("sources")), view(b.path("pool")),
                    view(b.path("member")), b.hasNonNull("personal") ? view(b.path("personal")) : null);
        } else if (b.has("preview")) {
            String id = b.hasNonNull("transactionId") ? modelId(UUID.fromString(b.path("transactionId").asText()),
                    inner instanceof Answer.Moved m ? m.transferId() : null) : null;
            answer = new Answer.Moved(id, b.path("preview").asBoolean(), b.path("amount").asLong(),
                    view(b.path("from")),
                    view(b.path("to")));
        } else if (b.has("closedCycleStart")) {
            answer = new Answer.Closed(LocalDate.parse(b.path("closedCycleStart").asText()),
                    LocalDate.parse(b.path("cycleStart").asText()), LocalDate.parse(b.path("cycleEnd").asText()),
                    b.path("granted").asLong(), view(b.path("pool")));
        } else if (b.has("status") && b.has("holds")) {
            String status = b.path("status").asText();
            String id = modelId(UUID.fromString(b.path("id").asText()),
                    inner instanceof Answer.Reserved r ? r.reservationId() : null);
            answer = switch (status) {
                case "ACTIVE" -> new Answer.Reserved(id, b.path("action").asText(), b.path("amount").asLong(),
                        parts(b.path("holds")));
                case "CAPTURED" -> new Answer.Captured(b.path("amount").asLong(), b.path("captured").asLong(),
                        parts(b.path("holds")));
                default -> new Answer.Released(status);
            };
        } else if (b.has("balance") && b.has("amount")) {
            answer = new Answer.ToppedUp(b.path("amount").asLong(), view(b.path("balance")));
        } else {
            throw new AssertionError("Unexpected reply " + reply.status() + " " + b);
        }
        return reply.replayed() ? new Answer.Replayed(answer) : answer;
    }

    private Answer refused(Reply reply) {
        JsonNode b = reply.body();
        String type = b.path("type").asText().replace("urn:team-credits:problem:", "");
        Map<String, Object> details = new TreeMap<>();
        b.fields().forEachRemaining(f -> {
            if (!List.of("type", "title", "status", "detail", "instance", "reference", "errors").contains(f.getKey())) {
                details.put(f.getKey(), f.getValue().isNumber() ? (Object) f.getValue().asLong()
                        : "userId".equals(f.getKey()) ? name(f.getValue().asText()) : f.getValue().asText());
            }
        });
        return new Answer.Refused(reply.status(), type, details);
    }

    private String modelId(UUID realId, String expectedModelId) {
        String known = modelIds.get(realId);
        if (known != null) {
            return known;
        }
        if (expectedModelId == null || realIds.containsKey(expectedModelId)) {
            return "unknown:" + realId;
        }
        realIds.put(expectedModelId, realId);
        modelIds.put(realId, expectedModelId);
        return expectedModelId;
    }

    private View view(JsonNode v) {
        return new View(acct(v.path("account")), v.path("balance").asLong(), v.path("reserved").asLong(),
                v.path("available").asLong());
    }

    private Acct acct(JsonNode a) {
        String user = a.hasNonNull("userId") ? name(a.path("userId").asText()) : null;
        return new Acct(Acct.Kind.valueOf(a.path("kind").asText()), user);
    }

    private List<Part> parts(JsonNode list) {
        List<Part> parts = new ArrayList<>();
        list.forEach(p -> parts.add(new Part(acct(p.path("account")), p.path("amount").asLong())));
        return parts;
    }

    // ---- comparing ----

    void compareAnswers(Answer expected, Answer actual) {
        if (expected instanceof Answer.Replayed e && actual instanceof Answer.Replayed a) {
            compareAnswers(e.first(), a.first());
        } else if (expected instanceof Answer.Refused e && actual instanceof Answer.Refused a) {
            assertEquals(e.status() + " " + e.type(), a.status() + " " + a.type(), "refusal, details " + a.details());
            e.details().forEach((key, value) -> assertEquals(value, a.details().get(key), "refusal detail " + key));
        } else {
            assertEquals(expected, actual);
        }
    }

    /** Sweeps and recurring allocations get their model ids from the org's history. */
    private void mapSystemTransfers() {
        List<MoneyModel.TransferInfo> unmapped = model.transfers().stream().filter(t -> !realIds.containsKey(t.id()))
                .toList();
        if (unmapped.isEmpty()) {
            return;
        }
        Reply history = system.call("GET", "/v1/orgs/" + orgId + "/transactions?type=TRANSFER&limit=100",
                token(Who.user(ADMIN)), null, null);
        List<UUID> fresh = new ArrayList<>();
        history.body().path("items").forEach(t -> {
            UUID id = UUID.fromString(t.path("id").asText());
            if (!modelIds.containsKey(id)) {
                fresh.add(0, id); // oldest first
            }
        });
        check(() -> assertEquals(unmapped.size(), fresh.size(), "new system transfers in the history"),
                "the system transfers of step " + log.size());
        for (int i = 0; i < unmapped.size(); i++) {
            realIds.put(unmapped.get(i).id(), fresh.get(i));
            modelIds.put(fresh.get(i), unmapped.get(i).id());
        }
    }

    private void compareState() {
        compareState(model);
    }

    /** The ledger's accounts of this org and its users must be {@code model}'s. */
    public void compareState(MoneyModel model) {
        Reply balances = system.call("GET", "/v1/orgs/" + orgId + "/balances?former=true",
                token(Who.user(ADMIN)), null, null);
        assertEquals(200, balances.status(), "balances: " + balances.body());
        JsonNode b = balances.body();
        assertEquals(model.cycleStart().toString(), b.path("cycleStart").asText(), "cycle start");
        assertEquals(model.cycleEnd().toString(), b.path("cycleEnd").asText(), "cycle end");
        JsonNode pool = b.path("pool");
        assertEquals(model.state(Acct.pool()), state(pool), "pool");
        assertEquals(model.poolTotalThisCycle(), pool.path("totalThisCycle").asLong(), "pool total this cycle");
        Map<String, JsonNode> members = new TreeMap<>();
        b.path("members").forEach(m -> members.put(name(m.path("userId").asText()), m));
        assertEquals(model.everJoined(), new TreeSet<>(members.keySet()), "members, former ones included");
        for (String user : model.everJoined()) {
            JsonNode m = members.get(user);
            boolean active = model.activeMembers().contains(user);
            assertEquals(active, m.path("active").asBoolean(), user + " active");
            assertEquals(model.state(Acct.member(user)), state(m), "member balance of " + user);
            if (active) {
                assertEquals(model.poolDrawnThisCycle(user), m.path("poolDrawnThisCycle").asLong(), user + " drawn");
                assertEquals(model.poolHeld(user), m.path("poolHeld").asLong(), user + " pool held");
            }
        }
        for (String user : USERS) {
            Reply personal = system.call("GET", "/v1/me/balance", token(Who.user(user)), null, null);
            assertEquals(model.state(Acct.personal(user)), state(personal.body()), "personal balance of " + user);
        }
    }

    private static AccountState state(JsonNode account) {
        SortedMap<Bucket, Long> buckets = new TreeMap<>();
        account.path("lots").forEach(l -> buckets.merge(new Bucket(LotKind.valueOf(l.path("kind").asText()),
                l.hasNonNull("expiresAt") ? Instant.parse(l.path("expiresAt").asText()) : null),
                l.path("remaining").asLong(), Long::sum));
        return new AccountState(account.path("balance").asLong(), account.path("reserved").asLong(),
                account.path("available").asLong(), buckets);
    }

    // ---- failures ----

    private void check(Runnable comparison, String what) {
        try {
            comparison.run();
        } catch (AssertionError e) {
            throw failure(what + " differs from the model: " + e.getMessage(), e);
        }
    }

    private AssertionError failure(String message, Throwable cause) {
        return new AssertionError(message + "\n\nModel state:\n" + model + "\nReproduction (paste into ReplayIT):\n"
                + script() + "\n" + system.diagnostics(), cause);
    }

    /** The applied operations as Java, for {@link ReplayIT}. */
    public String script() {
        return "Setup setup = " + setup.java() + ";\nList<Op> ops = List.of(\n"
                + log.stream().skip(1).map(op -> "        " + OpSource.java(op)).collect(Collectors.joining(",\n"))
                + ");\n";
    }
}
