package dev.teamcredits.ledger.rest;

import dev.teamcredits.common.idempotency.IdempotencyKeys;
import dev.teamcredits.common.rest.Replies;
import dev.teamcredits.common.security.Caller;
import dev.teamcredits.ledger.rest.dto.GrantBody;
import dev.teamcredits.ledger.rest.dto.GrantView;
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
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Operators grant credits (goodwill, support, migration), always with a reason on record. */
@Path("/v1/operator/grants")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = ApiDocs.OPERATIONS)
public class OperatorGrantResource {

    private final GrantService grants;
    private final JsonWebToken token;

    public OperatorGrantResource(GrantService grants, JsonWebToken token) {
        this.grants = grants;
        this.token = token;
    }

    @POST
    @Operation(operationId = "grantCredits", summary = "Grant credits into a pool, member balance or personal balance, "
            + "with a reason (operator clients only)", description = "For goodwill, support or migration: a TOP_UP lot "
                    + "that never expires, in a GRANT transaction from the grants account, with the reason on record.")
    @APIResponse(responseCode = "201", description = "Granted (or, with Idempotency-Replayed: true, the first grant of "
            + "this key again)", content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = GrantView.class)))
    @APIResponse(responseCode = "400", description = ApiDocs.BAD_KEYED_BODY + " (" + ApiDocs.BAD_KEYED_BODY_SLUGS + ")")
    @APIResponse(responseCode = "403", description = ApiDocs.OPERATOR_REQUIRED)
    @APIResponse(responseCode = "404", description = "No such org or member (org-not-found, member-not-found)")
    @APIResponse(responseCode = "409", description = "The member left, or a request with this Idempotency-Key is still "
            + "in progress (member-inactive, idempotency-key-in-use)")
    @APIResponse(responseCode = "422", description = ApiDocs.KEY_REUSED)
    public Uni<Response> grant(
            @Parameter(name = IdempotencyKeys.HEADER, in = ParameterIn.HEADER, required = true,
                    description = ApiDocs.KEY, example = ApiDocs.KEY_EXAMPLE, schema = @Schema(type = SchemaType.STRING,
                            minLength = 1, maxLength = 200, pattern = ApiDocs.KEY_PATTERN))
            @HeaderParam(IdempotencyKeys.HEADER) String key,
            @Valid @NotNull GrantBody body) {
        return grants.grant(Caller.of(token), key, PurchaseMapping.account(body.account()), body.amount(),
                body.reason()).map(o -> Replies.of(o.map(PurchaseMapping::dto), 201));
    }
}
