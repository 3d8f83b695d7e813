package dev.teamcredits.notification.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.teamcredits.events.ledger.LedgerEvent;
import dev.teamcredits.events.ledger.OperatorGranted;
import dev.teamcredits.events.ledger.PurchaseCompleted;
import dev.teamcredits.events.ledger.TopUpDeclined;
import dev.teamcredits.events.ledger.TopUpExpired;
import dev.teamcredits.events.ledger.TopUpRequested;
import dev.teamcredits.notification.domain.LedgerWorld.Happened;
import dev.teamcredits.notification.domain.LedgerWorld.Intent;
import dev.teamcredits.notification.domain.LedgerWorld.Op;
import dev.teamcredits.notification.domain.LedgerWorld.Person;
import dev.teamcredits.notification.domain.LedgerWorld.Step;
import dev.teamcredits.notification.domain.OrgRoster.Member;
import dev.teamcredits.notification.domain.WhoIsTold.Notice;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

/**
 * The visibility rule over random days of an org: random rosters (admins, members with and without pool
 * access, a user of another org) and random sequences of ledger events (transfers pool↔member and
 * member↔member, spends from pool, member and personal balances, holds created, captured, released and
 * expired, top-up requests (by admins, auto top-ups and users) paid, declined or expired, purchases without a
 * request and operators' grants into the pool, member and personal balances, free personal credits, cycle
 * closes, departures with their sweep, and the alerts they cause; {@link LedgerWorld}). For every event and
 * every person, present, former or outsider, the stream shows exactly what the ledger's REST lets them read
 * ({@link WhatRestShows}, an oracle worked out on the events' JSON, not per type), and each notification
 * WhoIsTold makes carries exactly that as its data; buying credits tells exactly whom the spec names
 * ({@link #mustBeTold}). Coverage checks make sure every event type and every role's outcomes occur.
 */
class WhoSeesLedgerChangesPropertyTest {

    private static final UUID ORG = UUID.fromString("00000000-0000-0000-0000-0000000000a1");
    private static final String OUTSIDER = "olga-of-another-org";

    @Property(tries = 400)
    void everyPersonsStreamShowsExactlyWhatTheLedgerLetsThemRead(@ForAll("rosters") List<Person> people,
            @ForAll("days") List<Intent> day) {
        LedgerWorld world = new LedgerWorld(ORG, people, OUTSIDER, 1000);
        Set<UUID> expiredRequests = new HashSet<>();
        for (Intent intent : day) {
            for (Step step : world.apply(intent)) {
                if (step instanceof Happened happened) {
                    check(world, happened.event(), happened.roster(), intent, expiredRequests);
                }
            }
        }
        Statistics.label("event types").coverage(coverage -> {
            for (Class<?> type : LedgerEvent.class.getPermittedSubclasses()) {
                coverage.check(type.getSimpleName()).count(n -> n > 0);
            }
        });
        Statistics.label("buying").coverage(coverage -> {
            for (String kind : List.of("TopUpRequested POOL", "TopUpRequested MEMBER", "TopUpRequested PERSONAL",
                    "TopUpRequested POOL automatic", "TopUpRequested MEMBER automatic", "PurchaseCompleted POOL",
                    "PurchaseCompleted MEMBER", "PurchaseCompleted PERSONAL", "PurchaseCompleted POOL automatic",
                    "PurchaseCompleted MEMBER automatic", "PurchaseCompleted POOL without request",
                    "PurchaseCompleted MEMBER without request", "PurchaseCompleted PERSONAL without request",
                    "PurchaseCompleted late", "TopUpDeclined POOL", "TopUpDeclined MEMBER", "TopUpDeclined PERSONAL",
                    "TopUpDeclined MEMBER automatic", "TopUpExpired POOL", "TopUpExpired PERSONAL",
                    "TopUpExpired MEMBER automatic", "OperatorGranted POOL", "OperatorGranted MEMBER",
                    "OperatorGranted PERSONAL")) {
                coverage.check(kind).count(n -> n > 0);
            }
        });
        Statistics.label("shown").coverage(coverage -> {
            for (String outcome : List.of("admin whole", "member whole", "member without another's balance",
                    "member pool", "member nothing", "member without pool access pool",
                    "member without pool access whole", "former nothing", "outsider nothing", "outsider whole")) {
                coverage.check(outcome).count(n -> n > 0);
            }
        });
    }

    private static void check(LedgerWorld world, LedgerEvent event, OrgRoster roster, Intent intent,
            Set<UUID> expiredRequests) {
        String context = intent + " → " + event + "\nroster " + roster.members();
        Statistics.label("event types").collect(event.getClass().getSimpleName());
        Map<String, LedgerView> shown = new HashMap<>();
        for (WhoSeesLedgerChanges.Shown s : WhoSeesLedgerChanges.of(event, roster)) {
            for (String user : s.users()) {
                assertNull(shown.put(user, s.view()), "one view per person\n" + context);
            }
        }
        assertTrue(world.everyone().containsAll(shown.keySet()), "only people of this world\n" + context);
        for (String person : world.everyone()) {
            Optional<JsonNode> allowed = WhatRestShows.to(person, event, roster).map(v -> normal(v));
            Optional<JsonNode> actual = Optional.ofNullable(shown.get(person)).map(v -> normal(tree(v)));
            assertEquals(allowed, actual, person + "\n" + context);
            assertEquals(actual, WhoSeesLedgerChanges.viewFor(event, roster, person).map(v -> normal(tree(v))),
                    "viewFor agrees with of\n" + context);
            Statistics.label("shown").collect(role(person, world, roster) + " " + outcome(event, actual));
        }
        List<Notice> notices = WhoIsTold.about(event, roster);
        for (Notice notice : notices) {
            Optional<ObjectNode> allowed = WhatRestShows.to(notice.userId(), event, roster);
            assertTrue(allowed.isPresent(), notice + " told to someone who may not read it\n" + context);
            assertEquals(normal(allowed.get().get("data")),
                    normal(WhatRestShows.JSON.valueToTree(WhoSeesLedgerChanges.told(event, roster,
                            notice.userId()).data())), notice + "\n" + context);
        }
        mustBeTold(event, roster).ifPresent(told -> {
            assertEquals(told, notices.stream().map(n -> n.userId() + " " + n.type()).collect(Collectors.toSet()),
                    "who is told of buying credits\n" + context);
            assertEquals(told.size(), notices.size(), "each once\n" + context);
            buying(event, expiredRequests);
        });
    }

    /**
     * The spec's "Who is told" of buying credits, worked out apart from WhoIsTold: a purchase tells the user who
     * asked (an auto top-up's request is nobody's), the account's owner and the org's admins; a decline or an
     * expiry the user who asked and the admins; an operator's grant the owner and the admins; a request no one.
     * Nothing goes to someone who left the org. Empty for other events.
     */
    static Optional<Set<String>> mustBeTold(LedgerEvent event, OrgRoster org) {
        Set<String> users = new LinkedHashSet<>();
        String type;
        if (event instanceof PurchaseCompleted e) {
            type = e.requestId() == null ? "CREDITS_PURCHASED" : "TOP_UP_COMPLETED";
            if (e.requestId() != null && !"auto-top-up".equals(e.requestedBy())) {
                users.add(e.requestedBy());
            }
            users.add(e.account().userId());
        } else if (event instanceof TopUpDeclined e) {
            type = "TOP_UP_DECLINED";
            users.add(e.automatic() ? null : e.requestedBy());
        } else if (event instanceof TopUpExpired e) {
            type = "TOP_UP_EXPIRED";
            users.add(e.automatic() ? null : e.requestedBy());
        } else if (event instanceof OperatorGranted e) {
            type = "OPERATOR_GRANT";
            users.add(e.account().userId());
        } else if (event instanceof TopUpRequested) {
            return Optional.of(Set.of());
        } else {
            return Optional.empty();
        }
        users.remove(null);
        if (event.orgId() != null) {
            users.addAll(org.activeAdmins());
            users.removeIf(user -> org.member(user).filter(Member::active).isEmpty());
        }
        return Optional.of(users.stream().map(user -> user + " " + type).collect(Collectors.toSet()));
    }

    /** What kinds of buying the days had. */
    private static void buying(LedgerEvent event, Set<UUID> expiredRequests) {
        String kind;
        if (event instanceof PurchaseCompleted e) {
            kind = "PurchaseCompleted " + e.account().kind() + (e.requestId() == null ? " without request"
                    : "auto-top-up".equals(e.requestedBy()) ? " automatic" : "");
        } else if (event instanceof TopUpDeclined e) {
            kind = "TopUpDeclined " + e.account().kind() + (e.automatic() ? " automatic" : "");
        } else if (event instanceof TopUpExpired e) {
            kind = "TopUpExpired " + e.account().kind() + (e.automatic() ? " automatic" : "");
        } else if (event instanceof OperatorGranted e) {
            kind = "OperatorGranted " + e.account().kind();
        } else {
            TopUpRequested e = (TopUpRequested) event;
            kind = "TopUpRequested " + e.account().kind() + (e.automatic() ? " automatic" : "");
        }
        if (event instanceof TopUpExpired e) {
            expiredRequests.add(e.requestId());
        }
        if (event instanceof PurchaseCompleted e && expiredRequests.contains(e.requestId())) {
            Statistics.label("buying").collect("PurchaseCompleted late");
        }
        Statistics.label("buying").collect(kind);
    }


    @Provide
    Arbitrary<List<Person>> rosters() {
        Arbitrary<Boolean> flag = Arbitraries.of(true, false);
        return Combinators.combine(flag, flag).as((admin, pool) -> new boolean[] { admin, pool }).list().ofMinSize(1)
                .ofMaxSize(5).map(flags -> {
                    List<Person> people = new ArrayList<>(List.of(new Person("p0", "Ada", true, true)));
                    for (int i = 0; i < flags.size(); i++) {
                        people.add(new Person("p" + (i + 1), "person " + (i + 1), flags.get(i)[0], flags.get(i)[1]));
                    }
                    return people;
                });
    }

    @Provide
    Arbitrary<List<Intent>> days() {
        Arbitrary<Op> ops = Arbitraries.frequency(Arrays.stream(Op.values()).map(op -> Tuple.of(op.weight, op))
                .toList());
        return Combinators.combine(ops, Arbitraries.integers().between(0, 99),
                Arbitraries.integers().between(0, 99), Arbitraries.longs().between(1, 300)).as(Intent::new)
                .list().ofMinSize(1).ofMaxSize(60);
    }

    private static String role(String person, LedgerWorld world, OrgRoster roster) {
        if (person.equals(OUTSIDER)) {
            return "outsider";
        }
        Member member = roster.member(person).orElseThrow();
        if (!member.active()) {
            return "former";
        }
        if (member.isActiveAdmin()) {
            return "admin";
        }
        boolean poolAccess = world.people().stream().anyMatch(p -> p.userId().equals(person) && p.poolAccess());
        return poolAccess ? "member" : "member without pool access";
    }

    private static String outcome(LedgerEvent event, Optional<JsonNode> view) {
        if (view.isEmpty()) {
            return "nothing";
        }
        if (WhatRestShows.POOL_BALANCE.equals(view.get().path("type").asText())) {
            return "pool";
        }
        return view.get().get("data").equals(normal(WhatRestShows.JSON.valueToTree(event))) ? "whole"
                : "without another's balance";
    }

    private static ObjectNode tree(LedgerView view) {
        ObjectNode node = WhatRestShows.JSON.createObjectNode();
        node.put("type", view.type());
        node.set("data", WhatRestShows.JSON.valueToTree(view.data()));
        return node;
    }

    private static JsonNode normal(JsonNode node) {
        try {
            return WhatRestShows.JSON.readTree(node.toString());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
