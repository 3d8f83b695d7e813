package dev.teamcredits.ledger.rest;

import dev.teamcredits.common.idempotency.IdempotencyKeys;
import dev.teamcredits.common.rest.Replies;
import dev.teamcredits.common.security.Caller;
import dev.teamcredits.ledger.rest.dto.PersonalBalanceResponse;
import dev.teamcredits.common.rest.Cursors;
import dev.teamcredits.ledger.rest.dto.PersonalTopUpRequestBody;
import dev.teamcredits.ledger.rest.mapping.PurchaseMapping;
import dev.teamcredits.ledger.service.PurchaseHistoryQueries;
import dev.teamcredits.ledger.service.TopUpRequestService;
import dev.teamcredits.ledger.rest.mapping.LedgerMapping;
import dev.teamcredits.ledger.service.BalanceQueries;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The caller's personal balance: outside any org, never pooled, never transferable. */
@Path("/v1/me")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Personal credits")
public class MeResource {

    private final BalanceQueries balances;
    private final TopUpRequestService requests;
    private final PurchaseHistoryQueries history;
    private final JsonWebToken token;

    public MeResource(BalanceQueries balances, TopUpRequestService requests, PurchaseHistoryQueries history,
            JsonWebToken token) {
        this.balances = balances;
        this.requests = requests;
        this.history = history;
        this.token = token;
    }

    @GET
    @Path("balance")
    @Operation(summary = "The caller's personal balance")
    @APIResponse(responseCode = "200", description = "Balance, reserved and available, and the credits by kind and expiry")
    public Uni<PersonalBalanceResponse> balance() {
        return balances.personal(Caller.of(token)).map(LedgerMapping::personal);
    }

    @POST
    @Path("top-up-requests")
    @Consumes(MediaType.APPLICATION_JSON)
    @Tag(name = "Buying credits")
    @Operation(summary = "Ask to buy credits for the caller's personal balance; no credits move until the billing "
            + "backend completes the request with a purchase")
    @APIResponse(responseCode = "202", description = "Requested: status awaiting-payment")
    @APIResponse(responseCode = "403", description = "A service token: personal credits are a person's (user-token-required)")
    @APIResponse(responseCode = "409", description = "Too many requests awaiting payment (too-many-open-top-up-requests)")
    @APIResponse(responseCode = "422", description = "Idempotency-Key reused with another request")
    public Uni<Response> requestTopUp(
            @Parameter(description = OrgIds.KEY_DOC) @HeaderParam(IdempotencyKeys.HEADER) String key,
            @Valid @NotNull PersonalTopUpRequestBody request) {
        return requests.requestPersonal(Caller.of(token), key, request.amount())
                .map(o -> Replies.of(o.map(PurchaseMapping::dto), 202));
    }

    @GET
    @Path("purchases")
    @Produces({ MediaType.APPLICATION_JSON, "text/csv" })
    @Tag(name = "Buying credits")
    @Operation(summary = "Purchase history of the caller's personal balance, newest first, cursor-paged; Accept: "
            + "text/csv gives the same rows as CSV")
    @APIResponse(responseCode = "200", description = "A page of requests and purchases")
    @APIResponse(responseCode = "400", description = "Invalid limit or cursor")
    public Uni<Response> purchases(@QueryParam("cursor") String cursor,
            @QueryParam("limit") @DefaultValue("50") String limit, @Context HttpHeaders headers,
            @Context UriInfo uri) {
        int size = Cursors.limit(limit, 1000);
        return history.personal(Caller.of(token), cursor, size).map(PurchaseMapping::dto)
                .map(page -> PurchaseHistoryCsv.reply(page, headers, uri.getRequestUri().getRawPath(), size));
    }
}
