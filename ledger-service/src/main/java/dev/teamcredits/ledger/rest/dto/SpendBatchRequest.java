package dev.teamcredits.ledger.rest.dto;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * Up to 1,000 spends in one request, each judged and answered on its own as a single spend would
 * be. A malformed item (a missing action, a zero quantity…) refuses the whole request with 400, as a
 * malformed body would; a refusal by the rules (not enough credits, an unknown action) answers that
 * item only.
 */
public record SpendBatchRequest(@NotNull @Size(min = 1, max = 1000) List<@Valid @NotNull Item> spends) {

    /**
     * @param idempotencyKey the item's own Idempotency-Key (1 to 200 visible ASCII characters, as the header): a
     *                       retry with the same key (in a batch or as a single spend) replays its answer; a key
     *                       the header would refuse makes the item malformed
     */
    public record Item(@NotNull @Size(min = 1, max = 200) @Pattern(regexp = "^[\\x21-\\x7E]+$",
            message = "must be 1 to 200 visible ASCII characters") String idempotencyKey, @Size(max = 200) String userId,
            @NotNull @Size(min = 1, max = 64) String action, @NotNull @Min(1) @Max(1_000_000_000_000L) Long quantity, Boolean resultValid) {
    }
}
