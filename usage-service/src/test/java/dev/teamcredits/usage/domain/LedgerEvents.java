package dev.teamcredits.usage.domain;

import dev.teamcredits.events.ledger.AccountRef;
import dev.teamcredits.events.ledger.BalanceView;
import dev.teamcredits.events.ledger.CreditsExpired;
import dev.teamcredits.events.ledger.CreditsGranted;
import dev.teamcredits.events.ledger.CreditsRolledOver;
import dev.teamcredits.events.ledger.OperatorGranted;
import dev.teamcredits.events.ledger.PurchaseCompleted;
import dev.teamcredits.events.ledger.TopUpDeclined;
import dev.teamcredits.events.ledger.TopUpExpired;
import dev.teamcredits.events.ledger.TopUpRequested;
import dev.teamcredits.events.ledger.TransferCompleted;
import java.time.Instant;
import java.util.UUID;

/** Ledger events as the ledger writes them, for the domain's unit tests. */
final class LedgerEvents {

    static final UUID ORG = UUID.fromString("00000000-0000-4000-8000-000000000001");
    static final Instant AT = Instant.parse("2026-03-08T12:00:00Z");
    static final AccountRef POOL = AccountRef.pool();
    static final AccountRef BEN = AccountRef.member("ben");

    private LedgerEvents() {
    }

    /** An account's numbers after an event: {@code available} of them free. */
    static BalanceView after(AccountRef account, long available) {
        return new BalanceView(account, available, 0, available);
    }

    /** The plan's credits: the subscription allocation, or free credits of a personal balance (no org). */
    static CreditsGranted granted(AccountRef to, long amount, long availableAfter) {
        boolean personal = to.kind() == AccountRef.Kind.PERSONAL;
        return new CreditsGranted(orgOf(to), UUID.randomUUID(), to, amount, personal ? "FREE" : "SUBSCRIPTION",
                personal ? "FREE" : "SUBSCRIPTION", null, after(to, availableAfter), "system", AT);
    }

    static TopUpRequested requested(AccountRef account, long amount, boolean automatic) {
        return new TopUpRequested(orgOf(account), UUID.randomUUID(), account, amount,
                automatic ? "auto-top-up" : "admin", automatic, AT.plusSeconds(86400), AT);
    }

    /** A purchase the billing backend recorded: completing a top-up request, or without one. */
    static PurchaseCompleted purchased(AccountRef to, long amount, long availableAfter, boolean requested) {
        return new PurchaseCompleted(orgOf(to), UUID.randomUUID(), UUID.randomUUID(),
                requested ? UUID.randomUUID() : null, to, amount, "pay_" + UUID.randomUUID(), amount * 10, "EUR",
                requested ? "admin" : null, after(to, availableAfter), "billing-backend", AT);
    }

    static TopUpDeclined declined(AccountRef account, long amount) {
        return new TopUpDeclined(orgOf(account), UUID.randomUUID(), account, amount, "card refused", "admin", false,
                "billing-backend", AT);
    }

    static TopUpExpired requestExpired(AccountRef account, long amount) {
        return new TopUpExpired(orgOf(account), UUID.randomUUID(), account, amount, "auto-top-up", true, AT);
    }

    static OperatorGranted operatorGranted(AccountRef to, long amount, long availableAfter) {
        return new OperatorGranted(orgOf(to), UUID.randomUUID(), to, amount, "goodwill", after(to, availableAfter),
                "ops-console", AT);
    }

    /** A personal balance belongs to no org. */
    private static UUID orgOf(AccountRef account) {
        return account.kind() == AccountRef.Kind.PERSONAL ? null : ORG;
    }

    static CreditsRolledOver rolledOver(AccountRef account, long amount) {
        return new CreditsRolledOver(ORG, UUID.randomUUID(), account, amount, null, AT);
    }

    static CreditsExpired expired(AccountRef account, long amount, long availableAfter) {
        return new CreditsExpired(ORG, UUID.randomUUID(), account, amount, "SUBSCRIPTION",
                after(account, availableAfter), AT);
    }

    static TransferCompleted transfer(AccountRef from, AccountRef to, long amount, long fromAfter, long toAfter) {
        return new TransferCompleted(ORG, UUID.randomUUID(), from, to, amount, "reason", "admin", "Admin", null,
                after(from, fromAfter), after(to, toAfter), AT);
    }
}
