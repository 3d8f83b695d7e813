package dev.teamcredits.model;

import java.time.Instant;
import java.util.Comparator;

/**
 * The credits of one kind and one expiry in an account. Ordered in burn order: kind, then the
 * earliest expiry, no expiry last.
 *
 * @param expiry null = never
 */
public record Bucket(LotKind kind, Instant expiry) implements Comparable<Bucket> {

    public static final Comparator<Bucket> BURN_ORDER = Comparator.comparing(Bucket::kind)
            .thenComparing(Bucket::expiry, Comparator.nullsLast(Comparator.naturalOrder()));

    @Override
    public int compareTo(Bucket other) {
        return BURN_ORDER.compare(this, other);
    }
}
