package dev.teamcredits.team.rest.dto;

import dev.teamcredits.events.team.Plan;
import jakarta.validation.constraints.NotNull;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "The plan an organization moves to.")
public record ChangePlanRequest(
        @Schema(description = "The new plan; one with team accounts (BASIC is refused with 422 team-plan-required)",
                examples = "PRO_PLUS") @NotNull Plan plan) {
}
