package dev.teamcredits.usage.domain;

import dev.teamcredits.events.ledger.AccountRef;
import dev.teamcredits.events.ledger.BalanceView;
import dev.teamcredits.events.ledger.CreditsExpired;
import dev.teamcredits.events.ledger.CreditsGranted;
import dev.teamcredits.events.ledger.CreditsRolledOver;
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

    static CreditsGranted granted(AccountRef to, long amount, long availableAfter) {
        return new CreditsGranted(ORG, UUID.randomUUID(), to, amount, "TOP_UP", "TOP_UP", null,
                after(to, availableAfter), "admin", AT);
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
