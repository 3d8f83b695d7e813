package dev.teamcredits.notification.rest.dto;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A user's choice for one notification type. In a PUT, a channel left out keeps its current setting.
 *
 * @param inbox always true: the inbox is the record of what the user was told and cannot be turned off
 * @param stream the live Server-Sent Events stream
 */
@Schema(description = "The channels of one notification type. In a PUT, a channel left out keeps its setting.")
public record Preference(
        @Schema(description = "The notification type, e.g. TRANSFER_RECEIVED; an unknown one is 400 "
                + "unknown-notification-type", examples = "TRANSFER_RECEIVED") @NotNull @Size(max = 100) String type,
        @Schema(description = "The in-app inbox: always true (false is 400 inbox-always-on)") Boolean inbox,
        @Schema(description = "Email to the address the team service has for the user") Boolean email,
        @Schema(description = "The live Server-Sent Events stream") Boolean stream) {
}
