package dev.teamcredits.ledger.rest.dto;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * An operator's grant.
 *
 * @param reason why (goodwill, support, migration…): required, kept on record
 */
public record GrantBody(@NotNull @Valid AccountBody account, @NotNull @Min(1) @Max(1_000_000_000_000L) Long amount,
        @NotBlank @Size(max = 500) String reason) {
}
