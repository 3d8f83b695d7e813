package dev.teamcredits.team.rest;

import dev.teamcredits.common.security.Caller;
import dev.teamcredits.team.rest.dto.InvitationResponse;
import dev.teamcredits.team.rest.mapping.TeamMapping;
import dev.teamcredits.team.service.InvitationService;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
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
    @Operation(operationId = "listMyInvitations", summary = "Open invitations addressed to the caller's email",
            description = "Pending and not expired, across orgs, oldest first; a service token has none.")
    @APIResponse(responseCode = "200", description = "The invitations")
    @APIResponse(responseCode = "400", description = TeamOpenApi.BAD_REQUEST)
    public Uni<List<InvitationResponse>> myInvitations() {
        return invitations.mine(Caller.of(token)).map(all -> all.stream().map(TeamMapping::dto).toList());
    }
}
