package dev.teamcredits.ledger.rest.dto;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * @param threshold     ask for credits when available credits drop below this
 * @param amount        credits each top-up request asks the billing backend for
 * @param perCycleLimit most top-up requests per billing cycle
 */
@Schema(name = "AutoTopUp", description = "An account's auto top-up: below threshold available credits, a top-up "
        + "request for amount goes to the billing backend, at most perCycleLimit per billing cycle",
        example = "{\"threshold\": 500, \"amount\": 2000, \"perCycleLimit\": 2}")
public record AutoTopUpRequest(
        @Schema(description = "Ask for credits when the account's available credits drop below this")
        @NotNull @Min(1) @Max(1_000_000_000_000L) Long threshold,
        @Schema(description = "Credits each top-up request asks the billing backend for")
        @NotNull @Min(1) @Max(1_000_000_000_000L) Long amount,
        @Schema(description = "At most this many automatic top-up requests per billing cycle")
        @NotNull @Min(1) @Max(1000) Integer perCycleLimit) {
}
