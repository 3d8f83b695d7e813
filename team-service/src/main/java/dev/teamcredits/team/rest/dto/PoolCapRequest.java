package dev.teamcredits.team.rest.dto;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "A per-cycle limit on what a member draws from the pool.")
public record PoolCapRequest(
        @Schema(description = "Credits per billing cycle the member may draw from the pool (0 to 10^12); beyond it "
                + "their spends use their own credits", format = "int64", examples = "500")
        @NotNull @Min(0) @Max(1_000_000_000_000L) Long cap) {
}
