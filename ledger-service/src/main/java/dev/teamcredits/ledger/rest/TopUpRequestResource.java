package dev.teamcredits.ledger.rest;

import dev.teamcredits.common.idempotency.IdempotencyKeys;
import dev.teamcredits.common.rest.Replies;
import dev.teamcredits.common.security.Caller;
import dev.teamcredits.ledger.rest.dto.OrgTopUpRequestBody;
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

/** An org admin asks to buy credits for the pool or a member balance; the billing backend gets the request. */
@Path("/v1/orgs/{orgId}/top-up-requests")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = ApiDocs.BUYING_CREDITS)
public class TopUpRequestResource {

    private final TopUpRequestService requests;
    private final JsonWebToken token;

    public TopUpRequestResource(TopUpRequestService requests, JsonWebToken token) {
        this.requests = requests;
        this.token = token;
    }

    @POST
    @Operation(operationId = "requestTopUp", summary = "Ask to buy credits for the pool or a member balance (admin)",
            description = "No credits move until the billing backend completes the request with a purchase; it may "
                    + "decline it, and unsettled it expires (ledger.top-ups.request-ttl).")
    @APIResponse(responseCode = "202", description = "Requested: status awaiting-payment (or, with "
            + "Idempotency-Replayed: true, the first request of this key again)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = TopUpRequestView.class)))
    @APIResponse(responseCode = "400", description = ApiDocs.BAD_KEYED_BODY + " (" + ApiDocs.BAD_KEYED_BODY_SLUGS + ")")
    @APIResponse(responseCode = "403", description = ApiDocs.ADMIN_REQUIRED)
    @APIResponse(responseCode = "404", description = "No such org, or the caller is not a member; or the account names "
            + "no active member (org-not-found, member-not-found)")
    @APIResponse(responseCode = "409", description = "The account has too many requests awaiting payment "
            + "(ledger.top-ups.max-open-per-account), or a request with this Idempotency-Key is still in progress "
            + "(too-many-open-top-up-requests, idempotency-key-in-use)")
    @APIResponse(responseCode = "422", description = ApiDocs.KEY_REUSED)
    public Uni<Response> request(
            @Parameter(description = ApiDocs.ORG_ID, schema = @Schema(type = SchemaType.STRING, format = "uuid"))
            @PathParam("orgId") String orgId,
            @Parameter(name = IdempotencyKeys.HEADER, in = ParameterIn.HEADER, required = true,
                    description = ApiDocs.KEY, example = ApiDocs.KEY_EXAMPLE, schema = @Schema(type = SchemaType.STRING,
                            minLength = 1, maxLength = 200, pattern = ApiDocs.KEY_PATTERN))
            @HeaderParam(IdempotencyKeys.HEADER) String key,
            @Valid @NotNull OrgTopUpRequestBody body) {
        return requests.requestForOrg(Caller.of(token), key, OrgIds.org(orgId), body.amount(), body.account())
                .map(o -> Replies.of(o.map(PurchaseMapping::dto), 202));
    }
}
