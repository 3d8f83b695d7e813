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
@Schema(description = "A hold: either an amount of credits, or the price of action × quantity",
        example = "{\"action\": \"EMAIL_FINDING\", \"quantity\": 1, \"ttlSeconds\": 120}")
public record ReserveRequest(
        @Schema(description = "The member to hold for: omitted (or the caller) for one's own; required for a trusted "
                + "backend") @Size(max = 200) String userId,
        @Schema(description = "A priced action (e.g. PAGE_SCRAPE, ENRICHMENT, EMAIL_FINDING); either this or amount")
        @Size(max = 64) String action,
        @Schema(description = "How many of action; default 1") @Min(1) @Max(1_000_000_000_000L) Long quantity,
        @Schema(description = "Credits to hold; either this or action") @Min(1) @Max(1_000_000_000_000L) Long amount,
        @Schema(description = "How long the hold lasts, in seconds: 1 to ledger.reservations.max-ttl; default "
                + "ledger.reservations.default-ttl (the running service's document names both)") @Min(1) Long ttlSeconds) {

    /** A rule, not a property: hidden from the document, or clients would send it and get 400 Unknown field. */
    @Schema(hidden = true)
    @AssertTrue(message = "give either amount or action")
    public boolean isAmountOrAction() {
        return (amount == null) != (action == null);
    }
}
