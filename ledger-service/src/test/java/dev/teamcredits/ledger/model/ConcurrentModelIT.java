package dev.teamcredits.ledger.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.teamcredits.events.CloudEvent;
import dev.teamcredits.events.DomainEvent;
import dev.teamcredits.events.EventCodec;
import dev.teamcredits.events.Topics;
import dev.teamcredits.events.ledger.CreditsGranted;
import dev.teamcredits.events.ledger.CreditsSpent;
import dev.teamcredits.events.ledger.CycleClosed;
import dev.teamcredits.events.ledger.ReservationCreated;
import dev.teamcredits.events.ledger.ReservationReleased;
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
 * Several clients at once on one org: spends (members and a backend), reservations (some left to
 * run out), captures, releases, transfers, previews, reversals, top-ups, retries and a cycle
 * close. Afterwards every acknowledged answer must be the model's answer in one serial order: the
 * order in which the ledger published the changes (its outbox, per org on Kafka). A refusal or a
 * preview, which publishes nothing, must be the model's answer at some point between what finished
 * before it was sent and what started after it came back. No answer may be a 5xx, the final state
 * must be the model's, and the journal must agree with itself. {@code -Dmodel.concurrent.ops=N} sets
 * the operations per client.
 */
class ConcurrentModelIT {

    private static final int CLIENTS = 6;

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
        run.apply(new Op.Transfer(admin, "setup-2", "pool", "u3", 120, null));
        run.apply(new Op.TopUpPersonal(Who.user("u1"), "setup-3", 40));
        run.apply(new Op.SetAutoTopUp(admin, "pool", 150, 200, 3));
        run.apply(new Op.SetAutoTopUp(admin, "u3", 20, 30, 2));
        // A zero-priced spend touches no account: its event marks where the concurrent phase starts.
        run.apply(new Op.Spend(admin, "setup-marker", null, "EXPORT", 1, null));
        MoneyModel start = run.model.copy();

        int opsPerClient = Integer.getInteger("model.concurrent.ops", 40);
        List<Call> calls = Collections.synchronizedList(new ArrayList<>());
        ExecutorService threads = Executors.newFixedThreadPool(CLIENTS);
        List<Future<?>> clients = new ArrayList<>();
        for (int client = 0; client < CLIENTS; client++) {
            int id = client;
            clients.add(threads.submit(() -> client(run, id, opsPerClient, calls)));
        }
        for (Future<?> f : clients) {
            f.get();
        }
        threads.shutdown();

        assertEquals(List.of(), calls.stream().filter(c -> c.reply().status() >= 500)
                .map(c -> c.op() + " → " + c.reply().body()).toList(), "server errors");
        // The reservations left to run out end now, so that the events read next hold every change.
        calls.stream().filter(c -> c.acknowledged() && c.op() instanceof Op.Reserve r
                && r.ttlSeconds() <= ModelRun.SHORT_TTL_SECONDS)
                .forEach(c -> ledger.awaitReleased(UUID.fromString(c.reply().body().path("id").asText())));
        ledger.awaitOutboxPublished();
        List<Object> order = serialOrder(ledger, run, calls);
        check(run, start, order, calls);
        Audit.assertClean(ledger);
        System.out.printf("Concurrent model check: %d calls by %d clients, %d changes in one serial order%n",
                calls.size(), CLIENTS, order.size());
    }

    /** One client: a member (or a backend for them) spending and reserving, an admin moving credits. */
    private static void client(ModelRun run, int client, int ops, List<Call> calls) {
        Random random = new Random(1000 + client);
        String member = ModelRun.USERS.get(1 + client % 3);
        Who admin = Who.user(ModelRun.ADMIN);
        List<String> holds = new ArrayList<>();
        List<String> transfers = new ArrayList<>();
        List<Op> sent = new ArrayList<>();
        Map<Op, String> names = new HashMap<>();
        for (int i = 0; i < ops; i++) {
            String key = "c" + client + "-" + i;
            int pick = random.nextInt(100);
            Op op;
            String harnessId = null;
            if (client == 0 && i == ops / 2) {
                op = new Op.CloseCycle(Who.operator(), key);
            } else if (pick < 28) {
                op = new Op.Spend(Who.user(member), key, null, random.nextBoolean() ? "PAGE_SCRAPE" : "ENRICHMENT",
                        1 + random.nextInt(25), null);
            } else if (pick < 36) {
                op = new Op.Spend(Who.backend("backend"), key, member, "EMAIL_FINDING", 1 + random.nextInt(5),
                        random.nextInt(4) == 0 ? false : null);
            } else if (pick < 48) {
                harnessId = "r" + key;
                long ttl = random.nextInt(5) == 0 ? ModelRun.SHORT_TTL_SECONDS : 3600;
                op = new Op.Reserve(Who.user(member), key, null, null, null, 1 + (long) random.nextInt(40), ttl);
            } else if (pick < 58 && !holds.isEmpty()) {
                op = new Op.Capture(Who.user(member), key, holds.remove(random.nextInt(holds.size())),
                        1 + random.nextInt(10));
            } else if (pick < 64 && !holds.isEmpty()) {
                op = new Op.Release(Who.user(member), key, holds.remove(random.nextInt(holds.size())));
            } else if (pick < 78) {
                harnessId = "t" + key;
                op = new Op.Transfer(admin, key, endpoint(random), endpoint(random), 1 + random.nextInt(60), null);
            } else if (pick < 82) {
                op = new Op.Preview(admin, endpoint(random), endpoint(random), 1 + random.nextInt(60), null);
            } else if (pick < 87 && !transfers.isEmpty()) {
                harnessId = "t" + key;
                op = new Op.Reverse(admin, key, transfers.get(random.nextInt(transfers.size())),
                        random.nextBoolean() ? null : 1 + (long) random.nextInt(20), null);
            } else if (pick < 93) {
                op = new Op.TopUpPool(admin, key, 1 + random.nextInt(100));
            } else if (!sent.isEmpty()) {
                op = sent.get(random.nextInt(sent.size())); // a retry with the same key
                harnessId = names.get(op);
            } else {
                continue;
            }
            long before = System.nanoTime();
            Reply reply = run.send(op);
            calls.add(new Call(client, op, reply, before, System.nanoTime(), harnessId));
            if (!(op instanceof Op.Preview)) {
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
                } else if (op instanceof Op.Transfer) {
                    transfers.add(harnessId);
                }
            }
        }
    }

    private static String endpoint(Random random) {
        int i = random.nextInt(5);
        return i == 4 ? "pool" : ModelRun.USERS.get(i);
    }

    /** A reservation the system released when its TTL ran out, in the serial order. */
    record SystemExpiry(UUID reservationId) {
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
        for (Call c : calls) {
            if (!c.acknowledged()) {
                continue;
            }
            var b = c.reply().body();
            if (c.op() instanceof Op.Reserve) {
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
                    item = e.expired() ? new SystemExpiry(e.reservationId()) : releases.get(e.reservationId());
                } else if (event instanceof TransferCompleted e && !"system".equals(e.actor())) {
                    item = byTransaction.get(e.transactionId());
                } else if (event instanceof CreditsGranted e && "TOP_UP".equals(e.reason())) {
                    item = byTransaction.get(e.transactionId());
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
        for (Object item : order) {
            if (item instanceof SystemExpiry e) {
                String id = modelIds.get(harnessIdOf(calls, e.reservationId()));
                history.add("system: " + new Op.ExpireReservation(id) + " → " + model.apply(new Op.ExpireReservation(id)));
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
            states.add(model.copy());
        }
        run.compareState(model);
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
            for (int q = lo; q <= hi && !explained; q++) {
                Answer expected = renamed(states.get(q).copy().apply(toModel(c.op(), modelIds)), c.harnessId());
                try {
                    run.compareAnswers(expected, run.answer(c.reply(), expected));
                    explained = true;
                } catch (AssertionError e) {
                    // not at this point
                }
            }
            if (!explained) {
                unexplained.add(c.op() + " → " + c.reply().status() + " " + c.reply().body() + " (window " + lo + ".."
                        + hi + ")");
            }
        }
        assertEquals(List.of(), unexplained, "answers no point of the serial order explains");
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
