package dev.teamcredits.usage.domain;

import static dev.teamcredits.usage.domain.LedgerEvents.AT;
import static dev.teamcredits.usage.domain.LedgerEvents.BEN;
import static dev.teamcredits.usage.domain.LedgerEvents.ORG;
import static dev.teamcredits.usage.domain.LedgerEvents.POOL;
import static dev.teamcredits.usage.domain.LedgerEvents.after;
import static dev.teamcredits.usage.domain.LedgerEvents.expired;
import static dev.teamcredits.usage.domain.LedgerEvents.declined;
import static dev.teamcredits.usage.domain.LedgerEvents.granted;
import static dev.teamcredits.usage.domain.LedgerEvents.operatorGranted;
import static dev.teamcredits.usage.domain.LedgerEvents.purchased;
import static dev.teamcredits.usage.domain.LedgerEvents.requestExpired;
import static dev.teamcredits.usage.domain.LedgerEvents.requested;
import static dev.teamcredits.usage.domain.LedgerEvents.rolledOver;
import static dev.teamcredits.usage.domain.LedgerEvents.transfer;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.teamcredits.events.DomainEvent;
import dev.teamcredits.events.ledger.AccountRef;
import dev.teamcredits.events.ledger.BalanceView;
import dev.teamcredits.events.ledger.CreditsSpent;
import dev.teamcredits.events.ledger.ReservationCaptured;
import dev.teamcredits.events.ledger.ReservationCreated;
import dev.teamcredits.events.ledger.ReservationReleased;
import dev.teamcredits.events.ledger.SourceAmount;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class PoolAvailableTest {

    static Stream<Arguments> events() {
        UUID hold = UUID.randomUUID();
        Optional<PoolAvailable> none = Optional.empty();
        return Stream.of(
                Arguments.of("a spend that drew on the pool", spent(after(POOL, 985)), reading(985)),
                Arguments.of("a spend that did not", spent(null), none),
                Arguments.of("the allocation granted to the pool", granted(POOL, 100, 1100), reading(1100)),
                Arguments.of("free credits of a personal balance", granted(AccountRef.personal("ben"), 10, 10), none),
                Arguments.of("a purchase for the pool", purchased(POOL, 500, 1500, true), reading(1500)),
                Arguments.of("a purchase for the pool without a request", purchased(POOL, 5, 1005, false),
                        reading(1005)),
                Arguments.of("a purchase for a member", purchased(BEN, 500, 500, false), none),
                Arguments.of("a purchase for a personal balance", purchased(AccountRef.personal("ben"), 5, 5, true),
                        none),
                Arguments.of("an operator's grant to the pool", operatorGranted(POOL, 40, 1040), reading(1040)),
                Arguments.of("an operator's grant to a member", operatorGranted(BEN, 40, 40), none),
                Arguments.of("a top-up request (no credits move)", requested(POOL, 500, true), none),
                Arguments.of("a request declined", declined(POOL, 500), none),
                Arguments.of("a request expired", requestExpired(POOL, 500), none),
                Arguments.of("an expiry in the pool", expired(POOL, 100, 0), reading(0)),
                Arguments.of("an expiry elsewhere", expired(BEN, 10, 0), none),
                Arguments.of("a transfer to the pool", transfer(BEN, POOL, 5, 0, 105), reading(105)),
                Arguments.of("a transfer from the pool", transfer(POOL, BEN, 5, 95, 5), reading(95)),
                Arguments.of("a transfer between members", transfer(BEN, AccountRef.member("cleo"), 5, 0, 5), none),
                Arguments.of("a rollover (the pool's numbers come with the cycle's grant)", rolledOver(POOL, 30),
                        none),
                Arguments.of("a hold on the pool", new ReservationCreated(ORG, hold, "ben", "EMAIL_FINDING", 5,
                        List.of(new SourceAmount(POOL, 5)), AT, "ben", after(POOL, 95), AT), reading(95)),
                Arguments.of("a hold elsewhere", new ReservationCreated(ORG, hold, "ben", "EMAIL_FINDING", 5,
                        List.of(new SourceAmount(BEN, 5)), AT, "ben", null, AT), none),
                Arguments.of("a capture", new ReservationCaptured(ORG, hold, "ben", 5, 1, UUID.randomUUID(),
                        after(POOL, 99), AT), reading(99)),
                Arguments.of("a release", new ReservationReleased(ORG, hold, "ben", 5, false, after(POOL, 100), AT),
                        reading(100)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("events")
    void theEventsThatReportThePoolsAvailableCredits(String what, DomainEvent event, Optional<PoolAvailable> reading) {
        assertEquals(reading, PoolAvailable.reportedBy(event));
    }

    @ParameterizedTest(name = "stored as of {0}, read as of {1}: replaces {2}")
    @CsvSource({
            "2026-03-08T12:00:00Z, 2026-03-08T12:00:01Z, true", // newer
            "2026-03-08T12:00:00Z, 2026-03-08T12:00:00Z, true", // same time: the one read last
            "2026-03-08T12:00:01Z, 2026-03-08T12:00:00Z, false", // older: read late, changes nothing
            "2026-03-08T12:00:00.000001Z, 2026-03-08T12:00:00.000001500Z, true",
            "2026-03-09T00:00:00Z, 2026-03-08T23:59:59.999999Z, false" })
    void theNewerEventWins(Instant stored, Instant read, boolean replaces) {
        assertEquals(replaces, new PoolAvailable(7, read).replaces(new PoolAvailable(9, stored)));
    }

    private static Optional<PoolAvailable> reading(long available) {
        return Optional.of(new PoolAvailable(available, AT));
    }

    private static CreditsSpent spent(BalanceView poolAfter) {
        return new CreditsSpent(ORG, UUID.randomUUID(), "ben", "PAGE_SCRAPE", 1, 1,
                List.of(new SourceAmount(poolAfter == null ? BEN : POOL, 1)), LocalDate.parse("2026-03-01"), null,
                "ben", poolAfter, AT);
    }
}
