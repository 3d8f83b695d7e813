package dev.teamcredits.usage.domain;

import static dev.teamcredits.usage.domain.LedgerEvents.BEN;
import static dev.teamcredits.usage.domain.LedgerEvents.POOL;
import static dev.teamcredits.usage.domain.LedgerEvents.expired;
import static dev.teamcredits.usage.domain.LedgerEvents.granted;
import static dev.teamcredits.usage.domain.LedgerEvents.rolledOver;
import static dev.teamcredits.usage.domain.LedgerEvents.transfer;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.teamcredits.events.DomainEvent;
import dev.teamcredits.events.ledger.AccountRef;
import dev.teamcredits.events.ledger.CreditsSpent;
import dev.teamcredits.events.ledger.CycleClosed;
import dev.teamcredits.events.ledger.SourceAmount;
import java.time.LocalDate;
import java.util.List;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PoolInflowTest {

    static Stream<Arguments> events() {
        LocalDate start = LocalDate.parse("2026-03-01");
        return Stream.of(
                Arguments.of("a grant to the pool", granted(POOL, 1000, 1000), OptionalLong.of(1000)),
                Arguments.of("a grant to a member", granted(BEN, 50, 50), OptionalLong.empty()),
                Arguments.of("a personal grant", granted(AccountRef.personal("ben"), 50, 50), OptionalLong.empty()),
                Arguments.of("credits rolled over in the pool", rolledOver(POOL, 300), OptionalLong.of(300)),
                Arguments.of("credits rolled over elsewhere", rolledOver(BEN, 30), OptionalLong.empty()),
                Arguments.of("a transfer to the pool", transfer(BEN, POOL, 5, 0, 105), OptionalLong.of(5)),
                Arguments.of("a transfer from the pool", transfer(POOL, BEN, 5, 95, 5), OptionalLong.empty()),
                Arguments.of("a transfer between members", transfer(BEN, AccountRef.member("cleo"), 5, 0, 5),
                        OptionalLong.empty()),
                Arguments.of("an expiry in the pool", expired(POOL, 100, 0), OptionalLong.empty()),
                Arguments.of("a spend from the pool", new CreditsSpent(LedgerEvents.ORG, UUID.randomUUID(), "ben",
                        "PAGE_SCRAPE", 3, 3, List.of(new SourceAmount(POOL, 3)), start, null, "ben", null,
                        LedgerEvents.AT), OptionalLong.empty()),
                Arguments.of("a cycle close (its allocation is a grant of its own)", new CycleClosed(LedgerEvents.ORG,
                        start, start.plusMonths(1), start.plusMonths(2), 1000, LedgerEvents.AT), OptionalLong.empty()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("events")
    void onlyCreditsEnteringThePoolCountTowardItsTotal(String what, DomainEvent event, OptionalLong creditsIn) {
        assertEquals(creditsIn, PoolInflow.creditsIn(event));
    }
}
