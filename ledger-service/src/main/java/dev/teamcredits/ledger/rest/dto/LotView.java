package dev.teamcredits.ledger.rest.dto;

import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Credits of one kind and expiry in an account (lots of the same kind and expiry are summed), listed
 * in burn order: what is spent first comes first.
 *
 * @param kind      SUBSCRIPTION, ROLLOVER, FREE or TOP_UP
 * @param expiresAt null = never
 */
@Schema(description = "Credits of one kind and expiry in an account, listed in burn order (spent first, first)")
public record LotView(
        @Schema(description = "The lot kind; burned in this order", enumeration = { "SUBSCRIPTION", "ROLLOVER", "FREE",
                "TOP_UP" }) String kind,
        @Schema(description = "When they expire; null = never", nullable = true) Instant expiresAt,
        @Schema(description = "Credits left") long remaining) {
}
