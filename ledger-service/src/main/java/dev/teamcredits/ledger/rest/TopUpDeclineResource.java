package dev.teamcredits.ledger.rest;

import dev.teamcredits.common.idempotency.IdempotencyKeys;
import dev.teamcredits.common.rest.Replies;
import dev.teamcredits.common.security.Caller;
import dev.teamcredits.ledger.rest.dto.DeclineBody;
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
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The billing backend declines a top-up request it could not take the payment for. */
@Path("/v1/top-up-requests/{requestId}/decline")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Billing backend")
public class TopUpDeclineResource {

    private final TopUpRequestService requests;
    private final JsonWebToken token;

    public TopUpDeclineResource(TopUpRequestService requests, JsonWebToken token) {
        this.requests = requests;
        this.token = token;
    }

    @POST
    @Operation(summary = "Decline a top-up request, with a reason for the requester (billing backend only)")
    @APIResponse(responseCode = "200", description = "Declined (or already declined: the request as it is)")
    @APIResponse(responseCode = "403", description = "Not the billing backend (billing-client-required)")
    @APIResponse(responseCode = "404", description = "No such request (top-up-request-not-found)")
    @APIResponse(responseCode = "409", description = "Already completed or expired (top-up-request-settled)")
    public Uni<Response> decline(@PathParam("requestId") String requestId,
            @Parameter(description = OrgIds.KEY_DOC) @HeaderParam(IdempotencyKeys.HEADER) String key,
            @Valid @NotNull DeclineBody body) {
        return requests.decline(Caller.of(token), key, OrgIds.topUpRequest(requestId), body.reason())
                .map(o -> Replies.of(o.map(PurchaseMapping::dto), 200));
    }
}
