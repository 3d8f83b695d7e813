package dev.teamcredits.ledger.domain;

import java.time.Instant;
import java.util.UUID;

/** Accounts and lots in memory, for the domain's unit tests. */
final class Accounts {

    static final UUID ORG = UUID.fromString("00000000-0000-4000-8000-000000000001");
    static final Instant CYCLE_START = Instant.parse("2026-11-30T00:00:00Z");
    static final Instant CYCLE_END = Instant.parse("2026-12-30T00:00:00Z");
    static final Instant NEXT_END = Instant.parse("2027-01-30T00:00:00Z");
    private static long ids = 1;

    private Accounts() {
    }

    static Account pool() {
        return account(AccountKey.pool(ORG));
    }

    static Account member(String user) {
        return account(AccountKey.member(ORG, user));
    }

    static Account account(AccountKey key) {
        Account account = new Account(ids++, key, 0, 0);
        account.asOf(CYCLE_START, CYCLE_START.plusSeconds(60));
        return account;
    }

    /** Adds a lot of {@code amount} credits (as loaded, not created now). */
    static Lot lot(Account account, LotKind kind, Instant expiresAt, long amount) {
        Lot lot = new Lot(UUID.randomUUID(), account.id, kind, expiresAt, Instant.parse("2026-11-01T00:00:00Z")
                .plusSeconds(ids++), amount, false);
        account.addLot(lot);
        account.balance += amount;
        return lot;
    }

    static Postings postings() {
        return new Postings(new SystemAccounts(-1, -2, -3, -4, -5), CYCLE_START.plusSeconds(120), java.time.Duration.ofHours(24));
    }
}
