package dev.teamcredits.ledger.rest;

import dev.teamcredits.common.rest.PathIds;
import dev.teamcredits.common.security.Caller;
import dev.teamcredits.ledger.rest.dto.AutoTopUpRequest;
import dev.teamcredits.ledger.rest.mapping.LedgerMapping;
import dev.teamcredits.ledger.service.AutoTopUpService;
import dev.teamcredits.ledger.service.LedgerProblems;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/v1/orgs/{orgId}/accounts/{account}/auto-top-up")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Org credits")
@APIResponse(responseCode = "403", description = "Caller is not an admin (admin-required)")
@APIResponse(responseCode = "404", description = "No such org or member (org-not-found, member-not-found)")
public class AutoTopUpResource {

    private final AutoTopUpService autoTopUps;
    private final JsonWebToken token;

    public AutoTopUpResource(AutoTopUpService autoTopUps, JsonWebToken token) {
        this.autoTopUps = autoTopUps;
        this.token = token;
    }

    @PUT
    @Operation(summary = "Refill an account (pool or a member's user id) when its available credits drop below a threshold (admin)")
    @APIResponse(responseCode = "200", description = "The auto top-up")
    public Uni<AutoTopUpRequest> put(@PathParam("orgId") String orgId, @PathParam("account") String account,
            @Valid @NotNull AutoTopUpRequest request) {
        return autoTopUps.put(Caller.of(token), PathIds.parse(orgId, LedgerProblems::orgNotFound), account,
                LedgerMapping.setting(request)).map(LedgerMapping::dto);
    }

    @DELETE
    @Operation(summary = "Turn an account's auto top-up off (admin)")
    @APIResponse(responseCode = "204", description = "Removed")
    public Uni<Void> delete(@PathParam("orgId") String orgId, @PathParam("account") String account) {
        return autoTopUps.delete(Caller.of(token), PathIds.parse(orgId, LedgerProblems::orgNotFound), account);
    }
}
