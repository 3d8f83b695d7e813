package dev.teamcredits.notification.rest.dto;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

/** Every notification type with its channels, or in a PUT, the types to change. */
public record Preferences(@NotNull @Size(max = 100) List<@NotNull @Valid Preference> preferences) {
}
