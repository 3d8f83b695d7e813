package dev.teamcredits.ledger.rest.dto;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.teamcredits.events.ledger.BalanceView;
import dev.teamcredits.events.ledger.SourceAmount;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * What a spend charged and from where, with the balances right after it.
 *
 * @param sources pool, member balance and personal balance amounts, in the order they were drawn
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "What a spend charged and from where, with the balances right after it")
public record SpendResponse(@Schema(description = "The SPEND transaction; absent when nothing was charged (a free "
        + "action)") UUID transactionId,
        @Schema(description = "The member charged") String userId,
        @Schema(description = "The action") String action,
        @Schema(description = "Its quantity") long quantity,
        @Schema(description = "Credits charged") long amount,
        @Schema(description = "Credits per account, in the order they were drawn (pool, member, personal)")
        List<SourceAmount> sources,
        @Schema(description = "The pool after the spend; absent when it was not drawn on") BalanceView pool,
        @Schema(description = "The member balance after the spend") BalanceView member,
        @Schema(description = "The personal balance after the spend; absent when it was not drawn on")
        BalanceView personal) {
}
