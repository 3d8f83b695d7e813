package dev.teamcredits.client;

/** Credits drawn from (or held in) one account by a spend or hold. */
public record SourceAmount(AccountRef account, long amount) {
}
