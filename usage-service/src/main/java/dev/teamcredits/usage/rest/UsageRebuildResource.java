package dev.teamcredits.usage.rest;

import dev.teamcredits.common.security.Caller;
import dev.teamcredits.usage.rest.dto.RebuildStarted;
import dev.teamcredits.usage.service.RebuildService;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The operators' rebuild of the usage projection from the topics. */
@Path("/v1/admin/usage/rebuild")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = UsageParams.OPERATIONS)
public class UsageRebuildResource {

    private final RebuildService rebuild;
    private final JsonWebToken token;

    public UsageRebuildResource(RebuildService rebuild, JsonWebToken token) {
        this.rebuild = rebuild;
        this.token = token;
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Operation(operationId = "rebuildUsage", summary = "Recompute the usage counters from the topics (operator "
            + "clients only)", description = "Recomputes, in the background, the counters of the cycles and days whose "
                    + "events are all still on ledger.events and team.events; older ones are kept as they are "
                    + "(keptBefore). No body. Each call starts a rebuild; the service takes no Idempotency-Key.")
    @APIResponse(responseCode = "202", description = "Replay started: which cycles and days are recomputed",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = RebuildStarted.class)))
    @APIResponse(responseCode = "403", description = "Not an operator client (operator-required)")
    public Uni<Response> rebuild() {
        return rebuild.rebuild(Caller.of(token)).map(started -> Response.accepted(
                new RebuildStarted(started.id(), started.keptBefore())).build());
    }
}
