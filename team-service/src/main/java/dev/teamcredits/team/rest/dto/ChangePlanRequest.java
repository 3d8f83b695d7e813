package dev.teamcredits.team.rest.dto;

import dev.teamcredits.events.team.Plan;
import jakarta.validation.constraints.NotNull;

public record ChangePlanRequest(@NotNull Plan plan) {
}
