package dev.teamcredits.ledger.rest;

import dev.teamcredits.common.rest.CsvCells;
import dev.teamcredits.common.rest.Cursors;
import dev.teamcredits.common.rest.PathIds;
import dev.teamcredits.common.rest.ProblemException;
import dev.teamcredits.common.security.Caller;
import dev.teamcredits.ledger.rest.dto.TransactionView;
import dev.teamcredits.ledger.service.LedgerProblems;
import dev.teamcredits.ledger.domain.TransactionType;
import dev.teamcredits.ledger.rest.mapping.LedgerMapping;
import dev.teamcredits.ledger.service.HistoryQueries;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The audit trail: every transaction with time, type, amount, accounts, actor and reason; as JSON or CSV. */
@Path("/v1/orgs/{orgId}/transactions")
@Authenticated
@Tag(name = "History")
public class TransactionResource {

    private static final List<String> COLUMNS = List.of("id", "at", "type", "amount", "actor", "reason", "reverses",
            "accounts");

    private final HistoryQueries history;
    private final JsonWebToken token;

    public TransactionResource(HistoryQueries history, JsonWebToken token) {
        this.history = history;
        this.token = token;
    }

    @GET
    @Produces({ MediaType.APPLICATION_JSON, "text/csv" })
    @Operation(summary = "History, newest first, filtered by account (pool or a user id) and type, with cursor "
            + "pagination; Accept: text/csv gives the same rows as CSV (next page in the Link header)")
    @APIResponse(responseCode = "200", description = "A page of transactions (JSON, or CSV with a header row)")
    @APIResponse(responseCode = "400", description = "Invalid type, limit or cursor")
    @APIResponse(responseCode = "403", description = "A member asking for another account than their own")
    @APIResponse(responseCode = "404", description = "No such org, or the caller is not a member (org-not-found)")
    public Uni<Response> list(@PathParam("orgId") String orgId, @QueryParam("account") String account,
            @QueryParam("type") String type, @QueryParam("cursor") String cursor,
            @QueryParam("limit") @DefaultValue("50") String limit, @Context HttpHeaders headers,
            @Context UriInfo uri) {
        // JSON unless the client asks for CSV by name: a client sending */* gets JSON.
        boolean csv = CsvCells.asked(headers);
        int size = Cursors.limit(limit, 1000);
        return history.history(Caller.of(token), PathIds.parse(orgId, LedgerProblems::orgNotFound), account, type(type),
                cursor, size).map(LedgerMapping::dto).map(page -> {
                    if (!csv) {
                        return Response.ok(page, MediaType.APPLICATION_JSON).build();
                    }
                    Response.ResponseBuilder response = Response.ok(csv(page.items()), "text/csv");
                    if (page.nextCursor() != null) {
                        // Every filter of this page, or page 2 would be another list (the JSON client passes them
                        // itself with the cursor).
                        Map<String, Object> filters = new LinkedHashMap<>();
                        filters.put("account", account);
                        filters.put("type", type);
                        filters.put("limit", size);
                        response.header("Link", Cursors.nextLink(uri.getRequestUri().getRawPath(), filters,
                                page.nextCursor()));
                    }
                    return response.build();
                });
    }

    /** Through CsvCells: actor, reason and accounts hold user text, which must not reach a spreadsheet as a formula. */
    private static String csv(List<TransactionView> items) {
        return CsvCells.write(COLUMNS, items.stream().map(t -> Arrays.<Object>asList(t.id(), t.at(), t.type(),
                t.amount(), t.actor(), t.reason(), t.reverses(), t.accounts().entrySet().stream()
                        .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" ")))).toList());
    }

    private static TransactionType type(String type) {
        if (type == null) {
            return null;
        }
        try {
            return TransactionType.valueOf(type);
        } catch (IllegalArgumentException e) {
            throw new ProblemException("invalid-filter", "Invalid filter", 400, "type must be one of "
                    + Arrays.toString(TransactionType.values()) + ".");
        }
    }
}
