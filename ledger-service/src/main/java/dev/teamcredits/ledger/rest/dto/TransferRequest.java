package dev.teamcredits.ledger.rest.dto;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * @param from   {@code pool} or a member's user id
 * @param to     {@code pool} or a member's user id
 * @param reason free text stored with the transfer
 */
@Schema(description = "A transfer between the pool and member balances of one org",
        example = "{\"from\": \"pool\", \"to\": \"a0000000-0000-4000-8000-000000000002\", \"amount\": 250, "
                + "\"reason\": \"Q3 research\"}")
public record TransferRequest(
        @Schema(description = "`pool` or an active member's user id") @NotBlank @Size(max = 200) String from,
        @Schema(description = "`pool` or an active member's user id") @NotBlank @Size(max = 200) String to,
        @Schema(description = "Credits to move") @NotNull @Min(1) @Max(1_000_000_000_000L) Long amount,
        @Schema(description = "Free text stored with the transfer") @Size(max = 500) String reason) {
}
