package dev.teamcredits.notification.rest.dto;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Every notification type with its channels, or in a PUT, the types to change. */
@Schema(description = "Every notification type with its channels; in a PUT, the types to change.")
public record Preferences(
        @Schema(description = "One entry per type") @NotNull @Size(max = 100)
        List<@NotNull @Valid Preference> preferences) {
}
