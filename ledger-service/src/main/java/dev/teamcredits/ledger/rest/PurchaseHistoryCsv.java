package dev.teamcredits.ledger.rest;

import dev.teamcredits.common.rest.CsvCells;
import dev.teamcredits.common.rest.Cursors;
import dev.teamcredits.ledger.rest.dto.PurchaseHistoryPage;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A page of purchase history as JSON, or as CSV when the client asks for it by name (the next page in the
 * {@code Link} header, with the page's limit): the same rows either way. Payment references, requesters and
 * decline reasons are text from outside, so they go through common's CsvCells.
 */
final class PurchaseHistoryCsv {

    private static final List<String> COLUMNS = List.of("kind", "requestId", "purchaseId", "amount", "status",
            "paymentReference", "price", "currency", "requestedBy", "automatic", "declineReason", "createdAt",
            "settledAt");

    private PurchaseHistoryCsv() {
    }

    static Response reply(PurchaseHistoryPage page, HttpHeaders headers, String rawPath, int limit) {
        if (!CsvCells.asked(headers)) {
            return Response.ok(page, MediaType.APPLICATION_JSON).build();
        }
        Response.ResponseBuilder response = Response.ok(CsvCells.write(COLUMNS, page.items().stream()
                .map(i -> Arrays.<Object>asList(i.kind(), i.requestId(), i.purchaseId(), i.amount(), i.status(),
                        i.paymentReference(), i.price(), i.currency(), i.requestedBy(), i.automatic(),
                        i.declineReason(), i.createdAt(), i.settledAt()))
                .toList()), "text/csv");
        if (page.nextCursor() != null) {
            Map<String, Object> query = new LinkedHashMap<>();
            query.put("limit", limit);
            response.header("Link", Cursors.nextLink(rawPath, query, page.nextCursor()));
        }
        return response.build();
    }
}
