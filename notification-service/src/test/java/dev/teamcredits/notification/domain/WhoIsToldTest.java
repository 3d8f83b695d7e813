package dev.teamcredits.notification.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.teamcredits.events.DomainEvent;
import dev.teamcredits.events.ledger.AccountRef;
import dev.teamcredits.events.ledger.BalanceView;
import dev.teamcredits.events.ledger.CreditsSpent;
import dev.teamcredits.events.ledger.LowBalance;
import dev.teamcredits.events.ledger.PoolEmpty;
import dev.teamcredits.events.ledger.ReservationReleased;
import dev.teamcredits.events.ledger.SourceAmount;
import dev.teamcredits.events.ledger.TransferCompleted;
import dev.teamcredits.events.team.MemberJoined;
import dev.teamcredits.events.team.MemberRemoved;
import dev.teamcredits.events.team.Role;
import dev.teamcredits.events.team.RoleChanged;
import dev.teamcredits.events.usage.UnusualUsage;
import dev.teamcredits.notification.domain.OrgRoster.Member;
import dev.teamcredits.notification.domain.WhoIsTold.Notice;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class WhoIsToldTest {

    private static final UUID ORG = UUID.randomUUID();
    private static final Instant AT = Instant.parse("2026-12-01T10:00:00Z");
    /** Ada and Bob are admins, Ben and Cleo members; Gus was an admin and left. */
    private static final OrgRoster ACME = new OrgRoster(ORG, "Acme Research", List.of(
            new Member("ada", "ada@acme.example", "Ada", "ADMIN", true),
            new Member("bob", "bob@acme.example", "Bob", "ADMIN", true),
            new Member("ben", "ben@acme.example", null, "MEMBER", true),
            new Member("cleo", "cleo@acme.example", "Cleo", "MEMBER", true),
            new Member("gus", "gus@acme.example", "Gus", "ADMIN", false)));

    static Stream<Arguments> events() {
        AccountRef pool = AccountRef.pool();
        AccountRef ben = AccountRef.member("ben");
        AccountRef cleo = AccountRef.member("cleo");
        return Stream.of(
                told("a transfer from the pool: the recipient, the admin who made it, the other admin",
                        transfer(pool, ben, "ada"), ACME,
                        "ben TRANSFER_RECEIVED", "ada TRANSFER_SENT", "bob POOL_TRANSFER"),
                told("a claw-back to the pool: the member it was taken from, too",
                        transfer(ben, pool, "ada"), ACME,
                        "ben TRANSFER_DEDUCTED", "ada TRANSFER_SENT", "bob POOL_TRANSFER"),
                told("between members: no pool, so no other admin",
                        transfer(ben, cleo, "ada"), ACME,
                        "cleo TRANSFER_RECEIVED", "ben TRANSFER_DEDUCTED", "ada TRANSFER_SENT"),
                told("a member who moved their own credits is not told they were taken",
                        transfer(ben, cleo, "ben"), ACME,
                        "cleo TRANSFER_RECEIVED", "ben TRANSFER_SENT"),
                told("an admin who gave themselves credits is told once, as the recipient",
                        transfer(pool, AccountRef.member("ada"), "ada"), ACME,
                        "ada TRANSFER_RECEIVED", "bob POOL_TRANSFER"),
                told("the ledger's sweep of a leaving member tells the admins only",
                        sweep("system", "member removed"), ACME,
                        "ada CREDITS_SWEPT", "bob CREDITS_SWEPT"),
                told("the same reason from an admin is an ordinary claw-back",
                        sweep("ada", "member removed"), ACME,
                        "ben TRANSFER_DEDUCTED", "ada TRANSFER_SENT", "bob POOL_TRANSFER"),
                told("a move by the system for another reason is told like any transfer, its actor included",
                        sweep("system", "expired"), ACME,
                        "ben TRANSFER_DEDUCTED", "system TRANSFER_SENT", "ada POOL_TRANSFER", "bob POOL_TRANSFER"),
                told("a transfer in an org not known yet: whom the event names",
                        transfer(pool, ben, "ada"), OrgRoster.unknown(ORG),
                        "ben TRANSFER_RECEIVED", "ada TRANSFER_SENT"),
                told("a member's low balance: the member",
                        new LowBalance(ORG, cleo, 40, 100, AT), ACME, "cleo LOW_BALANCE"),
                told("a former member's low balance (their sweep): no one, they read nothing of the org now",
                        new LowBalance(ORG, AccountRef.member("gus"), 0, 100, AT), ACME),
                told("the pool's low balance: the admins",
                        new LowBalance(ORG, pool, 60, 100, AT), ACME, "ada LOW_BALANCE", "bob LOW_BALANCE"),
                told("pool empty: the admins",
                        new PoolEmpty(ORG, AT), ACME, "ada POOL_EMPTY", "bob POOL_EMPTY"),
                told("an expired reservation: its member",
                        new ReservationReleased(ORG, UUID.randomUUID(), "cleo", 3, true, null, AT), ACME,
                        "cleo RESERVATION_EXPIRED"),
                told("a reservation released by the caller: no one",
                        new ReservationReleased(ORG, UUID.randomUUID(), "cleo", 3, false, null, AT), ACME),
                told("unusual usage: the admins",
                        new UnusualUsage(ORG, "cleo", LocalDate.of(2026, 12, 1), 500, 20.0, 7, 3.0, AT), ACME,
                        "ada UNUSUAL_USAGE", "bob UNUSUAL_USAGE"),
                told("an invitee joined: the member and the admins",
                        joined("dan", Role.MEMBER, UUID.randomUUID()), ACME,
                        "dan MEMBER_ADDED", "ada MEMBER_ADDED", "bob MEMBER_ADDED"),
                told("an admin who joined is told once, as the member",
                        joined("bob", Role.ADMIN, UUID.randomUUID()), ACME, "bob MEMBER_ADDED", "ada MEMBER_ADDED"),
                told("the org's creator joining with the org: no one",
                        joined("ada", Role.ADMIN, null), ACME),
                told("a member removed: the member and the admins",
                        new MemberRemoved(ORG, "ben", "ben@acme.example", "ada", AT), ACME,
                        "ben MEMBER_REMOVED", "ada MEMBER_REMOVED", "bob MEMBER_REMOVED"),
                told("a spend: no one (the live stream shows it)",
                        new CreditsSpent(ORG, UUID.randomUUID(), "ben", "PAGE_SCRAPE", 1, 1,
                                List.of(new SourceAmount(pool, 1)), LocalDate.of(2026, 12, 1), null, "ben", null, AT),
                        ACME),
                told("a role change: no one",
                        new RoleChanged(ORG, "ben", Role.MEMBER, Role.ADMIN, "ada"), ACME));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("events")
    void eachEventTellsThePeopleItConcernsAndNoOneElse(String what, DomainEvent event, OrgRoster org,
            List<String> told) {
        assertEquals(told, WhoIsTold.about(event, org).stream().map(n -> n.userId() + " " + n.type()).toList());
    }

    @Test
    void textsNameMembersAsTheOrgKnowsThemAndThePoolAsThePool() {
        List<Notice> notices = WhoIsTold.about(transfer(AccountRef.member("ben"), AccountRef.pool(), "ada"), ACME);
        assertEquals(new Notice("ben", NotificationType.TRANSFER_DEDUCTED, "15 credits were moved from your balance",
                "Ada moved 15 credits from your balance to the pool in Acme Research — reason: clawback. "
                        + "Your balance is now 5."), notices.get(0));
        assertEquals("Ada moved 15 credits from ben@acme.example to the pool in Acme Research — reason: clawback. "
                + "The pool now has 1015.", notices.get(2).body());
        Notice unusual = WhoIsTold.about(new UnusualUsage(ORG, "cleo", LocalDate.of(2026, 12, 1), 500, 20.0, 7,
                3.0, AT), ACME).get(0);
        assertEquals("Cleo used 500 credits in Acme Research on 2026-12-01, more than 3.0 times their daily average "
                + "of 20.0 over the 7 days before.", unusual.body());
        assertEquals("Low balance in your team", WhoIsTold.about(new LowBalance(ORG, AccountRef.member("cleo"), 4,
                10, AT), OrgRoster.unknown(ORG)).get(0).title());
    }

    @Test
    void onlyEventsThatTellAdminsOrNamesWaitForTheOrgToBeKnown() {
        assertEquals(List.of(true, true, true, true, true, false, false, false),
                Stream.of(transfer(AccountRef.pool(), AccountRef.member("ben"), "ada"),
                        new LowBalance(ORG, AccountRef.pool(), 60, 100, AT), new PoolEmpty(ORG, AT),
                        new UnusualUsage(ORG, "cleo", LocalDate.of(2026, 12, 1), 500, 20.0, 7, 3.0, AT),
                        new ReservationReleased(ORG, UUID.randomUUID(), "cleo", 3, true, null, AT),
                        new ReservationReleased(ORG, UUID.randomUUID(), "cleo", 3, false, null, AT),
                        joined("dan", Role.MEMBER, UUID.randomUUID()),
                        new MemberRemoved(ORG, "ben", null, "ada", AT))
                        .map(WhoIsTold::needsOrg).toList());
    }

    private static Arguments told(String what, DomainEvent event, OrgRoster org, String... notices) {
        return Arguments.of(what, event, org, List.of(notices));
    }

    /** 15 credits; the source has 5 left and the target 1015 (the pool's numbers when it is one side). */
    private static TransferCompleted transfer(AccountRef from, AccountRef to, String actor) {
        return new TransferCompleted(ORG, UUID.randomUUID(), from, to, 15, "clawback", actor,
                actor.equals("ada") ? "Ada" : null, null, new BalanceView(from, 5, 0, 5),
                new BalanceView(to, 1015, 0, 1015), AT);
    }

    private static TransferCompleted sweep(String actor, String reason) {
        AccountRef ben = AccountRef.member("ben");
        return new TransferCompleted(ORG, UUID.randomUUID(), ben, AccountRef.pool(), 5, reason, actor, null, null,
                new BalanceView(ben, 0, 0, 0), new BalanceView(AccountRef.pool(), 1020, 0, 1020), AT);
    }

    private static MemberJoined joined(String userId, Role role, UUID invitationId) {
        return new MemberJoined(ORG, userId, userId + "@acme.example", null, role, true, null, AT, invitationId);
    }
}
