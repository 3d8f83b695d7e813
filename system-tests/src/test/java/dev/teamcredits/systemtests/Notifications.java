package dev.teamcredits.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.teamcredits.local.SmtpServer;
import dev.teamcredits.systemtests.Api.Who;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The notification service's part, written against its contract (inbox under /v1/me/notifications,
 * email over SMTP to the sink the stack runs). Kept apart from the other checks so their results
 * stand on their own while the notification service is being built.
 */
final class Notifications {

    private Notifications() {
    }

    /** The caller's inbox for one org, newest first (all pages). */
    static List<JsonNode> inbox(Org org, Who who) {
        List<JsonNode> items = new ArrayList<>();
        String cursor = null;
        do {
            String url = org.api.notifications() + "/v1/me/notifications?orgId=" + org.id + "&limit=100"
                    + (cursor == null ? "" : "&cursor=" + Api.q(cursor));
            Api.Reply reply = org.api.get(who, url);
            if (reply.status() == 404) {
                // No such endpoint: not something to wait for, so fail at once.
                throw new IllegalStateException("The notification service has no inbox (GET /v1/me/notifications "
                        + "answered 404)");
            }
            JsonNode page = reply.expect(200).body();
            page.get("items").forEach(items::add);
            cursor = page.path("nextCursor").isTextual() ? page.get("nextCursor").asText() : null;
        } while (cursor != null);
        return items;
    }

    /** The inbox items of a type about one ledger transaction. */
    static List<JsonNode> about(Org org, Who who, String type, String transactionId) {
        return inbox(org, who).stream().filter(n -> n.path("type").asText().equals(type))
                .filter(n -> n.path("data").path("transactionId").asText().equals(transactionId)).toList();
    }

    /** Waits until exactly one notification of {@code type} about the transaction is in the inbox. */
    static JsonNode awaitOne(Org org, Who who, String type, String transactionId) {
        Waits.untilAsserted(type + " for " + who + " about " + transactionId,
                () -> assertEquals(1, about(org, who, type, transactionId).size()));
        return about(org, who, type, transactionId).get(0);
    }

    /** Waits until the inbox holds a notification of {@code type}. */
    static void awaitType(Org org, Who who, String type) {
        Waits.untilAsserted(type + " for " + who, () -> assertEquals(true, inbox(org, who).stream()
                .anyMatch(n -> n.path("type").asText().equals(type)), "an inbox item of type " + type));
    }

    /**
     * Every transfer that credited a member shows up once in that member's inbox, never twice. Each
     * recipient's inbox is read once per poll (not once per transfer), so long flows stay cheap.
     */
    static void oneInboxNotificationPerTransferRecipient(Org org) {
        Map<String, List<String>> expected = new HashMap<>();
        for (JsonNode tx : org.transactions()) {
            if (!tx.get("type").asText().equals("TRANSFER")) {
                continue;
            }
            for (var it = tx.path("accounts").fields(); it.hasNext();) {
                var entry = it.next();
                if (entry.getKey().startsWith("MEMBER:") && entry.getValue().asLong() > 0) {
                    String userId = entry.getKey().substring(entry.getKey().lastIndexOf(':') + 1);
                    expected.computeIfAbsent(userId, u -> new ArrayList<>()).add(tx.get("id").asText());
                }
            }
        }
        expected.forEach((userId, transactions) -> {
            Who who = Invariants.userWithId(userId);
            Waits.untilAsserted("one TRANSFER_RECEIVED per transfer for " + who, () -> {
                Map<String, Long> told = inbox(org, who).stream()
                        .filter(n -> n.path("type").asText().equals("TRANSFER_RECEIVED"))
                        .collect(Collectors.groupingBy(n -> n.path("data").path("transactionId").asText(),
                                Collectors.counting()));
                for (String tx : transactions) {
                    assertEquals(1L, told.getOrDefault(tx, 0L), "notifications about transfer " + tx);
                }
            });
        });
    }

    /** Waits for an email to {@code address} whose subject contains {@code subjectPart}; fails on two. */
    static SmtpServer.Mail awaitOneEmail(String address, String subjectPart, String bodyPart) {
        Waits.untilAsserted("one email to " + address + " about '" + subjectPart + "'",
                () -> assertEquals(1, emails(address, subjectPart, bodyPart).size()));
        return emails(address, subjectPart, bodyPart).get(0);
    }

    static List<SmtpServer.Mail> emails(String address, String subjectPart, String bodyPart) {
        return SystemStack.smtp().received().stream()
                .filter(m -> m.to().stream().anyMatch(t -> t.contains(address)))
                .filter(m -> m.subject() != null && m.subject().contains(subjectPart))
                .filter(m -> bodyPart == null || (m.body() != null && m.body().contains(bodyPart)))
                .toList();
    }
}
