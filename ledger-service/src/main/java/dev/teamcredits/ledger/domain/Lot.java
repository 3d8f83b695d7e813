package dev.teamcredits.ledger.domain;

import java.time.Instant;
import java.util.UUID;

/** A batch of credits in one account, with its kind and expiry (null = never). */
public final class Lot {

    public final UUID id;
    public final long accountId;
    public final LotKind kind;
    public final Instant expiresAt;
    public final Instant createdAt;
    /** Created in this transaction (written as an insert, not an update). */
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
