package dev.teamcredits.ledger.rest;

import dev.teamcredits.common.rest.Cursors;
import dev.teamcredits.common.security.Caller;
import dev.teamcredits.ledger.rest.dto.PurchaseHistoryPage;
import dev.teamcredits.ledger.rest.mapping.PurchaseMapping;
import dev.teamcredits.ledger.service.PurchaseHistoryQueries;
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
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The purchase history of an org account (the pool or a member balance): requests and purchases. */
@Path("/v1/orgs/{orgId}/accounts/{account}/purchases")
@Authenticated
@Tag(name = ApiDocs.BUYING_CREDITS)
public class PurchaseHistoryResource {

    private final PurchaseHistoryQueries history;
    private final JsonWebToken token;

    public PurchaseHistoryResource(PurchaseHistoryQueries history, JsonWebToken token) {
        this.history = history;
        this.token = token;
    }

    @GET
    @Produces({ MediaType.APPLICATION_JSON, "text/csv" })
    @Operation(operationId = "listAccountPurchases", summary = "Purchase history of the pool or a member balance",
            description = "The pool's: any member; a member balance's: that member or an admin. Top-up requests (with "
                    + "their purchase once completed, or the decline reason) and purchases that completed no request, "
                    + "newest first, cursor-paged. Accept: text/csv gives the same rows as CSV with a header row and "
                    + "the next page in the Link header.")
    @APIResponse(responseCode = "200", description = "A page of requests and purchases", content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PurchaseHistoryPage.class)),
            @Content(mediaType = "text/csv", schema = @Schema(type = SchemaType.STRING)) },
            headers = @Header(name = "Link", description = ApiDocs.LINK, schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "400", description = "Invalid limit or cursor, or a NUL in the path or query "
            + "(invalid-limit, invalid-cursor, malformed-request)")
    @APIResponse(responseCode = "403", description = "A member asking for another member's balance (admin-required)")
    @APIResponse(responseCode = "404", description = ApiDocs.ORG_NOT_FOUND)
    public Uni<Response> list(
            @Parameter(description = ApiDocs.ORG_ID, schema = @Schema(type = SchemaType.STRING, format = "uuid"))
            @PathParam("orgId") String orgId,
            @Parameter(description = ApiDocs.ACCOUNT) @PathParam("account") String account,
            @Parameter(description = ApiDocs.CURSOR) @QueryParam("cursor") String cursor,
            @Parameter(description = ApiDocs.LIMIT, schema = @Schema(type = SchemaType.INTEGER,
                    format = "int32", minimum = "1", maximum = "1000", defaultValue = "50"))
            @QueryParam("limit") @DefaultValue("50") String limit,
            @Context HttpHeaders headers, @Context UriInfo uri) {
        int size = Cursors.limit(limit, 1000);
        return history.ofOrgAccount(Caller.of(token), OrgIds.org(orgId), account, cursor, size)
                .map(PurchaseMapping::dto)
                .map(page -> PurchaseHistoryCsv.reply(page, headers, uri.getRequestUri().getRawPath(), size));
    }
}
