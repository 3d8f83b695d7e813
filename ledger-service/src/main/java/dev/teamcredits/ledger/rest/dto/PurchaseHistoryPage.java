package dev.teamcredits.ledger.rest.dto;

import java.util.List;

/** A page of an account's purchase history, newest first; {@code nextCursor} null on the last page. */
public record PurchaseHistoryPage(List<PurchaseHistoryItem> items, String nextCursor) {
}
