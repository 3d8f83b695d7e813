package dev.teamcredits.events.ledger;

/** How much of a spend (or reservation) came from one account. */
public record SourceAmount(AccountRef account, long amount) {
}
