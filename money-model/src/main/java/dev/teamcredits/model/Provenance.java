package dev.teamcredits.model;

/** Credits created, by where they came from. */
public record Provenance(long allocations, long free, long purchases, long grants, long existing) {

    public static final Provenance NONE = new Provenance(0, 0, 0, 0, 0);

    public long total() {
        return allocations + free + purchases + grants + existing;
    }

    public Provenance plus(Origin origin, long amount) {
        return new Provenance(allocations + (origin == Origin.ALLOCATION ? amount : 0),
                free + (origin == Origin.FREE ? amount : 0), purchases + (origin == Origin.PURCHASE ? amount : 0),
                grants + (origin == Origin.GRANT ? amount : 0), existing + (origin == Origin.EXISTING ? amount : 0));
    }

    public Provenance plus(Provenance other) {
        return new Provenance(allocations + other.allocations, free + other.free, purchases + other.purchases,
                grants + other.grants, existing + other.existing);
    }
}
