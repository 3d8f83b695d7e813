package dev.teamcredits.ledger.rest;

import dev.teamcredits.common.rest.CsvCells;
import dev.teamcredits.common.rest.Cursors;
import dev.teamcredits.common.rest.PathIds;
import dev.teamcredits.common.rest.ProblemException;
import dev.teamcredits.common.security.Caller;
import dev.teamcredits.ledger.rest.dto.TransactionPage;
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
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The audit trail: every transaction with time, type, amount, accounts, actor and reason; as JSON or CSV. */
@Path("/v1/orgs/{orgId}/transactions")
@Authenticated
@Tag(name = ApiDocs.HISTORY)
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
    @Operation(operationId = "listTransactions", summary = "The org's transactions, newest first, cursor-paged",
            description = "Admins see every transaction (or one account's with account); a member only those of their "
                    + "own balance. Accept: text/csv gives the same rows as CSV with a header row and the next page in "
                    + "the Link header.")
    @APIResponse(responseCode = "200", description = "A page of transactions", content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TransactionPage.class)),
            @Content(mediaType = "text/csv", schema = @Schema(type = SchemaType.STRING)) },
            headers = @Header(name = "Link", description = ApiDocs.LINK, schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "400", description = "Invalid type, limit or cursor (a cursor of another org's "
            + "history included), or a NUL in the path or query (invalid-filter, invalid-limit, invalid-cursor, "
            + "malformed-request)")
    @APIResponse(responseCode = "403", description = "A member asking for another account than their own "
            + "(admin-required)")
    @APIResponse(responseCode = "404", description = ApiDocs.ORG_NOT_FOUND)
    public Uni<Response> list(
            @Parameter(description = ApiDocs.ORG_ID, schema = @Schema(type = SchemaType.STRING, format = "uuid"))
            @PathParam("orgId") String orgId,
            @Parameter(description = "Only this account's transactions: `pool` or a member's user id (admins; a "
                    + "member may name only themself)") @QueryParam("account") String account,
            @Parameter(description = "Only transactions of this type", schema = @Schema(type = SchemaType.STRING,
                    enumeration = { "GRANT", "PURCHASE", "TRANSFER", "SPEND", "EXPIRY", "ROLLOVER" }))
            @QueryParam("type") String type,
            @Parameter(description = ApiDocs.CURSOR) @QueryParam("cursor") String cursor,
            @Parameter(description = ApiDocs.LIMIT, schema = @Schema(type = SchemaType.INTEGER,
                    format = "int32", minimum = "1", maximum = "1000", defaultValue = "50"))
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
