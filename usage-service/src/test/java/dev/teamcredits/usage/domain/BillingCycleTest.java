package dev.teamcredits.usage.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.teamcredits.events.DomainEvent;
import dev.teamcredits.events.ledger.CycleClosed;
import dev.teamcredits.events.team.MemberRemoved;
import dev.teamcredits.events.team.OrgCreated;
import dev.teamcredits.events.team.OrgSettings;
import dev.teamcredits.events.team.Plan;
import dev.teamcredits.events.team.PlanTerms;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class BillingCycleTest {

    private static final UUID ORG = UUID.fromString("00000000-0000-4000-8000-000000000001");
    private static final Instant AT = Instant.parse("2026-03-08T12:00:00Z");

    static Stream<Arguments> events() {
        Optional<BillingCycle> none = Optional.empty();
        return Stream.of(
                Arguments.of("an org anchored on the 15th", created("2026-01-15"), cycle("2026-01-15", "2026-02-15"),
                        none),
                Arguments.of("an org anchored on the 31st", created("2026-01-31"), cycle("2026-01-31", "2026-02-28"),
                        none),
                Arguments.of("a close", new CycleClosed(ORG, date("2026-01-15"), date("2026-02-15"),
                        date("2026-03-15"), 1000, AT), cycle("2026-02-15", "2026-03-15"),
                        cycle("2026-01-15", "2026-02-15")),
                Arguments.of("an early close (an operator's)", new CycleClosed(ORG, date("2026-01-15"),
                        date("2026-01-20"), date("2026-02-20"), 1000, AT), cycle("2026-01-20", "2026-02-20"),
                        cycle("2026-01-15", "2026-01-20")),
                Arguments.of("another event", new MemberRemoved(ORG, "ben", "ben@acme.example", "admin", AT), none,
                        none));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("events")
    void theCyclesAnEventStartsAndCloses(String what, DomainEvent event, Optional<BillingCycle> started,
            Optional<BillingCycle> closed) {
        assertEquals(started, BillingCycle.startedBy(event));
        assertEquals(closed, BillingCycle.closedBy(event));
    }

    @ParameterizedTest(name = "current from {0}, read a cycle from {1}: it becomes current {2}")
    @CsvSource({
            "2026-01-15, 2026-02-15, true", // the ledger's close after the org's creation
            "2026-02-15, 2026-01-15, false", // the org's creation read after a close: the close stays
            "2026-02-15, 2026-02-15, false" }) // the same cycle again
    void theCurrentCycleOnlyMovesForward(LocalDate current, LocalDate read, boolean replaces) {
        assertEquals(replaces, new BillingCycle(read, read.plusMonths(1))
                .replaces(new BillingCycle(current, current.plusMonths(1))));
    }

    private static OrgCreated created(String anchor) {
        return new OrgCreated(ORG, "Org", Plan.PRO, new PlanTerms(5, 1000, false), new OrgSettings(true, true),
                date(anchor), "admin", AT);
    }

    private static Optional<BillingCycle> cycle(String start, String end) {
        return Optional.of(new BillingCycle(date(start), date(end)));
    }

    private static LocalDate date(String value) {
        return LocalDate.parse(value);
    }
}
