package dev.teamcredits.events.ledger;

/**
 * An account's numbers right after a transaction.
 *
 * @param balance   credits in the account
 * @param reserved  credits held by open reservations
 * @param available balance minus reserved: what can be spent or transferred
 */
public record BalanceView(AccountRef account, long balance, long reserved, long available) {
}
