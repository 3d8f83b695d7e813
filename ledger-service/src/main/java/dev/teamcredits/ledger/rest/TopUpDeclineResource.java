package dev.teamcredits.ledger.rest;

import dev.teamcredits.common.idempotency.IdempotencyKeys;
import dev.teamcredits.common.rest.Replies;
import dev.teamcredits.common.security.Caller;
import dev.teamcredits.ledger.rest.dto.DeclineBody;
import dev.teamcredits.ledger.rest.dto.TopUpRequestView;
import dev.teamcredits.ledger.rest.mapping.PurchaseMapping;
import dev.teamcredits.ledger.service.TopUpRequestService;
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
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The billing backend declines a top-up request it could not take the payment for. */
@Path("/v1/top-up-requests/{requestId}/decline")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = ApiDocs.BILLING_BACKEND)
public class TopUpDeclineResource {

    private final TopUpRequestService requests;
    private final JsonWebToken token;

    public TopUpDeclineResource(TopUpRequestService requests, JsonWebToken token) {
        this.requests = requests;
        this.token = token;
    }

    @POST
    @Operation(operationId = "declineTopUpRequest", summary = "Decline a top-up request, with a reason for the "
            + "requester (billing backend only)", description = "Only a request awaiting payment can be declined; the "
                    + "requester (and, for an org account, its admins) is told the reason.")
    @APIResponse(responseCode = "200", description = "Declined (or, with Idempotency-Replayed: true, the first decline "
            + "of this key again)", content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = TopUpRequestView.class)))
    @APIResponse(responseCode = "400", description = ApiDocs.BAD_KEYED_BODY + " (" + ApiDocs.BAD_KEYED_BODY_SLUGS + ")")
    @APIResponse(responseCode = "403", description = "Not the billing backend (billing-client-required)")
    @APIResponse(responseCode = "404", description = "No such request (top-up-request-not-found)")
    @APIResponse(responseCode = "409", description = "Already declined, completed or expired, or a request with this "
            + "Idempotency-Key is still in progress (top-up-request-settled, idempotency-key-in-use)")
    @APIResponse(responseCode = "422", description = ApiDocs.KEY_REUSED)
    public Uni<Response> decline(
            @Parameter(description = "The top-up request's id (a UUID; anything else is 404 top-up-request-not-found)",
                    schema = @Schema(type = SchemaType.STRING, format = "uuid"))
            @PathParam("requestId") String requestId,
            @Parameter(name = IdempotencyKeys.HEADER, in = ParameterIn.HEADER, required = true,
                    description = ApiDocs.KEY, example = ApiDocs.KEY_EXAMPLE, schema = @Schema(type = SchemaType.STRING,
                            minLength = 1, maxLength = 200, pattern = ApiDocs.KEY_PATTERN))
            @HeaderParam(IdempotencyKeys.HEADER) String key,
            @Valid @NotNull DeclineBody body) {
        return requests.decline(Caller.of(token), key, OrgIds.topUpRequest(requestId), body.reason())
                .map(o -> Replies.of(o.map(PurchaseMapping::dto), 200));
    }
}
