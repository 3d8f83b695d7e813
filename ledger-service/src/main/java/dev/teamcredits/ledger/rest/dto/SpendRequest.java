package dev.teamcredits.ledger.rest.dto;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * @param userId      the member to charge: omitted (or the caller) for a member's own spend; required
 *                    for a trusted backend spending on a member's behalf
 * @param action      a priced action, e.g. PAGE_SCRAPE, ENRICHMENT, EMAIL_FINDING, EXPORT
 * @param quantity    pages, URLs, lookups, rows… (1 to 10^12)
 * @param resultValid EMAIL_FINDING only: whether a valid result was returned (charged only then)
 */
public record SpendRequest(@Size(max = 200) String userId, @NotBlank @Size(max = 64) String action,
        @NotNull @Min(1) @Max(1_000_000_000_000L) Long quantity, Boolean resultValid) {
}
