package dev.teamcredits.ledger.domain;

/** Kinds of credit lots, each with its place in the burn order (SPEC: subscription first preserves top-ups). */
public enum LotKind {
    SUBSCRIPTION(0), ROLLOVER(1), FREE(2), TOP_UP(3);

    private final int burnRank;

    LotKind(int burnRank) {
        this.burnRank = burnRank;
    }

    /** Lower ranks are spent first. */
    public int burnRank() {
        return burnRank;
    }
}
