package dev.teamcredits.ledger.rest;

import dev.teamcredits.common.idempotency.IdempotencyKeys;
import dev.teamcredits.common.rest.Replies;
import dev.teamcredits.common.security.Caller;
import dev.teamcredits.ledger.rest.dto.OrgTopUpRequestBody;
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

/** An org admin asks to buy credits for the pool or a member balance; the billing backend gets the request. */
@Path("/v1/orgs/{orgId}/top-up-requests")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Buying credits")
@APIResponse(responseCode = "404", description = "No such org, or the caller is not a member (org-not-found)")
public class TopUpRequestResource {

    private final TopUpRequestService requests;
    private final JsonWebToken token;

    public TopUpRequestResource(TopUpRequestService requests, JsonWebToken token) {
        this.requests = requests;
        this.token = token;
    }

    @POST
    @Operation(summary = "Ask to buy credits for the pool or a member balance (admin); no credits move until the "
            + "billing backend completes the request with a purchase")
    @APIResponse(responseCode = "202", description = "Requested: status awaiting-payment")
    @APIResponse(responseCode = "403", description = "Caller is not an admin (admin-required)")
    @APIResponse(responseCode = "409", description = "The account has too many requests awaiting payment "
            + "(too-many-open-top-up-requests)")
    public Uni<Response> request(@PathParam("orgId") String orgId,
            @Parameter(description = OrgIds.KEY_DOC) @HeaderParam(IdempotencyKeys.HEADER) String key,
            @Valid @NotNull OrgTopUpRequestBody body) {
        return requests.requestForOrg(Caller.of(token), key, OrgIds.org(orgId), body.amount(), body.account())
                .map(o -> Replies.of(o.map(PurchaseMapping::dto), 202));
    }
}
