package dev.teamcredits.ledger.rest.dto;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** @param amount credits to charge, at most the reserved amount; the rest is released */
@Schema(description = "What to charge of a hold", example = "{\"amount\": 3}")
public record CaptureRequest(
        @Schema(description = "Credits to charge, at most the reserved amount; the rest is released")
        @NotNull @Min(1) @Max(1_000_000_000_000L) Long amount) {
}
