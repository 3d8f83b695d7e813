package dev.teamcredits.ledger.domain;

/** Kinds of credit lots, declared in burn order: subscription credits go first, top-ups last. */
public enum LotKind {
    SUBSCRIPTION, ROLLOVER, FREE, TOP_UP
}
