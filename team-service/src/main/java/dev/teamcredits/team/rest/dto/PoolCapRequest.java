package dev.teamcredits.team.rest.dto;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/** @param cap credits per cycle the member may draw from the pool (0 to 10^12) */
public record PoolCapRequest(@NotNull @Min(0) @Max(1_000_000_000_000L) Long cap) {
}
