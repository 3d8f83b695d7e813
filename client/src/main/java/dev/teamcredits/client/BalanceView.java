package dev.teamcredits.client;

/**
 * An account's balance right after an operation.
 *
 * @param available {@code balance - reserved}: what can be spent, reserved or transferred
 */
public record BalanceView(AccountRef account, long balance, long reserved, long available) {
}
