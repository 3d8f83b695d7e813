package dev.teamcredits.ledger.domain;

/**
 * Ids of the system accounts that take the other side of entries; created by the migrations. Credits enter
 * from exactly three: {@code issuance} (what the plan brings: allocations, free credits), {@code purchases}
 * (what the billing backend recorded as paid) and {@code grants} (what an operator granted, with a reason);
 * they leave to {@code spent} and {@code expired}.
 */
public record SystemAccounts(long issuance, long spent, long expired, long purchases, long grants) {
}
