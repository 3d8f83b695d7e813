package dev.teamcredits.notification.rest.dto;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * A user's choice for one notification type. In a PUT, a channel left out keeps its current setting.
 *
 * @param inbox always true: the inbox is the record of what the user was told and cannot be turned off
 * @param stream the live Server-Sent Events stream
 */
public record Preference(@NotNull @Size(max = 100) String type, Boolean inbox, Boolean email, Boolean stream) {
}
