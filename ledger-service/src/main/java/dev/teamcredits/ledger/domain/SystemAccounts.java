package dev.teamcredits.ledger.domain;

/** Ids of the system accounts that take the other side of entries; created by the first migration. */
public record SystemAccounts(long issuance, long spent, long expired) {
}
