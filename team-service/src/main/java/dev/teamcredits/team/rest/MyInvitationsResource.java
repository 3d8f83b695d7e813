package dev.teamcredits.team.rest;

import dev.teamcredits.common.rest.Cursors;
import dev.teamcredits.common.security.Caller;
import dev.teamcredits.team.rest.dto.InvitationPage;
import dev.teamcredits.team.rest.mapping.TeamMapping;
import dev.teamcredits.team.service.InvitationService;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The open invitations addressed to the caller's email, across orgs. */
@Path("/v1/me/invitations")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = TeamOpenApi.ME)
public class MyInvitationsResource {

    private final InvitationService invitations;
    private final JsonWebToken token;

    public MyInvitationsResource(InvitationService invitations, JsonWebToken token) {
        this.invitations = invitations;
        this.token = token;
    }

    @GET
    @Operation(operationId = "listMyInvitations",
            summary = "List the open invitations addressed to the caller's email",
            description = "Pending and not expired, across orgs, oldest first. A service token has no email: an "
                    + "empty list.")
    @APIResponse(responseCode = "200", description = "A page of open invitations; pass nextCursor as cursor for "
            + "the next one")
    @APIResponse(responseCode = "400", description = TeamOpenApi.BAD_PAGE)
    public Uni<InvitationPage> list(
            @Parameter(description = TeamOpenApi.CURSOR) @QueryParam("cursor") String cursor,
            @Parameter(description = TeamOpenApi.LIMIT, schema = @Schema(type = SchemaType.INTEGER, format = "int32",
                    minimum = "1", maximum = "200", defaultValue = "50"))
            @QueryParam("limit") @DefaultValue("50") String limit) {
        return invitations.mine(Caller.of(token), cursor, Cursors.limit(limit, TeamOpenApi.MAX_LIMIT))
                .map(TeamMapping::invitations);
    }
}
