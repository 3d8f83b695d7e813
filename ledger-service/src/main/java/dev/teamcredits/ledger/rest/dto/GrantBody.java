package dev.teamcredits.ledger.rest.dto;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * An operator's grant.
 *
 * @param reason why (goodwill, support, migration…): required, kept on record
 */
@Schema(description = "An operator's grant", example = "{\"account\": {\"orgId\": "
        + "\"5f1c9a53-8c0e-4c61-9b0e-2f4d6a7b8c90\"}, \"amount\": 1000, \"reason\": \"Goodwill after an outage\"}")
public record GrantBody(@Schema(description = "Where the credits go") @NotNull @Valid AccountBody account,
        @Schema(description = "Credits granted") @NotNull @Min(1) @Max(1_000_000_000_000L) Long amount,
        @Schema(description = "Why (goodwill, support, migration…): kept on record") @NotBlank @Size(max = 500)
        String reason) {
}
