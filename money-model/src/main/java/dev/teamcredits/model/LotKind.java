package dev.teamcredits.model;

/** Kinds of credits, in burn order: subscription credits are spent first, top-ups last. */
public enum LotKind {
    SUBSCRIPTION, ROLLOVER, FREE, TOP_UP
}
