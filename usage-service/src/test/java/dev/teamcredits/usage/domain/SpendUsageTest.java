package dev.teamcredits.usage.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.teamcredits.events.DomainEvent;
import dev.teamcredits.events.ledger.AccountRef;
import dev.teamcredits.events.ledger.CreditsSpent;
import dev.teamcredits.events.ledger.ReservationCaptured;
import dev.teamcredits.events.ledger.ReservationCreated;
import dev.teamcredits.events.ledger.ReservationReleased;
import dev.teamcredits.events.ledger.SourceAmount;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class SpendUsageTest {

    private static final UUID ORG = UUID.fromString("00000000-0000-4000-8000-000000000001");
    private static final LocalDate CYCLE = LocalDate.parse("2026-03-01");
    private static final Instant NOON = Instant.parse("2026-03-08T12:00:00Z");

    @ParameterizedTest(name = "pool {0}, member {1}, personal {2} (twice the member: {3})")
    @CsvSource({
            "10, 0, 0, false",
            "5, 3, 2, false",
            "0, 4, 0, false",
            "0, 0, 7, false",
            "2, 3, 0, true", // two member parts of one spend add up
            "0, 0, 0, false" }) // a zero-priced action: a spend of nothing
    void aSpendSplitsByTheSourceEachCreditCameFrom(long pool, long member, long personal, boolean memberTwice) {
        List<SourceAmount> sources = new ArrayList<>();
        add(sources, AccountRef.pool(), pool);
        add(sources, AccountRef.member("ben"), memberTwice ? member - 1 : member);
        add(sources, AccountRef.personal("ben"), personal);
        if (memberTwice) {
            sources.add(new SourceAmount(AccountRef.member("ben"), 1));
        }
        SpendUsage usage = SpendUsage.countedFrom(spent(sources, NOON)).orElseThrow();
        assertEquals(List.of(pool, member, personal, pool + member + personal),
                List.of(usage.fromPool(), usage.fromMember(), usage.fromPersonal(), usage.credits()));
        assertEquals(List.of(ORG, "ben", CYCLE, "ENRICHMENT"),
                List.of(usage.orgId(), usage.userId(), usage.cycleStart(), usage.action()));
    }

    @ParameterizedTest(name = "spent at {0} counts on {1}")
    @CsvSource({
            "2026-03-08T00:00:00Z, 2026-03-08",
            "2026-03-08T23:59:59.999999Z, 2026-03-08",
            "2026-03-09T00:00:00Z, 2026-03-09",
            "2026-04-01T00:30:00Z, 2026-04-01" }) // the day is UTC; the cycle is the ledger's, not the day's
    void aSpendCountsOnItsUtcDayInTheCycleTheLedgerNames(Instant at, LocalDate day) {
        SpendUsage usage = SpendUsage.countedFrom(spent(List.of(new SourceAmount(AccountRef.pool(), 1)), at))
                .orElseThrow();
        assertEquals(day, usage.day());
        assertEquals(CYCLE, usage.cycleStart());
    }

    static Stream<DomainEvent> holds() {
        UUID reservation = UUID.randomUUID();
        return Stream.of(
                new ReservationCreated(ORG, reservation, "ben", "EMAIL_FINDING", 5,
                        List.of(new SourceAmount(AccountRef.pool(), 5)), NOON, "ben", null, NOON),
                new ReservationReleased(ORG, reservation, "ben", 5, true, null, NOON),
                new ReservationCaptured(ORG, reservation, "ben", 5, 1, UUID.randomUUID(), null, NOON));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("holds")
    void holdsCountNothingTheirCaptureCountsAsTheLedgersSpend(DomainEvent hold) {
        assertTrue(SpendUsage.countedFrom(hold).isEmpty());
    }

    @Test
    void aCapturedReservationCountsThroughItsCreditsSpent() {
        CreditsSpent capture = new CreditsSpent(ORG, UUID.randomUUID(), "ben", "EMAIL_FINDING", 1, 1,
                List.of(new SourceAmount(AccountRef.pool(), 1)), CYCLE, UUID.randomUUID(), "backend", null, NOON);
        assertEquals(1, SpendUsage.countedFrom(capture).orElseThrow().fromPool());
    }

    private static void add(List<SourceAmount> sources, AccountRef account, long amount) {
        if (amount > 0) {
            sources.add(new SourceAmount(account, amount));
        }
    }

    private static CreditsSpent spent(List<SourceAmount> sources, Instant at) {
        long amount = sources.stream().mapToLong(SourceAmount::amount).sum();
        return new CreditsSpent(ORG, UUID.randomUUID(), "ben", "ENRICHMENT", 1, amount, sources, CYCLE, null, "ben",
                null, at);
    }
}
