package dev.teamcredits.ledger.rest.dto;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;

/**
 * Reserve either an {@code amount} of credits or the price of {@code action} × {@code quantity}
 * (quantity defaults to 1), for {@code ttlSeconds} (default from configuration).
 *
 * @param userId as for spends: omitted for one's own, required for a trusted backend
 */
public record ReserveRequest(@Size(max = 200) String userId, @Size(max = 64) String action,
        @Min(1) @Max(1_000_000_000_000L) Long quantity, @Min(1) @Max(1_000_000_000_000L) Long amount,
        @Min(1) Long ttlSeconds) {

    @AssertTrue(message = "give either amount or action")
    public boolean isAmountOrAction() {
        return (amount == null) != (action == null);
    }
}
