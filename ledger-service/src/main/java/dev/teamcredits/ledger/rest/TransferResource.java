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
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Transfers between the pool and member balances, their previews and reversals. */
@Path("/v1/orgs/{orgId}/transfers")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Org credits")
@APIResponse(responseCode = "404", description = "No such org, or the caller is not a member (org-not-found)")
@APIResponse(responseCode = "403", description = "Caller is not an admin (admin-required)")
public class TransferResource {

    private final TransferService transfers;
    private final JsonWebToken token;

    public TransferResource(TransferService transfers, JsonWebToken token) {
        this.transfers = transfers;
        this.token = token;
    }

    @POST
    @Operation(summary = "Move credits between the pool and member balances (admin); returns both balances after")
    @APIResponse(responseCode = "201", description = "Transferred")
    @APIResponse(responseCode = "409", description = "The source has fewer available credits (insufficient-available-credits)")
    @APIResponse(responseCode = "422", description = "Same source and destination, or Idempotency-Key reused")
    public Uni<Response> transfer(@PathParam("orgId") String orgId,
            @Parameter(description = OrgIds.KEY_DOC) @HeaderParam(IdempotencyKeys.HEADER) String key,
            @Valid @NotNull TransferRequest request) {
        return transfers.transfer(Caller.of(token), key, OrgIds.org(orgId), LedgerMapping.command(request))
                .map(o -> Replies.of(o.map(LedgerMapping::dto), 201));
    }

    @POST
    @Path("preview")
    @Operation(summary = "Dry run of a transfer: both balances after, nothing changes (admin)")
    @APIResponse(responseCode = "200", description = "What the transfer would do")
    @APIResponse(responseCode = "409", description = "The source has fewer available credits (insufficient-available-credits)")
    @APIResponse(responseCode = "422", description = "Same source and destination")
    public Uni<TransferResponse> preview(@PathParam("orgId") String orgId, @Valid @NotNull TransferRequest request) {
        return transfers.preview(Caller.of(token), OrgIds.org(orgId), LedgerMapping.command(request))
                .map(LedgerMapping::dto);
    }

    @POST
    @Path("{transactionId}/reversal")
    @Operation(summary = "Claw back (part of) a transfer: a new transfer the other way, linked to it (admin)")
    @APIResponse(responseCode = "201", description = "Reversed")
    @APIResponse(responseCode = "409", description = "More than is left to reverse (reversal-exceeds-transfer), the "
            + "recipient has fewer available credits, a system transfer or a reversal (transfer-not-reversible), or "
            + "an account of someone who left (member-inactive)")
    public Uni<Response> reverse(@PathParam("orgId") String orgId, @PathParam("transactionId") String transactionId,
            @Parameter(description = OrgIds.KEY_DOC) @HeaderParam(IdempotencyKeys.HEADER) String key,
            @Valid @NotNull ReversalRequest request) {
        return transfers.reverse(Caller.of(token), key, OrgIds.org(orgId), OrgIds.transfer(transactionId),
                LedgerMapping.command(request)).map(o -> Replies.of(o.map(LedgerMapping::dto), 201));
    }
}
