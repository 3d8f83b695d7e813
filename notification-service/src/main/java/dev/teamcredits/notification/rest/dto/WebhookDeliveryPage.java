package dev.teamcredits.notification.rest.dto;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "A page of a webhook's deliveries, newest first.")
public record WebhookDeliveryPage(
        @Schema(description = "The deliveries of this page, newest first", required = true)
        List<WebhookDeliveryView> items,
        @Schema(description = "Pass as cursor (with the same status) for the next, older page; null on the last "
                + "page", required = true, nullable = true) String nextCursor) {
}
