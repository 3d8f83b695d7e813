package dev.teamcredits.ledger.rest;

import dev.teamcredits.common.idempotency.IdempotencyKeys;
import dev.teamcredits.common.rest.Replies;
import dev.teamcredits.common.security.Caller;
import dev.teamcredits.ledger.rest.mapping.LedgerMapping;
import dev.teamcredits.ledger.service.CycleService;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Closing an org's billing cycle by hand (operators). */
@Path("/v1/orgs/{orgId}/cycles/close")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Org credits")
@APIResponse(responseCode = "404", description = "No such org, or the caller is not a member (org-not-found)")
public class CycleResource {

    private final CycleService cycles;
    private final JsonWebToken token;

    public CycleResource(CycleService cycles, JsonWebToken token) {
        this.cycles = cycles;
        this.token = token;
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Close the org's current billing cycle now (operator clients only)")
    @APIResponse(responseCode = "200", description = "Closed; the new cycle")
    @APIResponse(responseCode = "403", description = "Not an operator client (operator-required)")
    @APIResponse(responseCode = "409", description = "The named cycle is no longer current (cycle-already-closed)")
    public Uni<Response> closeCycle(@PathParam("orgId") String orgId,
            @Parameter(description = OrgIds.KEY_DOC) @HeaderParam(IdempotencyKeys.HEADER) String key,
            @Parameter(description = "Only close if this (yyyy-mm-dd) is still the current cycle's start")
            @QueryParam("cycleStart") String cycleStart) {
        return cycles.closeNow(Caller.of(token), key, OrgIds.org(orgId), QueryParams.date(cycleStart))
                .map(o -> Replies.of(o.map(LedgerMapping::dto), 200));
    }
}
