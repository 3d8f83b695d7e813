package dev.teamcredits.ledger.rest;

import dev.teamcredits.common.idempotency.IdempotencyKeys;
import dev.teamcredits.common.idempotency.Outcome;
import dev.teamcredits.common.rest.Replies;
import dev.teamcredits.common.security.Caller;
import dev.teamcredits.ledger.rest.dto.PurchaseBody;
import dev.teamcredits.ledger.rest.mapping.PurchaseMapping;
import dev.teamcredits.ledger.service.PurchaseService;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The billing backend records a purchase it took the payment for: the credits arrive. */
@Path("/v1/purchases")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Billing backend")
public class PurchaseResource {

    private final PurchaseService purchases;
    private final JsonWebToken token;

    public PurchaseResource(PurchaseService purchases, JsonWebToken token) {
        this.purchases = purchases;
        this.token = token;
    }

    @POST
    @Operation(summary = "Record a purchase into a pool, member balance or personal balance (billing backend only); "
            + "once per payment reference")
    @APIResponse(responseCode = "201", description = "Recorded: the credits arrived as a TOP_UP lot")
    @APIResponse(responseCode = "200", description = "This payment reference was recorded before: that purchase "
            + "(Idempotency-Replayed: true), nothing moved")
    @APIResponse(responseCode = "400", description = "Invalid body, also a price without its currency, or neither an account nor a request")
    @APIResponse(responseCode = "403", description = "Not the billing backend (billing-client-required)")
    @APIResponse(responseCode = "404", description = "No such org, member, or top-up request")
    @APIResponse(responseCode = "409", description = "The payment reference was recorded for another account, amount "
            + "or request (payment-reference-conflict); the request is for another account or amount "
            + "(top-up-request-mismatch) or was declined or completed (top-up-request-settled); the member left "
            + "(member-inactive)")
    public Uni<Response> record(@Parameter(description = OrgIds.KEY_DOC) @HeaderParam(IdempotencyKeys.HEADER) String key,
            @Valid @NotNull PurchaseBody body) {
        return purchases.record(Caller.of(token), key, PurchaseMapping.command(body)).map(o -> {
            // A replay, by key or by payment reference, is 200: only the first recording created anything.
            boolean again = o.replayed() || o.value().existing();
            return Replies.of(new Outcome<>(PurchaseMapping.dto(o.value()), again), again ? 200 : 201);
        });
    }
}
