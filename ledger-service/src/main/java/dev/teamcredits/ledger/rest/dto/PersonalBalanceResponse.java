package dev.teamcredits.ledger.rest.dto;

import dev.teamcredits.events.ledger.AccountRef;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A user's personal balance, with its credits by kind and expiry. */
@Schema(description = "A user's personal balance, with its credits by kind and expiry")
public record PersonalBalanceResponse(@Schema(description = "The personal account") AccountRef account,
        @Schema(description = "Credits in the balance") long balance,
        @Schema(description = "Credits held by open reservations") long reserved,
        @Schema(description = "balance − reserved") long available,
        @Schema(description = "The credits by kind and expiry, in burn order") List<LotView> lots) {
}
