package dev.teamcredits.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.teamcredits.events.team.MemberJoined;
import dev.teamcredits.events.team.PoolCapChanged;
import dev.teamcredits.events.team.Role;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class EventCodecTest {

    private final UUID org = UUID.randomUUID();

    @Test
    void roundTripKeepsIdTypeSubjectAndData() {
        MemberJoined joined = new MemberJoined(org, "user-1", "ben@acme.example", "Ben", Role.MEMBER, true, 500L,
                Instant.parse("2026-11-21T10:00:00Z"), UUID.randomUUID());
        CloudEvent<MemberJoined> event = CloudEvent.of("/team-service", joined);
        String json = EventCodec.encode(event);

        CloudEvent<DomainEvent> read = EventCodec.decode(json);
        assertEquals(event.id(), read.id());
        assertEquals("dev.teamcredits.team.member.joined.v1", read.type());
        assertEquals(org.toString(), read.subject());
        assertEquals("1.0", read.specversion());
        assertEquals(joined, read.data());
    }

    @Test
    void noCapIsAnExplicitNull() {
        String json = EventCodec.encode(CloudEvent.of("/team-service", new PoolCapChanged(org, "u", null, "admin")));
        assertTrue(json.contains("\"poolCap\":null"), json);
        assertEquals(null, ((PoolCapChanged) EventCodec.decode(json).data()).poolCap());
    }

    @Test
    void fieldsAddedWithinAVersionAreTolerated() {
        String json = EventCodec.encode(CloudEvent.of("/team-service", new PoolCapChanged(org, "u", 5L, "admin")))
                .replace("\"changedBy\"", "\"addedLater\":1,\"changedBy\"");
        assertEquals(5L, ((PoolCapChanged) EventCodec.decode(json).data()).poolCap());
    }

    @Test
    void unreadableRecordsAreRejectedForDeadLettering() {
        assertThrows(UnreadableEventException.class, () -> EventCodec.decode("not json"));
        assertThrows(UnreadableEventException.class, () -> EventCodec.decode("[1,2]"));
        assertThrows(UnreadableEventException.class, () -> EventCodec.decode(
                "{\"specversion\":\"1.0\",\"id\":\"x\",\"type\":\"dev.teamcredits.team.member.joined.v99\",\"data\":{}}"));
        assertThrows(UnreadableEventException.class, () -> EventCodec.decode(
                "{\"specversion\":\"0.3\",\"id\":\"x\",\"type\":\"dev.teamcredits.team.member.joined.v1\",\"data\":{}}"));
        assertThrows(UnreadableEventException.class, () -> EventCodec.decode(
                "{\"specversion\":\"1.0\",\"type\":\"dev.teamcredits.team.member.joined.v1\",\"data\":{}}"));
        assertThrows(UnreadableEventException.class, () -> EventCodec.decode(
                "{\"specversion\":\"1.0\",\"id\":\"x\",\"type\":\"dev.teamcredits.team.member.joined.v1\","
                        + "\"data\":{\"orgId\":\"not-a-uuid\"}}"));
    }
}
