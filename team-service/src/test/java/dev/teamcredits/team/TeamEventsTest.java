package dev.teamcredits.team;

import static dev.teamcredits.team.TeamApi.as;
import static dev.teamcredits.team.TeamApi.createOrg;
import static dev.teamcredits.team.TeamApi.invite;
import static dev.teamcredits.team.TeamApi.newDomain;
import static dev.teamcredits.team.TeamApi.user;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.teamcredits.events.CloudEvent;
import dev.teamcredits.events.DomainEvent;
import dev.teamcredits.events.EventCodec;
import dev.teamcredits.events.Topics;
import dev.teamcredits.events.team.MemberJoined;
import dev.teamcredits.events.team.MemberRemoved;
import dev.teamcredits.events.team.OrgCreated;
import dev.teamcredits.events.team.PlanChanged;
import dev.teamcredits.events.team.PoolCapChanged;
import dev.teamcredits.events.team.Role;
import dev.teamcredits.events.team.RoleChanged;
import dev.teamcredits.local.InfraControl;
import dev.teamcredits.team.TeamApi.User;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** What other services see of the team service: team.events on the real broker. */
@QuarkusTest
class TeamEventsTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    Pool db;

    @Test
    void everyChangePublishesExactlyOneEventInOrderWithAStableId() throws Exception {
        String domain = newDomain();
        User ada = user("ada", domain);
        User ben = user("ben", domain);
        String orgId = createOrg(ada, "PRO");                                                    // org.created, member.joined
        TeamApi.accept(ben, invite(ada, orgId, ben.email(), "MEMBER"));                          // member.joined
        as(ada).body(Map.of("plan", "PRO_PLUS")).put("/v1/orgs/{o}/plan", orgId);                 // plan-changed
        as(ada).body(Map.of("plan", "PRO_PLUS")).put("/v1/orgs/{o}/plan", orgId);                 // unchanged: nothing
        as(ada).body(Map.of("personalFallback", false)).patch("/v1/orgs/{o}/settings", orgId);    // settings-changed
        as(ada).body(Map.of("personalFallback", false)).patch("/v1/orgs/{o}/settings", orgId);    // unchanged: nothing
        as(ada).body(Map.of("role", "ADMIN")).put("/v1/orgs/{o}/members/{u}/role", orgId, ben.subject()); // role-changed
        as(ada).body(Map.of("enabled", true)).put("/v1/orgs/{o}/members/{u}/pool-access", orgId, ben.subject()); // pool-access
        as(ada).body(Map.of("cap", 300)).put("/v1/orgs/{o}/members/{u}/pool-cap", orgId, ben.subject()); // pool-cap
        as(ada).delete("/v1/orgs/{o}/members/{u}/pool-cap", orgId, ben.subject());                // pool-cap (null)
        as(ada).body(Map.of("role", "MEMBER")).put("/v1/orgs/{o}/members/{u}/role", orgId, ada.subject())
                .then().statusCode(200);                                                          // role-changed
        as(ben).delete("/v1/orgs/{o}/members/{u}", orgId, ada.subject()).then().statusCode(204);  // member.removed
        as(ben).body(Map.of("role", "MEMBER")).put("/v1/orgs/{o}/members/{u}/role", orgId, ben.subject())
                .then().statusCode(409);                                                          // refused: nothing

        List<String> expected = List.of("team.org.created", "team.member.joined", "team.member.joined",
                "team.org.plan-changed", "team.org.settings-changed", "team.member.role-changed",
                "team.member.pool-access-changed", "team.member.pool-cap-changed", "team.member.pool-cap-changed",
                "team.member.role-changed", "team.member.removed");
        List<ConsumerRecord<String, String>> records = consume(orgId, expected.size());

        List<CloudEvent<DomainEvent>> events = records.stream().map(r -> EventCodec.decode(r.value())).toList();
        assertEquals(expected.stream().map(t -> "dev.teamcredits." + t + ".v1").toList(),
                events.stream().map(CloudEvent::type).toList());
        for (int i = 0; i < records.size(); i++) {
            assertEquals(orgId, records.get(i).key(), "keyed by org id");
            assertEquals(orgId, events.get(i).subject());
            assertEquals("/team-service", events.get(i).source());
            assertEquals("application/cloudevents+json",
                    KafkaCompanion.getHeader(records.get(i).headers(), "content-type"));
        }
        assertEquals(events.size(), new HashSet<>(events.stream().map(CloudEvent::id).toList()).size(), "ids unique");
        // The id is fixed when the change commits (the outbox row), not when it is published.
        assertEquals(outboxIds(orgId), events.stream().map(CloudEvent::id).toList());

        OrgCreated created = (OrgCreated) events.get(0).data();
        assertEquals(5, created.terms().memberLimit());
        assertEquals(ada.subject(), created.createdBy());
        MemberJoined creator = (MemberJoined) events.get(1).data();
        assertEquals(Role.ADMIN, creator.role());
        assertNull(creator.invitationId());
        MemberJoined joined = (MemberJoined) events.get(2).data();
        assertEquals(ben.subject(), joined.userId());
        assertEquals(ben.email(), joined.email());
        assertTrue(((PlanChanged) events.get(3).data()).terms().rollover());
        assertEquals(Role.ADMIN, ((RoleChanged) events.get(5).data()).to());
        assertEquals(300L, ((PoolCapChanged) events.get(7).data()).poolCap());
        assertNull(((PoolCapChanged) events.get(8).data()).poolCap());
        assertEquals(ada.subject(), ((MemberRemoved) events.get(10).data()).userId());
    }

    @Test
    void aChangeMadeWhileKafkaIsDownIsPublishedOnceItIsBack() throws Exception {
        User ada = user("ada", newDomain());
        String orgId = createOrg(ada, "PRO");
        consume(orgId, 2);

        InfraControl.stopKafka();
        try {
            as(ada).body(Map.of("plan", "ENTERPRISE")).put("/v1/orgs/{o}/plan", orgId).then().statusCode(200);
            Thread.sleep(2_000);
            assertEquals(List.of(false), published(orgId, "dev.teamcredits.team.org.plan-changed.v1"),
                    "nothing can be published while the broker is down");
        } finally {
            InfraControl.startKafka();
        }

        List<ConsumerRecord<String, String>> records = consume(orgId, 3);
        assertEquals("dev.teamcredits.team.org.plan-changed.v1", EventCodec.decode(records.get(2).value()).type());
        assertEquals(List.of(true), published(orgId, "dev.teamcredits.team.org.plan-changed.v1"));
    }

    /** All records of one org on team.events; fails unless exactly {@code count} arrive. */
    private List<ConsumerRecord<String, String>> consume(String orgId, int count) throws InterruptedException {
        try (KafkaCompanion companion = new KafkaCompanion(bootstrapServers)) {
            ConsumerTask<String, String> task = companion.consumeStrings()
                    .fromTopics(Topics.TEAM, records -> records.select().where(r -> orgId.equals(r.key())));
            task.awaitRecords(count, Duration.ofSeconds(60));
            Thread.sleep(1_500); // a duplicate would show up within a few relay rounds
            assertEquals(count, task.count(), "exactly one event per change");
            List<ConsumerRecord<String, String>> records = task.getRecords();
            task.stop();
            return records;
        }
    }

    private List<String> outboxIds(String orgId) {
        return rows("SELECT id::text FROM outbox_event WHERE message_key = $1 ORDER BY seq", orgId).stream()
                .map(r -> r.getString(0)).toList();
    }

    private List<Boolean> published(String orgId, String type) {
        return rows("SELECT published_at IS NOT NULL FROM outbox_event WHERE message_key = $1 AND event_type = '"
                + type + "'", orgId).stream().map(r -> r.getBoolean(0)).toList();
    }

    private List<Row> rows(String sql, String orgId) {
        return StreamSupport.stream(db.preparedQuery(sql).execute(Tuple.of(orgId)).await()
                .atMost(Duration.ofSeconds(5)).spliterator(), false).toList();
    }
}
