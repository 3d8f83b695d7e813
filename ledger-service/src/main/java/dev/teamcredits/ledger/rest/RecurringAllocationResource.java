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
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/v1/orgs/{orgId}/members/{userId}/recurring-allocation")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = ApiDocs.ORG_CREDITS)
public class RecurringAllocationResource {

    private final RecurringAllocationService allocations;
    private final JsonWebToken token;

    public RecurringAllocationResource(RecurringAllocationService allocations, JsonWebToken token) {
        this.allocations = allocations;
        this.token = token;
    }

    @PUT
    @Operation(operationId = "setRecurringAllocation", summary = "Give a member credits from the pool at each cycle "
            + "start (admin)", description = "TOP_UP_TO tops the member balance up to amount; ADD adds amount. "
                    + "Replaces the member's setting.")
    @APIResponse(responseCode = "200", description = "The recurring allocation as set")
    @APIResponse(responseCode = "400", description = ApiDocs.BAD_BODY)
    @APIResponse(responseCode = "403", description = ApiDocs.ADMIN_REQUIRED)
    @APIResponse(responseCode = "404", description = "No such org, or the caller is not a member; or userId is no "
            + "active member (org-not-found, member-not-found)")
    public Uni<RecurringAllocationRequest> put(
            @Parameter(description = ApiDocs.ORG_ID, schema = @Schema(type = SchemaType.STRING, format = "uuid"))
            @PathParam("orgId") String orgId,
            @Parameter(description = "The member's user id") @PathParam("userId") String userId,
            @Valid @NotNull RecurringAllocationRequest request) {
        return allocations.put(Caller.of(token), PathIds.parse(orgId, LedgerProblems::orgNotFound), userId,
                LedgerMapping.allocation(request)).map(LedgerMapping::dto);
    }

    @DELETE
    @Operation(operationId = "deleteRecurringAllocation", summary = "Stop a member's recurring allocation (admin)")
    @APIResponse(responseCode = "204", description = "Stopped (also when there was none)")
    @APIResponse(responseCode = "403", description = ApiDocs.ADMIN_REQUIRED)
    @APIResponse(responseCode = "404", description = ApiDocs.ORG_NOT_FOUND)
    public Uni<Void> delete(
            @Parameter(description = ApiDocs.ORG_ID, schema = @Schema(type = SchemaType.STRING, format = "uuid"))
            @PathParam("orgId") String orgId,
            @Parameter(description = "The member's user id") @PathParam("userId") String userId) {
        return allocations.delete(Caller.of(token), PathIds.parse(orgId, LedgerProblems::orgNotFound), userId);
    }
}
