package dev.teamcredits.ledger.rest.dto;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** @param amount credits asked for, for the caller's personal balance */
@Schema(description = "A user asks to buy credits for their personal balance", example = "{\"amount\": 1000}")
public record PersonalTopUpRequestBody(
        @Schema(description = "Credits asked for") @NotNull @Min(1) @Max(1_000_000_000_000L) Long amount) {
}
