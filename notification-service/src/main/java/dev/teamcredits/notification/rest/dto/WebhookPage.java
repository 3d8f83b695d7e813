package dev.teamcredits.notification.rest.dto;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "A page of an org's webhooks, newest first.")
public record WebhookPage(
        @Schema(description = "The webhooks of this page, newest first, without their secrets", required = true)
        List<WebhookView> items,
        @Schema(description = "Pass as cursor for the next, older page; null on the last page", required = true,
                nullable = true) String nextCursor) {
}
