package dev.teamcredits.ledger.rest.dto;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * An admin asks to buy credits.
 *
 * @param amount  credits asked for
 * @param account {@code pool} (the default) or a member's user id
 */
@Schema(description = "An admin asks to buy credits for the pool or a member balance",
        example = "{\"amount\": 5000, \"account\": \"pool\"}")
public record OrgTopUpRequestBody(
        @Schema(description = "Credits asked for") @NotNull @Min(1) @Max(1_000_000_000_000L) Long amount,
        @Schema(description = "`pool` (the default) or an active member's user id") @Size(min = 1, max = 200)
        String account) {
}
