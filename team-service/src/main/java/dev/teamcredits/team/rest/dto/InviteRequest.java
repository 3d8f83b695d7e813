package dev.teamcredits.team.rest.dto;

import dev.teamcredits.events.team.Role;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** @param poolAccess whether the member may draw on the pool once joined; default false */
public record InviteRequest(@NotBlank @Email @Size(max = 320) String email, @NotNull Role role, Boolean poolAccess) {
}
