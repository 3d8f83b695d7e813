package dev.teamcredits.ledger.rest;

import dev.teamcredits.common.idempotency.IdempotencyKeys;
import dev.teamcredits.common.idempotency.Outcome;
import dev.teamcredits.common.rest.Replies;
import dev.teamcredits.common.security.Caller;
import dev.teamcredits.ledger.rest.dto.PurchaseBody;
import dev.teamcredits.ledger.rest.dto.PurchaseView;
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
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The billing backend records a purchase it took the payment for: the credits arrive. */
@Path("/v1/purchases")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = ApiDocs.BILLING_BACKEND)
public class PurchaseResource {

    private final PurchaseService purchases;
    private final JsonWebToken token;

    public PurchaseResource(PurchaseService purchases, JsonWebToken token) {
        this.purchases = purchases;
        this.token = token;
    }

    @POST
    @Operation(operationId = "recordPurchase", summary = "Record a purchase: the credits arrive (billing backend only)",
            description = "Into a pool, a member balance or a personal balance, as a TOP_UP lot that never expires, in "
                    + "a PURCHASE transaction. Once per payment reference: the same purchase again is 200 with the "
                    + "first one; it may complete a top-up request (one awaiting payment, or expired).")
    @APIResponse(responseCode = "201", description = "Recorded: the credits arrived as a TOP_UP lot",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PurchaseView.class)))
    @APIResponse(responseCode = "200", description = "This payment reference (or this Idempotency-Key) was recorded "
            + "before: that purchase, with Idempotency-Replayed: true; nothing moved",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PurchaseView.class)))
    @APIResponse(responseCode = "400", description = ApiDocs.BAD_KEYED_BODY + "; also a price without its currency "
            + "or the reverse, or neither an account nor a request (" + ApiDocs.BAD_KEYED_BODY_SLUGS + ")")
    @APIResponse(responseCode = "403", description = "Not the billing backend (billing-client-required)")
    @APIResponse(responseCode = "404", description = "No such org, member or top-up request (org-not-found, "
            + "member-not-found, top-up-request-not-found)")
    @APIResponse(responseCode = "409", description = "The payment reference was recorded for another account, amount "
            + "or request; the request is for another account or amount, or was declined or completed; the member "
            + "left; or a request with this Idempotency-Key is still in progress (payment-reference-conflict, "
            + "top-up-request-mismatch, top-up-request-settled, member-inactive, idempotency-key-in-use)")
    @APIResponse(responseCode = "422", description = ApiDocs.KEY_REUSED)
    public Uni<Response> record(
            @Parameter(name = IdempotencyKeys.HEADER, in = ParameterIn.HEADER, required = true,
                    description = ApiDocs.KEY, example = ApiDocs.KEY_EXAMPLE, schema = @Schema(type = SchemaType.STRING,
                            minLength = 1, maxLength = 200, pattern = ApiDocs.KEY_PATTERN))
            @HeaderParam(IdempotencyKeys.HEADER) String key,
            @Valid @NotNull PurchaseBody body) {
        return purchases.record(Caller.of(token), key, PurchaseMapping.command(body)).map(o -> {
            // A replay, by key or by payment reference, is 200: only the first recording created anything.
            boolean again = o.replayed() || o.value().existing();
            return Replies.of(new Outcome<>(PurchaseMapping.dto(o.value()), again), again ? 200 : 201);
        });
    }
}
