package dev.teamcredits.ledger.rest;

import dev.teamcredits.common.rest.PathIds;
import dev.teamcredits.common.security.Caller;
import dev.teamcredits.ledger.rest.dto.RecurringAllocationRequest;
import dev.teamcredits.ledger.rest.mapping.LedgerMapping;
import dev.teamcredits.ledger.service.LedgerProblems;
import dev.teamcredits.ledger.service.RecurringAllocationService;
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

@Path("/v1/orgs/{orgId}/members/{userId}/recurring-allocation")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Org credits")
@APIResponse(responseCode = "403", description = "Caller is not an admin (admin-required)")
@APIResponse(responseCode = "404", description = "No such org or member (org-not-found, member-not-found)")
public class RecurringAllocationResource {

    private final RecurringAllocationService allocations;
    private final JsonWebToken token;

    public RecurringAllocationResource(RecurringAllocationService allocations, JsonWebToken token) {
        this.allocations = allocations;
        this.token = token;
    }

    @PUT
    @Operation(summary = "Each cycle start, top the member up to N from the pool, or add N (admin)")
    @APIResponse(responseCode = "200", description = "The allocation")
    public Uni<RecurringAllocationRequest> put(@PathParam("orgId") String orgId, @PathParam("userId") String userId,
            @Valid @NotNull RecurringAllocationRequest request) {
        return allocations.put(Caller.of(token), PathIds.parse(orgId, LedgerProblems::orgNotFound), userId,
                LedgerMapping.allocation(request)).map(LedgerMapping::dto);
    }

    @DELETE
    @Operation(summary = "Stop the member's recurring allocation (admin)")
    @APIResponse(responseCode = "204", description = "Removed")
    public Uni<Void> delete(@PathParam("orgId") String orgId, @PathParam("userId") String userId) {
        return allocations.delete(Caller.of(token), PathIds.parse(orgId, LedgerProblems::orgNotFound), userId);
    }
}
