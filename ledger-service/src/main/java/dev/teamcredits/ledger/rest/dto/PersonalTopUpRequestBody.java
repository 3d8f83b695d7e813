package dev.teamcredits.ledger.rest.dto;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/** @param amount credits asked for, for the caller's personal balance */
public record PersonalTopUpRequestBody(@NotNull @Min(1) @Max(1_000_000_000_000L) Long amount) {
}
