package dev.teamcredits.usage.domain;

import static dev.teamcredits.usage.domain.LedgerEvents.BEN;
import static dev.teamcredits.usage.domain.LedgerEvents.POOL;
import static dev.teamcredits.usage.domain.LedgerEvents.declined;
import static dev.teamcredits.usage.domain.LedgerEvents.expired;
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

    private static final AccountRef PERSONAL = AccountRef.personal("ben");

    static Stream<Arguments> events() {
        LocalDate start = LocalDate.parse("2026-03-01");
        return Stream.of(
                Arguments.of("the allocation granted to the pool", granted(POOL, 1000, 1000), OptionalLong.of(1000)),
                Arguments.of("free credits of a personal balance (no org)", granted(PERSONAL, 50, 50),
                        OptionalLong.empty()),
                Arguments.of("a top-up request for the pool, paid", purchased(POOL, 500, 1500, true),
                        OptionalLong.of(500)),
                Arguments.of("a purchase for the pool without a request", purchased(POOL, 70, 1070, false),
                        OptionalLong.of(70)),
                Arguments.of("a purchase for a member balance", purchased(BEN, 500, 500, true), OptionalLong.empty()),
                Arguments.of("a purchase for a member balance without a request", purchased(BEN, 5, 5, false),
                        OptionalLong.empty()),
                Arguments.of("a purchase for a personal balance (no org)", purchased(PERSONAL, 500, 510, true),
                        OptionalLong.empty()),
                Arguments.of("an operator's grant to the pool", operatorGranted(POOL, 40, 1040), OptionalLong.of(40)),
                Arguments.of("an operator's grant to a member", operatorGranted(BEN, 40, 40), OptionalLong.empty()),
                Arguments.of("an operator's grant to a personal balance (no org)", operatorGranted(PERSONAL, 40, 40),
                        OptionalLong.empty()),
                Arguments.of("a top-up request for the pool (nothing moves yet)", requested(POOL, 500, false),
                        OptionalLong.empty()),
                Arguments.of("an auto top-up's request for the pool", requested(POOL, 500, true),
                        OptionalLong.empty()),
                Arguments.of("a personal top-up request", requested(PERSONAL, 500, false), OptionalLong.empty()),
                Arguments.of("the pool's request declined", declined(POOL, 500), OptionalLong.empty()),
                Arguments.of("the pool's request expired", requestExpired(POOL, 500), OptionalLong.empty()),
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
