package dev.teamcredits.ledger.rest;

import dev.teamcredits.common.rest.Cursors;
import dev.teamcredits.common.security.Caller;
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
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The purchase history of an org account (the pool or a member balance): requests and purchases. */
@Path("/v1/orgs/{orgId}/accounts/{account}/purchases")
@Authenticated
@Tag(name = "Buying credits")
public class PurchaseHistoryResource {

    private final PurchaseHistoryQueries history;
    private final JsonWebToken token;

    public PurchaseHistoryResource(PurchaseHistoryQueries history, JsonWebToken token) {
        this.history = history;
        this.token = token;
    }

    @GET
    @Produces({ MediaType.APPLICATION_JSON, "text/csv" })
    @Operation(summary = "Purchase history of the pool (any member) or a member balance (that member or an admin), "
            + "newest first, cursor-paged; Accept: text/csv gives the same rows as CSV")
    @APIResponse(responseCode = "200", description = "A page of requests and purchases (JSON, or CSV with a header "
            + "row and the next page in the Link header)")
    @APIResponse(responseCode = "400", description = "Invalid limit or cursor")
    @APIResponse(responseCode = "403", description = "A member asking for another member's balance (admin-required)")
    @APIResponse(responseCode = "404", description = "No such org, or the caller is not a member (org-not-found)")
    public Uni<Response> list(@PathParam("orgId") String orgId, @PathParam("account") String account,
            @QueryParam("cursor") String cursor, @QueryParam("limit") @DefaultValue("50") String limit,
            @Context HttpHeaders headers, @Context UriInfo uri) {
        int size = Cursors.limit(limit, 1000);
        return history.ofOrgAccount(Caller.of(token), OrgIds.org(orgId), account, cursor, size)
                .map(PurchaseMapping::dto)
                .map(page -> PurchaseHistoryCsv.reply(page, headers, uri.getRequestUri().getRawPath(), size));
    }
}
