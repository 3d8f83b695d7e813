package dev.teamcredits.ledger.rest;

import dev.teamcredits.common.idempotency.IdempotencyKeys;
import dev.teamcredits.common.idempotency.Outcome;
import dev.teamcredits.common.rest.Replies;
import dev.teamcredits.common.security.Caller;
import dev.teamcredits.ledger.rest.dto.SpendBatchRequest;
import dev.teamcredits.ledger.rest.dto.SpendBatchResponse;
import dev.teamcredits.ledger.rest.dto.SpendRequest;
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
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Spends: a member for themself, or a trusted backend for a member. */
@Path("/v1/orgs/{orgId}/spends")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Org credits")
@APIResponse(responseCode = "404", description = "No such org, or the caller is not a member (org-not-found)")
public class SpendResource {

    private final SpendService spends;
    private final JsonWebToken token;

    public SpendResource(SpendService spends, JsonWebToken token) {
        this.spends = spends;
        this.token = token;
    }

    @POST
    @Operation(summary = "Charge an action for a member: pool (with access, within the cap), then member balance, then personal")
    @APIResponse(responseCode = "200", description = "Charged; the sources and balances after")
    @APIResponse(responseCode = "402", description = "Not enough available credits anywhere; nothing charged (insufficient-credits, with shortfall)")
    @APIResponse(responseCode = "403", description = "Spending for another member without being a trusted backend")
    @APIResponse(responseCode = "422", description = "Idempotency-Key reused with another request")
    public Uni<Response> spend(@PathParam("orgId") String orgId,
            @Parameter(description = OrgIds.KEY_DOC) @HeaderParam(IdempotencyKeys.HEADER) String key,
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
    @Operation(summary = "Charge up to 1,000 spends at once, each with its own idempotency key and its own answer",
            description = "Each item is judged exactly as a single spend with its key would be, in order; a refused "
                    + "item never fails the others. A malformed item refuses the whole request (400).")
    @APIResponse(responseCode = "200", description = "One result per item, in order: the status the item would have "
            + "had alone (200 charged, 402 insufficient-credits, 404, 422…) with the charge or the problem")
    @APIResponse(responseCode = "400", description = "Malformed body or item; nothing charged (validation-failed)")
    public Uni<SpendBatchResponse> spendBatch(@PathParam("orgId") String orgId,
            @Valid @NotNull SpendBatchRequest request) {
        return spends.spendBatch(Caller.of(token), OrgIds.org(orgId), LedgerMapping.items(request))
                .map(LedgerMapping::dto);
    }
}
