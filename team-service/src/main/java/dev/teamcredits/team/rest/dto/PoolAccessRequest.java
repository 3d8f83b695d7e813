package dev.teamcredits.team.rest.dto;

import jakarta.validation.constraints.NotNull;

public record PoolAccessRequest(@NotNull Boolean enabled) {
}
