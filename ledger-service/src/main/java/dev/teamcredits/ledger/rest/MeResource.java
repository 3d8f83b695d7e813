package dev.teamcredits.ledger.rest;

import dev.teamcredits.common.idempotency.IdempotencyKeys;
import dev.teamcredits.common.rest.Replies;
import dev.teamcredits.common.security.Caller;
import dev.teamcredits.ledger.rest.dto.PersonalBalanceResponse;
import dev.teamcredits.common.rest.Cursors;
import dev.teamcredits.ledger.rest.dto.PersonalTopUpRequestBody;
import dev.teamcredits.ledger.rest.dto.PurchaseHistoryPage;
import dev.teamcredits.ledger.rest.dto.TopUpRequestView;
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
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The caller's personal balance: outside any org, never pooled, never transferable. */
@Path("/v1/me")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
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
    @Tag(name = ApiDocs.PERSONAL_CREDITS)
    @Operation(operationId = "getPersonalBalance", summary = "The caller's personal balance",
            description = "Personal credits belong to a user, outside any org; a service token reads its own empty "
                    + "balance.")
    @APIResponse(responseCode = "200", description = "Balance, reserved and available, and the credits by kind and expiry")
    public Uni<PersonalBalanceResponse> balance() {
        return balances.personal(Caller.of(token)).map(LedgerMapping::personal);
    }

    @POST
    @Path("top-up-requests")
    @Consumes(MediaType.APPLICATION_JSON)
    @Tag(name = ApiDocs.BUYING_CREDITS)
    @Operation(operationId = "requestPersonalTopUp", summary = "Ask to buy credits for the caller's personal balance",
            description = "No credits move until the billing backend completes the request with a purchase; it may "
                    + "decline it, and unsettled it expires (ledger.top-ups.request-ttl). A person's credits need a "
                    + "person: a service token is refused.")
    @APIResponse(responseCode = "202", description = "Requested: status awaiting-payment (or, with "
            + "Idempotency-Replayed: true, the first request of this key again)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = TopUpRequestView.class)))
    @APIResponse(responseCode = "400", description = ApiDocs.BAD_KEYED_BODY + " (" + ApiDocs.BAD_KEYED_BODY_SLUGS + ")")
    @APIResponse(responseCode = "403", description = "A service token: personal credits are a person's "
            + "(user-token-required)")
    @APIResponse(responseCode = "409", description = "Too many requests awaiting payment "
            + "(ledger.top-ups.max-open-per-account), or a request with this Idempotency-Key is still in progress "
            + "(too-many-open-top-up-requests, idempotency-key-in-use)")
    @APIResponse(responseCode = "422", description = ApiDocs.KEY_REUSED)
    public Uni<Response> requestTopUp(
            @Parameter(name = IdempotencyKeys.HEADER, in = ParameterIn.HEADER, required = true,
                    description = ApiDocs.KEY, example = ApiDocs.KEY_EXAMPLE, schema = @Schema(type = SchemaType.STRING,
                            minLength = 1, maxLength = 200, pattern = ApiDocs.KEY_PATTERN))
            @HeaderParam(IdempotencyKeys.HEADER) String key,
            @Valid @NotNull PersonalTopUpRequestBody request) {
        return requests.requestPersonal(Caller.of(token), key, request.amount())
                .map(o -> Replies.of(o.map(PurchaseMapping::dto), 202));
    }

    @GET
    @Path("purchases")
    @Produces({ MediaType.APPLICATION_JSON, "text/csv" })
    @Tag(name = ApiDocs.BUYING_CREDITS)
    @Operation(operationId = "listPersonalPurchases", summary = "Purchase history of the caller's personal balance",
            description = "Top-up requests (with their purchase once completed, or the decline reason) and purchases "
                    + "that completed no request, newest first, cursor-paged. Accept: text/csv gives the same rows as "
                    + "CSV with a header row and the next page in the Link header.")
    @APIResponse(responseCode = "200", description = "A page of requests and purchases", content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PurchaseHistoryPage.class)),
            @Content(mediaType = "text/csv", schema = @Schema(type = SchemaType.STRING)) },
            headers = @Header(name = "Link", description = ApiDocs.LINK, schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "400", description = "Invalid limit or cursor, or a NUL in the query "
            + "(invalid-limit, invalid-cursor, malformed-request)")
    public Uni<Response> purchases(
            @Parameter(description = ApiDocs.CURSOR) @QueryParam("cursor") String cursor,
            @Parameter(description = ApiDocs.LIMIT, schema = @Schema(type = SchemaType.INTEGER,
                    format = "int32", minimum = "1", maximum = "1000", defaultValue = "50"))
            @QueryParam("limit") @DefaultValue("50") String limit, @Context HttpHeaders headers,
            @Context UriInfo uri) {
        int size = Cursors.limit(limit, 1000);
        return history.personal(Caller.of(token), cursor, size).map(PurchaseMapping::dto)
                .map(page -> PurchaseHistoryCsv.reply(page, headers, uri.getRequestUri().getRawPath(), size));
    }
}
