package dev.teamcredits.ledger.rest.dto;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * @param userId      the member to charge: omitted (or the caller) for a member's own spend; required
 *                    for a trusted backend spending on a member's behalf
 * @param action      a priced action, e.g. PAGE_SCRAPE, ENRICHMENT, EMAIL_FINDING, EXPORT
 * @param quantity    pages, URLs, lookups, rows… (1 to 10^12)
 * @param resultValid EMAIL_FINDING only: whether a valid result was returned (charged only then)
 */
@Schema(description = "A spend: an action and its quantity, charged at the price list's price",
        example = "{\"action\": \"PAGE_SCRAPE\", \"quantity\": 3}")
public record SpendRequest(
        @Schema(description = "The member to charge: omitted (or the caller) for one's own spend; required for a "
                + "trusted backend spending on a member's behalf") @Size(max = 200) String userId,
        @Schema(description = "A priced action, e.g. PAGE_SCRAPE, ENRICHMENT, EMAIL_FINDING, EXPORT (unknown: 400 "
                + "unknown-action)") @NotBlank @Size(max = 64) String action,
        @Schema(description = "Pages, URLs, lookups, rows…") @NotNull @Min(1) @Max(1_000_000_000_000L) Long quantity,
        @Schema(description = "EMAIL_FINDING only: whether a valid result was returned (charged only then); default "
                + "true") Boolean resultValid) {
}
