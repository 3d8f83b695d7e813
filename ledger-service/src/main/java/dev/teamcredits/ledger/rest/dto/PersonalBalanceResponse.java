package dev.teamcredits.ledger.rest.dto;

import dev.teamcredits.events.ledger.AccountRef;
import java.util.List;

/** A user's personal balance, with its credits by kind and expiry. */
public record PersonalBalanceResponse(AccountRef account, long balance, long reserved, long available,
        List<LotView> lots) {
}
