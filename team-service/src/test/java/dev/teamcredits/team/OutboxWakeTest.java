package dev.teamcredits.team;

import static dev.teamcredits.team.TeamApi.createOrg;
import static dev.teamcredits.team.TeamApi.newDomain;
import static dev.teamcredits.team.TeamApi.user;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.teamcredits.events.EventCodec;
import dev.teamcredits.events.Topics;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * The outbox relay publishes a change because its commit woke it (the outbox trigger's NOTIFY), not
 * because it polled: here the fallback poll is off, so without the wake nothing would ever leave.
 */
@QuarkusTest
@TestProfile(OutboxWakeTest.PollOff.class)
class OutboxWakeTest {

    public static class PollOff implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("teamcredits.outbox.poll-interval", "off");
        }
    }

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Test
    void aCommittedChangeIsPublishedWithoutWaitingForAPoll() {
        // The first org may also leave with the drain the relay runs once its LISTEN is in place;
        // once it has arrived the relay certainly listens, and the second can only leave on a wake.
        String first = createOrg(user("ada", newDomain()), "PRO");
        assertEquals(List.of("dev.teamcredits.team.org.created.v1", "dev.teamcredits.team.member.joined.v1"),
                published(first));
        String second = createOrg(user("ben", newDomain()), "PRO");
        assertEquals(List.of("dev.teamcredits.team.org.created.v1", "dev.teamcredits.team.member.joined.v1"),
                published(second));
    }

    /** The types of the org's two first events on team.events, once both have arrived. */
    private List<String> published(String orgId) {
        try (KafkaCompanion companion = new KafkaCompanion(bootstrapServers)) {
            ConsumerTask<String, String> task = companion.consumeStrings()
                    .fromTopics(Topics.TEAM, records -> records.select().where(r -> orgId.equals(r.key())));
            task.awaitRecords(2, Duration.ofSeconds(60));
            List<String> types = task.getRecords().stream().map(r -> EventCodec.decode(r.value()).type()).toList();
            task.stop();
            return types;
        }
    }
}
