package dev.teamcredits.ledger.rest.dto;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * An admin asks to buy credits.
 *
 * @param amount  credits asked for
 * @param account {@code pool} (the default) or a member's user id
 */
public record OrgTopUpRequestBody(@NotNull @Min(1) @Max(1_000_000_000_000L) Long amount,
        @Size(min = 1, max = 200) String account) {
}
