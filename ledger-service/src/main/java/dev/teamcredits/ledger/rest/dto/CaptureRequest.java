package dev.teamcredits.ledger.rest.dto;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/** @param amount credits to charge, at most the reserved amount; the rest is released */
public record CaptureRequest(@NotNull @Min(1) @Max(1_000_000_000_000L) Long amount) {
}
