package dev.teamcredits.team.rest.dto;

import jakarta.validation.constraints.NotNull;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "Whether a member may draw on the org's pool.")
public record PoolAccessRequest(
        @Schema(description = "true: the member's spends draw on the pool first; false: only their own credits",
                examples = "true") @NotNull Boolean enabled) {
}
