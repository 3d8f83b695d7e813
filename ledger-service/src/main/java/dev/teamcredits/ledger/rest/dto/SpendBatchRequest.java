package dev.teamcredits.ledger.rest.dto;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Up to 1,000 spends in one request, each judged and answered on its own as a single spend would
 * be. A malformed item (a missing action, a zero quantity…) refuses the whole request with 400, as a
 * malformed body would; a refusal by the rules (not enough credits, an unknown action) answers that
 * item only.
 */
@Schema(description = "1 to 1,000 spends, each judged and answered as a single spend with its key would be",
        example = "{\"spends\": [{\"idempotencyKey\": \"scrape-7781-1\", \"userId\": "
                + "\"a0000000-0000-4000-8000-000000000002\", \"action\": \"PAGE_SCRAPE\", \"quantity\": 1}]}")
public record SpendBatchRequest(@Schema(description = "The spends, answered in this order")
        @NotNull @Size(min = 1, max = 1000) List<@Valid @NotNull Item> spends) {

    /**
     * @param idempotencyKey the item's own Idempotency-Key (1 to 200 visible ASCII characters, as the header): a
     *                       retry with the same key (in a batch or as a single spend) replays its answer; a key
     *                       the header would refuse makes the item malformed
     */
    @Schema(name = "SpendBatchItem", description = "One spend of a batch, with its own idempotency key")
    public record Item(
            @Schema(description = "The item's Idempotency-Key, the single spend's: a retry with it (in a batch or as a "
                    + "single spend) replays its answer")
            @NotNull @Size(min = 1, max = 200) @Pattern(regexp = "^[\\x21-\\x7E]+$",
                    message = "must be 1 to 200 visible ASCII characters") String idempotencyKey,
            @Schema(description = "The member to charge, as for a single spend") @Size(max = 200) String userId,
            @Schema(description = "A priced action, as for a single spend") @NotNull @Size(min = 1, max = 64)
            String action,
            @Schema(description = "Pages, URLs, lookups, rows…") @NotNull @Min(1) @Max(1_000_000_000_000L) Long quantity,
            @Schema(description = "EMAIL_FINDING only: whether a valid result was returned; default true")
            Boolean resultValid) {
    }
}
