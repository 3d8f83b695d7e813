package dev.teamcredits.ledger;

import static dev.teamcredits.ledger.LedgerFixture.as;
import static dev.teamcredits.ledger.LedgerFixture.post;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.teamcredits.events.CloudEvent;
import dev.teamcredits.events.DomainEvent;
import dev.teamcredits.events.EventCodec;
import dev.teamcredits.events.Topics;
import dev.teamcredits.events.ledger.CreditsSpent;
import dev.teamcredits.events.ledger.OperatorGranted;
import dev.teamcredits.events.ledger.PurchaseCompleted;
import dev.teamcredits.events.ledger.TopUpDeclined;
import dev.teamcredits.events.ledger.TopUpExpired;
import dev.teamcredits.events.ledger.TopUpRequested;
import dev.teamcredits.events.ledger.TransferCompleted;
import dev.teamcredits.events.team.MemberJoined;
import dev.teamcredits.events.team.OrgCreated;
import dev.teamcredits.events.team.OrgSettings;
import dev.teamcredits.events.team.PlanTerms;
import dev.teamcredits.events.team.Plan;
import dev.teamcredits.events.team.Role;
import dev.teamcredits.ledger.LedgerFixture.Org;
import dev.teamcredits.local.InfraControl;
import dev.teamcredits.ledger.LedgerFixture.User;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

@QuarkusTest
class LedgerEventsTest extends LedgerTestBase {

    private static List<CloudEvent<DomainEvent>> ledgerEvents(UUID orgId, int count) {
        try (KafkaCompanion companion = new KafkaCompanion(LedgerFixture.bootstrap())) {
            ConsumerTask<String, String> task = companion.consumeStrings()
                    .fromTopics(Topics.LEDGER, r -> r.select().where(x -> orgId.toString().equals(x.key())));
            task.awaitRecords(count, Duration.ofSeconds(30));
            try {
                Thread.sleep(1_500); // a duplicate would show up within a relay round or two
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            List<CloudEvent<DomainEvent>> events = task.getRecords().stream().map(ConsumerRecord::value)
                    .map(EventCodec::decode).toList();
            task.stop();
            return events;
        }
    }

    @Test
    void everyCommittedTransactionIsOneCloudEventKeyedByOrg() {
        Org org = Org.create(Plan.PRO, 1000, false, true);
        User ben = org.join("ben", true, null);
        org.transfer("pool", ben.subject(), 10);
        post(ben).body(Map.of("action", "PAGE_SCRAPE", "quantity", 3)).post("/v1/orgs/{o}/spends", org.id).then()
                .statusCode(200);

        List<CloudEvent<DomainEvent>> events = ledgerEvents(org.id, 3);
        assertEquals(List.of("dev.teamcredits.ledger.credits.granted.v1", "dev.teamcredits.ledger.transfer.completed.v1",
                "dev.teamcredits.ledger.credits.spent.v1"), events.stream().map(CloudEvent::type).toList());
        TransferCompleted transfer = (TransferCompleted) events.get(1).data();
        assertEquals(ben.subject(), transfer.to().userId());
        assertEquals(990, transfer.fromAfter().available());
        CreditsSpent spent = (CreditsSpent) events.get(2).data();
        assertEquals(3, spent.amount());
        assertEquals("POOL", spent.sources().get(0).account().kind().name());
        assertEquals("/ledger-service", events.get(2).source());
    }

    @Test
    void spendsWhileKafkaIsDownAreAcknowledgedAndTheirEventsPublishedOnceItIsBack() {
        Org org = Org.create(Plan.PRO, 1000, false, false);
        ledgerEvents(org.id, 1);
        InfraControl.stopKafka();
        try {
            for (int i = 0; i < 3; i++) {
                post(org.admin).body(Map.of("action", "PAGE_SCRAPE", "quantity", 2)).post("/v1/orgs/{o}/spends", org.id)
                        .then().statusCode(200);
            }
        } finally {
            InfraControl.startKafka();
        }
        List<CloudEvent<DomainEvent>> events = ledgerEvents(org.id, 4);
        assertEquals(4, events.size());
        assertEquals(3, events.stream().filter(e -> e.data() instanceof CreditsSpent).count());
        assertEquals(994, org.pool());
    }

    @Test
    void lowBalanceOnceWhenCrossingTheThresholdAndPoolEmptyAtZero() {
        Org org = Org.create(Plan.PRO, 150, false, false);
        for (int quantity : new int[] { 40, 40, 40, 30 }) {
            post(org.admin).body(Map.of("action", "PAGE_SCRAPE", "quantity", quantity))
                    .post("/v1/orgs/{o}/spends", org.id).then().statusCode(200);
        }
        List<String> types = ledgerEvents(org.id, 7).stream().map(CloudEvent::type)
                .filter(t -> !t.endsWith("credits.spent.v1")).toList();
        // 150 -> 110 -> 70 (crosses below 100: low balance, once) -> 30 -> 0 (pool empty).
        assertEquals(List.of("dev.teamcredits.ledger.credits.granted.v1", "dev.teamcredits.ledger.balance.low.v1",
                "dev.teamcredits.ledger.pool.empty.v1"), types);
    }

    @Test
    void aRedeliveredTeamEventIsAppliedOnce() {
        UUID orgId = UUID.randomUUID();
        User admin = LedgerFixture.user("admin");
        // The same CloudEvent (same id) delivered three times, as Kafka may after a consumer restart.
        String created = EventCodec.encode(CloudEvent.of("/team-service", new OrgCreated(orgId, "Dup", Plan.PRO,
                new PlanTerms(5, 100, false), new OrgSettings(true, true), LocalDate.now(ZoneOffset.UTC),
                admin.subject(), Instant.now())));
        String joined = EventCodec.encode(CloudEvent.of("/team-service", new MemberJoined(orgId, admin.subject(),
                admin.email(), "admin", Role.ADMIN, true, null, Instant.now(), null)));
        for (String record : List.of(created, created, joined, created, joined)) {
            LedgerFixture.sendRaw(orgId.toString(), record);
        }
        LedgerFixture.await("org", () -> as(admin).get("/v1/orgs/{o}/balances", orgId).statusCode() == 200);
        User marker = LedgerFixture.user("marker");
        LedgerFixture.send(orgId, new MemberJoined(orgId, marker.subject(), marker.email(), "m", Role.MEMBER, false,
                null, Instant.now(), UUID.randomUUID()));
        LedgerFixture.await("stream past the duplicates",
                () -> as(marker).get("/v1/orgs/{o}/balances", orgId).statusCode() == 200);
        as(admin).get("/v1/orgs/{o}/balances", orgId).then().body("pool.available", equalTo(100));
        as(admin).queryParam("type", "GRANT").get("/v1/orgs/{o}/transactions", orgId).then()
                .body("items.size()", equalTo(1));
    }

    @Test
    void aLeavingMembersBalanceAndReservationsGoBackToThePool() {
        Org org = Org.create(Plan.PRO, 100, false, true);
        User ben = org.join("ben", true, null);
        org.transfer("pool", ben.subject(), 40);
        post(ben).body(Map.of("amount", 15)).post("/v1/orgs/{o}/reservations", org.id).then().statusCode(201);
        org.remove(ben);
        assertEquals(100, org.pool(), "nothing stranded: the 40 swept back, the pool hold released");
        as(org.admin).queryParam("type", "TRANSFER").get("/v1/orgs/{o}/transactions", org.id).then()
                .body("items[0].reason", equalTo("member removed")).body("items[0].amount", equalTo(40));
    }

    /**
     * Buying credits in events: a request, its purchase, a declined and an expired request, an operator's grant,
     * each once, keyed by the org; the billing backend reads the request from them.
     */
    @Test
    void requestsPurchasesDeclinesExpiriesAndGrantsArePublishedOnceEach() {
        Org org = Org.create(Plan.PRO, 100, false, false);
        ledgerEvents(org.id, 1);
        String completed = post(org.admin).body(Map.of("amount", 30)).post("/v1/orgs/{o}/top-up-requests", org.id)
                .then().statusCode(202).extract().path("id");
        String declined = post(org.admin).body(Map.of("amount", 40)).post("/v1/orgs/{o}/top-up-requests", org.id)
                .then().statusCode(202).extract().path("id");
        post(org.admin).body(Map.of("amount", 50)).post("/v1/orgs/{o}/top-up-requests", org.id).then().statusCode(202);
        User billing = LedgerFixture.billing();
        post(billing).body(Map.of("topUpRequestId", completed, "amount", 30, "paymentReference", "pi_" + completed,
                "price", 300, "currency", "EUR")).post("/v1/purchases").then().statusCode(201);
        post(billing).body(Map.of("reason", "card declined")).post("/v1/top-up-requests/{r}/decline", declined).then()
                .statusCode(200);
        post(LedgerFixture.operator()).body(Map.of("account", Map.of("orgId", org.id.toString()), "amount", 5,
                "reason", "goodwill")).post("/v1/operator/grants").then().statusCode(201);

        // The allocation, three requests, the purchase, the decline, the grant, and (the test profile's 10 s)
        // the third request's expiry.
        List<CloudEvent<DomainEvent>> events = ledgerEvents(org.id, 8);
        assertEquals(List.of("ledger.credits.granted", "ledger.top-up.requested", "ledger.top-up.requested",
                "ledger.top-up.requested", "ledger.purchase.completed", "ledger.top-up.declined",
                "ledger.credits.operator-granted", "ledger.top-up.expired"), events.stream()
                        .map(e -> e.type().replace("dev.teamcredits.", "").replace(".v1", "")).toList());
        TopUpRequested requested = (TopUpRequested) events.get(1).data();
        assertEquals(org.admin.subject(), requested.requestedBy());
        assertEquals(false, requested.automatic());
        assertEquals("POOL", requested.account().kind().name());
        PurchaseCompleted purchase = (PurchaseCompleted) events.get(4).data();
        assertEquals(UUID.fromString(completed), purchase.requestId());
        assertEquals(130, purchase.after().available());
        assertEquals(300L, purchase.price());
        assertEquals("card declined", ((TopUpDeclined) events.get(5).data()).reason());
        assertEquals("goodwill", ((OperatorGranted) events.get(6).data()).reason());
        assertEquals(50, ((TopUpExpired) events.get(7).data()).amount());
        assertTrue(events.stream().allMatch(e -> org.id.toString().equals(e.subject())), "all about the org");
    }

    /** A personal balance's events have no org and are keyed by the user. */
    @Test
    void aPersonalPurchaseIsKeyedByTheUser() {
        User dan = LedgerFixture.user("dan");
        post(dan).body(Map.of("amount", 12)).post("/v1/me/top-up-requests").then().statusCode(202);
        try (KafkaCompanion companion = new KafkaCompanion(LedgerFixture.bootstrap())) {
            ConsumerTask<String, String> task = companion.consumeStrings()
                    .fromTopics(Topics.LEDGER, r -> r.select().where(x -> dan.subject().equals(x.key())));
            task.awaitRecords(1, Duration.ofSeconds(30));
            CloudEvent<DomainEvent> event = EventCodec.decode(task.getRecords().get(0).value());
            task.stop();
            assertEquals(null, ((TopUpRequested) event.data()).orgId());
            assertEquals(dan.subject(), ((TopUpRequested) event.data()).account().userId());
        }
    }
}
