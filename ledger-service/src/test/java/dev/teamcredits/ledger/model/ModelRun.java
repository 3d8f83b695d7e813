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
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
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
            LedgerUnderTest.MAX_TTL.toSeconds(), LedgerUnderTest.MAX_OPEN_TOP_UP_REQUESTS);
    static final List<String> USERS = List.of("admin", "u1", "u2", "u3");
    static final String ADMIN = "admin";
    /** A reservation made with this TTL is left to run out; the run waits for the system to release it. */
    public static final long SHORT_TTL_SECONDS = 2;
    private static final long SETTLE_MARGIN_MILLIS = 1200;
    /** A top-up request is settled a little earlier: the purchase histories read after a step must not see it go. */
    private static final long REQUEST_SETTLE_MARGIN_MILLIS = 1500;
    private static final String AWAITING = MoneyModel.AWAITING_PAYMENT;

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
    /** Top-up requests awaiting payment: model id → when the ledger expires them. */
    private final Map<String, Instant> requestExpiries = new LinkedHashMap<>();
    /** When each hold the system granted ends (its expiresAt), by the model's reservation id. */
    private final Map<String, Instant> holdEnds = new LinkedHashMap<>();
    /** Purchase-history rows of the personal balances that predate the run (the system tests' users are shared). */
    private final Set<String> foreignHistory = new HashSet<>();
    private final LocalDate anchor = LocalDate.now(ZoneOffset.UTC);
    /** The HTTP status of the last step's reply (0 for team facts and system events). */
    private int lastStatus;

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
        for (String user : USERS) {
            history(Acct.personal(user)).forEach(item -> foreignHistory.add(itemId(item)));
        }
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
        int requestsBefore = model.topUpRequests().size();
        Answer expected = model.apply(op);
        Answer actual;
        lastStatus = 0;
        try {
            actual = execute(op, expected);
        } catch (RuntimeException | AssertionError e) {
            throw failure("step " + log.size() + " could not be run: " + e, e);
        }
        int step = log.size();
        if (op instanceof Op.ExpireTopUp || op instanceof Op.ExpireReservation) {
            // The step waited for the system's job, which ends everything due at once: what lapsed meanwhile is
            // settled now, before the state is compared (a system expiry's place among them changes nothing).
            settleExpiries(op);
        }
        check(() -> compareAnswers(expected, actual), "the answer of step " + step);
        Integer status = successStatus(op, expected, log.subList(0, step - 1));
        if (status != null) {
            check(() -> assertEquals(status.intValue(), lastStatus, "HTTP status"), "the status of step " + log.size());
        }
        if (op instanceof Op.Leave || op instanceof Op.CloseCycle) {
            mapSystemTransfers();
        }
        if (model.topUpRequests().size() > requestsBefore) {
            check(this::mapAutomaticRequests, "the automatic top-up requests of step " + log.size());
        }
        check(this::compareState, "the state after step " + log.size());
        if (buysCredits(op) || model.hasAutoTopUp() || model.topUpRequests().size() > requestsBefore) {
            check(() -> compareProvenance(model, true, buysCredits(op)), "the purchases after step " + log.size());
        }
    }

    /**
     * The status the contract gives a success of the new operations (the older ones are not checked): a purchase
     * replayed by its payment reference under a key never used before is a 200; a replay by key is not checked.
     */
    private static Integer successStatus(Op op, Answer expected, List<Op> earlier) {
        if (expected instanceof Answer.Replayed) {
            boolean keyUsed = earlier.stream().anyMatch(e -> e instanceof Op.RecordPurchase p
                    && op instanceof Op.RecordPurchase o && p.caller().equals(o.caller()) && p.key().equals(o.key()));
            return op instanceof Op.RecordPurchase && !keyUsed ? 200 : null;
        }
        if (expected instanceof Answer.Refused) {
            return null;
        }
        if (op instanceof Op.RequestTopUp) {
            return 202;
        }
        if (op instanceof Op.RecordPurchase || op instanceof Op.OperatorGrant) {
            return 201;
        }
        return op instanceof Op.DeclineTopUp ? 200 : null;
    }

    private static boolean buysCredits(Op op) {
        return op instanceof Op.RequestTopUp || op instanceof Op.RecordPurchase || op instanceof Op.DeclineTopUp
                || op instanceof Op.ExpireTopUp || op instanceof Op.OperatorGrant;
    }

    /**
     * Before a step, a reservation left to run out whose end is near is waited for: the system
     * releases it, and the model hears of it at that point, so no release happens during a step.
     */
    private void settleExpiries(Op next) {
        Instant until = Instant.now();
        // Any hold still active past its end may be released by the system at any moment, whatever its TTL was
        // meant for: it is settled like one left to run out.
        for (MoneyModel.ReservationInfo reservation : model.reservations()) {
            Instant end = holdEnds.get(reservation.id());
            if ("ACTIVE".equals(reservation.status()) && end != null && !end.isAfter(until)) {
                shortHolds.putIfAbsent(reservation.id(), end);
            }
        }
        for (Map.Entry<String, Instant> hold : List.copyOf(shortHolds.entrySet())) {
            boolean active = model.reservations().stream()
                    .anyMatch(r -> r.id().equals(hold.getKey()) && "ACTIVE".equals(r.status()));
            if (!active) {
                shortHolds.remove(hold.getKey());
            } else if (next instanceof Op.ExpireReservation e && e.reservationId().equals(hold.getKey())) {
                shortHolds.remove(hold.getKey());
            } else if (hold.getValue().isBefore(until.plusMillis(SETTLE_MARGIN_MILLIS))) {
                shortHolds.remove(hold.getKey());
                apply(new Op.ExpireReservation(hold.getKey()));
            }
        }
        for (Map.Entry<String, Instant> request : List.copyOf(requestExpiries.entrySet())) {
            boolean awaiting = model.topUpRequests().stream()
                    .anyMatch(r -> r.id().equals(request.getKey()) && AWAITING.equals(r.status()));
            if (!awaiting || next instanceof Op.ExpireTopUp e && e.requestId().equals(request.getKey())) {
                requestExpiries.remove(request.getKey());
            } else if (request.getValue().isBefore(until.plusMillis(REQUEST_SETTLE_MARGIN_MILLIS))) {
                requestExpiries.remove(request.getKey());
                apply(new Op.ExpireTopUp(request.getKey()));
            }
        }
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
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

    /** An account as purchase and grant bodies name it. */
    private Map<String, Object> accountRef(Acct acct) {
        Map<String, Object> ref = new LinkedHashMap<>();
        if (acct.kind() != Acct.Kind.PERSONAL) {
            ref.put("orgId", orgId.toString());
        }
        if (acct.user() != null) {
            ref.put("userId", subject(acct.user()));
        }
        return ref;
    }

    /**
     * Payment references are global in the ledger: a valid one gets the run's prefix, so that runs never share one;
     * an invalid one goes as it is (it must be refused, and is stored nowhere).
     */
    private String realReference(String reference) {
        String real = run + "-" + reference;
        boolean valid = reference != null && !reference.isEmpty() && real.length() <= 200
                && reference.chars().allMatch(c -> c > 0x20 && c < 0x7f);
        return valid ? real : reference;
    }

    private String modelReference(String real) {
        return real != null && real.startsWith(run + "-") ? real.substring(run.length() + 1) : real;
    }

    private String userId(String name) {
        return name == null ? null : subject(name);
    }

    private UUID real(String modelId) {
        return realIds.computeIfAbsent(modelId, id -> UUID.randomUUID()); // an id the ledger never saw
    }

    /** The model's id of a real one, if the run has seen it. */
    String knownModelId(UUID realId) {
        return modelIds.get(realId);
    }

    boolean isMapped(String modelId) {
        return realIds.containsKey(modelId);
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
        if (op instanceof Op.ExpireTopUp o) {
            return expected instanceof Answer.Noted ? expected : awaitTopUpExpired(o.requestId());
        }
        Reply reply = send(op);
        lastStatus = reply.status();
        Answer answer = answer(reply, expected);
        if (op instanceof Op.Reserve && reply.status() < 300 && answer instanceof Answer.Reserved r
                && reply.body().hasNonNull("expiresAt")) {
            holdEnds.putIfAbsent(r.reservationId(), Instant.parse(reply.body().path("expiresAt").asText()));
        }
        if (op instanceof Op.Reserve o && o.ttlSeconds() <= SHORT_TTL_SECONDS && reply.status() == 201
                && !reply.replayed() && answer instanceof Answer.Reserved r) {
            shortHolds.put(r.reservationId(), Instant.parse(reply.body().path("expiresAt").asText()));
        }
        if (op instanceof Op.RequestTopUp && reply.status() == 202 && !reply.replayed()
                && answer instanceof Answer.Requested r && reply.body().hasNonNull("expiresAt")) {
            requestExpiries.put(r.requestId(), Instant.parse(reply.body().path("expiresAt").asText()));
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
        if (op instanceof Op.RequestTopUp o) {
            if ("personal".equals(o.account())) {
                return system.call("POST", "/v1/me/top-up-requests", token(o.caller()), o.key(),
                        Map.of("amount", o.amount()));
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("amount", o.amount());
            // The pool is the default: half the pool requests say so, half leave it out.
            if (!"pool".equals(o.account()) || Math.floorMod(Objects.hashCode(o.key()), 2) == 0) {
                body.put("account", account(o.account()));
            }
            return system.call("POST", org + "/top-up-requests", token(o.caller()), o.key(), body);
        }
        if (op instanceof Op.RecordPurchase o) {
            Map<String, Object> body = new LinkedHashMap<>();
            if (o.account() != null) {
                body.put("account", accountRef(Acct.named(o.account())));
            }
            body.put("amount", o.amount());
            if (o.paymentReference() != null) {
                body.put("paymentReference", realReference(o.paymentReference()));
            }
            if (o.requestId() != null) {
                body.put("topUpRequestId", real(o.requestId()).toString());
            }
            if (o.price() != null) {
                body.put("price", o.price());
            }
            if (o.currency() != null) {
                body.put("currency", o.currency());
            }
            return system.call("POST", "/v1/purchases", token(o.caller()), o.key(), body);
        }
        if (op instanceof Op.DeclineTopUp o) {
            Map<String, Object> body = new LinkedHashMap<>();
            if (o.reason() != null) {
                body.put("reason", o.reason());
            }
            return system.call("POST", "/v1/top-up-requests/" + real(o.requestId()) + "/decline", token(o.caller()),
                    o.key(), body);
        }
        if (op instanceof Op.OperatorGrant o) {
            Map<String, Object> body = new LinkedHashMap<>();
            if (o.account() != null) {
                body.put("account", accountRef(Acct.named(o.account())));
            }
            body.put("amount", o.amount());
            if (o.reason() != null) {
                body.put("reason", o.reason());
            }
            return system.call("POST", "/v1/operator/grants", token(o.caller()), o.key(), body);
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
        } else if (b.has("requestedBy") && b.has("automatic") && b.has("status")) {
            answer = new Answer.Requested(modelId(UUID.fromString(b.path("id").asText()),
                    inner instanceof Answer.Requested r ? r.requestId() : null), acct(b.path("account")),
                    b.path("amount").asLong(), b.path("status").asText(), name(text(b, "requestedBy")),
                    b.path("automatic").asBoolean(), text(b, "declineReason"));
        } else if (b.has("paymentReference") && b.has("balanceAfter")) {
            Answer.Purchased expectedPurchase = inner instanceof Answer.Purchased p ? p : null;
            String requestId = b.hasNonNull("topUpRequestId") ? modelId(UUID.fromString(b.path("topUpRequestId")
                    .asText()), expectedPurchase == null ? null : expectedPurchase.requestId()) : null;
            answer = new Answer.Purchased(modelId(UUID.fromString(b.path("id").asText()),
                    expectedPurchase == null ? null : expectedPurchase.purchaseId()), requestId,
                    modelReference(text(b, "paymentReference")), b.path("amount").asLong(),
                    b.hasNonNull("price") ? b.path("price").asLong() : null, text(b, "currency"),
                    balanceAfter(b));
        } else if (b.has("grantedBy") && b.has("balanceAfter")) {
            answer = new Answer.Granted(b.path("amount").asLong(), text(b, "reason"), balanceAfter(b));
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

    /** A purchase's or grant's account with its numbers after. */
    private View balanceAfter(JsonNode b) {
        JsonNode after = b.path("balanceAfter");
        return new View(acct(b.path("account")), after.path("balance").asLong(), after.path("reserved").asLong(),
                after.path("available").asLong());
    }

    private static String text(JsonNode b, String field) {
        return b.hasNonNull(field) ? b.path(field).asText() : null;
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

    // ---- buying credits: purchase histories, automatic requests, expiry ----

    /** Every row of an account's purchase history, newest first, all pages. */
    private List<JsonNode> history(Acct acct) {
        String path = switch (acct.kind()) {
            case POOL -> "/v1/orgs/" + orgId + "/accounts/pool/purchases";
            case MEMBER -> "/v1/orgs/" + orgId + "/accounts/" + subject(acct.user()) + "/purchases";
            case PERSONAL -> "/v1/me/purchases";
        };
        String token = token(Who.user(acct.kind() == Acct.Kind.PERSONAL ? acct.user() : ADMIN));
        List<JsonNode> rows = new ArrayList<>();
        String cursor = null;
        do {
            String page = path + "?limit=100" + (cursor == null ? ""
                    : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8));
            Reply reply = system.call("GET", page, token, null, null);
            assertEquals(200, reply.status(), "purchase history of " + acct + ": " + reply.body());
            reply.body().path("items").forEach(rows::add);
            cursor = text(reply.body(), "nextCursor");
        } while (cursor != null);
        return rows;
    }

    private static String itemId(JsonNode item) {
        return item.hasNonNull("requestId") ? item.path("requestId").asText() : item.path("purchaseId").asText();
    }

    /** A row of the ledger's purchase history in the model's terms (ids, references and users as the model's). */
    private MoneyModel.HistoryItem historyItem(JsonNode i) {
        return new MoneyModel.HistoryItem(i.path("kind").asText(), knownId(text(i, "requestId")),
                knownId(text(i, "purchaseId")), i.path("amount").asLong(), i.path("status").asText(),
                modelReference(text(i, "paymentReference")), i.hasNonNull("price") ? i.path("price").asLong() : null,
                text(i, "currency"), name(text(i, "requestedBy")), i.path("automatic").asBoolean(),
                text(i, "declineReason"));
    }

    private String knownId(String realId) {
        if (realId == null) {
            return null;
        }
        String known = modelIds.get(UUID.fromString(realId));
        return known != null ? known : "unknown:" + realId;
    }

    /**
     * The requests an auto top-up made in this step get their model ids from the accounts' purchase histories
     * (oldest first), and are settled like a user's request: they expire a TTL after they were made.
     */
    private void mapAutomaticRequests() {
        Map<Acct, List<String>> unmapped = new LinkedHashMap<>();
        for (MoneyModel.TopUpRequestInfo r : model.topUpRequests()) {
            if (r.automatic() && !realIds.containsKey(r.id())) {
                unmapped.computeIfAbsent(r.account(), a -> new ArrayList<>()).add(r.id());
            }
        }
        for (Map.Entry<Acct, List<String>> account : unmapped.entrySet()) {
            List<JsonNode> fresh = new ArrayList<>();
            for (JsonNode row : history(account.getKey())) {
                if ("REQUEST".equals(row.path("kind").asText()) && row.path("automatic").asBoolean()
                        && !modelIds.containsKey(UUID.fromString(row.path("requestId").asText()))) {
                    fresh.add(0, row); // oldest first
                }
            }
            assertEquals(account.getValue().size(), fresh.size(), "new automatic requests of " + account.getKey());
            for (int i = 0; i < fresh.size(); i++) {
                String id = account.getValue().get(i);
                alias(id, UUID.fromString(fresh.get(i).path("requestId").asText()));
                requestExpiries.put(id, Instant.parse(fresh.get(i).path("createdAt").asText())
                        .plus(system.topUpRequestTtl()));
            }
        }
    }

    /** Waits until the ledger's job has expired the request (the model just did); its row then. */
    private Answer awaitTopUpExpired(String requestId) {
        MoneyModel.TopUpRequestInfo request = model.topUpRequests().stream().filter(r -> r.id().equals(requestId))
                .findFirst().orElseThrow();
        String realId = real(requestId).toString();
        Instant deadline = Instant.now().plus(system.topUpRequestTtl()).plusSeconds(30);
        JsonNode row = null;
        while (Instant.now().isBefore(deadline)) {
            row = history(request.account()).stream().filter(i -> realId.equals(text(i, "requestId"))).findFirst()
                    .orElse(null);
            if (row != null && !AWAITING.equals(row.path("status").asText())) {
                return new Answer.Requested(requestId, request.account(), row.path("amount").asLong(),
                        row.path("status").asText(), name(text(row, "requestedBy")), row.path("automatic").asBoolean(),
                        text(row, "declineReason"));
            }
            LedgerUnderTest.sleep(100);
        }
        throw new AssertionError("The ledger did not expire top-up request " + requestId + " (" + realId
                + ") by its time; its row: " + row);
    }

    /**
     * Where credits came from, as far as the ledger shows it: every account's purchase history (requests with their
     * status and purchase, purchases without a request), and the org's journal of purchases and operator grants.
     * {@code inOrder}: the histories' order too (newest first), which only a serial run fixes.
     */
    public void compareProvenance(MoneyModel model, boolean inOrder, boolean personal) {
        List<Acct> accounts = new ArrayList<>(List.of(Acct.pool()));
        model.everJoined().forEach(user -> accounts.add(Acct.member(user)));
        if (personal) {
            USERS.forEach(user -> accounts.add(Acct.personal(user)));
        }
        for (Acct acct : accounts) {
            List<MoneyModel.HistoryItem> expected = new ArrayList<>(model.purchaseHistory(acct));
            List<MoneyModel.HistoryItem> actual = new ArrayList<>(history(acct).stream()
                    .filter(i -> !foreignHistory.contains(itemId(i))).map(this::historyItem).toList());
            if (!inOrder) {
                expected.sort(Comparator.comparing(Object::toString));
                actual.sort(Comparator.comparing(Object::toString));
            }
            assertEquals(expected, actual, "purchase history of " + acct);
        }
        List<String> expected = new ArrayList<>();
        model.purchases().stream().filter(p -> p.account().kind() != Acct.Kind.PERSONAL)
                .forEach(p -> expected.add("PURCHASE " + p.account() + " " + p.amount()));
        model.grants().stream().filter(g -> g.account().kind() != Acct.Kind.PERSONAL)
                .forEach(g -> expected.add("GRANT " + g.account() + " " + g.amount() + " " + g.reason()));
        List<String> actual = new ArrayList<>(journal("PURCHASE"));
        actual.addAll(journal("GRANT"));
        expected.sort(null);
        actual.sort(null);
        assertEquals(expected, actual, "the org's PURCHASE and GRANT transactions (the allocations left out)");
    }

    /** The org's transactions of a type, as "TYPE account amount [reason]", one per account credited. */
    private List<String> journal(String type) {
        List<String> rows = new ArrayList<>();
        String cursor = null;
        do {
            Reply reply = system.call("GET", "/v1/orgs/" + orgId + "/transactions?type=" + type + "&limit=1000"
                    + (cursor == null ? "" : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8)),
                    token(Who.user(ADMIN)), null, null);
            assertEquals(200, reply.status(), type + " transactions: " + reply.body());
            for (JsonNode t : reply.body().path("items")) {
                boolean allocation = "system".equals(text(t, "actor")) && "SUBSCRIPTION".equals(text(t, "reason"));
                if ("GRANT".equals(type) && allocation) {
                    continue;
                }
                t.path("accounts").fields().forEachRemaining(entry -> {
                    Acct acct = holder(entry.getKey());
                    if (acct != null && entry.getValue().asLong() > 0) {
                        rows.add(type + " " + acct + " " + t.path("amount").asLong()
                                + ("GRANT".equals(type) ? " " + text(t, "reason") : ""));
                    }
                });
            }
            cursor = text(reply.body(), "nextCursor");
        } while (cursor != null);
        return rows;
    }

    /** The org's account a journal ref names ({@code POOL:<org>}, {@code MEMBER:<org>:<user>}); null for others. */
    private Acct holder(String ref) {
        String[] parts = ref.split(":", 3);
        if ("POOL".equals(parts[0])) {
            return Acct.pool();
        }
        return "MEMBER".equals(parts[0]) && parts.length == 3 ? Acct.member(name(parts[2])) : null;
    }

    // ---- failures ----

    private void check(Runnable comparison, String what) {
        try {
            comparison.run();
        } catch (AssertionError e) {
            // On a slow machine the comparison itself can outlast a hold's or a request's TTL, and the system may
            // then end it at any moment: only when something is overdue is it settled and the comparison repeated.
            if (!settleOverdue()) {
                throw failure(what + " differs from the model: " + e.getMessage(), e);
            }
            try {
                comparison.run();
            } catch (AssertionError again) {
                throw failure(what + " differs from the model: " + again.getMessage(), again);
            }
        }
    }

    /** Settles every hold and request whose TTL has passed; true if there was one. */
    private boolean settleOverdue() {
        Instant now = Instant.now();
        boolean overdue = model.reservations().stream().anyMatch(r -> "ACTIVE".equals(r.status())
                && holdEnds.containsKey(r.id()) && !holdEnds.get(r.id()).isAfter(now))
                || shortHolds.values().stream().anyMatch(end -> !end.isAfter(now))
                || requestExpiries.values().stream().anyMatch(end -> !end.isAfter(now));
        if (overdue) {
            settleExpiries(null);
        }
        return overdue;
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
