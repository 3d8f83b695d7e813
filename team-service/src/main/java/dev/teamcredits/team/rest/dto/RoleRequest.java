package dev.teamcredits.team.rest.dto;

import dev.teamcredits.events.team.Role;
import jakarta.validation.constraints.NotNull;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "A member's new role.")
public record RoleRequest(
        @Schema(description = "The new role; demoting the last admin is refused (409 last-admin)", examples = "ADMIN")
        @NotNull Role role) {
}
