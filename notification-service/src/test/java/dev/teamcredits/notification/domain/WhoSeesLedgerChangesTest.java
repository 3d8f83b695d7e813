package dev.teamcredits.notification.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.teamcredits.events.ledger.AccountRef;
import dev.teamcredits.events.ledger.BalanceView;
import dev.teamcredits.events.ledger.CreditsExpired;
import dev.teamcredits.events.ledger.CreditsGranted;
import dev.teamcredits.events.ledger.CreditsRolledOver;
import dev.teamcredits.events.ledger.CreditsSpent;
import dev.teamcredits.events.ledger.CycleClosed;
import dev.teamcredits.events.ledger.LedgerEvent;
import dev.teamcredits.events.ledger.LowBalance;
import dev.teamcredits.events.ledger.OperatorGranted;
import dev.teamcredits.events.ledger.PoolEmpty;
import dev.teamcredits.events.ledger.PurchaseCompleted;
import dev.teamcredits.events.ledger.ReservationCaptured;
import dev.teamcredits.events.ledger.ReservationCreated;
import dev.teamcredits.events.ledger.ReservationReleased;
import dev.teamcredits.events.ledger.SourceAmount;
import dev.teamcredits.events.ledger.TopUpDeclined;
import dev.teamcredits.events.ledger.TopUpExpired;
import dev.teamcredits.events.ledger.TopUpRequested;
import dev.teamcredits.events.ledger.TransferCompleted;
import dev.teamcredits.notification.domain.OrgRoster.Member;
import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Who sees what of each ledger event type, one example each (the rule over random days and rosters:
 * {@link WhoSeesLedgerChangesPropertyTest}). "whole": the event as published; "pool N": only the pool's
 * numbers (balance N); "without f": the event with field f left out.
 */
class WhoSeesLedgerChangesTest {

    private static final UUID ORG = UUID.randomUUID();
    private static final Instant AT = Instant.parse("2026-12-01T10:00:00Z");
    private static final LocalDate CYCLE = LocalDate.of(2026, 12, 1);
    /** Ada is the admin; Ben and Cleo are members; Gus left. */
    private static final OrgRoster ACME = new OrgRoster(ORG, "Acme Research", List.of(
            new Member("ada", null, "Ada", "ADMIN", true),
            new Member("ben", null, null, "MEMBER", true),
            new Member("gus", null, null, "MEMBER", false),
            new Member("cleo", null, null, "MEMBER", true)));
    private static final AccountRef POOL = AccountRef.pool();
    private static final AccountRef BEN = AccountRef.member("ben");
    private static final AccountRef CLEO = AccountRef.member("cleo");
    private static final AccountRef ZOE = AccountRef.personal("zoe");
    private static final BalanceView POOL_AFTER = new BalanceView(POOL, 985, 3, 982);
    private static final OrgRoster NO_ORG = OrgRoster.unknown(null);

    static Stream<Arguments> changes() {
        UUID hold = UUID.randomUUID();
        return Stream.of(
                seen("a transfer from the pool: the admin and the recipient whole, the others the pool's numbers",
                        transfer(POOL, CLEO), ACME, "ada whole", "ben pool 985", "cleo whole"),
                seen("a claw-back to the pool: the same, the member it was taken from whole",
                        transfer(BEN, POOL), ACME, "ada whole", "ben whole", "cleo pool 985"),
                seen("a transfer between members: each of them without the other's balance, no pool for others",
                        transfer(BEN, CLEO), ACME, "ada whole", "ben without toAfter", "cleo without fromAfter"),
                seen("the sweep of a member who left: not him, the others the pool's numbers",
                        transfer(AccountRef.member("gus"), POOL), ACME, "ada whole", "ben pool 985", "cleo pool 985"),
                seen("a spend from the member's own balance, with the pool's numbers as the ledger sends them",
                        spend("ben", BEN, POOL_AFTER), ACME, "ada whole", "ben whole", "cleo pool 985"),
                seen("a spend without the pool's numbers: nothing for the others",
                        spend("ben", BEN, null), ACME, "ada whole", "ben whole"),
                seen("a backend's spend for a member from the pool: the member whole",
                        spend("cleo", POOL, POOL_AFTER), ACME, "ada whole", "ben pool 985", "cleo whole"),
                seen("a hold: its member whole, the others the pool's numbers",
                        new ReservationCreated(ORG, hold, "cleo", "EMAIL_FIND", 3, List.of(new SourceAmount(POOL, 3)),
                                AT, "cleo", POOL_AFTER, AT), ACME, "ada whole", "ben pool 985", "cleo whole"),
                seen("a capture",
                        new ReservationCaptured(ORG, hold, "cleo", 3, 1, UUID.randomUUID(), POOL_AFTER, AT), ACME,
                        "ada whole", "ben pool 985", "cleo whole"),
                seen("a release (expired or not)",
                        new ReservationReleased(ORG, hold, "cleo", 3, true, POOL_AFTER, AT), ACME,
                        "ada whole", "ben pool 985", "cleo whole"),
                seen("the subscription allocation into the pool: its details for the admin only",
                        new CreditsGranted(ORG, UUID.randomUUID(), POOL, 1000, "SUBSCRIPTION", "SUBSCRIPTION", AT,
                                new BalanceView(POOL, 1500, 0, 1500), "system", AT), ACME,
                        "ada whole", "ben pool 1500", "cleo pool 1500"),
                seen("a top-up request for the pool: the admin (it moves no credits: nothing for the members)",
                        requested(POOL, "ada", false), ACME, "ada whole"),
                seen("the pool's request paid: the admin whole, the members the pool's numbers",
                        purchase(POOL, "ada"), ACME, "ada whole", "ben pool 1500", "cleo pool 1500"),
                seen("a purchase without a request for the pool: the same",
                        purchase(POOL, null), ACME, "ada whole", "ben pool 1500", "cleo pool 1500"),
                seen("the pool's request declined: the admin", declined(POOL, "ada", false), ACME, "ada whole"),
                seen("the pool's request expired: the admin", expired(POOL, "auto-top-up", true), ACME,
                        "ada whole"),
                seen("an operator's grant to the pool: reason and operator for the admin, the pool's numbers for "
                        + "the members", operatorGrant(POOL), ACME, "ada whole", "ben pool 1500", "cleo pool 1500"),
                seen("an auto top-up request for a member's balance: that member and the admin",
                        requested(BEN, "auto-top-up", true), ACME, "ada whole", "ben whole"),
                seen("a member balance's request paid: that member and the admin, not the others",
                        purchase(BEN, "ada"), ACME, "ada whole", "ben whole"),
                seen("a purchase without a request for a member's balance: the same",
                        purchase(CLEO, null), ACME, "ada whole", "cleo whole"),
                seen("a member balance's request declined: that member and the admin",
                        declined(CLEO, "ada", false), ACME, "ada whole", "cleo whole"),
                seen("a member balance's request expired: that member and the admin",
                        expired(BEN, "ada", false), ACME, "ada whole", "ben whole"),
                seen("an operator's grant to a member's balance: that member and the admin",
                        operatorGrant(BEN), ACME, "ada whole", "ben whole"),
                seen("a former member's request declined: the admin only",
                        declined(AccountRef.member("gus"), "ada", false), ACME, "ada whole"),
                seen("the pool's credits expired at a close",
                        new CreditsExpired(ORG, UUID.randomUUID(), POOL, 15, "SUBSCRIPTION", POOL_AFTER, AT), ACME,
                        "ada whole", "ben pool 985", "cleo pool 985"),
                seen("a member's credits expired",
                        new CreditsExpired(ORG, UUID.randomUUID(), CLEO, 5, "SUBSCRIPTION",
                                new BalanceView(CLEO, 0, 0, 0), AT), ACME, "ada whole", "cleo whole"),
                seen("the pool's credits rolled over: no numbers change, the admin only",
                        new CreditsRolledOver(ORG, UUID.randomUUID(), POOL, 200, AT, AT), ACME, "ada whole"),
                seen("a member's credits rolled over: that member",
                        new CreditsRolledOver(ORG, UUID.randomUUID(), BEN, 20, AT, AT), ACME, "ada whole",
                        "ben whole"),
                seen("a member's low balance: that member", new LowBalance(ORG, CLEO, 4, 10, AT), ACME,
                        "ada whole", "cleo whole"),
                seen("the pool's low balance: the admin", new LowBalance(ORG, POOL, 4, 10, AT), ACME, "ada whole"),
                seen("pool empty: the admin", new PoolEmpty(ORG, AT), ACME, "ada whole"),
                seen("a cycle closed: every member (its dates and allocation are on the org's page)",
                        new CycleClosed(ORG, CYCLE, CYCLE.plusMonths(1), CYCLE.plusMonths(2), 1000, AT), ACME,
                        "ada whole", "ben whole", "cleo whole"),
                seen("personal credits, outside any org: their owner",
                        new CreditsGranted(null, UUID.randomUUID(), AccountRef.personal("zoe"), 10, "FREE", "FREE",
                                null, new BalanceView(AccountRef.personal("zoe"), 10, 0, 10), "system", AT),
                        OrgRoster.unknown(null), "zoe whole"),
                seen("a personal top-up request: its owner", requested(ZOE, "zoe", false), NO_ORG, "zoe whole"),
                seen("a personal purchase: its owner", purchase(ZOE, "zoe"), NO_ORG, "zoe whole"),
                seen("a personal purchase without a request: its owner", purchase(ZOE, null), NO_ORG, "zoe whole"),
                seen("a personal request declined: its owner", declined(ZOE, "zoe", false), NO_ORG, "zoe whole"),
                seen("a personal request expired: its owner", expired(ZOE, "zoe", false), NO_ORG, "zoe whole"),
                seen("an operator's grant to a personal balance: its owner", operatorGrant(ZOE), NO_ORG,
                        "zoe whole"),
                seen("an org no one here knows of yet: no one, not even whom it names",
                        transfer(POOL, BEN), OrgRoster.unknown(ORG)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("changes")
    void eachPersonSeesWhatTheLedgerLetsThemRead(String what, LedgerEvent event, OrgRoster org, Set<String> seen) {
        Set<String> actual = new TreeSet<>();
        for (WhoSeesLedgerChanges.Shown shown : WhoSeesLedgerChanges.of(event, org)) {
            shown.users().forEach(user -> actual.add(user + " " + describe(event, shown.view())));
        }
        assertEquals(seen, actual);
        for (String user : List.of("ada", "ben", "cleo", "gus", "zoe", "olga")) {
            assertEquals(seen.stream().filter(s -> s.startsWith(user + " ")).findFirst().orElse(null),
                    WhoSeesLedgerChanges.viewFor(event, org, user).map(v -> user + " " + describe(event, v))
                            .orElse(null), user);
        }
    }

    @Test
    void everyLedgerEventTypeHasItsRow() {
        Set<String> ruled = changes().map(a -> a.get()[1].getClass().getSimpleName()).collect(Collectors.toSet());
        Set<String> all = Arrays.stream(LedgerEvent.class.getPermittedSubclasses()).map(Class::getSimpleName)
                .collect(Collectors.toSet());
        assertEquals(all, ruled);
    }

    @Test
    void aNotificationCarriesWhatItsRecipientMayRead() {
        TransferCompleted between = transfer(BEN, CLEO);
        assertEquals("without fromAfter", describe(between, WhoSeesLedgerChanges.told(between, ACME, "cleo")));
        assertEquals("whole", describe(between, WhoSeesLedgerChanges.told(between, ACME, "ada")));
        // The org's team events are behind: the member named is read as a member, the admin who made it
        // (whose text states both balances) gets it whole.
        OrgRoster unknown = OrgRoster.unknown(ORG);
        assertEquals("without fromAfter", describe(between, WhoSeesLedgerChanges.told(between, unknown, "cleo")));
        assertEquals("whole", describe(between, WhoSeesLedgerChanges.told(between, unknown, "ada")));
        // Those told of buying credits may read all of it: the requester (an admin), the owner, the admins.
        TopUpDeclined declined = declined(CLEO, "ada", false);
        assertEquals("whole", describe(declined, WhoSeesLedgerChanges.told(declined, ACME, "ada")));
        PurchaseCompleted bought = purchase(ZOE, "zoe");
        assertEquals("whole", describe(bought, WhoSeesLedgerChanges.told(bought, NO_ORG, "zoe")));
    }

    private static Arguments seen(String what, LedgerEvent event, OrgRoster org, String... seen) {
        return Arguments.of(what, event, org, new TreeSet<>(List.of(seen)));
    }

    /** "whole", "pool N", or "without" the fields of the event left out. */
    private static String describe(LedgerEvent event, LedgerView view) {
        if (view.data() instanceof PoolBalance pool) {
            assertEquals(PoolBalance.TYPE, view.type());
            return "pool " + pool.pool().balance();
        }
        List<String> without = new ArrayList<>();
        for (RecordComponent c : event.getClass().getRecordComponents()) {
            if (!Objects.equals(value(c, event), value(c, view.data()))) {
                without.add(c.getName());
            }
        }
        return without.isEmpty() ? "whole" : "without " + String.join(", ", without);
    }

    private static Object value(RecordComponent component, Object record) {
        try {
            return component.getAccessor().invoke(record);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static TransferCompleted transfer(AccountRef from, AccountRef to) {
        return new TransferCompleted(ORG, UUID.randomUUID(), from, to, 15, "private bonus", "ada", "Ada", null,
                from.equals(POOL) ? POOL_AFTER : new BalanceView(from, 5, 0, 5),
                to.equals(POOL) ? POOL_AFTER : new BalanceView(to, 15, 0, 15), AT);
    }

    private static CreditsSpent spend(String userId, AccountRef source, BalanceView poolAfter) {
        return new CreditsSpent(ORG, UUID.randomUUID(), userId, "PAGE_SCRAPE", 3, 3,
                List.of(new SourceAmount(source, 3)), CYCLE, null, "scraper-backend", poolAfter, AT);
    }

    private static UUID orgOf(AccountRef account) {
        return account.kind() == AccountRef.Kind.PERSONAL ? null : ORG;
    }

    /** The account's numbers after 500 credits arrived: the pool has 1500 then. */
    private static BalanceView after(AccountRef account) {
        long balance = account.equals(POOL) ? 1500 : 540;
        return new BalanceView(account, balance, 0, balance);
    }

    private static TopUpRequested requested(AccountRef account, String requestedBy, boolean automatic) {
        return new TopUpRequested(orgOf(account), UUID.randomUUID(), account, 500, requestedBy, automatic,
                AT.plusSeconds(86400), AT);
    }

    /** A purchase completing a request by {@code requestedBy}, or without a request if null. */
    private static PurchaseCompleted purchase(AccountRef account, String requestedBy) {
        return new PurchaseCompleted(orgOf(account), UUID.randomUUID(), UUID.randomUUID(),
                requestedBy == null ? null : UUID.randomUUID(), account, 500, "pay_1", 500L, "EUR", requestedBy,
                after(account), "billing-backend", AT);
    }

    private static TopUpDeclined declined(AccountRef account, String requestedBy, boolean automatic) {
        return new TopUpDeclined(orgOf(account), UUID.randomUUID(), account, 500, "card refused", requestedBy,
                automatic, "billing-backend", AT);
    }

    private static TopUpExpired expired(AccountRef account, String requestedBy, boolean automatic) {
        return new TopUpExpired(orgOf(account), UUID.randomUUID(), account, 500, requestedBy, automatic, AT);
    }

    private static OperatorGranted operatorGrant(AccountRef account) {
        return new OperatorGranted(orgOf(account), UUID.randomUUID(), account, 500, "goodwill after an outage",
                after(account), "ops-console", AT);
    }
}
