package dev.teamcredits.notification.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.teamcredits.events.DomainEvent;
import dev.teamcredits.events.ledger.AccountRef;
import dev.teamcredits.events.ledger.BalanceView;
import dev.teamcredits.events.ledger.CreditsSpent;
import dev.teamcredits.events.ledger.LowBalance;
import dev.teamcredits.events.ledger.OperatorGranted;
import dev.teamcredits.events.ledger.PoolEmpty;
import dev.teamcredits.events.ledger.PurchaseCompleted;
import dev.teamcredits.events.ledger.ReservationReleased;
import dev.teamcredits.events.ledger.SourceAmount;
import dev.teamcredits.events.ledger.TopUpDeclined;
import dev.teamcredits.events.ledger.TopUpExpired;
import dev.teamcredits.events.ledger.TopUpRequested;
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

    /** Buying credits: the spec's "Who is told" for purchases, declines, expiries and operator grants. */
    static Stream<Arguments> buying() {
        AccountRef pool = AccountRef.pool();
        AccountRef ben = AccountRef.member("ben");
        AccountRef cleo = AccountRef.member("cleo");
        AccountRef zoe = AccountRef.personal("zoe");
        OrgRoster none = OrgRoster.unknown(null);
        return Stream.of(
                told("a top-up request: no one (its requester just made it)",
                        requested(pool, "ada", false), ACME),
                told("the pool's request paid: the admin who asked, then the other admin",
                        purchase(pool, "ada"), ACME, "ada TOP_UP_COMPLETED", "bob TOP_UP_COMPLETED"),
                told("the pool's auto top-up paid: the admins (the auto top-up is nobody in particular)",
                        purchase(pool, "auto-top-up"), ACME, "ada TOP_UP_COMPLETED", "bob TOP_UP_COMPLETED"),
                told("a member balance's request paid: the admin who asked, the member whose credits arrived, "
                        + "the other admin", purchase(ben, "bob"), ACME,
                        "bob TOP_UP_COMPLETED", "ben TOP_UP_COMPLETED", "ada TOP_UP_COMPLETED"),
                told("a member balance's auto top-up paid: the member and the admins",
                        purchase(cleo, "auto-top-up"), ACME,
                        "cleo TOP_UP_COMPLETED", "ada TOP_UP_COMPLETED", "bob TOP_UP_COMPLETED"),
                told("a purchase without a request for the pool: the admins",
                        purchase(pool, null), ACME, "ada CREDITS_PURCHASED", "bob CREDITS_PURCHASED"),
                told("a purchase without a request for a member balance: its owner and the admins",
                        purchase(ben, null), ACME,
                        "ben CREDITS_PURCHASED", "ada CREDITS_PURCHASED", "bob CREDITS_PURCHASED"),
                told("a personal request paid: its owner, who asked", purchase(zoe, "zoe"), none,
                        "zoe TOP_UP_COMPLETED"),
                told("a personal purchase without a request: its owner", purchase(zoe, null), none,
                        "zoe CREDITS_PURCHASED"),
                told("a personal balance's event read with an org: no admins; a former member's own balance is "
                        + "still theirs", purchase(AccountRef.personal("gus"), "gus"), ACME, "gus TOP_UP_COMPLETED"),
                told("a former member's balance (the ledger refuses it; were it to come): the admins only",
                        purchase(AccountRef.member("gus"), "gus"), ACME,
                        "ada TOP_UP_COMPLETED", "bob TOP_UP_COMPLETED"),
                told("the pool's request declined: the admin who asked, then the other admin",
                        declined(pool, "ada", false), ACME, "ada TOP_UP_DECLINED", "bob TOP_UP_DECLINED"),
                told("a member balance's request declined: its requester and the admins, not the member",
                        declined(cleo, "bob", false), ACME, "bob TOP_UP_DECLINED", "ada TOP_UP_DECLINED"),
                told("an auto top-up's request declined: the admins",
                        declined(ben, "auto-top-up", true), ACME, "ada TOP_UP_DECLINED", "bob TOP_UP_DECLINED"),
                told("a personal request declined: its requester", declined(zoe, "zoe", false), none,
                        "zoe TOP_UP_DECLINED"),
                told("a request by an admin who left, expired: the admins who remain",
                        expired(pool, "gus", false), ACME, "ada TOP_UP_EXPIRED", "bob TOP_UP_EXPIRED"),
                told("an auto top-up's request expired: the admins",
                        expired(pool, "auto-top-up", true), ACME, "ada TOP_UP_EXPIRED", "bob TOP_UP_EXPIRED"),
                told("a personal request expired: its requester", expired(zoe, "zoe", false), none,
                        "zoe TOP_UP_EXPIRED"),
                told("an operator's grant to the pool: the admins", grant(pool), ACME,
                        "ada OPERATOR_GRANT", "bob OPERATOR_GRANT"),
                told("an operator's grant to a member balance: its owner and the admins", grant(cleo), ACME,
                        "cleo OPERATOR_GRANT", "ada OPERATOR_GRANT", "bob OPERATOR_GRANT"),
                told("an operator's grant to a personal balance: its owner", grant(zoe), none, "zoe OPERATOR_GRANT"),
                told("an org not known yet: whom the event names", purchase(ben, "ada"), OrgRoster.unknown(ORG),
                        "ada TOP_UP_COMPLETED", "ben TOP_UP_COMPLETED"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("buying")
    void buyingCreditsTellsTheRequesterTheOwnerAndTheAdmins(String what, DomainEvent event, OrgRoster org,
            List<String> told) {
        assertEquals(told, WhoIsTold.about(event, org).stream().map(n -> n.userId() + " " + n.type()).toList());
    }

    /** Every text about buying credits states the amount, and a member balance's numbers only to its owner. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("buying")
    void aMemberBalanceIsStatedToItsOwnerOnly(String what, DomainEvent event, OrgRoster org, List<String> told) {
        for (Notice notice : WhoIsTold.about(event, org)) {
            assertTrue(notice.title().contains(AMOUNT + " credits") && notice.body().contains(AMOUNT + " credits"),
                    notice.toString());
            AccountRef account = accountOf(event);
            boolean ownersNumbers = notice.userId().equals(account.userId())
                    && (event instanceof PurchaseCompleted || event instanceof OperatorGranted);
            assertEquals(ownersNumbers, notice.body().contains(Long.toString(OWN_BALANCE_AFTER)), notice.toString());
            assertFalse(notice.body().contains("null") || notice.body().contains("MEMBER"), notice.toString());
        }
    }

    @Test
    void textsOfBuyingCreditsNameTheAccountAsTheReaderKnowsIt() {
        List<Notice> paid = WhoIsTold.about(purchase(AccountRef.member("ben"), "bob"), ACME);
        assertEquals(new Notice("bob", NotificationType.TOP_UP_COMPLETED, "Top-up of 500 credits completed",
                "Your top-up request of 500 credits for ben@acme.example's balance in Acme Research was paid "
                        + "(payment pay_42); the credits have arrived."), paid.get(0));
        assertEquals("Bob's top-up request of 500 credits for your balance in Acme Research was paid (payment pay_42); "
                + "the credits have arrived. Your balance is now 4321.", paid.get(1).body());
        assertEquals("The auto top-up's request of 500 credits for the team pool of Acme Research was paid "
                + "(payment pay_42); the credits have arrived. The pool now has 1500.",
                WhoIsTold.about(purchase(AccountRef.pool(), "auto-top-up"), ACME).get(0).body());
        assertEquals(new Notice("zoe", NotificationType.CREDITS_PURCHASED, "500 credits bought",
                "500 credits were bought for your personal balance (payment pay_42). Your personal balance is now "
                        + "4321."), WhoIsTold.about(purchase(AccountRef.personal("zoe"), null), OrgRoster.unknown(null))
                .get(0));
        assertEquals(new Notice("ada", NotificationType.TOP_UP_DECLINED, "Top-up of 500 credits declined",
                "Your top-up request of 500 credits for the team pool of Acme Research was declined — reason: "
                        + "card refused by the issuer. No credits were added."),
                WhoIsTold.about(declined(AccountRef.pool(), "ada", false), ACME).get(0));
        assertEquals(new Notice("ada", NotificationType.TOP_UP_EXPIRED, "Top-up of 500 credits expired",
                "The auto top-up's request of 500 credits for the team pool of Acme Research was neither paid nor "
                        + "declined in time and has expired. No credits were added."),
                WhoIsTold.about(expired(AccountRef.pool(), "auto-top-up", true), ACME).get(0));
        List<Notice> granted = WhoIsTold.about(grant(AccountRef.member("cleo")), ACME);
        assertEquals(new Notice("cleo", NotificationType.OPERATOR_GRANT, "500 credits granted",
                "An operator granted 500 credits to your balance in Acme Research — reason: support ticket 77, "
                        + "double charge. Your balance is now 4321."), granted.get(0));
        assertEquals("An operator granted 500 credits to Cleo's balance in Acme Research — reason: support ticket 77, "
                + "double charge.", granted.get(1).body());
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
        // Buying credits tells an org's admins, so it waits for the org; a personal balance's tells whom it names.
        AccountRef zoe = AccountRef.personal("zoe");
        assertEquals(List.of(true, true, true, true, false, false, false, false, false),
                Stream.of(purchase(AccountRef.pool(), null), declined(AccountRef.member("ben"), "ada", false),
                        expired(AccountRef.pool(), "auto-top-up", true), grant(AccountRef.member("ben")),
                        requested(AccountRef.pool(), "ada", false), purchase(zoe, "zoe"), declined(zoe, "zoe", false),
                        expired(zoe, "zoe", false), grant(zoe))
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

    private static final long AMOUNT = 500;
    /** The balance after in a buying event's own account: the pool's is 1500 instead, for everyone to read. */
    private static final long OWN_BALANCE_AFTER = 4321;

    private static AccountRef accountOf(DomainEvent event) {
        if (event instanceof PurchaseCompleted e) {
            return e.account();
        }
        if (event instanceof TopUpDeclined e) {
            return e.account();
        }
        if (event instanceof TopUpExpired e) {
            return e.account();
        }
        if (event instanceof OperatorGranted e) {
            return e.account();
        }
        return ((TopUpRequested) event).account();
    }

    private static UUID orgOf(AccountRef account) {
        return account.kind() == AccountRef.Kind.PERSONAL ? null : ORG;
    }

    private static BalanceView after(AccountRef account) {
        long balance = account.kind() == AccountRef.Kind.POOL ? 1500 : OWN_BALANCE_AFTER;
        return new BalanceView(account, balance, 0, balance);
    }

    private static TopUpRequested requested(AccountRef account, String requestedBy, boolean automatic) {
        return new TopUpRequested(orgOf(account), UUID.randomUUID(), account, AMOUNT, requestedBy, automatic,
                AT.plusSeconds(86400), AT);
    }

    /** A purchase completing a request by {@code requestedBy}, or without a request if null. */
    private static PurchaseCompleted purchase(AccountRef account, String requestedBy) {
        return new PurchaseCompleted(orgOf(account), UUID.randomUUID(), UUID.randomUUID(),
                requestedBy == null ? null : UUID.randomUUID(), account, AMOUNT, "pay_42", 500L, "EUR", requestedBy,
                after(account), "billing-backend", AT);
    }

    private static TopUpDeclined declined(AccountRef account, String requestedBy, boolean automatic) {
        return new TopUpDeclined(orgOf(account), UUID.randomUUID(), account, AMOUNT, "card refused by the issuer",
                requestedBy, automatic, "billing-backend", AT);
    }

    private static TopUpExpired expired(AccountRef account, String requestedBy, boolean automatic) {
        return new TopUpExpired(orgOf(account), UUID.randomUUID(), account, AMOUNT, requestedBy, automatic, AT);
    }

    private static OperatorGranted grant(AccountRef account) {
        return new OperatorGranted(orgOf(account), UUID.randomUUID(), account, AMOUNT,
                "support ticket 77, double charge", after(account), "ops-console", AT);
    }

    private static MemberJoined joined(String userId, Role role, UUID invitationId) {
        return new MemberJoined(ORG, userId, userId + "@acme.example", null, role, true, null, AT, invitationId);
    }
}
