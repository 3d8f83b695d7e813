package dev.teamcredits.notification;

import static dev.teamcredits.notification.NotificationFixture.await;
import static dev.teamcredits.notification.NotificationFixture.inboxSize;
import static dev.teamcredits.notification.NotificationFixture.send;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.teamcredits.common.EventStreams;
import dev.teamcredits.events.CloudEvent;
import dev.teamcredits.events.EventCodec;
import dev.teamcredits.events.Topics;
import dev.teamcredits.events.ledger.LedgerEvent;
import dev.teamcredits.events.ledger.OperatorGranted;
import dev.teamcredits.events.ledger.PurchaseCompleted;
import dev.teamcredits.events.ledger.TopUpRequested;
import dev.teamcredits.events.team.MemberRemoved;
import dev.teamcredits.events.team.Role;
import dev.teamcredits.notification.NotificationFixture.Org;
import dev.teamcredits.notification.NotificationFixture.User;
import dev.teamcredits.notification.domain.LedgerWorld;
import dev.teamcredits.notification.domain.LedgerWorld.Happened;
import dev.teamcredits.notification.domain.LedgerWorld.Intent;
import dev.teamcredits.notification.domain.LedgerWorld.Left;
import dev.teamcredits.notification.domain.LedgerWorld.Op;
import dev.teamcredits.notification.domain.LedgerWorld.Person;
import dev.teamcredits.notification.domain.LedgerWorld.Step;
import dev.teamcredits.notification.domain.WhatRestShows;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The visibility rule end to end: a random day of an org (random roster, random ledger events and
 * departures, from a fixed seed that is printed), ending with a round of buying credits so that every kind
 * occurs (requests by an admin, an auto top-up and users for the pool, a member balance and personal balances;
 * paid, declined, expired; purchases without a request and operators' grants into each kind of account), goes
 * through the real broker, and every person's real SSE connection — admins, members with and without pool
 * access, a member who leaves, a user of another org — must receive exactly what the ledger's REST lets them
 * read ({@code WhatRestShows}), in the {@code ledger} messages and in the data of the {@code notification}
 * messages alike. The rule alone, over many random days: {@code domain/WhoSeesLedgerChangesPropertyTest}.
 */
@QuarkusTest
class LiveStreamVisibilityTest {

    /** Fixed so a failure replays; {@code -Dvisibility.seed=…} runs another day. */
    private static final long SEED = Long.getLong("visibility.seed", 20261207L);
    private static final int INTENTS = 100;
    private static final String[] NAMES = { "ben", "cleo", "dan", "eve", "finn" };

    @TestHTTPResource("/v1/me/stream")
    URI stream;

    @Test
    void aRandomDayShowsEachPersonExactlyWhatTheLedgerLetsThemRead() throws Exception {
        Random random = new Random(SEED);
        Org org = Org.create();
        Map<String, User> users = new LinkedHashMap<>();
        users.put(org.admin.subject(), org.admin);
        List<Person> people = new ArrayList<>(List.of(new Person(org.admin.subject(), "Ada", true, true)));
        int more = 2 + random.nextInt(NAMES.length - 1);
        for (int i = 0; i < more; i++) {
            boolean admin = random.nextInt(4) == 0;
            boolean poolAccess = random.nextBoolean();
            User user = org.join(NAMES[i], admin ? Role.ADMIN : Role.MEMBER, poolAccess);
            users.put(user.subject(), user);
            people.add(new Person(user.subject(), NAMES[i], admin, poolAccess));
        }
        User outsider = Org.create().admin;
        users.put(outsider.subject(), outsider);
        LedgerWorld world = new LedgerWorld(org.id, people, outsider.subject(), 1000);
        String day = "seed " + SEED + " (-Dvisibility.seed to replay), people " + people.stream()
                .map(p -> p.name() + (p.admin() ? " ADMIN" : " MEMBER")
                        + (p.poolAccess() ? "" : " without pool access"))
                .toList();
        System.out.println("LiveStreamVisibilityTest: " + day);

        Map<String, SseClient> streams = new LinkedHashMap<>();
        Map<String, List<JsonNode>> expected = new HashMap<>();
        Map<String, Happened> causes = new HashMap<>();
        Map<String, Integer> counts = new TreeMap<>();
        try {
            for (String user : users.keySet()) {
                streams.put(user, new SseClient(stream, users.get(user).token()));
                expected.put(user, new ArrayList<>());
            }
            List<String[]> records = new ArrayList<>();
            List<Intent> intents = new ArrayList<>();
            for (int i = 0; i < INTENTS; i++) {
                intents.add(Intent.random(random));
            }
            intents.addAll(BUYING);
            for (Intent intent : intents) {
                for (Step step : world.apply(intent)) {
                    if (step instanceof Happened happened) {
                        CloudEvent<LedgerEvent> event = CloudEvent.of("/ledger-service", happened.event());
                        records.add(new String[] { happened.event().key(), EventCodec.encode(event) });
                        causes.put(event.id(), happened);
                        counts.merge(happened.event().getClass().getSimpleName(), 1, Integer::sum);
                        buyingKind(happened.event()).ifPresent(kind -> counts.merge(kind, 1, Integer::sum));
                        for (String user : users.keySet()) {
                            WhatRestShows.to(user, happened.event(), happened.roster()).ifPresent(view -> {
                                view.put("eventId", event.id());
                                expected.get(user).add(normal(view));
                            });
                        }
                    } else if (step instanceof Left left) {
                        // Team and ledger events are read apart; the ledger sweeps after it knows of the
                        // departure, so what came before is shown first, then the departure is known here.
                        EventStreams.produce(Topics.LEDGER, records);
                        records.clear();
                        awaitShown(streams, expected);
                        counts.merge("departures", 1, Integer::sum);
                        User leaver = users.get(left.userId());
                        int told = inboxSize(leaver);
                        send(new MemberRemoved(org.id, leaver.subject(), leaver.email(), org.admin.subject(),
                                Instant.now()));
                        await(leaver.name() + " left", () -> inboxSize(leaver) > told);
                    }
                }
            }
            EventStreams.produce(Topics.LEDGER, records);
            awaitShown(streams, expected);
            // Anything beyond what was expected has had time to arrive too.
            Thread.sleep(1000);

            StringBuilder wrong = new StringBuilder();
            Map<String, Integer> checked = new LinkedHashMap<>();
            for (Map.Entry<String, SseClient> entry : streams.entrySet()) {
                String user = entry.getKey();
                String who = users.get(user).name() + roleOf(user, people, outsider);
                List<String[]> received = new ArrayList<>(entry.getValue().seen());
                received.addAll(entry.getValue().drain());
                List<JsonNode> ledger = new ArrayList<>();
                for (String[] message : received) {
                    if (message[0].equals("ledger")) {
                        ledger.add(normal(WhatRestShows.JSON.readTree(message[1])));
                    } else if (message[0].equals("notification")) {
                        checkNotification(who, user, WhatRestShows.JSON.readTree(message[1]), causes, wrong);
                    }
                }
                checked.put(who, ledger.size());
                List<JsonNode> missing = new ArrayList<>(expected.get(user));
                List<JsonNode> extra = new ArrayList<>();
                for (JsonNode message : ledger) {
                    if (!missing.remove(message)) {
                        extra.add(message);
                    }
                }
                extra.forEach(m -> wrong.append(who).append(" got ").append(m).append('\n'));
                missing.forEach(m -> wrong.append(who).append(" missed ").append(m).append('\n'));
            }
            System.out.println("LiveStreamVisibilityTest: " + counts + "; ledger messages per person " + checked);
            assertTrue(counts.getOrDefault("departures", 0) > 0 && counts.size() > 8,
                    "the day should have departures and most event types: " + counts);
            assertTrue(counts.keySet().containsAll(List.of("TopUpRequested POOL", "TopUpRequested MEMBER",
                    "TopUpRequested PERSONAL", "TopUpRequested automatic", "PurchaseCompleted POOL",
                    "PurchaseCompleted MEMBER", "PurchaseCompleted PERSONAL", "PurchaseCompleted without request",
                    "TopUpDeclined", "TopUpExpired", "OperatorGranted POOL", "OperatorGranted MEMBER",
                    "OperatorGranted PERSONAL")), "the day should have every kind of buying: " + counts);
            assertTrue(wrong.isEmpty(), day + "\n" + wrong);
        } finally {
            streams.values().forEach(SseClient::close);
        }
    }

    /**
     * A round of buying after the random day: requests by an admin for the pool and for a member balance, by the
     * auto top-up for both, by a user and by the other org's user for their personal balances; then the newest
     * expires, the one before is declined, the rest are paid, newest first (the expired one too, late);
     * purchases without a request and operators' grants into the pool, a member balance, a personal balance and
     * the other org's user's.
     */
    private static final List<Intent> BUYING = List.of(new Intent(Op.REQUEST, 1, 0, 120),
            new Intent(Op.REQUEST, 2, 1, 130), new Intent(Op.AUTO_REQUEST, 0, 0, 140),
            new Intent(Op.AUTO_REQUEST, 1, 1, 150), new Intent(Op.PERSONAL_REQUEST, 2, 1, 160),
            new Intent(Op.PERSONAL_REQUEST, 0, 0, 170), new Intent(Op.EXPIRE_REQUEST, 0, -1, 0),
            new Intent(Op.DECLINE, 0, -1, 0), new Intent(Op.PAY, 0, -1, 0), new Intent(Op.PAY, 0, -1, 0),
            new Intent(Op.PAY, 0, -1, 0), new Intent(Op.PAY, 0, -1, 0), new Intent(Op.PAY, 0, -1, 0),
            new Intent(Op.PURCHASE, 1, 0, 180), new Intent(Op.PURCHASE, 1, 1, 190), new Intent(Op.PURCHASE, 1, 2, 200),
            new Intent(Op.PURCHASE, 1, 3, 210), new Intent(Op.OPERATOR_GRANT, 2, 0, 220),
            new Intent(Op.OPERATOR_GRANT, 2, 1, 230), new Intent(Op.OPERATOR_GRANT, 2, 2, 240),
            new Intent(Op.OPERATOR_GRANT, 2, 3, 250));

    private static Optional<String> buyingKind(LedgerEvent event) {
        if (event instanceof TopUpRequested e) {
            return Optional.of(e.automatic() ? "TopUpRequested automatic" : "TopUpRequested " + e.account().kind());
        }
        if (event instanceof PurchaseCompleted e) {
            return Optional.of(e.requestId() == null ? "PurchaseCompleted without request"
                    : "PurchaseCompleted " + e.account().kind());
        }
        if (event instanceof OperatorGranted e) {
            return Optional.of("OperatorGranted " + e.account().kind());
        }
        return Optional.empty();
    }

    /** A notification about a ledger event carries, as its data, what the person may read of that event. */
    private static void checkNotification(String who, String user, JsonNode notification,
            Map<String, Happened> causes, StringBuilder wrong) {
        Happened cause = causes.get(notification.path("eventId").asText());
        if (cause == null) {
            return; // a team event's (member added or removed)
        }
        Optional<ObjectNode> allowed = WhatRestShows.to(user, cause.event(), cause.roster());
        if (allowed.isEmpty() || !normal(allowed.get().get("data")).equals(normal(notification.get("data")))) {
            wrong.append(who).append(" was told ").append(notification.path("type").asText()).append(" with ")
                    .append(notification.get("data")).append(", may read ")
                    .append(allowed.map(a -> a.get("data").toString()).orElse("nothing")).append('\n');
        }
    }

    /** Waits until each stream has had as many ledger messages as expected so far (fewer after 15 s). */
    private static void awaitShown(Map<String, SseClient> streams, Map<String, List<JsonNode>> expected)
            throws InterruptedException {
        for (Map.Entry<String, SseClient> entry : streams.entrySet()) {
            entry.getValue().until("ledger", expected.get(entry.getKey()).size(), 15);
        }
    }

    private static String roleOf(String user, List<Person> people, User outsider) {
        if (user.equals(outsider.subject())) {
            return " (another org's admin)";
        }
        Person p = people.stream().filter(x -> x.userId().equals(user)).findFirst().orElseThrow();
        return p.admin() ? " (admin)" : p.poolAccess() ? " (member)" : " (member without pool access)";
    }

    /** The same JSON as read from text, so numbers compare alike whichever way they were made. */
    private static JsonNode normal(JsonNode node) {
        try {
            return WhatRestShows.JSON.readTree(node.toString());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
