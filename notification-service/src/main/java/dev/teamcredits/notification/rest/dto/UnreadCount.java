package dev.teamcredits.notification.rest.dto;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "How many of the caller's notifications are unread.")
public record UnreadCount(
        @Schema(description = "Unread notifications, across the caller's orgs and personal ones", required = true,
                format = "int64", minimum = "0") long unread) {
}
