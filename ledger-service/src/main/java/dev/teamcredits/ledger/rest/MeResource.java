package dev.teamcredits.ledger.rest;

import dev.teamcredits.common.idempotency.IdempotencyKeys;
import dev.teamcredits.common.rest.Replies;
import dev.teamcredits.common.security.Caller;
import dev.teamcredits.ledger.rest.dto.PersonalBalanceResponse;
import dev.teamcredits.ledger.rest.dto.TopUpRequest;
import dev.teamcredits.ledger.service.GrantService;
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
    private final GrantService grants;
    private final JsonWebToken token;

    public MeResource(BalanceQueries balances, GrantService grants, JsonWebToken token) {
        this.balances = balances;
        this.grants = grants;
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
    @Path("top-ups")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Add top-up credits (never expire) to the caller's personal balance")
    @APIResponse(responseCode = "201", description = "Granted")
    @APIResponse(responseCode = "403", description = "A service token: personal credits are a person's (user-token-required)")
    @APIResponse(responseCode = "422", description = "Idempotency-Key reused with another request")
    public Uni<Response> topUp(@HeaderParam(IdempotencyKeys.HEADER) String key, @Valid @NotNull TopUpRequest request) {
        return grants.topUpPersonal(Caller.of(token), key, request.amount()).map(o -> Replies.of(o.map(LedgerMapping::dto), 201));
    }
}
