package dev.teamcredits.notification.rest.dto;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.util.List;

/** Every notification type with its channels, or in a PUT, the types to change. */
public record Preferences(@NotNull List<@NotNull @Valid Preference> preferences) {
}
