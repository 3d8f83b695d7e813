package dev.teamcredits.ledger.rest;

import dev.teamcredits.common.idempotency.IdempotencyKeys;
import dev.teamcredits.common.idempotency.Outcome;
import dev.teamcredits.common.rest.Replies;
import dev.teamcredits.common.security.Caller;
import dev.teamcredits.ledger.rest.dto.SpendBatchRequest;
import dev.teamcredits.ledger.rest.dto.SpendBatchResponse;
import dev.teamcredits.ledger.rest.dto.SpendRequest;
import dev.teamcredits.ledger.rest.dto.SpendResponse;
import dev.teamcredits.ledger.rest.mapping.LedgerMapping;
import dev.teamcredits.ledger.service.SpendResult;
import dev.teamcredits.ledger.service.SpendService;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Spends: a member for themself, or a trusted backend for a member. */
@Path("/v1/orgs/{orgId}/spends")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = ApiDocs.ORG_CREDITS)
public class SpendResource {

    private final SpendService spends;
    private final JsonWebToken token;

    public SpendResource(SpendService spends, JsonWebToken token) {
        this.spends = spends;
        this.token = token;
    }

    @POST
    @Operation(operationId = "createSpend", summary = "Charge an action for a member",
            description = "Draws from the pool (with pool access, within the member's cap), then the member balance, "
                    + "then the personal balance if the org allows it; the answer lists each source and the balances "
                    + "after. A member spends for themself; a trusted backend (ledger.trusted-clients) names the member "
                    + "in userId.")
    @APIResponse(responseCode = "200", description = "Charged (or, with Idempotency-Replayed: true, the first charge "
            + "of this key again); the sources and the balances after",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SpendResponse.class)))
    @APIResponse(responseCode = "400", description = ApiDocs.BAD_KEYED_BODY + "; a trusted backend that names no "
            + "member; an action with no price; a price above 10^12 credits (" + ApiDocs.BAD_KEYED_BODY_SLUGS
            + ", user-id-required, unknown-action, amount-out-of-range)")
    @APIResponse(responseCode = "402", description = "Not enough available credits along the waterfall; nothing "
            + "charged; the problem has required, available and shortfall (insufficient-credits)")
    @APIResponse(responseCode = "403", description = "Spending for another member without being a trusted backend "
            + "(spend-for-others)")
    @APIResponse(responseCode = "404", description = "No such org, or the caller is not an active member; or the "
            + "member a trusted backend names is not one (org-not-found, member-not-found)")
    @APIResponse(responseCode = "409", description = ApiDocs.KEY_IN_USE)
    @APIResponse(responseCode = "422", description = ApiDocs.KEY_REUSED)
    @APIResponse(responseCode = "503", description = ApiDocs.SPEND_QUEUES_FULL,
            headers = @Header(name = "Retry-After", description = ApiDocs.RETRY_AFTER,
                    schema = @Schema(type = SchemaType.INTEGER, format = "int32", minimum = "1")))
    public Uni<Response> spend(
            @Parameter(description = ApiDocs.ORG_ID, schema = @Schema(type = SchemaType.STRING, format = "uuid"))
            @PathParam("orgId") String orgId,
            @Parameter(name = IdempotencyKeys.HEADER, in = ParameterIn.HEADER, required = true,
                    description = ApiDocs.KEY, example = ApiDocs.KEY_EXAMPLE, schema = @Schema(type = SchemaType.STRING,
                            minLength = 1, maxLength = 200, pattern = ApiDocs.KEY_PATTERN))
            @HeaderParam(IdempotencyKeys.HEADER) String key,
            @Valid @NotNull SpendRequest request) {
        return spends.spend(Caller.of(token), key, OrgIds.org(orgId), LedgerMapping.command(request)).map(result -> {
            if (result instanceof SpendResult.Charged c) {
                return Replies.of(Outcome.fresh(LedgerMapping.dto(c.charge())), 200);
            }
            if (result instanceof SpendResult.Replayed r) {
                return Replies.of(new Outcome<>(LedgerMapping.dto(r.charge()), true), 200);
            }
            throw ((SpendResult.Refused) result).problem();
        });
    }

    @POST
    @Path("/batch")
    @Operation(operationId = "createSpendBatch", summary = "Charge up to 1,000 spends at once, each with its own "
            + "idempotency key and its own answer",
            description = "For metering in bulk. Each item is judged exactly as a single spend with its key would be, "
                    + "in order, after the items before it; a refused item never fails the others. An item's key is "
                    + "the single spend's key, so a retried batch replays every charged item (the request itself takes "
                    + "no Idempotency-Key). A malformed item refuses the whole request (400) and charges nothing.")
    @APIResponse(responseCode = "200", description = "One result per item, in order: the status the item would have "
            + "had alone (200 charged, 400, 402, 403, 404, 409, 422, 500) with the charge or the problem",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = SpendBatchResponse.class)))
    @APIResponse(responseCode = "400", description = "Malformed body or item (1 to 1,000 items, each with a valid "
            + "idempotencyKey); nothing charged (malformed-request, validation-failed)")
    @APIResponse(responseCode = "404", description = "No such org, or the caller never was a member of it nor is a "
            + "trusted backend (org-not-found)")
    @APIResponse(responseCode = "503", description = ApiDocs.SPEND_QUEUES_FULL,
            headers = @Header(name = "Retry-After", description = ApiDocs.RETRY_AFTER,
                    schema = @Schema(type = SchemaType.INTEGER, format = "int32", minimum = "1")))
    public Uni<SpendBatchResponse> spendBatch(
            @Parameter(description = ApiDocs.ORG_ID, schema = @Schema(type = SchemaType.STRING, format = "uuid"))
            @PathParam("orgId") String orgId,
            @Valid @NotNull SpendBatchRequest request) {
        return spends.spendBatch(Caller.of(token), OrgIds.org(orgId), LedgerMapping.items(request))
                .map(LedgerMapping::dto);
    }
}
