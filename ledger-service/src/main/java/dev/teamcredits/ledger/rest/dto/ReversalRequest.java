package dev.teamcredits.ledger.rest.dto;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** @param amount how much to claw back; defaults to all of the transfer not yet reversed */
@Schema(description = "How much of a transfer to claw back", example = "{\"amount\": 100, \"reason\": \"Sent to "
        + "the wrong member\"}")
public record ReversalRequest(
        @Schema(description = "Credits to claw back; default: all of the transfer not yet reversed")
        @Min(1) @Max(1_000_000_000_000L) Long amount,
        @Schema(description = "Free text stored with the reversal; default `reversal`") @Size(max = 500) String reason) {
}
