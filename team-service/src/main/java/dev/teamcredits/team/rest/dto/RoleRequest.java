package dev.teamcredits.team.rest.dto;

import dev.teamcredits.events.team.Role;
import jakarta.validation.constraints.NotNull;

public record RoleRequest(@NotNull Role role) {
}
