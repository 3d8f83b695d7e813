package dev.teamcredits.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.teamcredits.events.CloudEvent;
import dev.teamcredits.events.DomainEvent;
import dev.teamcredits.events.EventCatalog;
import dev.teamcredits.events.EventCodec;
import dev.teamcredits.events.ledger.AccountRef;
import dev.teamcredits.events.ledger.TopUpDeclined;
import dev.teamcredits.events.ledger.TopUpExpired;
import dev.teamcredits.events.ledger.TopUpRequested;
import dev.teamcredits.events.team.MemberJoined;
import dev.teamcredits.events.team.Role;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Which records of ledger.events the sandbox settles: top-up requests, and nothing else. */
class TopUpRequestsTest {

    private static final UUID ORG = UUID.randomUUID();
    private static final String USER = UUID.randomUUID().toString();
    private static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");

    @Test
    void aTopUpRequestIsReadAsItWasPublished() {
        TopUpRequested request = new TopUpRequested(ORG, UUID.randomUUID(), AccountRef.pool(), 500, USER, false,
                NOW.plusSeconds(86_400), NOW);
        assertEquals(Optional.of(request), TopUpRequests.topUpRequest(EventCodec.encode(
                CloudEvent.of("/ledger-service", request))));
        TopUpRequested personal = new TopUpRequested(null, UUID.randomUUID(), AccountRef.personal(USER), 5, USER,
                false, NOW.plusSeconds(86_400), NOW);
        assertEquals(Optional.of(personal), TopUpRequests.topUpRequest(EventCodec.encode(
                CloudEvent.of("/ledger-service", personal))));
    }

    static Stream<String> notRequests() {
        UUID request = UUID.randomUUID();
        return Stream.of(
                event(new TopUpDeclined(ORG, request, AccountRef.pool(), 500, "no", USER, false, "billing-backend",
                        NOW)),
                event(new TopUpExpired(ORG, request, AccountRef.pool(), 500, USER, false, NOW)),
                event(new MemberJoined(ORG, USER, "ada@acme.example", "Ada", Role.ADMIN, true, null, NOW, null)),
                // A type of a later version of the ledger: none of the sandbox's business either.
                event(new TopUpExpired(ORG, request, AccountRef.pool(), 500, USER, false, NOW))
                        .replace(EventCatalog.typeOf(TopUpExpired.class), "dev.teamcredits.ledger.top-up.requested.v2"),
                // Claims to be a request but cannot be read as one: logged, not settled.
                "{\"specversion\":\"1.0\",\"id\":\"x\",\"type\":\"" + TopUpRequests.TYPE + "\",\"data\":{\"amount\":"
                        + "\"lots\"}}",
                "{\"specversion\":\"1.0\",\"id\":\"x\",\"type\":\"" + TopUpRequests.TYPE + "\"}",
                "not json",
                "[]",
                "");
    }

    @ParameterizedTest
    @MethodSource("notRequests")
    void everyOtherRecordIsSkipped(String record) {
        assertEquals(Optional.empty(), TopUpRequests.topUpRequest(record));
    }

    @Test
    void aMissingRecordValueIsSkipped() {
        assertEquals(Optional.empty(), TopUpRequests.topUpRequest(null));
    }

    private static String event(DomainEvent data) {
        return EventCodec.encode(CloudEvent.of("/ledger-service", data));
    }
}
