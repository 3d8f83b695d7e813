package dev.teamcredits.ledger.rest.dto;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A page of an account's purchase history, newest first; {@code nextCursor} null on the last page. */
@Schema(description = "A page of an account's purchase history, newest first")
public record PurchaseHistoryPage(@Schema(description = "The page's lines, newest first") List<PurchaseHistoryItem> items,
        @Schema(description = "Pass as cursor for the next (older) page; null on the last page", nullable = true)
        String nextCursor) {
}
