package dev.teamcredits.ledger.rest.dto;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.teamcredits.events.ledger.BalanceView;
import dev.teamcredits.events.ledger.SourceAmount;
import java.util.List;
import java.util.UUID;

/**
 * What a spend charged and from where, with the balances right after it.
 *
 * @param sources pool, member balance and personal balance amounts, in the order they were drawn
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SpendResponse(UUID transactionId, String userId, String action, long quantity, long amount,
        List<SourceAmount> sources, BalanceView pool, BalanceView member, BalanceView personal) {
}
