package dev.teamcredits.team.rest.dto;

import dev.teamcredits.events.team.Plan;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "A new organization: its name and the team plan it starts on.")
public record CreateOrgRequest(
        @Schema(description = "The organization's name, as members see it; surrounding whitespace is removed",
                examples = "Acme Research") @NotBlank @Size(max = 200) String name,
        @Schema(description = "The plan; one with team accounts (BASIC is refused with 422 team-plan-required)",
                examples = "PRO") @NotNull Plan plan) {
}
