package dev.teamcredits.ledger.rest.dto;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * @param from   {@code pool} or a member's user id
 * @param to     {@code pool} or a member's user id
 * @param reason free text stored with the transfer
 */
public record TransferRequest(@NotBlank @Size(max = 200) String from, @NotBlank @Size(max = 200) String to,
        @NotNull @Min(1) @Max(1_000_000_000_000L) Long amount, @Size(max = 500) String reason) {
}
