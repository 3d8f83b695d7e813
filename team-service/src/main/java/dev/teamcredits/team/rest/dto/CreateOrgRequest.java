package dev.teamcredits.team.rest.dto;

import dev.teamcredits.events.team.Plan;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

public record CreateOrgRequest(@NotBlank @Size(max = 200) String name, @NotNull Plan plan) {
}
