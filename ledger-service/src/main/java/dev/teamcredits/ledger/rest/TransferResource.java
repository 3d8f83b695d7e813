package dev.teamcredits.ledger.rest;

import dev.teamcredits.common.idempotency.IdempotencyKeys;
import dev.teamcredits.common.rest.Replies;
import dev.teamcredits.common.security.Caller;
import dev.teamcredits.ledger.rest.dto.ReversalRequest;
import dev.teamcredits.ledger.rest.dto.TransferRequest;
import dev.teamcredits.ledger.rest.dto.TransferResponse;
import dev.teamcredits.ledger.rest.mapping.LedgerMapping;
import dev.teamcredits.ledger.service.TransferService;
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

/** Transfers between the pool and member balances, their previews and reversals. */
@Path("/v1/orgs/{orgId}/transfers")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = ApiDocs.ORG_CREDITS)
public class TransferResource {

    private final TransferService transfers;
    private final JsonWebToken token;

    public TransferResource(TransferService transfers, JsonWebToken token) {
        this.transfers = transfers;
        this.token = token;
    }

    @POST
    @Operation(operationId = "createTransfer", summary = "Move credits between the pool and member balances (admin)",
            description = "from and to are `pool` or an active member's user id; answers both balances after.")
    @APIResponse(responseCode = "201", description = "Transferred (or, with Idempotency-Replayed: true, the first "
            + "transfer of this key again)", content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = TransferResponse.class)))
    @APIResponse(responseCode = "400", description = ApiDocs.BAD_KEYED_BODY + " (" + ApiDocs.BAD_KEYED_BODY_SLUGS + ")")
    @APIResponse(responseCode = "403", description = ApiDocs.ADMIN_REQUIRED)
    @APIResponse(responseCode = "404", description = "No such org, or the caller is not a member; or from or to names "
            + "no active member (org-not-found, member-not-found)")
    @APIResponse(responseCode = "409", description = "The source has fewer available credits; nothing moved; or a "
            + "request with this Idempotency-Key is still in progress (insufficient-available-credits, "
            + "idempotency-key-in-use)")
    @APIResponse(responseCode = "422", description = "Same source and destination, or the Idempotency-Key was used "
            + "with another request (same-account, idempotency-key-reused)")
    public Uni<Response> transfer(
            @Parameter(description = ApiDocs.ORG_ID, schema = @Schema(type = SchemaType.STRING, format = "uuid"))
            @PathParam("orgId") String orgId,
            @Parameter(name = IdempotencyKeys.HEADER, in = ParameterIn.HEADER, required = true,
                    description = ApiDocs.KEY, example = ApiDocs.KEY_EXAMPLE, schema = @Schema(type = SchemaType.STRING,
                            minLength = 1, maxLength = 200, pattern = ApiDocs.KEY_PATTERN))
            @HeaderParam(IdempotencyKeys.HEADER) String key,
            @Valid @NotNull TransferRequest request) {
        return transfers.transfer(Caller.of(token), key, OrgIds.org(orgId), LedgerMapping.command(request))
                .map(o -> Replies.of(o.map(LedgerMapping::dto), 201));
    }

    @POST
    @Path("preview")
    @Operation(operationId = "previewTransfer", summary = "Dry run of a transfer: both balances after, nothing "
            + "changes (admin)", description = "The same checks and numbers as the transfer; nothing is written, so it "
                    + "takes no Idempotency-Key.")
    @APIResponse(responseCode = "200", description = "What the transfer would do (transactionId null, preview true)")
    @APIResponse(responseCode = "400", description = ApiDocs.BAD_BODY)
    @APIResponse(responseCode = "403", description = ApiDocs.ADMIN_REQUIRED)
    @APIResponse(responseCode = "404", description = "No such org, or the caller is not a member; or from or to names "
            + "no active member (org-not-found, member-not-found)")
    @APIResponse(responseCode = "409", description = "The source has fewer available credits "
            + "(insufficient-available-credits)")
    @APIResponse(responseCode = "422", description = "Same source and destination (same-account)")
    public Uni<TransferResponse> preview(
            @Parameter(description = ApiDocs.ORG_ID, schema = @Schema(type = SchemaType.STRING, format = "uuid"))
            @PathParam("orgId") String orgId,
            @Valid @NotNull TransferRequest request) {
        return transfers.preview(Caller.of(token), OrgIds.org(orgId), LedgerMapping.command(request))
                .map(LedgerMapping::dto);
    }

    @POST
    @Path("{transactionId}/reversal")
    @Operation(operationId = "reverseTransfer", summary = "Claw back (part of) a transfer (admin)",
            description = "A new transfer the other way, linked to the original; never more than what is left of it. "
                    + "Only transfers an admin made can be reversed, and never into or out of a former member's account.")
    @APIResponse(responseCode = "201", description = "Reversed (or, with Idempotency-Replayed: true, the first "
            + "reversal of this key again)", content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = TransferResponse.class)))
    @APIResponse(responseCode = "400", description = ApiDocs.BAD_KEYED_BODY + " (" + ApiDocs.BAD_KEYED_BODY_SLUGS + ")")
    @APIResponse(responseCode = "403", description = ApiDocs.ADMIN_REQUIRED)
    @APIResponse(responseCode = "404", description = "No such org, or the caller is not a member; or no such transfer "
            + "in the org (org-not-found, transfer-not-found)")
    @APIResponse(responseCode = "409", description = "More than is left to reverse; the recipient has fewer available "
            + "credits; a sweep, recurring allocation or reversal; an account of someone who left; or a request with "
            + "this Idempotency-Key is still in progress (reversal-exceeds-transfer, insufficient-available-credits, "
            + "transfer-not-reversible, member-inactive, idempotency-key-in-use)")
    @APIResponse(responseCode = "422", description = ApiDocs.KEY_REUSED)
    public Uni<Response> reverse(
            @Parameter(description = ApiDocs.ORG_ID, schema = @Schema(type = SchemaType.STRING, format = "uuid"))
            @PathParam("orgId") String orgId,
            @Parameter(description = "The transfer's transaction id (a UUID; anything else is 404 transfer-not-found)",
                    schema = @Schema(type = SchemaType.STRING, format = "uuid"))
            @PathParam("transactionId") String transactionId,
            @Parameter(name = IdempotencyKeys.HEADER, in = ParameterIn.HEADER, required = true,
                    description = ApiDocs.KEY, example = ApiDocs.KEY_EXAMPLE, schema = @Schema(type = SchemaType.STRING,
                            minLength = 1, maxLength = 200, pattern = ApiDocs.KEY_PATTERN))
            @HeaderParam(IdempotencyKeys.HEADER) String key,
            @Valid @NotNull ReversalRequest request) {
        return transfers.reverse(Caller.of(token), key, OrgIds.org(orgId), OrgIds.transfer(transactionId),
                LedgerMapping.command(request)).map(o -> Replies.of(o.map(LedgerMapping::dto), 201));
    }
}
