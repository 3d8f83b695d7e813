package dev.teamcredits.client;

/**
 * An account as the ledger names it in answers.
 *
 * @param kind   {@code POOL}, {@code MEMBER} or {@code PERSONAL} (system accounts in history rows have others)
 * @param userId the member or user; null for a pool
 */
public record AccountRef(String kind, String userId) {
}
