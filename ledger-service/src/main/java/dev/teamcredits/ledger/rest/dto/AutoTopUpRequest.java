package dev.teamcredits.ledger.rest.dto;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/**
 * @param threshold     ask for credits when available credits drop below this
 * @param amount        credits each top-up request asks the billing backend for
 * @param perCycleLimit most top-up requests per billing cycle
 */
public record AutoTopUpRequest(@NotNull @Min(1) @Max(1_000_000_000_000L) Long threshold,
        @NotNull @Min(1) @Max(1_000_000_000_000L) Long amount, @NotNull @Min(1) @Max(1000) Integer perCycleLimit) {
}
