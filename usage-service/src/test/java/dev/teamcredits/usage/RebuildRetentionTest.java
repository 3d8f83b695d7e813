package dev.teamcredits.usage;

import static dev.teamcredits.usage.UsageFixture.as;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.teamcredits.events.CloudEvent;
import dev.teamcredits.events.DomainEvent;
import dev.teamcredits.events.EventCodec;
import dev.teamcredits.events.Topics;
import dev.teamcredits.events.ledger.CycleClosed;
import dev.teamcredits.events.team.MemberJoined;
import dev.teamcredits.events.team.OrgCreated;
import dev.teamcredits.events.team.OrgSettings;
import dev.teamcredits.events.team.Plan;
import dev.teamcredits.events.team.PlanTerms;
import dev.teamcredits.events.team.Role;
import dev.teamcredits.local.TestTokens;
import dev.teamcredits.usage.UsageFixture.Org;
import dev.teamcredits.usage.UsageFixture.User;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * A rebuild never deletes counters the topics can no longer replay. Three cycles of one org; then retention
 * (here: the broker's delete-records, as retention does it, from the front) takes the records of the oldest. The
 * rebuild recomputes the two cycles whose events are all still there (their corrupted counters come back right)
 * and keeps the oldest as it was, still listed and readable.
 */
@QuarkusTest
class RebuildRetentionTest {

    @Inject
    Pool db;

    @Test
    void aRebuildKeepsTheCyclesWhoseEventsRetentionDeletedAndRecomputesTheRest() throws Exception {
        LocalDate a2 = LocalDate.now(ZoneOffset.UTC);
        LocalDate a1 = a2.minusMonths(1);
        LocalDate a0 = a1.minusMonths(1);
        Org org = new Org();
        org.cycleStart = a0;
        User ben = UsageFixture.user("ben");
        UsageFixture.send(new OrgCreated(org.id, "Org", Plan.PRO, new PlanTerms(5, 1000, false),
                new OrgSettings(true, true), a0, org.admin.subject(), noon(a0)),
                new MemberJoined(org.id, org.admin.subject(), "admin@acme.example", "Admin", Role.ADMIN, true, null,
                        noon(a0), null),
                new MemberJoined(org.id, ben.subject(), "ben@acme.example", "ben", Role.MEMBER, true, null, noon(a0),
                        null));
        // The ledger's records, each stamped with when it was written, as the outbox relay's are.
        List<RecordMetadata> written = produce(org,
                org.spend(ben, "PAGE_SCRAPE", 5, 0, 0, 995, noon(a0.plusDays(1))),
                close(org, a1.minusDays(1)), // the first record retention leaves: the floor is the day after it
                org.spend(ben, "PAGE_SCRAPE", 7, 0, 0, 988, noon(a1.plusDays(1))),
                close(org, a2.minusDays(1)),
                org.spend(ben, "ENRICHMENT", 11, 0, 0, 977, Instant.now()));
        UsageFixture.await("three cycles", () -> credits(ben, org, a0) == 5 && credits(ben, org, a1) == 7
                && credits(ben, org, a2) == 11);

        RecordMetadata firstKept = written.get(1);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, UsageFixture.bootstrap()))) {
            admin.deleteRecords(Map.of(new TopicPartition(firstKept.topic(), firstKept.partition()),
                    RecordsToDelete.beforeOffset(firstKept.offset()))).all().get();
        }
        // Corrupt what the topics can still replay: only a recomputation brings it back.
        db.preparedQuery("UPDATE member_cycle_usage SET spends = spends + 100, from_pool = from_pool + 100 "
                + "WHERE org_id = $1 AND cycle_start >= $2").execute(Tuple.of(org.id, a1))
                .await().atMost(Duration.ofSeconds(10));
        UsageFixture.await("corrupted", () -> credits(ben, org, a2) == 111);

        String operator = TestTokens.mint(Map.of("sub", "ops-" + UUID.randomUUID(), "azp", "ops-console"));
        io.restassured.RestAssured.given().auth().oauth2(operator).post("/v1/admin/usage/rebuild").then()
                .statusCode(202).body("keptBefore", equalTo(a1.toString()));

        UsageFixture.await("recomputed", () -> credits(ben, org, a1) == 7 && credits(ben, org, a2) == 11);
        assertEquals(5, credits(ben, org, a0), "the cycle whose events are gone is kept as it was");
        assertEquals(1, spends(ben, org, a0));
        assertEquals(List.of(a2.toString(), a1.toString(), a0.toString()),
                as(org.admin).get("/v1/orgs/{o}/usage/cycles", org.id).jsonPath().getList("items.cycleStart"),
                "every cycle stays listed");
        as(ben).queryParam("from", a0.plusDays(1).toString()).queryParam("to", a0.plusDays(1).toString())
                .get("/v1/orgs/{o}/members/{u}/usage/daily", org.id, ben.subject()).then().statusCode(200)
                .body("[0].credits", equalTo(5));
    }

    private static CycleClosed close(Org org, LocalDate on) {
        LocalDate next = org.cycleStart.plusMonths(1);
        CycleClosed closed = new CycleClosed(org.id, org.cycleStart, next, next.plusMonths(1), 1000, noon(on));
        org.cycleStart = next;
        return closed;
    }

    private static Instant noon(LocalDate day) {
        return day.atTime(12, 0).toInstant(ZoneOffset.UTC);
    }

    private static long credits(User user, Org org, LocalDate cycle) {
        var r = as(user).queryParam("cycle", cycle.toString()).get("/v1/orgs/{o}/usage", org.id);
        Number used = r.statusCode() == 200 ? r.path("members[0].creditsUsed") : null;
        return used == null ? -1 : used.longValue();
    }

    private static long spends(User user, Org org, LocalDate cycle) {
        return ((Number) as(user).queryParam("cycle", cycle.toString()).get("/v1/orgs/{o}/usage", org.id)
                .path("members[0].spends")).longValue();
    }

    /** Produces the events in order, each with its own time as the record's timestamp; returns where each went. */
    private static List<RecordMetadata> produce(Org org, DomainEvent... events) throws Exception {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, UsageFixture.bootstrap());
        List<RecordMetadata> written = new ArrayList<>();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props, new StringSerializer(),
                new StringSerializer())) {
            for (DomainEvent event : events) {
                Instant at = event instanceof CycleClosed c ? c.at()
                        : ((dev.teamcredits.events.ledger.CreditsSpent) event).at();
                ProducerRecord<String, String> record = new ProducerRecord<>(Topics.LEDGER, null, at.toEpochMilli(),
                        org.id.toString(), EventCodec.encode(CloudEvent.of("/ledger-service", event)));
                record.headers().add("content-type", CloudEvent.CONTENT_TYPE.getBytes(StandardCharsets.UTF_8));
                written.add(producer.send(record).get());
            }
        }
        return written;
    }
}
