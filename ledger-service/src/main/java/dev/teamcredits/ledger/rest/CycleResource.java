package dev.teamcredits.ledger.rest;

import dev.teamcredits.common.idempotency.IdempotencyKeys;
import dev.teamcredits.common.rest.Replies;
import dev.teamcredits.common.security.Caller;
import dev.teamcredits.ledger.rest.dto.CycleCloseResponse;
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
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Closing an org's billing cycle by hand (operators). */
@Path("/v1/orgs/{orgId}/cycles/close")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = ApiDocs.OPERATIONS)
public class CycleResource {

    private final CycleService cycles;
    private final JsonWebToken token;

    public CycleResource(CycleService cycles, JsonWebToken token) {
        this.cycles = cycles;
        this.token = token;
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Operation(operationId = "closeCycle", summary = "Close the org's current billing cycle now (operator clients only)",
            description = "Expires or rolls over the cycle's subscription credits, allocates the next cycle's and "
                    + "applies recurring allocations, as the scheduled close would. No body.")
    @APIResponse(responseCode = "200", description = "Closed (or, with Idempotency-Replayed: true, the first close of "
            + "this key again); the new cycle", content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = CycleCloseResponse.class)))
    @APIResponse(responseCode = "400", description = "cycleStart is not a yyyy-mm-dd date; a missing, repeated or "
            + "invalid Idempotency-Key; or a NUL in the path or query (invalid-date, idempotency-key-required, "
            + "invalid-idempotency-key, malformed-request)")
    @APIResponse(responseCode = "403", description = ApiDocs.OPERATOR_REQUIRED)
    @APIResponse(responseCode = "404", description = "No such org (org-not-found)")
    @APIResponse(responseCode = "409", description = "The named cycle is no longer current, or a request with this "
            + "Idempotency-Key is still in progress (cycle-already-closed, idempotency-key-in-use)")
    @APIResponse(responseCode = "422", description = ApiDocs.KEY_REUSED)
    public Uni<Response> closeCycle(
            @Parameter(description = ApiDocs.ORG_ID, schema = @Schema(type = SchemaType.STRING, format = "uuid"))
            @PathParam("orgId") String orgId,
            @Parameter(name = IdempotencyKeys.HEADER, in = ParameterIn.HEADER, required = true,
                    description = ApiDocs.KEY, example = ApiDocs.KEY_EXAMPLE, schema = @Schema(type = SchemaType.STRING,
                            minLength = 1, maxLength = 200, pattern = ApiDocs.KEY_PATTERN))
            @HeaderParam(IdempotencyKeys.HEADER) String key,
            @Parameter(description = "Only close if this is still the current cycle's start (a retry after a "
                    + "successful close then answers 409 instead of closing the next cycle)",
                    schema = @Schema(type = SchemaType.STRING, format = "date"))
            @QueryParam("cycleStart") String cycleStart) {
        return cycles.closeNow(Caller.of(token), key, OrgIds.org(orgId), QueryParams.date(cycleStart))
                .map(o -> Replies.of(o.map(LedgerMapping::dto), 200));
    }
}
