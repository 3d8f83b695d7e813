package dev.teamcredits.ledger.rest.dto;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** @param nextCursor pass as {@code cursor} for the next (older) page; null on the last page */
@Schema(description = "A page of the org's history, newest first")
public record TransactionPage(@Schema(description = "The page's transactions, newest first") List<TransactionView> items,
        @Schema(description = "Pass as cursor for the next (older) page; null on the last page", nullable = true)
        String nextCursor) {
}
