package dev.teamcredits.ledger.rest.dto;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Reserve either an {@code amount} of credits or the price of {@code action} × {@code quantity}
 * (quantity defaults to 1), for {@code ttlSeconds} (default from configuration).
 *
 * @param userId as for spends: omitted for one's own, required for a trusted backend
 */
public record ReserveRequest(@Size(max = 200) String userId, @Size(max = 64) String action,
        @Min(1) @Max(1_000_000_000_000L) Long quantity, @Min(1) @Max(1_000_000_000_000L) Long amount,
        @Min(1) Long ttlSeconds) {

    /** A rule, not a property: hidden from the document, or clients would send it and get 400 Unknown field. */
    @Schema(hidden = true)
    @AssertTrue(message = "give either amount or action")
    public boolean isAmountOrAction() {
        return (amount == null) != (action == null);
    }
}
