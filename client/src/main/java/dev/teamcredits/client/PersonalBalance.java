package dev.teamcredits.client;

import java.util.List;

/** The caller's personal balance (a service token's is its own, empty one). */
public record PersonalBalance(AccountRef account, long balance, long reserved, long available,
        List<Balances.Lot> lots) {
}
