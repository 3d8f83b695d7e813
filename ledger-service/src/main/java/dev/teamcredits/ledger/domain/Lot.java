package dev.teamcredits.ledger.domain;

import java.time.Instant;
import java.util.Comparator;
import java.util.UUID;

/** A batch of credits in one account, as loaded (or created) in a unit of work. */
public final class Lot {

    /** SUBSCRIPTION, ROLLOVER, FREE, TOP_UP; within a kind earliest expiry first (never last), then oldest. */
    public static final Comparator<Lot> BURN_ORDER = Comparator.comparing((Lot l) -> l.kind)
            .thenComparing(l -> l.expiresAt, Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(l -> l.createdAt)
            .thenComparing(l -> l.id);

    public final UUID id;
    public final long accountId;
    public final LotKind kind;
    public final Instant expiresAt;
    public final Instant createdAt;
    public final boolean created;
    public long remaining;

    public Lot(UUID id, long accountId, LotKind kind, Instant expiresAt, Instant createdAt, long remaining,
            boolean created) {
        this.id = id;
        this.accountId = accountId;
        this.kind = kind;
        this.expiresAt = expiresAt;
        this.createdAt = createdAt;
        this.remaining = remaining;
        this.created = created;
    }
}
