package dev.teamcredits.usage.rest.dto;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The team page's pool card, for a progress bar.
 *
 * @param available right now, for the current cycle (null for a past one)
 * @param total     credits that entered the pool this cycle
 */
@Schema(description = "The team page's pool card, for a progress bar")
public record PoolCard(
        @Schema(description = "The pool's available credits now, for the current cycle; null for a past cycle (or "
                + "before the ledger reported any)", nullable = true) Long available,
        @Schema(description = "Credits that entered the pool in the cycle (allocation, rollover, purchases and grants "
                + "for the pool, transfers in)") long total) {
}
