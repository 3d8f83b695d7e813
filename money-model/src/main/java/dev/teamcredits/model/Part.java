package dev.teamcredits.model;

/** One account's share of a spend, a capture or a hold. */
public record Part(Acct account, long amount) {
}
