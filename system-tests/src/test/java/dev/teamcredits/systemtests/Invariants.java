package dev.teamcredits.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.teamcredits.systemtests.Api.Who;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What must hold at the end of every test, checked only through the public APIs and the topics:
 * the journal sums to zero and agrees with every balance, credits came only from the plan, purchases and
 * operator grants (and each purchase is in its account's purchase history), usage counters equal the ledger's
 * spends per member and cycle, and each transfer recipient has exactly one inbox notification for it.
 */
final class Invariants {

    static final String SPENT = "dev.teamcredits.ledger.credits.spent.v1";

    private Invariants() {
    }

    static void check(Org org) {
        ledgerAuditFindsNothing(org.api);
        journalAgreesWithBalances(org);
        creditsCameFromThePlanPurchasesOrGrants(org);
        usageEqualsLedgerSpends(org);
        Notifications.oneInboxNotificationPerTransferRecipient(org);
    }

    /** The ledger's own recomputation of balances, lots and holds from the journal (operator endpoint). */
    static void ledgerAuditFindsNothing(Api api) {
        JsonNode audit = api.get(Api.OPS, api.ledger() + "/v1/admin/ledger/audit").expect(200).body();
        assertEquals(List.of(), toList(audit.get("findings")), "ledger audit findings");
        assertTrue(audit.get("consistent").asBoolean());
    }

    /**
     * Every transaction's entries sum to zero, and the pool's and every member's balance equal the
     * sum of their entries in the history; a member no longer in the org holds nothing (no credit stranded).
     */
    static void journalAgreesWithBalances(Org org) {
        Map<String, Long> sums = new HashMap<>();
        for (JsonNode tx : org.transactions()) {
            long total = 0;
            for (var it = tx.path("accounts").fields(); it.hasNext();) {
                var entry = it.next();
                total += entry.getValue().asLong();
                sums.merge(entry.getKey(), entry.getValue().asLong(), Long::sum);
            }
            assertEquals(0, total, "transaction " + tx.get("id") + " (" + tx.get("type") + ") sums to zero");
        }
        JsonNode balances = org.balances();
        assertEquals(sums.getOrDefault("POOL:" + org.id, 0L), balances.get("pool").get("balance").asLong(),
                "pool balance equals its journal sum");
        Set<String> listed = new TreeSet<>();
        for (JsonNode m : balances.get("members")) {
            String ref = "MEMBER:" + org.id + ":" + m.get("userId").asText();
            listed.add(ref);
            assertEquals(sums.getOrDefault(ref, 0L), m.get("balance").asLong(), ref + " equals its journal sum");
        }
        sums.forEach((ref, sum) -> {
            if (ref.startsWith("MEMBER:") && !listed.contains(ref)) {
                assertEquals(0L, sum, ref + " left the org but still holds credits");
            }
        });
    }

    /**
     * Credits enter the org only from the plan (issuance), a purchase or an operator's grant with a reason; and each
     * account's purchase history shows, as completed, exactly the purchases the journal credited to it.
     */
    static void creditsCameFromThePlanPurchasesOrGrants(Org org) {
        Map<String, List<Long>> purchasedInto = new TreeMap<>();
        for (JsonNode tx : org.transactions()) {
            String type = tx.get("type").asText();
            for (var it = tx.path("accounts").fields(); it.hasNext();) {
                var entry = it.next();
                if (!entry.getKey().startsWith("SYSTEM:") || entry.getValue().asLong() >= 0) {
                    continue;
                }
                String origin = entry.getKey() + " " + type;
                assertTrue(Set.of("SYSTEM:ISSUANCE GRANT", "SYSTEM:PURCHASES PURCHASE", "SYSTEM:GRANTS GRANT")
                        .contains(origin), "transaction " + tx.get("id") + " brings credits from " + origin);
                if (origin.equals("SYSTEM:GRANTS GRANT")) {
                    assertTrue(!tx.path("reason").asText("").isBlank(), "operator grant " + tx.get("id")
                            + " without a reason");
                }
            }
            if (type.equals("PURCHASE")) {
                tx.path("accounts").fields().forEachRemaining(e -> {
                    if (!e.getKey().startsWith("SYSTEM:")) {
                        purchasedInto.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue().asLong());
                    }
                });
            }
        }
        List<String> accounts = new ArrayList<>(List.of("pool"));
        org.balances().get("members").forEach(m -> accounts.add(m.get("userId").asText()));
        for (String account : accounts) {
            String ref = account.equals("pool") ? "POOL:" + org.id : "MEMBER:" + org.id + ":" + account;
            List<Long> completed = new ArrayList<>();
            for (JsonNode item : purchaseHistory(org, account)) {
                if (item.get("status").asText().equals("completed")) {
                    completed.add(item.get("amount").asLong());
                }
            }
            List<Long> journal = new ArrayList<>(purchasedInto.getOrDefault(ref, List.of()));
            completed.sort(null);
            journal.sort(null);
            assertEquals(journal, completed, "purchases the journal credited to " + ref + " vs. its purchase history");
        }
    }

    /** The purchase history of an org account ({@code pool} or a member's user id), all pages, as the admin. */
    static List<JsonNode> purchaseHistory(Org org, String account) {
        List<JsonNode> all = new ArrayList<>();
        String cursor = null;
        do {
            String url = org.ledger("/accounts/" + account + "/purchases?limit=200"
                    + (cursor == null ? "" : "&cursor=" + Api.q(cursor)));
            JsonNode page = org.api.get(Api.ADA, url).expect(200).body();
            page.get("items").forEach(all::add);
            cursor = page.path("nextCursor").isTextual() ? page.get("nextCursor").asText() : null;
        } while (cursor != null);
        return all;
    }

    /** Spend events (deduplicated by transaction) summed per cycle and member, by source kind. */
    record Expected(Map<String, Map<String, long[]>> byCycleAndUser, Set<String> spendTransactionIds) {
    }

    static Expected spendsFromEvents(Org org) {
        Map<String, JsonNode> spends = new LinkedHashMap<>();
        for (EventLog.Event e : SystemStack.events().forOrg(org.id)) {
            if (e.topic().equals("ledger.events") && e.type().equals(SPENT)) {
                spends.putIfAbsent(e.data().get("transactionId").asText(), e.data());
            }
        }
        Map<String, Map<String, long[]>> expected = new TreeMap<>();
        for (JsonNode s : spends.values()) {
            long[] row = expected.computeIfAbsent(s.get("cycleStart").asText(), c -> new TreeMap<>())
                    .computeIfAbsent(s.get("userId").asText(), u -> new long[3]);
            for (JsonNode source : s.get("sources")) {
                int i = switch (source.get("account").get("kind").asText()) {
                    case "POOL" -> 0;
                    case "MEMBER" -> 1;
                    default -> 2;
                };
                row[i] += source.get("amount").asLong();
            }
        }
        return new Expected(expected, spends.keySet());
    }

    /**
     * Every spend the ledger committed has arrived as an event, and the usage service's counters for
     * each member and cycle equal those events' sums (pool = "Credits Used", member, personal).
     */
    static void usageEqualsLedgerSpends(Org org) {
        Set<String> ledgerSpends = new TreeSet<>();
        for (JsonNode tx : org.transactions()) {
            if (tx.get("type").asText().equals("SPEND")) {
                ledgerSpends.add(tx.get("id").asText());
            }
        }
        Waits.untilAsserted("every spend of " + org.id + " arrives on ledger.events", () -> assertEquals(ledgerSpends,
                new TreeSet<>(spendsFromEvents(org).spendTransactionIds())));
        Expected expected = spendsFromEvents(org);
        Waits.untilAsserted("usage counters of " + org.id + " equal the ledger's spends", () -> {
            for (var cycle : expected.byCycleAndUser().entrySet()) {
                Map<String, long[]> actual = usage(org, cycle.getKey());
                for (var member : cycle.getValue().entrySet()) {
                    long[] counted = actual.getOrDefault(member.getKey(), new long[3]);
                    assertEquals(List.of(member.getValue()[0], member.getValue()[1], member.getValue()[2]),
                            List.of(counted[0], counted[1], counted[2]), "usage (pool, member, personal) of "
                                    + member.getKey() + " in cycle " + cycle.getKey());
                }
                actual.forEach((user, counted) -> {
                    if (!cycle.getValue().containsKey(user)) {
                        assertEquals(List.of(0L, 0L, 0L), List.of(counted[0], counted[1], counted[2]),
                                "usage of " + user + " without spends in cycle " + cycle.getKey());
                    }
                });
            }
        });
    }

    /** The usage table of a cycle: user id → {creditsUsed (pool), fromMember, fromPersonal}. */
    static Map<String, long[]> usage(Org org, String cycle) {
        JsonNode table = org.api.get(Api.ADA, org.usage("/usage?cycle=" + cycle)).expect(200).body();
        Map<String, long[]> rows = new HashMap<>();
        for (JsonNode m : table.get("members")) {
            rows.put(m.get("userId").asText(), new long[] { m.get("creditsUsed").asLong(),
                    m.get("fromMember").asLong(), m.get("fromPersonal").asLong() });
        }
        return rows;
    }

    static List<String> toList(JsonNode array) {
        List<String> list = new ArrayList<>();
        array.forEach(n -> list.add(n.asText()));
        return list;
    }

    /** The realm user with this subject. */
    static Who userWithId(String subject) {
        return Api.SUBJECTS.entrySet().stream().filter(e -> e.getValue().equals(subject)).findFirst()
                .map(e -> Who.user(e.getKey())).orElseThrow(() -> new AssertionError("unknown user " + subject));
    }
}
