package dev.teamcredits.ledger.rest.dto;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * @param mode   TOP_UP_TO: each cycle start, top the member balance up to {@code amount} from the pool;
 *               ADD: add {@code amount} from the pool
 */
@Schema(name = "RecurringAllocation", description = "Credits a member gets from the pool at each cycle start",
        example = "{\"mode\": \"TOP_UP_TO\", \"amount\": 500}")
public record RecurringAllocationRequest(
        // An enum in the document: the pattern alone, read unanchored as JSON Schema does, means "holds one of them".
        @NotNull @Pattern(regexp = "TOP_UP_TO|ADD") @Schema(enumeration = { "TOP_UP_TO", "ADD" },
                description = "TOP_UP_TO: top the member balance up to amount; ADD: add amount") String mode,
        @Schema(description = "Credits") @NotNull @Min(1) @Max(1_000_000_000_000L) Long amount) {
}
