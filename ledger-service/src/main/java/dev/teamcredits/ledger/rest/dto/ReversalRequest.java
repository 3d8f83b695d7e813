package dev.teamcredits.ledger.rest.dto;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;

/** @param amount how much to claw back; defaults to all of the transfer not yet reversed */
public record ReversalRequest(@Min(1) @Max(1_000_000_000_000L) Long amount, @Size(max = 500) String reason) {
}
