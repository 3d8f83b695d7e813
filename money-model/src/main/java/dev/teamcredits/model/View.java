package dev.teamcredits.model;

/** An account's numbers, as answers show them. */
public record View(Acct account, long balance, long reserved, long available) {
}
