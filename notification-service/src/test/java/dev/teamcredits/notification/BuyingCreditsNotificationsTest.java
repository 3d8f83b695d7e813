package dev.teamcredits.notification;

import static dev.teamcredits.notification.NotificationFixture.as;
import static dev.teamcredits.notification.NotificationFixture.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.teamcredits.common.EventStreams;
import dev.teamcredits.events.CloudEvent;
import dev.teamcredits.events.EventCatalog;
import dev.teamcredits.events.EventCodec;
import dev.teamcredits.events.Topics;
import dev.teamcredits.events.ledger.AccountRef;
import dev.teamcredits.events.ledger.BalanceView;
import dev.teamcredits.events.ledger.CreditsGranted;
import dev.teamcredits.events.ledger.LedgerEvent;
import dev.teamcredits.events.ledger.OperatorGranted;
import dev.teamcredits.events.ledger.PurchaseCompleted;
import dev.teamcredits.events.ledger.TopUpDeclined;
import dev.teamcredits.events.ledger.TopUpExpired;
import dev.teamcredits.events.ledger.TopUpRequested;
import dev.teamcredits.events.team.Role;
import dev.teamcredits.notification.NotificationFixture.Org;
import dev.teamcredits.notification.NotificationFixture.User;
import dev.teamcredits.notification.WebhookReceiver.Call;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Buying credits, told through every channel, end to end: real events through the real broker (an org's keyed
 * by the org, a personal balance's by its user), the inbox, email to a real SMTP server, signed webhooks to a real
 * receiver and real SSE streams. For each kind (a request paid, a purchase without a request, a request declined,
 * a request expired, an operator's grant; into the pool, a member balance and personal balances) the people the
 * spec names get exactly one notification on each channel their preferences leave on, and nobody else gets
 * anything: not a plain member for another member's purchase, not the user of another org; a personal balance's
 * event reaches no org's webhook. The same records delivered again tell no one twice. (The rule alone, table by
 * table: {@code domain/WhoIsToldTest}, {@code domain/WhoSeesLedgerChangesTest}.)
 */
@QuarkusTest
class BuyingCreditsNotificationsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String POOL_BALANCE = "dev.teamcredits.stream.pool-balance.v1";
    private static final Set<String> BUYING = Set.of("TOP_UP_COMPLETED", "CREDITS_PURCHASED", "TOP_UP_DECLINED",
            "TOP_UP_EXPIRED", "OPERATOR_GRANT");

    @TestHTTPResource("/v1/me/stream")
    URI stream;

    /** The CloudEvent id each ledger event was published with. */
    private final Map<LedgerEvent, String> ids = new HashMap<>();

    @Test
    void eachPurchaseDeclineExpiryAndGrantReachesWhomTheSpecNamesOnEveryChannelOnce() throws Exception {
        Org org = Org.create();
        User ada = org.admin;
        User bob = org.join("bob", Role.ADMIN, true);
        User ben = org.join("ben");
        User cleo = org.join("cleo");
        Org other = Org.create();
        User olga = other.admin;
        await("olga known", () -> as(olga).get("/v1/orgs/{o}/webhooks", other.id).statusCode() == 200);
        // Bob wants no email of completed top-ups and no stream message of grants: his choices hold.
        as(bob).contentType(ContentType.JSON).body("{\"preferences\":[{\"type\":\"TOP_UP_COMPLETED\",\"email\":false},"
                + "{\"type\":\"OPERATOR_GRANT\",\"stream\":false}]}").put("/v1/me/notification-preferences").then()
                .statusCode(200);

        AccountRef pool = AccountRef.pool();
        AccountRef bens = AccountRef.member(ben.subject());
        AccountRef cleos = AccountRef.member(cleo.subject());
        AccountRef bensOwn = AccountRef.personal(ben.subject());
        AccountRef olgas = AccountRef.personal(olga.subject());
        Instant now = Instant.now();
        UUID adasRequest = UUID.randomUUID();
        UUID bobsRequest = UUID.randomUUID();
        UUID autoRequest = UUID.randomUUID();
        UUID bensRequest = UUID.randomUUID();
        TopUpRequested poolAsked = new TopUpRequested(org.id, adasRequest, pool, 500, ada.subject(), false,
                now.plusSeconds(86400), now);
        PurchaseCompleted poolPaid = new PurchaseCompleted(org.id, UUID.randomUUID(), UUID.randomUUID(), adasRequest,
                pool, 500, "pay_pool_1", 50000L, "EUR", ada.subject(), balance(pool, 1500), "billing-backend", now);
        PurchaseCompleted benBought = new PurchaseCompleted(org.id, UUID.randomUUID(), UUID.randomUUID(), null, bens,
                300, "pay_ben_1", null, null, null, balance(bens, 340), "billing-backend", now);
        TopUpRequested bobAsked = new TopUpRequested(org.id, bobsRequest, pool, 800, bob.subject(), false,
                now.plusSeconds(86400), now);
        TopUpDeclined bobDeclined = new TopUpDeclined(org.id, bobsRequest, pool, 800, "card refused by the issuer",
                bob.subject(), false, "billing-backend", now);
        TopUpRequested cleoAuto = new TopUpRequested(org.id, autoRequest, cleos, 200, "auto-top-up", true,
                now.plusSeconds(86400), now);
        TopUpExpired cleoExpired = new TopUpExpired(org.id, autoRequest, cleos, 200, "auto-top-up", true, now);
        OperatorGranted cleoGranted = new OperatorGranted(org.id, UUID.randomUUID(), cleos, 50,
                "goodwill after the outage", balance(cleos, 50), "ops-console", now);
        TopUpRequested benAsked = new TopUpRequested(null, bensRequest, bensOwn, 100, ben.subject(), false,
                now.plusSeconds(86400), now);
        PurchaseCompleted benPaid = new PurchaseCompleted(null, UUID.randomUUID(), UUID.randomUUID(), bensRequest,
                bensOwn, 100, "pay_personal_1", 100L, "EUR", ben.subject(), balance(bensOwn, 110), "billing-backend",
                now);
        // Free credits of a personal balance were there before buying: still its owner's stream only.
        CreditsGranted benFree = new CreditsGranted(null, UUID.randomUUID(), bensOwn, 10, "FREE", "FREE", null,
                balance(bensOwn, 120), "system", now);
        OperatorGranted olgaGranted = new OperatorGranted(null, UUID.randomUUID(), olgas, 25,
                "migration from the old system", balance(olgas, 25), "ops-console", now);

        Map<String, SseClient> streams = new LinkedHashMap<>();
        try (WebhookReceiver orgHook = new WebhookReceiver(0); WebhookReceiver otherHook = new WebhookReceiver(0)) {
            register(org, orgHook);
            register(other, otherHook);
            Map<String, User> users = new LinkedHashMap<>();
            users.put("ada", ada);
            users.put("bob", bob);
            users.put("ben", ben);
            users.put("cleo", cleo);
            users.put("olga", olga);
            for (Map.Entry<String, User> user : users.entrySet()) {
                streams.put(user.getKey(), new SseClient(stream, user.getValue().token()));
            }
            List<String[]> records = new ArrayList<>();
            for (LedgerEvent e : List.of(poolAsked, poolPaid, benBought, bobAsked, bobDeclined, cleoAuto, cleoExpired,
                    cleoGranted, benAsked, benPaid, olgaGranted)) {
                CloudEvent<LedgerEvent> event = CloudEvent.of("/ledger-service", e);
                ids.put(e, event.id());
                String record = EventCodec.encode(event);
                records.add(new String[] { e.key(), record });
                if (e == poolPaid || e == benPaid || e == olgaGranted) {
                    // Kafka delivers these again (a producer retry, a consumer rebalance): nobody is told twice.
                    records.add(new String[] { e.key(), record });
                    records.add(new String[] { e.key(), record });
                }
            }
            CloudEvent<LedgerEvent> free = CloudEvent.of("/ledger-service", benFree);
            ids.put(benFree, free.id());
            records.add(new String[] { benFree.key(), EventCodec.encode(free) });
            EventStreams.produce(Topics.LEDGER, records);

            // The stream: what each may read of each change (an admin the org's whole, a member their own and the
            // pool's numbers after credits arrived, a user their personal balance), each once.
            Map<String, List<String>> ledger = Map.of(
                    "ada", List.of(whole(poolAsked), whole(poolPaid), whole(benBought), whole(bobAsked),
                            whole(bobDeclined), whole(cleoAuto), whole(cleoExpired), whole(cleoGranted)),
                    "bob", List.of(whole(poolAsked), whole(poolPaid), whole(benBought), whole(bobAsked),
                            whole(bobDeclined), whole(cleoAuto), whole(cleoExpired), whole(cleoGranted)),
                    "ben", List.of(POOL_BALANCE + " " + ids.get(poolPaid), whole(benBought), whole(benAsked),
                            whole(benPaid), whole(benFree)),
                    "cleo", List.of(POOL_BALANCE + " " + ids.get(poolPaid), whole(cleoAuto), whole(cleoExpired),
                            whole(cleoGranted)),
                    "olga", List.of(whole(olgaGranted)));
            // The notifications: the requester, the owner and the admins, as the spec's "Who is told" says.
            Map<String, List<String>> told = Map.of(
                    "ada", List.of("TOP_UP_COMPLETED " + ids.get(poolPaid), "CREDITS_PURCHASED " + ids.get(benBought),
                            "TOP_UP_DECLINED " + ids.get(bobDeclined), "TOP_UP_EXPIRED " + ids.get(cleoExpired),
                            "OPERATOR_GRANT " + ids.get(cleoGranted)),
                    "bob", List.of("TOP_UP_COMPLETED " + ids.get(poolPaid), "CREDITS_PURCHASED " + ids.get(benBought),
                            "TOP_UP_DECLINED " + ids.get(bobDeclined), "TOP_UP_EXPIRED " + ids.get(cleoExpired),
                            "OPERATOR_GRANT " + ids.get(cleoGranted)),
                    "ben", List.of("CREDITS_PURCHASED " + ids.get(benBought), "TOP_UP_COMPLETED " + ids.get(benPaid)),
                    "cleo", List.of("OPERATOR_GRANT " + ids.get(cleoGranted)),
                    "olga", List.of("OPERATOR_GRANT " + ids.get(olgaGranted)));
            for (String name : users.keySet()) {
                await(name + "'s inbox", () -> inbox(users.get(name)).size() >= told.get(name).size());
                streams.get(name).until("ledger", ledger.get(name).size(), 30);
            }
            // Email is on for every kind of buying by default; Bob turned it off for completed top-ups.
            Map<String, List<String>> mailed = new HashMap<>();
            told.forEach((name, notices) -> mailed.put(name, notices.stream().map(t -> t.split(" ")[0])
                    .filter(t -> !(name.equals("bob") && t.equals("TOP_UP_COMPLETED"))).toList()));
            for (String name : users.keySet()) {
                await(name + "'s emails", () -> SmtpSink.to(users.get(name).email()).size()
                        >= mailed.get(name).size());
            }
            await("webhook calls", () -> orgHook.calls().size() >= 5);
            Thread.sleep(1500); // whatever should not come has had time to come, another round of emails too

            Map<String, String> wrong = new TreeMap<>();
            for (String name : users.keySet()) {
                User user = users.get(name);
                List<String[]> received = new ArrayList<>(streams.get(name).seen());
                received.addAll(streams.get(name).drain());
                check(wrong, name + "'s inbox", sorted(told.get(name)), sorted(inbox(user).stream()
                        .map(n -> n.path("type").asText() + " " + n.path("eventId").asText()).toList()));
                check(wrong, name + "'s stream of ledger changes", sorted(ledger.get(name)), sorted(received.stream()
                        .filter(m -> m[0].equals("ledger")).map(m -> typeAndEvent(m[1])).toList()));
                // Bob turned the stream off for grants: his inbox has it, his stream does not.
                List<String> streamed = told.get(name).stream()
                        .filter(t -> !(name.equals("bob") && t.startsWith("OPERATOR_GRANT"))).toList();
                check(wrong, name + "'s stream of notifications", sorted(streamed), sorted(received.stream()
                        .filter(m -> m[0].equals("notification")).map(m -> typeAndEvent(m[1]))
                        .filter(t -> BUYING.contains(t.split(" ")[0])).toList()));
                check(wrong, name + "'s emails", sorted(mailed.get(name)), sorted(SmtpSink.to(user.email()).stream()
                        .map(BuyingCreditsNotificationsTest::typeOf).toList()));
            }
            // The org's webhook: every org event that tells someone, once, as published; not a request, and no
            // personal balance's event. The other org's webhook gets nothing of its admin's personal balance.
            check(wrong, "the org's webhook", sorted(List.of(ids.get(poolPaid), ids.get(benBought),
                    ids.get(bobDeclined), ids.get(cleoExpired), ids.get(cleoGranted))),
                    sorted(orgHook.calls().stream().map(c -> read(c.body()).path("id").asText()).toList()));
            check(wrong, "the other org's webhook", List.of(), otherHook.calls().stream().map(Call::body).toList());
            assertTrue(wrong.isEmpty(), wrong.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue())
                    .collect(Collectors.joining("\n")));
        } finally {
            streams.values().forEach(SseClient::close);
        }

        // What they say: the amount, the account as the reader knows it, the reason; never another's balance.
        assertEquals("Your top-up request of 500 credits for the team pool of Acme Research was paid (payment "
                + "pay_pool_1); the credits have arrived. The pool now has 1500.", body(ada, "TOP_UP_COMPLETED"));
        assertEquals("Ada's top-up request of 500 credits for the team pool of Acme Research was paid (payment "
                + "pay_pool_1); the credits have arrived. The pool now has 1500.", body(bob, "TOP_UP_COMPLETED"));
        assertEquals("300 credits were bought for your balance in Acme Research (payment pay_ben_1). Your balance is "
                + "now 340.", body(ben, "CREDITS_PURCHASED"));
        assertEquals("300 credits were bought for ben's balance in Acme Research (payment pay_ben_1).",
                body(ada, "CREDITS_PURCHASED"));
        assertEquals("Your top-up request of 800 credits for the team pool of Acme Research was declined — reason: "
                + "card refused by the issuer. No credits were added.", body(bob, "TOP_UP_DECLINED"));
        assertEquals("The auto top-up's request of 200 credits for cleo's balance in Acme Research was neither paid "
                + "nor declined in time and has expired. No credits were added.", body(ada, "TOP_UP_EXPIRED"));
        assertEquals("An operator granted 50 credits to your balance in Acme Research — reason: goodwill after the "
                + "outage. Your balance is now 50.", body(cleo, "OPERATOR_GRANT"));
        assertEquals("Your top-up request of 100 credits for your personal balance was paid (payment "
                + "pay_personal_1); the credits have arrived. Your personal balance is now 110.",
                body(ben, "TOP_UP_COMPLETED"));
        assertEquals("An operator granted 25 credits to your personal balance — reason: migration from the old "
                + "system. Your personal balance is now 25.", body(olga, "OPERATOR_GRANT"));
        // A personal balance's notification belongs to no org; its data is the event, which is its owner's.
        JsonNode personal = inbox(ben).stream().filter(n -> n.path("type").asText().equals("TOP_UP_COMPLETED"))
                .findFirst().orElseThrow();
        assertTrue(!personal.hasNonNull("orgId"), personal.toString());
        assertEquals(benPaid.purchaseId().toString(), personal.path("data").path("purchaseId").asText());
        // A plain member told of nothing else: the pool's purchase is only the pool's numbers on her stream.
        assertNull(inbox(cleo).stream().filter(n -> n.path("type").asText().equals("CREDITS_PURCHASED")).findAny()
                .orElse(null));
        MimeMessage declined = SmtpSink.to(bob.email()).stream().filter(m -> typeOf(m).equals("TOP_UP_DECLINED"))
                .findFirst().orElseThrow();
        assertEquals("Top-up of 800 credits declined", declined.getSubject());
    }

    private static BalanceView balance(AccountRef account, long balance) {
        return new BalanceView(account, balance, 0, balance);
    }

    private void register(Org org, WebhookReceiver receiver) {
        as(org.admin).contentType(ContentType.JSON).body(Map.of("url", receiver.url()))
                .post("/v1/orgs/{o}/webhooks", org.id).then().statusCode(201);
    }

    /** The stream message of the event as published: its type and id. */
    private String whole(LedgerEvent event) {
        return EventCatalog.typeOf(event.getClass()) + " " + ids.get(event);
    }

    /** The user's buying notifications (their inbox also tells of members joining). */
    private static List<JsonNode> inbox(User user) {
        JsonNode items = JSON.valueToTree(as(user).get("/v1/me/notifications?limit=100").then().statusCode(200)
                .extract().jsonPath().getList("items"));
        List<JsonNode> buying = new ArrayList<>();
        items.forEach(n -> {
            if (BUYING.contains(n.path("type").asText())) {
                buying.add(n);
            }
        });
        return buying;
    }

    private static String body(User user, String type) {
        return inbox(user).stream().filter(n -> n.path("type").asText().equals(type)).findFirst().orElseThrow()
                .path("body").asText();
    }

    /** A stream message's type (a ledger change's, or a notification's) and the id of the event it is about. */
    private static String typeAndEvent(String message) {
        JsonNode node = read(message);
        return node.path("type").asText() + " " + node.path("eventId").asText();
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String typeOf(MimeMessage mail) {
        try {
            return mail.getHeader("X-Team-Credits-Type")[0];
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> sorted(List<String> values) {
        return values.stream().sorted().toList();
    }

    private static void check(Map<String, String> wrong, String what, List<String> expected, List<String> actual) {
        if (!expected.equals(actual)) {
            wrong.put(what, "expected " + expected + ", got " + actual);
        }
    }
}
