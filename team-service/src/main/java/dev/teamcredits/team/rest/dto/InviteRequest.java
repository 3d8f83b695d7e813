package dev.teamcredits.team.rest.dto;

import dev.teamcredits.events.team.Role;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "An invitation to join the organization: whom, with which role, with or without pool access.")
public record InviteRequest(
        @Schema(description = "The invitee's email address; only its owner can accept (compared case-insensitively). "
                + "With the same-domain rule on, its domain must be the inviting admin's", format = "email",
                examples = "ben@acme.example") @NotBlank @Email @Size(max = 320) String email,
        @Schema(description = "The role the invitee joins with", examples = "MEMBER") @NotNull Role role,
        @Schema(description = "Whether the member may draw on the org's pool once joined; default false",
                defaultValue = "false", examples = "true") Boolean poolAccess) {
}
