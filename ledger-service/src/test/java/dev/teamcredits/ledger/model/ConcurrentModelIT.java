package dev.teamcredits.ledger.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.teamcredits.events.CloudEvent;
import dev.teamcredits.events.DomainEvent;
import dev.teamcredits.events.EventCodec;
import dev.teamcredits.events.Topics;
import dev.teamcredits.events.ledger.CreditsSpent;
import dev.teamcredits.events.ledger.CycleClosed;
import dev.teamcredits.events.ledger.OperatorGranted;
import dev.teamcredits.events.ledger.PurchaseCompleted;
import dev.teamcredits.events.ledger.ReservationCreated;
import dev.teamcredits.events.ledger.ReservationReleased;
import dev.teamcredits.events.ledger.TopUpExpired;
import dev.teamcredits.events.ledger.TopUpRequested;
import dev.teamcredits.events.ledger.TransferCompleted;
import dev.teamcredits.events.team.Plan;
import dev.teamcredits.ledger.model.SystemUnderTest.Reply;
import dev.teamcredits.model.Answer;
import dev.teamcredits.model.MoneyModel;
import dev.teamcredits.model.Op;
import dev.teamcredits.model.Who;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

/**
 * Several clients at once on one org: spends (members and a backend), reservations by a member and by a
 * backend for them (some left to run out), captures and releases by whoever made the hold, transfers,
 * previews, reversals, purchases (fresh, retried with their key, recorded again with their payment reference, and
 * the same payment recorded at once by two billing clients), operator grants, retries, a cycle close, and a member's
 * departure while their own clients and the backend go on spending, holding and capturing for them. The auto
 * top-ups make requests as balances fall; the ledger expires them meanwhile. Afterwards every acknowledged answer
 * must be the model's answer in one serial order: the order in which the ledger published the changes
 * (its outbox, per org on Kafka), which must respect real time (a change acknowledged before another was
 * sent comes first; the departure counts as acknowledged when the ledger has applied it). A refusal or a
 * preview, which publishes nothing, must be the model's answer at some point between what finished before
 * it was sent and what started after it came back. No answer may be a 5xx, the final state must be the
 * model's (the departed member holds nothing, nothing is reserved for them; every purchase history, each
 * payment recorded once), no team event of the org may be parked, and the journal must agree with itself. {@code -Dmodel.concurrent.ops=N} sets the operations
 * per client.
 */
class ConcurrentModelIT {

    private static final int CLIENTS = 6;
    /** Leaves a third of the way through, while clients 2 and 5 (and the backend) act for them. */
    private static final String LEAVER = "u3";

    /** One request of the concurrent phase, with when it was sent and when its answer came. */
    record Call(int client, Op op, Reply reply, long sent, long answered, String harnessId) {

        boolean acknowledged() {
            return reply.status() < 300 && !reply.replayed() && !(op instanceof Op.Preview);
        }
    }

    @Test
    void everyAnswerOfConcurrentClientsIsTheModelsInOneSerialOrder() throws Exception {
        LedgerUnderTest ledger = LedgerUnderTest.get();
        ModelRun run = new ModelRun(ledger, new ModelRun.Setup(Plan.ENTERPRISE, 500, true, true));
        Who admin = Who.user(ModelRun.ADMIN);
        run.apply(new Op.Join("u1", Op.Role.MEMBER, true, 150L));
        run.apply(new Op.Join("u2", Op.Role.MEMBER, true, null));
        run.apply(new Op.Join("u3", Op.Role.MEMBER, false, null));
        run.apply(new Op.Transfer(admin, "setup-1", "pool", "u2", 60, null));
        // Enough on the leaver's balance that the departure always sweeps something: its event places it.
        run.apply(new Op.RecordPurchase(Step.BILLING, "setup-0", "setup-pay-0", "pool", 5_000, null, 500_000L, "EUR"));
        run.apply(new Op.Transfer(admin, "setup-2", "pool", LEAVER, 5_000, null));
        run.apply(new Op.OperatorGrant(Who.operator(), "setup-3", "personal:u1", 40, "setup"));
        run.apply(new Op.SetAutoTopUp(admin, "pool", 150, 200, 3));
        run.apply(new Op.SetAutoTopUp(admin, "u3", 20, 30, 2));
        // A zero-priced spend touches no account: its event marks where the concurrent phase starts.
        run.apply(new Op.Spend(admin, "setup-marker", null, "EXPORT", 1, null));
        MoneyModel start = run.model.copy();

        int opsPerClient = Integer.getInteger("model.concurrent.ops", 40);
        List<Call> calls = Collections.synchronizedList(new ArrayList<>());
        ExecutorService threads = Executors.newFixedThreadPool(CLIENTS + 2);
        List<Future<?>> clients = new ArrayList<>();
        java.util.concurrent.atomic.AtomicBoolean departed = new java.util.concurrent.atomic.AtomicBoolean();
        for (int client = 0; client < CLIENTS; client++) {
            int id = client;
            clients.add(threads.submit(() -> client(run, id, opsPerClient, calls, departed)));
        }
        // Two more act only for the leaver, back to back, as the member and as a backend for them.
        clients.add(threads.submit(() -> racer(run, CLIENTS, Who.user(LEAVER), calls, departed)));
        clients.add(threads.submit(() -> racer(run, CLIENTS + 1, Who.backend("backend"), calls, departed)));
        for (Future<?> f : clients) {
            f.get();
        }
        threads.shutdown();

        assertEquals(List.of(), calls.stream().filter(c -> c.reply().status() >= 500)
                .map(c -> c.op() + " → " + c.reply().body()).toList(), "server errors");
        assertEquals(List.of(), run.system.call("GET", "/v1/operator/ledger/parked-events?limit=500",
                run.token(Who.operator()), null,
                null).body().findValuesAsText("key").stream().filter(run.orgId.toString()::equals).toList(),
                "team events of the org parked");
        // The reservations left to run out end now, and every request the auto top-ups made has expired, so that
        // the events read next hold every change.
        calls.stream().filter(c -> c.acknowledged() && c.op() instanceof Op.Reserve r
                && r.ttlSeconds() <= ModelRun.SHORT_TTL_SECONDS)
                .forEach(c -> ledger.awaitReleased(UUID.fromString(c.reply().body().path("id").asText())));
        LedgerUnderTest.sleep(LedgerUnderTest.TOP_UP_REQUEST_TTL.plusSeconds(2).toMillis());
        ledger.awaitOutboxPublished();
        List<Object> order = serialOrder(ledger, run, calls);
        check(run, start, order, calls);
        Audit.assertClean(ledger);
        Call left = calls.stream().filter(c -> c.op() instanceof Op.Leave).findFirst().orElseThrow();
        long during = calls.stream().filter(c -> concerns(c.op(), LEAVER) && c.sent() < left.answered()
                && c.answered() > left.sent()).count();
        long after = calls.stream().filter(c -> concerns(c.op(), LEAVER) && c.sent() > left.answered()).count();
        System.out.printf("Concurrent model check: %d calls by %d clients, %d changes in one serial order; for the "
                + "leaver %d calls overlapped the departure and %d came after it%n", calls.size(), CLIENTS,
                order.size(), during, after);
    }

    /** One client: a member (or a backend for them) spending and reserving, an admin moving credits. */
    private static void client(ModelRun run, int client, int ops, List<Call> calls,
            java.util.concurrent.atomic.AtomicBoolean departed) {
        Random random = new Random(1000 + client);
        String member = ModelRun.USERS.get(1 + client % 3);
        Who admin = Who.user(ModelRun.ADMIN);
        List<String> holds = new ArrayList<>();
        Map<String, Who> holdMakers = new HashMap<>();
        List<String> transfers = new ArrayList<>();
        List<Op> sent = new ArrayList<>();
        List<Op.RecordPurchase> purchases = new ArrayList<>();
        Map<Op, String> names = new HashMap<>();
        for (int i = 0; i < ops; i++) {
            String key = "c" + client + "-" + i;
            int pick = random.nextInt(100);
            Op op;
            String harnessId = null;
            if (client == 0 && i == ops / 2) {
                op = new Op.CloseCycle(Who.operator(), key);
            } else if (client == 1 && i == ops / 3) {
                op = new Op.Leave(LEAVER);
            } else if (client >= 3 && i % 6 == 3) {
                op = sharedPurchase(client, key, i);
            } else if (pick < 28) {
                op = new Op.Spend(Who.user(member), key, null, random.nextBoolean() ? "PAGE_SCRAPE" : "ENRICHMENT",
                        1 + random.nextInt(25), null);
            } else if (pick < 36) {
                op = new Op.Spend(Who.backend("backend"), key, member, "EMAIL_FINDING", 1 + random.nextInt(5),
                        random.nextInt(4) == 0 ? false : null);
            } else if (pick < 48) {
                harnessId = "r" + key;
                long ttl = random.nextInt(5) == 0 ? ModelRun.SHORT_TTL_SECONDS : 3600;
                boolean byBackend = random.nextInt(3) == 0;
                op = new Op.Reserve(byBackend ? Who.backend("backend") : Who.user(member), key,
                        byBackend ? member : null, null, null, 1 + (long) random.nextInt(40), ttl);
            } else if (pick < 58 && !holds.isEmpty()) {
                String hold = holds.remove(random.nextInt(holds.size()));
                op = new Op.Capture(holdMakers.get(hold), key, hold, 1 + random.nextInt(10));
            } else if (pick < 64 && !holds.isEmpty()) {
                String hold = holds.remove(random.nextInt(holds.size()));
                op = new Op.Release(holdMakers.get(hold), key, hold);
            } else if (pick < 78) {
                harnessId = "t" + key;
                op = new Op.Transfer(admin, key, endpoint(random), endpoint(random), 1 + random.nextInt(60), null);
            } else if (pick < 82) {
                op = new Op.Preview(admin, endpoint(random), endpoint(random), 1 + random.nextInt(60), null);
            } else if (pick < 87 && !transfers.isEmpty()) {
                harnessId = "t" + key;
                op = new Op.Reverse(admin, key, transfers.get(random.nextInt(transfers.size())),
                        random.nextBoolean() ? null : 1 + (long) random.nextInt(20), null);
            } else if (pick < 91) {
                op = purchase(key, random, purchases);
                if (op instanceof Op.RecordPurchase p) {
                    purchases.add(p);
                }
            } else if (pick < 93) {
                op = new Op.OperatorGrant(Who.operator(), key, endpoint(random), 1 + random.nextInt(50), "goodwill");
            } else if (!sent.isEmpty()) {
                op = sent.get(random.nextInt(sent.size())); // a retry with the same key
                harnessId = names.get(op);
            } else {
                continue;
            }
            long before = System.nanoTime();
            // The departure is the team service's event; it is acknowledged once the ledger has applied it.
            Reply reply = op instanceof Op.Leave ? run.teamFact(op) : run.send(op);
            calls.add(new Call(client, op, reply, before, System.nanoTime(), harnessId));
            if (op instanceof Op.Leave) {
                departed.set(true);
            }
            if (!(op instanceof Op.Preview) && !(op instanceof Op.Leave)) {
                sent.add(op);
                if (harnessId != null) {
                    names.putIfAbsent(op, harnessId);
                }
            }
            if (reply.status() < 300 && !reply.replayed() && harnessId != null) {
                UUID realId = UUID.fromString(reply.body().path(op instanceof Op.Reserve ? "id" : "transactionId")
                        .asText());
                run.alias(harnessId, realId);
                if (op instanceof Op.Reserve r && r.ttlSeconds() > ModelRun.SHORT_TTL_SECONDS) {
                    holds.add(harnessId);
                    holdMakers.put(harnessId, r.caller());
                } else if (op instanceof Op.Transfer) {
                    transfers.add(harnessId);
                }
            }
        }
    }

    /**
     * A client that acts only for the leaver, as {@code by} (the member, or a backend naming them): mostly holds,
     * back to back, some captured or released at once, some spends; from before the departure until twenty calls
     * after the ledger applied it, so that holds, captures and spends race the departure's transaction.
     */
    private static void racer(ModelRun run, int client, Who by, List<Call> calls,
            java.util.concurrent.atomic.AtomicBoolean departed) {
        Random random = new Random(1000 + client);
        String userId = by.type() == Who.Type.USER ? null : LEAVER;
        List<String> holds = new ArrayList<>();
        int after = 0;
        for (int i = 0; i < 400 && after < 20; i++) {
            after += departed.get() ? 1 : 0;
            String key = "c" + client + "-" + i;
            int pick = random.nextInt(100);
            Op op;
            String harnessId = null;
            if (pick < 55 || holds.isEmpty() && pick < 80) {
                harnessId = "r" + key;
                op = new Op.Reserve(by, key, userId, null, null, 1 + (long) random.nextInt(5), 3600);
            } else if (pick < 70 && !holds.isEmpty()) {
                op = new Op.Capture(by, key, holds.remove(random.nextInt(holds.size())), 1 + random.nextInt(3));
            } else if (pick < 80 && !holds.isEmpty()) {
                op = new Op.Release(by, key, holds.remove(random.nextInt(holds.size())));
            } else {
                op = by.type() == Who.Type.USER
                        ? new Op.Spend(by, key, null, "PAGE_SCRAPE", 1 + random.nextInt(5), null)
                        : new Op.Spend(by, key, LEAVER, "EMAIL_FINDING", 1, null);
            }
            long before = System.nanoTime();
            Reply reply = run.send(op);
            calls.add(new Call(client, op, reply, before, System.nanoTime(), harnessId));
            if (reply.status() == 201 && !reply.replayed() && harnessId != null) {
                run.alias(harnessId, UUID.fromString(reply.body().path("id").asText()));
                holds.add(harnessId);
            }
        }
    }

    /**
     * A purchase: mostly a fresh payment into the pool or a member balance, a quarter of the time one this client
     * recorded before, sent again with another key (the first purchase, replayed) or another amount (a conflict).
     */
    private static Op purchase(String key, Random random, List<Op.RecordPurchase> earlier) {
        if (!earlier.isEmpty() && random.nextInt(4) == 0) {
            Op.RecordPurchase p = earlier.get(random.nextInt(earlier.size()));
            long amount = random.nextInt(4) == 0 ? p.amount() + 1 : p.amount();
            return new Op.RecordPurchase(random.nextBoolean() ? Step.BILLING : Step.BILLING_2, key,
                    p.paymentReference(), p.account(), amount, null, null, null);
        }
        long amount = 1 + random.nextInt(100);
        return new Op.RecordPurchase(Step.BILLING, key, "pay-" + key, random.nextInt(3) == 0 ? endpoint(random)
                : "pool", amount, null, amount * 10, "EUR");
    }

    /**
     * Clients 3, 4 and 5 record the same payments at the same points of their sequences, each as another billing
     * client or key, so that they race: one purchase each, the others its replay; now and then client 5 sends another
     * amount (a conflict, whichever comes first).
     */
    private static Op sharedPurchase(int client, String key, int i) {
        long amount = 10 + i % 7 + (client == 5 && i % 4 == 1 ? 1 : 0);
        return new Op.RecordPurchase(client == 4 ? Step.BILLING_2 : Step.BILLING, key, "shared-" + i, "pool", amount,
                null, null, null);
    }

    /** Whether the operation charges, holds for or moves credits of {@code user}. */
    private static boolean concerns(Op op, String user) {
        if (op instanceof Op.Spend o) {
            return user.equals(o.userId()) || o.userId() == null && user.equals(o.caller().name());
        }
        if (op instanceof Op.Reserve o) {
            return user.equals(o.userId()) || o.userId() == null && user.equals(o.caller().name());
        }
        if (op instanceof Op.Capture o) {
            return user.equals(o.caller().name()) || o.caller().type() == Who.Type.BACKEND;
        }
        if (op instanceof Op.Transfer o) {
            return user.equals(o.from()) || user.equals(o.to());
        }
        if (op instanceof Op.Release o) {
            return user.equals(o.caller().name());
        }
        return false;
    }

    private static String endpoint(Random random) {
        int i = random.nextInt(5);
        return i == 4 ? "pool" : ModelRun.USERS.get(i);
    }

    /** A reservation the system released when its TTL ran out, in the serial order. */
    record SystemExpiry(UUID reservationId) {
    }

    /** A top-up request the system expired, in the serial order. */
    record SystemTopUpExpiry(UUID requestId) {
    }

    /** A request an auto top-up made, within another change: it names the model's next automatic request. */
    record AutomaticRequest(UUID requestId) {
    }

    /**
     * The order the ledger committed the changes in, read from its events on Kafka (one partition per
     * org, in outbox order): each acknowledged call appears once, at its first event.
     */
    private static List<Object> serialOrder(LedgerUnderTest ledger, ModelRun run, List<Call> calls) {
        Map<UUID, Call> byTransaction = new HashMap<>();
        Map<UUID, Call> byReservation = new HashMap<>();
        Map<UUID, Call> captures = new HashMap<>();
        Map<UUID, Call> releases = new HashMap<>();
        Call close = null;
        Call departure = null;
        for (Call c : calls) {
            if (!c.acknowledged()) {
                continue;
            }
            var b = c.reply().body();
            if (c.op() instanceof Op.Leave) {
                departure = c;
            } else if (c.op() instanceof Op.Reserve) {
                byReservation.put(UUID.fromString(b.path("id").asText()), c);
            } else if (c.op() instanceof Op.Capture o) {
                captures.put(UUID.fromString(b.path("id").asText()), c);
            } else if (c.op() instanceof Op.Release o) {
                releases.put(UUID.fromString(b.path("id").asText()), c);
            } else if (c.op() instanceof Op.CloseCycle) {
                close = c;
            } else {
                byTransaction.put(UUID.fromString(b.path("transactionId").asText()), c);
            }
        }
        long acknowledged = calls.stream().filter(Call::acknowledged).count();
        List<Object> order = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            order.clear();
            boolean started = false;
            for (DomainEvent event : events(ledger, run.orgId)) {
                if (!started) {
                    started = event instanceof CreditsSpent s && "EXPORT".equals(s.action());
                    continue;
                }
                Object item = null; // null: part of another change (its expiry, rollover, auto top-up, alert)
                if (event instanceof CreditsSpent e) {
                    item = e.reservationId() == null ? byTransaction.get(e.transactionId())
                            : captures.get(e.reservationId());
                } else if (event instanceof ReservationCreated e) {
                    item = byReservation.get(e.reservationId());
                } else if (event instanceof ReservationReleased e) {
                    // A hold released by no client's release was ended by the departure, in its transaction.
                    item = e.expired() ? new SystemExpiry(e.reservationId())
                            : releases.getOrDefault(e.reservationId(), departure);
                } else if (event instanceof TransferCompleted e && !"system".equals(e.actor())) {
                    item = byTransaction.get(e.transactionId());
                } else if (event instanceof TransferCompleted e && "member removed".equals(e.reason())) {
                    item = departure;
                } else if (event instanceof PurchaseCompleted e) {
                    item = byTransaction.get(e.transactionId());
                } else if (event instanceof OperatorGranted e) {
                    item = byTransaction.get(e.transactionId());
                } else if (event instanceof TopUpRequested e && e.automatic()) {
                    item = new AutomaticRequest(e.requestId());
                } else if (event instanceof TopUpExpired e) {
                    item = new SystemTopUpExpiry(e.requestId());
                } else if (event instanceof CycleClosed) {
                    item = close;
                }
                if (item != null && !order.contains(item)) {
                    order.add(item);
                }
            }
            long seen = order.stream().filter(o -> o instanceof Call).count();
            if (seen == acknowledged || System.nanoTime() > deadline) {
                assertEquals(acknowledged, seen, "acknowledged calls found on ledger.events");
                return order;
            }
            LedgerUnderTest.sleep(500);
        }
    }

    private static List<DomainEvent> events(LedgerUnderTest ledger, UUID orgId) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, ledger.bootstrapServers());
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.LEDGER).stream()
                    .map(p -> new TopicPartition(Topics.LEDGER, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            List<DomainEvent> events = new ArrayList<>();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                    if (orgId.toString().equals(r.key())) {
                        CloudEvent<DomainEvent> event = EventCodec.decode(r.value());
                        events.add(event.data());
                    }
                });
            }
            return events;
        }
    }

    /**
     * Replays the serial order in the model, checking each acknowledged answer where it happened,
     * then places every other answer (refusals, previews, replays) in its real-time window.
     */
    private static void check(ModelRun run, MoneyModel start, List<Object> order, List<Call> calls) {
        MoneyModel model = start.copy();
        Map<String, String> modelIds = new HashMap<>(); // harness id → model id
        List<MoneyModel> states = new ArrayList<>(List.of(model.copy()));
        Map<Call, Integer> position = new LinkedHashMap<>();
        List<String> history = new ArrayList<>();
        List<UUID> automatic = new ArrayList<>(); // requests an auto top-up made, not yet tied to the model's
        for (Object item : order) {
            if (item instanceof AutomaticRequest r) {
                automatic.add(r.requestId());
                mapAutomaticRequests(run, model, automatic);
                continue;
            }
            if (item instanceof SystemTopUpExpiry e) {
                String id = run.knownModelId(e.requestId());
                Op expire = new Op.ExpireTopUp(id == null ? "unknown:" + e.requestId() : id);
                history.add("system: " + expire + " → " + model.apply(expire));
            } else if (item instanceof SystemExpiry e) {
                String id = modelIds.get(harnessIdOf(calls, e.reservationId()));
                history.add("system: " + new Op.ExpireReservation(id) + " → " + model.apply(new Op.ExpireReservation(id)));
            } else if (((Call) item).op() instanceof Op.Leave leave) {
                history.add("client " + ((Call) item).client() + ": " + leave + " → " + model.apply(leave));
                position.put((Call) item, states.size() - 1);
            } else {
                Call c = (Call) item;
                Answer expected = model.apply(toModel(c.op(), modelIds));
                Answer actual = run.answer(c.reply(), renamed(expected, c.harnessId()));
                if (c.harnessId() != null) {
                    modelIds.put(c.harnessId(), idOf(expected));
                }
                history.add("client " + c.client() + ": " + c.op() + " → " + expected);
                try {
                    run.compareAnswers(renamed(expected, c.harnessId()), actual);
                } catch (AssertionError failure) {
                    Reply grants = run.system.call("GET", "/v1/orgs/" + run.orgId + "/transactions?type=GRANT&limit=100",
                            run.token(Who.user(ModelRun.ADMIN)), null, null);
                    throw new AssertionError("Serial order step " + history.size() + " differs from the model: "
                            + failure.getMessage() + "\nThe ledger's grants, newest first:\n" + grants.body().toPrettyString()
                            + "\nModel before it:\n" + states.get(states.size() - 1)
                            + "\nThe serial order so far:\n" + String.join("\n", history), failure);
                }
                position.put(c, states.size() - 1);
            }
            mapAutomaticRequests(run, model, automatic);
            states.add(model.copy());
        }
        assertEquals(List.of(), automatic, "requests the ledger's auto top-ups made that the model's did not");
        run.compareState(model);
        run.compareProvenance(model, false, true);
        List<String> outOfTime = new ArrayList<>();
        for (Map.Entry<Call, Integer> a : position.entrySet()) {
            for (Map.Entry<Call, Integer> b : position.entrySet()) {
                if (a.getKey().answered() < b.getKey().sent() && a.getValue() >= b.getValue()) {
                    outOfTime.add(a.getKey().op() + " (answered before the next was sent) after " + b.getKey().op());
                }
            }
        }
        assertEquals(List.of(), outOfTime, "the serial order puts a later change first");
        List<String> unexplained = new ArrayList<>();
        for (Call c : calls) {
            if (position.containsKey(c)) {
                continue;
            }
            int lo = 0;
            int hi = states.size() - 1;
            for (Map.Entry<Call, Integer> done : position.entrySet()) {
                if (done.getKey().answered() < c.sent()) {
                    lo = Math.max(lo, done.getValue() + 1);
                }
                if (done.getKey().sent() > c.answered()) {
                    hi = Math.min(hi, done.getValue());
                }
            }
            boolean explained = false;
            List<String> tried = new ArrayList<>();
            for (int q = lo; q <= hi && !explained; q++) {
                Answer expected = renamed(states.get(q).copy().apply(toModel(c.op(), modelIds)), c.harnessId());
                try {
                    run.compareAnswers(expected, run.answer(c.reply(), expected));
                    explained = true;
                } catch (AssertionError e) {
                    tried.add("at " + q + " the model answers " + expected);
                }
            }
            if (!explained) {
                System.out.println("Unexplained " + c.op() + ":\n  " + String.join("\n  ", tried)
                        + "\n  serial order around it:\n  " + String.join("\n  ",
                                history.subList(Math.max(0, lo - 3), Math.min(history.size(), hi + 2))));
                unexplained.add(c.op() + " → " + c.reply().status() + " " + c.reply().body() + " (window " + lo + ".."
                        + hi + "; the departure at " + position.entrySet().stream()
                        .filter(d -> d.getKey().op() instanceof Op.Leave).map(Map.Entry::getValue).findFirst()
                        .orElse(null) + ")");
            }
        }
        assertEquals(List.of(), unexplained, "answers no point of the serial order explains");
    }

    /** Ties the model's automatic requests not yet tied to the ledger's, in the order both made them. */
    private static void mapAutomaticRequests(ModelRun run, MoneyModel model, List<UUID> automatic) {
        for (MoneyModel.TopUpRequestInfo r : model.topUpRequests()) {
            if (r.automatic() && !run.isMapped(r.id()) && !automatic.isEmpty()) {
                run.alias(r.id(), automatic.remove(0));
            }
        }
    }

    private static String harnessIdOf(List<Call> calls, UUID reservationId) {
        return calls.stream().filter(c -> c.op() instanceof Op.Reserve && c.acknowledged()
                && reservationId.toString().equals(c.reply().body().path("id").asText())).map(Call::harnessId)
                .findFirst().orElseThrow();
    }

    /** The call's operation with our ids of reservations and transfers made the model's. */
    private static Op toModel(Op op, Map<String, String> modelIds) {
        if (op instanceof Op.Capture o) {
            return new Op.Capture(o.caller(), o.key(), modelIds.getOrDefault(o.reservationId(), o.reservationId()),
                    o.amount());
        }
        if (op instanceof Op.Release o) {
            return new Op.Release(o.caller(), o.key(), modelIds.getOrDefault(o.reservationId(), o.reservationId()));
        }
        if (op instanceof Op.Reverse o) {
            return new Op.Reverse(o.caller(), o.key(), modelIds.getOrDefault(o.transferId(), o.transferId()),
                    o.amount(), o.reason());
        }
        return op;
    }

    private static String idOf(Answer answer) {
        Answer a = answer instanceof Answer.Replayed r ? r.first() : answer;
        return a instanceof Answer.Reserved r ? r.reservationId() : a instanceof Answer.Moved m ? m.transferId() : null;
    }

    /** The model's answer with its id of the new reservation or transfer replaced by ours. */
    private static Answer renamed(Answer answer, String harnessId) {
        if (harnessId == null) {
            return answer;
        }
        if (answer instanceof Answer.Replayed r) {
            return new Answer.Replayed(renamed(r.first(), harnessId));
        }
        if (answer instanceof Answer.Reserved r) {
            return new Answer.Reserved(harnessId, r.action(), r.amount(), r.holds());
        }
        if (answer instanceof Answer.Moved m && m.transferId() != null) {
            return new Answer.Moved(harnessId, m.preview(), m.amount(), m.from(), m.to());
        }
        return answer;
    }

    static String describe(List<Call> calls) {
        return calls.stream().map(c -> c.client() + ": " + c.op() + " → " + c.reply().status())
                .collect(Collectors.joining("\n"));
    }
}
