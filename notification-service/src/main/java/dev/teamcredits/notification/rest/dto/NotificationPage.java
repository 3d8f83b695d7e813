package dev.teamcredits.notification.rest.dto;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** @param nextCursor pass as {@code cursor} for the next (older) page; null on the last page */
@Schema(description = "A page of the caller's notifications, newest first.")
public record NotificationPage(
        @Schema(description = "The notifications of this page, newest first", required = true)
        List<NotificationView> items,
        @Schema(description = "Pass as cursor (with the same filters) for the next, older page; null on the last "
                + "page", required = true, nullable = true, examples = "c2VxOjQyQGFkYQ") String nextCursor) {
}
