package dev.teamcredits.ledger.rest.dto;

import java.util.List;

/** @param nextCursor pass as {@code cursor} for the next (older) page; null on the last page */
public record TransactionPage(List<TransactionView> items, String nextCursor) {
}
