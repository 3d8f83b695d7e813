package dev.teamcredits.ledger.rest;

import dev.teamcredits.common.idempotency.IdempotencyKeys;
import dev.teamcredits.common.rest.Replies;
import dev.teamcredits.common.security.Caller;
import dev.teamcredits.ledger.rest.dto.GrantBody;
import dev.teamcredits.ledger.rest.mapping.PurchaseMapping;
import dev.teamcredits.ledger.service.GrantService;
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

/** Operators grant credits (goodwill, support, migration), always with a reason on record. */
@Path("/v1/operator/grants")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Operator")
public class OperatorGrantResource {

    private final GrantService grants;
    private final JsonWebToken token;

    public OperatorGrantResource(GrantService grants, JsonWebToken token) {
        this.grants = grants;
        this.token = token;
    }

    @POST
    @Operation(summary = "Grant credits into a pool, member balance or personal balance, with a reason (operator "
            + "clients only)")
    @APIResponse(responseCode = "201", description = "Granted: a TOP_UP lot, never expiring")
    @APIResponse(responseCode = "403", description = "Not an operator client (operator-required)")
    @APIResponse(responseCode = "404", description = "No such org or member")
    @APIResponse(responseCode = "409", description = "The member left (member-inactive)")
    public Uni<Response> grant(@Parameter(description = OrgIds.KEY_DOC) @HeaderParam(IdempotencyKeys.HEADER) String key,
            @Valid @NotNull GrantBody body) {
        return grants.grant(Caller.of(token), key, PurchaseMapping.account(body.account()), body.amount(),
                body.reason()).map(o -> Replies.of(o.map(PurchaseMapping::dto), 201));
    }
}
