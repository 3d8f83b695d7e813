package dev.teamcredits.notification.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.teamcredits.events.ledger.AccountRef;
import dev.teamcredits.events.ledger.BalanceView;
import dev.teamcredits.events.ledger.CreditsGranted;
import dev.teamcredits.events.ledger.CreditsSpent;
import dev.teamcredits.events.ledger.CycleClosed;
import dev.teamcredits.events.ledger.LedgerEvent;
import dev.teamcredits.events.ledger.LowBalance;
import dev.teamcredits.events.ledger.PoolEmpty;
import dev.teamcredits.events.ledger.ReservationCreated;
import dev.teamcredits.events.ledger.SourceAmount;
import dev.teamcredits.events.ledger.TransferCompleted;
import dev.teamcredits.notification.domain.OrgRoster.Member;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class WhoSeesLedgerChangesTest {

    private static final UUID ORG = UUID.randomUUID();
    private static final Instant AT = Instant.parse("2026-12-01T10:00:00Z");
    private static final LocalDate CYCLE = LocalDate.of(2026, 12, 1);
    /** Ada (admin), Ben and Cleo are members; Gus left. */
    private static final OrgRoster ACME = new OrgRoster(ORG, "Acme Research", List.of(
            new Member("ada", null, "Ada", "ADMIN", true),
            new Member("ben", null, null, "MEMBER", true),
            new Member("gus", null, null, "MEMBER", false),
            new Member("cleo", null, null, "MEMBER", true)));

    static Stream<Arguments> changes() {
        AccountRef pool = AccountRef.pool();
        AccountRef ben = AccountRef.member("ben");
        AccountRef cleo = AccountRef.member("cleo");
        return Stream.of(
                seen("a spend from the member's own balance: the member",
                        spend("ben", List.of(new SourceAmount(ben, 3)), null), ACME, "ben"),
                seen("a spend from the pool: the member first, then every member",
                        spend("ben", List.of(new SourceAmount(pool, 3)), new BalanceView(pool, 997, 0, 997)), ACME,
                        "ben", "ada", "cleo"),
                seen("a transfer between members: both, not the admin who made it",
                        transfer(ben, cleo), ACME, "ben", "cleo"),
                seen("a transfer from the pool: every member",
                        transfer(pool, cleo), ACME, "cleo", "ada", "ben"),
                seen("a hold on the member's balance: the member",
                        new ReservationCreated(ORG, UUID.randomUUID(), "cleo", "EMAIL_FIND", 1,
                                List.of(new SourceAmount(cleo, 1)), AT, "cleo", null, AT), ACME, "cleo"),
                seen("a member's low balance: the member",
                        new LowBalance(ORG, cleo, 4, 10, AT), ACME, "cleo"),
                seen("the pool's low balance: every member",
                        new LowBalance(ORG, pool, 4, 10, AT), ACME, "ada", "ben", "cleo"),
                seen("pool empty names no one: every member",
                        new PoolEmpty(ORG, AT), ACME, "ada", "ben", "cleo"),
                seen("a cycle closed names no one: every member",
                        new CycleClosed(ORG, CYCLE, CYCLE.plusMonths(1), CYCLE.plusMonths(2), 1000, AT), ACME,
                        "ada", "ben", "cleo"),
                seen("personal credits granted: the user, whatever org",
                        new CreditsGranted(null, UUID.randomUUID(), AccountRef.personal("zoe"), 10, "gift", "FREE",
                                null, new BalanceView(AccountRef.personal("zoe"), 10, 0, 10), "system", AT),
                        OrgRoster.unknown(null), "zoe"),
                seen("an org event no one here knows of yet: no one",
                        new PoolEmpty(ORG, AT), OrgRoster.unknown(ORG)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("changes")
    void aChangeIsSeenByTheUsersItNamesAndByEveryMemberWhenItMovesThePool(String what, LedgerEvent event,
            OrgRoster org, List<String> users) {
        assertEquals(users, WhoSeesLedgerChanges.of(event, org));
    }

    private static Arguments seen(String what, LedgerEvent event, OrgRoster org, String... users) {
        return Arguments.of(what, event, org, List.of(users));
    }

    private static CreditsSpent spend(String userId, List<SourceAmount> sources, BalanceView poolAfter) {
        return new CreditsSpent(ORG, UUID.randomUUID(), userId, "PAGE_SCRAPE", 3, 3, sources, CYCLE, null, userId,
                poolAfter, AT);
    }

    private static TransferCompleted transfer(AccountRef from, AccountRef to) {
        return new TransferCompleted(ORG, UUID.randomUUID(), from, to, 15, null, "ada", "Ada", null,
                new BalanceView(from, 5, 0, 5), new BalanceView(to, 15, 0, 15), AT);
    }
}
